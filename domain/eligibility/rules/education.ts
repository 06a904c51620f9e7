import { EDUCATION_ORDER, type EducationLevel } from '../../policy/schema';
import type { Education } from '../../form/schema';
import type { IsoDate } from '../../dates';
import { reason, type RuleContext } from '../context';
import { RULES, type Reason } from '../types';
import { EDUCATION_EN, EDUCATION_ZH } from '../words';

export function levelAtLeast(level: EducationLevel, min: EducationLevel): boolean {
  return EDUCATION_ORDER.indexOf(level) >= EDUCATION_ORDER.indexOf(min);
}

/** The highest degree completed on or before the reference date (one still in progress does not count). */
export function highestEducation(education: readonly Education[], asOf: IsoDate): Education | undefined {
  let best: Education | undefined;
  for (const e of education) {
    if (e.graduated > asOf) continue;
    if (!best || EDUCATION_ORDER.indexOf(e.level) > EDUCATION_ORDER.indexOf(best.level)) best = e;
  }
  return best;
}

/** Tiers 1 and 2 (本科及以上学历): any mode of study; tier 3's route (a) asks for full-time. */
export function educationReason(ctx: RuleContext, min: EducationLevel): Reason {
  const t = ctx.policy.tiers[ctx.tier];
  const best = highestEducation(ctx.form.candidate.education, ctx.asOf);
  const need = `${EDUCATION_ZH[min]}及以上学历`;
  const needEn = `${EDUCATION_EN[min]} or higher`;
  if (!best) return reason(t.clause, RULES.education, false, `无截至 ${ctx.asOf} 已取得的学历，要求${need}`, `no degree completed by ${ctx.asOf}; requires ${needEn}`);
  const ok = levelAtLeast(best.level, min);
  const has = `最高学历${EDUCATION_ZH[best.level]}（${best.institution}，${best.graduated}）`;
  const hasEn = `highest: ${EDUCATION_EN[best.level]} (${best.institution}, ${best.graduated})`;
  return reason(t.clause, RULES.education, ok,
    `${has}，${ok ? '符合' : '未达到'}${need}`, `${hasEn}; ${ok ? 'meets' : 'below'} ${needEn}`);
}
