import type { PostKind } from '../../policy/schema';
import { reason, type RuleContext } from '../context';
import { experienceDetail } from '../experience';
import { RULES, type Reason } from '../types';
import { kindsEn, kindsZh } from '../words';

/** Tier 1: 两年党政副职任职经历; tier 2: 三年中层管理经历 (kinds and years are policy data). */
export function experienceReason(ctx: RuleContext, exp: { kinds: readonly PostKind[]; years: number }): Reason {
  const t = ctx.policy.tiers[ctx.tier];
  const d = experienceDetail(ctx.form.candidate.posts, exp.kinds, ctx.asOf, ctx.policy.daysPerYear);
  const ok = d.years >= exp.years;
  const how = d.periods.length > 1 ? `，${d.periods.length} 段合计 ${d.days} 天` : '';
  const howEn = d.periods.length > 1 ? ` (${d.periods.length} periods, ${d.days} days)` : '';
  return reason(t.clause, RULES.experience, ok,
    `${kindsZh(exp.kinds)}任职经历 ${d.years} 年（截至 ${ctx.asOf}${how}），${ok ? '达到' : '不足'} ${exp.years} 年`,
    `${d.years} years as ${kindsEn(exp.kinds)} on ${ctx.asOf}${howEn}; ${ok ? 'meets' : 'short of'} ${exp.years}`);
}
