import { UNIT_CODE_PATTERN } from '../../contracts/ids';
import { UnitBody } from '../../contracts/api';
import { UNIT_TYPE_NAMES } from '../../domain/units/unit';
import { registerUnit } from '../../app/units/registry';
import type { UnitRecord } from '../../app/ports/units';
import { Forbidden } from '../../app/errors';
import { answer } from '../shared/answer';
import { actorOf, confinedUnit, requireRole } from './auth';
import type { ApiDeps } from './deps';
import { pageOf, parseBody, pathParam, type ApiRequest } from './request';

/** The unit registry: the bureau lists and registers units; a school reads its own entry. */

function unitView(u: UnitRecord) {
  return {
    code: u.code,
    name: u.name,
    type: u.type,
    typeName: UNIT_TYPE_NAMES[u.type],
    orgDeptManaged: u.orgDeptManaged,
    ...(u.group !== undefined ? { group: u.group } : {}),
    contacts: u.contacts,
    registeredAt: u.registeredAt,
    updatedAt: u.updatedAt,
    updatedBy: u.updatedBy,
  };
}

export async function listUnits(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'school');
  const own = confinedUnit(req.caller);
  if (own !== undefined) {
    const u = await deps.repos.units.get(own);
    return answer('GET /units', 200, { units: u ? [unitView(u)] : [] });
  }
  const page = await deps.repos.units.list(pageOf(req));
  return answer('GET /units', 200, { units: page.items.map(unitView), ...(page.cursor ? { cursor: page.cursor } : {}) });
}

export async function putUnit(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'school');
  if (!req.caller.roles.has('bureau')) throw new Forbidden('只有教育局可以登记或修改单位', 'only the bureau registers or changes units');
  const code = pathParam(req, 'unitCode', UNIT_CODE_PATTERN);
  const body = parseBody(req, UnitBody);
  const { unit, created } = await registerUnit(deps, { code, body, by: req.caller.username, actor: actorOf(req.caller), at: req.now.toISOString() });
  return answer('PUT /units/{unitCode}', created ? 201 : 200, { unit: unitView(unit), created });
}
