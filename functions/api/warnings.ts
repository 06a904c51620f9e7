import type { ClauseId } from '../../domain/clauses';
import { addDays, addYears, type IsoDate } from '../../domain/dates';
import type { Member } from '../../domain/membership';
import { PLAN_2020 } from '../../domain/policy/plan-2020';

/**
 * What the bureau should look at for a member, from the reduced state alone (cheap enough
 * for the whole pool): warned (M-WARN), removal pending (M-VETO / M-FAIL), the term ending
 * within 90 days or over (M-TERM), a finished year of the term short of the yearly talks
 * (C-TALK). The member's page has the full talk obligations (talkObligations).
 */
export interface MemberWarning {
  code: 'WARNED' | 'REMOVAL_PENDING' | 'TERM_ENDING' | 'TERM_OVER' | 'TALK_YEAR_MISSED';
  clause: ClauseId;
  zh: string;
  en: string;
}

export const TERM_ENDING_DAYS = 90;

export function memberWarnings(m: Member, asOf: IsoDate, minPerYear: number = PLAN_2020.talks.minPerYear): MemberWarning[] {
  const out: MemberWarning[] = [];
  const lastWarning = m.warnings[m.warnings.length - 1];
  // A warning stands until a later review judges the member again (一年之后): then it is history.
  if (lastWarning && !m.assessments.some((a) => a.year > lastWarning.year)) {
    // The review's own reason (ranked low, or a low grade): the two are different matters.
    const why = lastWarning.reason ?? '未达到要求';
    out.push({ code: 'WARNED', clause: 'M-WARN', zh: `${lastWarning.year} 年度考核${why.startsWith('年度考核') ? why.slice(4) : why}，已提醒`, en: `warned after the ${lastWarning.year} annual review` });
  }
  if (m.pendingRemoval) {
    out.push({ code: 'REMOVAL_PENDING', clause: m.pendingRemoval.clause, zh: `待按 ${m.pendingRemoval.clause} 不再列入`, en: `removal pending under ${m.pendingRemoval.clause}` });
  }
  if (m.status === 'active' || m.status === 'removal-pending') {
    if (m.termEnd <= asOf) {
      out.push({ code: 'TERM_OVER', clause: 'M-TERM', zh: `任期已于 ${m.termEnd} 届满，待调整`, en: `term ended on ${m.termEnd}; adjustment due` });
    } else if (m.termEnd <= addDays(asOf, TERM_ENDING_DAYS)) {
      out.push({ code: 'TERM_ENDING', clause: 'M-TERM', zh: `任期将于 ${m.termEnd} 届满`, en: `term ends on ${m.termEnd}` });
    }
    // C-TALK 每年不少于1次, by years of the term as the member's page counts them
    // (talkObligations): each finished year short of the minimum is named.
    for (let k = 0; ; k++) {
      const from = addYears(m.termStart, k);
      const to = addYears(m.termStart, k + 1);
      if (to > asOf) break;
      const held = m.talks.filter((t) => t.on >= from && t.on < to).length;
      if (held < minPerYear) {
        out.push({ code: 'TALK_YEAR_MISSED', clause: 'C-TALK', zh: `任期第 ${k + 1} 年（${from} 至 ${to}）谈心谈话 ${held} 次，少于每年 ${minPerYear} 次`, en: `term year ${k + 1} (${from} to ${to}): ${held} talks, fewer than ${minPerYear} a year` });
      }
    }
  }
  return out;
}
