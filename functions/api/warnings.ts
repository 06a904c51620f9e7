import type { ClauseId } from '../../domain/clauses';
import { addDays, type IsoDate } from '../../domain/dates';
import type { Member } from '../../domain/membership';

/**
 * What the bureau should look at for a member, from the reduced state alone (cheap enough
 * for the whole pool): warned (M-WARN), removal pending (M-VETO / M-FAIL), the term ending
 * within 90 days or over (M-TERM), no talk in the last year (C-TALK). The member's page
 * has the full talk obligations (talkObligations).
 */
export interface MemberWarning {
  code: 'WARNED' | 'REMOVAL_PENDING' | 'TERM_ENDING' | 'TERM_OVER' | 'NO_TALK_THIS_YEAR';
  clause: ClauseId;
  zh: string;
  en: string;
}

export const TERM_ENDING_DAYS = 90;

export function memberWarnings(m: Member, asOf: IsoDate): MemberWarning[] {
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
    const yearAgo = addDays(asOf, -365);
    if (m.since <= yearAgo && !m.talks.some((t) => t.on > yearAgo)) {
      out.push({ code: 'NO_TALK_THIS_YEAR', clause: 'C-TALK', zh: '近一年未进行谈心谈话', en: 'no talk in the last year' });
    }
  }
  return out;
}
