import type { UnitBody } from '../../contracts/api';
import type { Unit } from '../../domain/units/unit';
import { Unprocessable } from '../errors';
import type { UseCaseContext } from '../ports';
import type { UnitRecord } from '../ports/units';

/**
 * The unit registry (S-ORGLIST, E-OFFICE, X-UNITS): the bureau registers each unit once —
 * its name, its type, whether the District Organization Department manages its cadres, its
 * school group, its contacts — and every upload link is checked against it: a unit code the
 * registry does not know is refused (UNIT_UNKNOWN), never guessed at.
 */

export interface RegisterUnit {
  code: string;
  body: UnitBody;
  by: string;
  actor: string;
  at: string;
}

/** Creates or replaces a unit (PUT); audited with what changed. */
export async function registerUnit(ctx: UseCaseContext, cmd: RegisterUnit): Promise<{ unit: UnitRecord; created: boolean }> {
  const previous = await ctx.repos.units.get(cmd.code);
  const unit: UnitRecord = {
    code: cmd.code,
    name: cmd.body.name,
    type: cmd.body.type,
    orgDeptManaged: cmd.body.orgDeptManaged,
    ...(cmd.body.group !== undefined ? { group: cmd.body.group } : {}),
    contacts: cmd.body.contacts.map((c) => ({ ...c })),
    registeredAt: previous?.registeredAt ?? cmd.at,
    updatedAt: cmd.at,
    updatedBy: cmd.by,
  };
  const { created } = await ctx.repos.units.put(unit);
  await ctx.audit.append({
    entity: `unit/${cmd.code}`,
    action: created ? 'unit.registered' : 'unit.updated',
    actor: cmd.actor,
    clause: unit.orgDeptManaged ? 'S-ORGLIST' : 'X-UNITS',
    details: {
      name: unit.name, type: unit.type, orgDeptManaged: unit.orgDeptManaged, ...(unit.group !== undefined ? { group: unit.group } : {}),
      contacts: unit.contacts.length,
      ...(previous ? { previous: { name: previous.name, type: previous.type, orgDeptManaged: previous.orgDeptManaged, ...(previous.group !== undefined ? { group: previous.group } : {}) } } : {}),
    },
  });
  return { unit, created };
}

/** The registered unit, or 422 UNIT_UNKNOWN (at the field that named it). */
export async function requireRegisteredUnit(ctx: Pick<UseCaseContext, 'repos'>, code: string, path = 'unit'): Promise<Unit> {
  const unit = await ctx.repos.units.get(code);
  if (!unit) {
    throw new Unprocessable('UNIT_UNKNOWN', `单位 ${code} 未在单位名册中登记，请先由教育局登记（PUT /units/${code}）`,
      `unit ${code} is not in the unit registry; the bureau registers it first (PUT /units/${code})`, {
        problems: [{ code: 'UNIT_UNKNOWN', path, zh: `单位代码 ${code} 未登记`, en: `unit code ${code} is not registered` }],
      });
  }
  return unit;
}
