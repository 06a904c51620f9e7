import { PERSON_ID_PATTERN } from '../../contracts/ids';
import { parseEntity, readAudit } from '../../app/audit/read';
import { answer } from '../shared/answer';
import { requireRole } from './auth';
import type { ApiDeps } from './deps';
import { pageOf, pathParam, queryParam, type ApiRequest } from './request';

/**
 * The audit trail (bureau): GET /audit?entity=member/P… (any entity: round/…, review/…,
 * nomination/…) and GET /pool/members/{personId}/audit, oldest first, paged with ?limit and
 * ?cursor (app/audit/read.ts).
 */
export async function getAudit(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const page = pageOf(req);
  const entity = parseEntity(queryParam(req, 'entity'));
  return trail('GET /audit', entity, await readAudit(deps, entity, page));
}

export async function getMemberAudit(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const personId = pathParam(req, 'personId', PERSON_ID_PATTERN);
  const page = pageOf(req);
  const entity = `member/${personId}`;
  return trail('GET /pool/members/{personId}/audit', entity, await readAudit(deps, entity, page));
}

function trail(route: 'GET /audit' | 'GET /pool/members/{personId}/audit', entity: string, page: Awaited<ReturnType<typeof readAudit>>) {
  return answer(route, 200, { entity, entries: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) });
}
