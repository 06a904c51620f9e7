import { answer } from '../shared/answer';
import { actorOf, requireRole } from './auth';
import { InspectionBody, InspectionCloseBody } from '../../contracts/inspection';
import { NOMINATION_ID_PATTERN, ROUND_ID_PATTERN } from '../../contracts/ids';
import { listInspections } from '../../app/selection/inspection/list';
import { recordInspection } from '../../app/selection/inspection/record';
import { closeInspection } from '../../app/selection/inspection/close';
import type { SelectionDeps } from './deps';
import { parseBody, pathParam, type ApiRequest } from './request';

/** 考察 (S-INSPECT): the 考察对象 and their records; the bureau records and closes, the approver may read. */

export async function getInspections(req: ApiRequest, deps: SelectionDeps) {
  requireRole(req.caller, 'bureau', 'approver');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  return answer('GET /rounds/{roundId}/inspections', 200, await listInspections(deps, roundId));
}

export async function putInspection(req: ApiRequest, deps: SelectionDeps) {
  requireRole(req.caller, 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const nominationId = pathParam(req, 'nominationId', NOMINATION_ID_PATTERN);
  const body = parseBody(req, InspectionBody);
  const { record, replaced } = await recordInspection(deps, {
    roundId, nominationId, body, by: req.caller.username, actor: actorOf(req.caller), at: req.now.toISOString(),
  });
  return answer('PUT /rounds/{roundId}/inspections/{nominationId}', replaced ? 200 : 201, { roundId, nominationId, inspection: record });
}

export async function postInspectionClose(req: ApiRequest, deps: SelectionDeps) {
  requireRole(req.caller, 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const body = parseBody(req, InspectionCloseBody);
  const closed = await closeInspection(deps, {
    roundId, by: req.caller.username, actor: actorOf(req.caller), at: req.now.toISOString(), ...(body.note !== undefined ? { note: body.note } : {}),
  });
  return answer('POST /rounds/{roundId}/inspections/close', 202, { roundId, ...closed });
}
