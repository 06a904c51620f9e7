import { ImportBody } from '../../contracts/api';
import { importFiled } from '../../app/members/import-filed';
import { answer } from '../shared/answer';
import { actorOf, requireRole } from './auth';
import type { ApiDeps } from './deps';
import { parseBody, type ApiRequest } from './request';

/**
 * POST /pool/imports (S-ORGLIST, X-LEGACY): the bureau enters a filed list as filed; the use
 * case (app/members/import-filed.ts) checks every entry, the caps, and files them all or
 * none. 201 with each entry's seat and verdict (for information); 200 when the same import
 * had already been filed.
 */
export async function postImport(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const body = parseBody(req, ImportBody);
  const result = await importFiled(deps, { body, by: { username: req.caller.username, actor: actorOf(req.caller) }, now: req.now });
  return answer('POST /pool/imports', result.recorded ? 201 : 200, result);
}
