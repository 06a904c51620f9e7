import { ageOn } from '../../dates';
import { reason, type RuleContext } from '../context';
import { RULES, type Reason } from '../types';
import { UNIT_TYPE_ZH } from '../words';

/**
 * Age (三(二)2: 年龄不超过 N 周岁): completed years on the reference date ≤ N, a 29 February
 * birthday falling on 1 March in common years. So a candidate who has turned N+1 fails.
 *
 * E-EXEMPT (三(二): 特别优秀的，可适当放宽年龄要求): an age over the limit passes only with a
 * recorded exemption (reason, approver, date), only when the policy allows it, only for unit
 * types it allows (offices and institutions recommend staff 年龄范围内), and only for the
 * tier the form was nominated for (the approval was given for that nomination). When used,
 * the age reason says so and an E-EXEMPT reason records who approved it — never silently.
 */
export function ageReasons(ctx: RuleContext): Reason[] {
  const { form, tier, asOf, policy } = ctx;
  const t = policy.tiers[tier];
  const age = ageOn(form.candidate.birthDate, asOf);
  const ex = form.ageExemption;
  if (age <= t.maxAge) {
    const out = [reason(t.clause, RULES.age, true,
      `${age} 周岁（截至 ${asOf}），不超过 ${t.maxAge} 周岁`, `${age} years old on ${asOf}, within ${t.maxAge}`)];
    if (ex) {
      out.push(reason('E-EXEMPT', RULES.ageExemption, true,
        '年龄在要求之内，所记年龄放宽审批未使用', 'age within the limit; the recorded exemption was not used'));
    }
    return out;
  }
  const over = `${age} 周岁（截至 ${asOf}），超过 ${t.maxAge} 周岁`;
  const overEn = `${age} years old on ${asOf}, over ${t.maxAge}`;
  if (!ex) {
    return [reason(t.clause, RULES.age, false, `${over}，无年龄放宽审批记录`, `${overEn}; no age exemption recorded`)];
  }
  const refusal = exemptionRefusal(ctx);
  if (refusal) {
    return [
      reason(t.clause, RULES.age, false, `${over}，年龄放宽不适用`, `${overEn}; the age exemption does not apply`),
      reason('E-EXEMPT', RULES.ageExemption, false, refusal[0], refusal[1]),
    ];
  }
  return [
    reason(t.clause, RULES.age, true, `${over}，经批准放宽年龄要求`, `${overEn}; passed by an approved age exemption`),
    reason('E-EXEMPT', RULES.ageExemption, true,
      `已使用年龄放宽：${ex.reason}（${ex.approvedBy} 批准，${ex.date}）`,
      `age exemption used: ${ex.reason} (approved by ${ex.approvedBy}, ${ex.date})`),
  ];
}

function exemptionRefusal({ form, tier, policy }: RuleContext): [string, string] | null {
  if (!policy.ageExemptionAllowed) return ['本方案不允许放宽年龄要求', 'this policy allows no age exemption'];
  const types = policy.ageExemptionUnitTypes;
  if (types && !types.includes(form.unit.type)) {
    return [`${UNIT_TYPE_ZH[form.unit.type]}只推荐年龄范围内人员，不适用年龄放宽`,
      `${form.unit.type} units recommend only staff within the age range; no exemption applies`];
  }
  if (tier !== form.tier) {
    return [`年龄放宽系为第${form.tier}梯队推荐所批，不适用于第${tier}梯队`,
      `the exemption was approved for the tier ${form.tier} nomination, not tier ${tier}`];
  }
  return null;
}
