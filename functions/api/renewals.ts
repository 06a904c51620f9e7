import { PERSON_ID_PATTERN } from '../../contracts/ids';
import { RenewalBody } from '../../contracts/api';
import { renewMember } from '../../app/members/renew';
import { answer } from '../shared/answer';
import { actorOf, requireRole } from './auth';
import type { ApiDeps } from './deps';
import { parseBody, pathParam, type ApiRequest } from './request';

/**
 * POST /pool/members/{personId}/renewals (M-TERM): the bureau gives a member who passed the
 * summative review a new three-year term from `on` (app/members/renew.ts); the seat stays
 * theirs and their term no longer ends on the old date. 201 with the new term; 200 for the
 * same renewal posted again.
 */
export async function postRenewal(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const personId = pathParam(req, 'personId', PERSON_ID_PATTERN);
  const renewal = parseBody(req, RenewalBody);
  const result = await renewMember(deps, { personId, renewal, by: { username: req.caller.username, actor: actorOf(req.caller) }, now: req.now });
  return answer('POST /pool/members/{personId}/renewals', result.renewed ? 201 : 200, result);
}
