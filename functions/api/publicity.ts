import { ROUND_ID_PATTERN } from '../../contracts/ids';
import { OBJECTION_ID_PATTERN, ObjectionBody, ResolveObjectionBody } from '../../contracts/publicity';
import { recordObjection, resolveObjection } from '../../app/selection/publicity/objections';
import { bureauView, publicView } from '../../app/selection/publicity/view';
import { answer } from '../shared/answer';
import { actorOf, requireRole } from './auth';
import type { PublicDeps, SelectionDeps } from './deps';
import { parseBody, pathParam, type ApiRequest } from './request';

/**
 * 公示 (S-PUBLICITY). `GET /publicity/{roundId}` is public — no sign-in, read-only, §7's fields
 * only — so anyone may read the list while it is published; everything else is the bureau's:
 * the page with the objections, recording one, resolving one with a reason.
 */
export async function getPublicity(req: ApiRequest, deps: PublicDeps) {
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  return answer('GET /publicity/{roundId}', 200, { publicity: await publicView(deps, roundId, req.now) }, { 'cache-control': 'public, max-age=60' });
}

export async function getObjections(req: ApiRequest, deps: SelectionDeps) {
  requireRole(req.caller, 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  return answer('GET /rounds/{roundId}/objections', 200, await bureauView(deps, roundId, req.now));
}

export async function postObjection(req: ApiRequest, deps: SelectionDeps) {
  requireRole(req.caller, 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const body = parseBody(req, ObjectionBody);
  const objection = await recordObjection(deps, { roundId, body, by: req.caller.username, actor: actorOf(req.caller), now: req.now });
  return answer('POST /rounds/{roundId}/objections', 201, { objection }, { location: `/rounds/${roundId}/objections/${objection.objectionId}` });
}

export async function putObjection(req: ApiRequest, deps: SelectionDeps) {
  requireRole(req.caller, 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const objectionId = pathParam(req, 'objectionId', OBJECTION_ID_PATTERN);
  const body = parseBody(req, ResolveObjectionBody);
  return answer('PUT /rounds/{roundId}/objections/{objectionId}', 200, await resolveObjection(deps, { roundId, objectionId, body, by: req.caller.username, actor: actorOf(req.caller), now: req.now }));
}
