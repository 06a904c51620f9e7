import { PERSON_ID_PATTERN } from '../../contracts/ids';
import { VetoBody } from '../../contracts/api';
import { recordVeto } from '../../app/members/veto';
import { answer } from '../shared/answer';
import { actorOf, requireRole } from './auth';
import type { ApiDeps } from './deps';
import { parseBody, pathParam, type ApiRequest } from './request';

/**
 * POST /pool/members/{personId}/vetoes (M-VETO): the bureau records a one-vote-veto matter
 * whenever it arises; the use case (app/members/veto.ts) removes the member that day, frees
 * the seat and makes the organisational talk due. 201 with the removal; 200 for the same
 * veto posted again.
 */
export async function postVeto(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const personId = pathParam(req, 'personId', PERSON_ID_PATTERN);
  const veto = parseBody(req, VetoBody);
  const result = await recordVeto(deps, { personId, veto, by: { username: req.caller.username, actor: actorOf(req.caller) }, now: req.now });
  return answer('POST /pool/members/{personId}/vetoes', result.recorded ? 201 : 200, result);
}
