import { PERSON_ID_PATTERN } from '../../contracts/ids';
import { RECORD_ROLES, recordRotation, recordTalk, recordTraining, type RecordCommand } from '../../app/members/record';
import type { RecordKind, UseCaseContext } from '../../app/ports';
import type { MemberRecord } from '../shared/repository';
import { answer } from '../shared/answer';
import type { AnswerBody } from '../../contracts/views';
import { actorOf, confinedUnit, requireRole } from './auth';
import type { ApiDeps } from './deps';
import { jsonBody, pathParam, type ApiRequest } from './request';

/**
 * POST /pool/members/{personId}/talks · /training · /rotations: who may (the role here, the
 * unit in the use case), the body to the use case (app/members/record.ts), 201 with the
 * record (a removed member's organisational talk included).
 */
type RecordUseCase = (deps: UseCaseContext, cmd: RecordCommand) => Promise<{ record: MemberRecord }>;

type RecordRoute = 'POST /pool/members/{personId}/talks' | 'POST /pool/members/{personId}/training' | 'POST /pool/members/{personId}/rotations';

function recordRoute(route: RecordRoute, kind: RecordKind, useCase: RecordUseCase) {
  return async (req: ApiRequest, deps: ApiDeps) => {
    requireRole(req.caller, ...RECORD_ROLES[kind]);
    const personId = pathParam(req, 'personId', PERSON_ID_PATTERN);
    const unit = confinedUnit(req.caller);
    const result = await useCase(deps, {
      personId,
      input: jsonBody(req),
      by: { username: req.caller.username, actor: actorOf(req.caller), ...(unit !== undefined ? { unit } : {}) },
      now: req.now,
    });
    // The record as its domain schema parsed it, with the repository's fields (the port types it as a bag).
    return answer(route, 201, result as AnswerBody<RecordRoute>);
  };
}

export const postTalk = recordRoute('POST /pool/members/{personId}/talks', 'talk', recordTalk);
export const postTraining = recordRoute('POST /pool/members/{personId}/training', 'training', recordTraining);
export const postRotation = recordRoute('POST /pool/members/{personId}/rotations', 'rotation', recordRotation);
