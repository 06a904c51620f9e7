import { reason, type RuleContext } from '../context';
import { RULES, type Reason } from '../types';
import { UNIT_TYPE_ZH } from '../words';

/**
 * Tier 2 in a kindergarten (三(二)2: 幼儿园依据实际情况制定教学业绩条件要求): the honour is
 * replaced by the unit's own teaching-achievement condition, which the unit's party
 * organisation attests on the form (`attestation.teachingAchievement`). Nothing to attest,
 * no pass: the system cannot judge a condition it was not told.
 */
export function teachingAchievementReason(ctx: RuleContext): Reason {
  const t = ctx.policy.tiers[ctx.tier];
  const a = ctx.form.attestation;
  const ta = a.teachingAchievement;
  const unit = UNIT_TYPE_ZH[ctx.form.unit.type];
  if (!ta) {
    return reason(t.clause, RULES.teachingAchievement, false,
      `${unit}以本单位教学业绩条件代替称号要求，表中未填写（attestation.teachingAchievement）`,
      `a ${ctx.form.unit.type} replaces the honour with its own teaching-achievement condition; none attested (attestation.teachingAchievement)`);
  }
  return reason(t.clause, RULES.teachingAchievement, ta.met,
    ta.met ? `经${a.by}鉴定，符合本单位教学业绩条件：${ta.condition}` : `经${a.by}鉴定，未达到本单位教学业绩条件：${ta.condition}`,
    ta.met ? `attested by ${a.by}: meets the unit's teaching-achievement condition (${ta.condition})`
      : `attested by ${a.by}: does not meet the unit's teaching-achievement condition (${ta.condition})`);
}
