import { reason, type RuleContext } from '../context';
import { RULES, type Reason } from '../types';
import { UNIT_TYPE_ZH } from '../words';

/**
 * E-OFFICE: bureau offices and bureau-affiliated institutions may nominate their staff, judged
 * by the same conditions. Which unit types may nominate is policy data; the reason is given
 * for every form so the unit type the verdict assumed is on record.
 */
export function unitTypeReason(ctx: RuleContext): Reason {
  const type = ctx.form.unit.type;
  const ok = ctx.policy.nominatingUnitTypes.includes(type);
  const office = type === 'bureau-office' || type === 'institution';
  const zh = ok
    ? office ? `${UNIT_TYPE_ZH[type]}人员，参照同等条件核验` : `推荐单位类型：${UNIT_TYPE_ZH[type]}`
    : `${UNIT_TYPE_ZH[type]}不在本方案可推荐的单位类型之内`;
  const en = ok
    ? office ? `${type} staff, judged by the same conditions` : `nominating unit type: ${type}`
    : `unit type ${type} may not nominate under this policy`;
  return reason('E-OFFICE', RULES.unitType, ok, zh, en);
}
