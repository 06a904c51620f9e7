import { addYears, type IsoDate } from '../dates';
import type { Policy } from '../policy/schema';
import { problem, type Problem } from '../problem';
import type { Member } from './member';
import { seatHolding } from './member';

type Rules = Pick<Policy, 'term' | 'review'>;

/**
 * Term end (M-TERM 三年一届, DESIGN §2 *Term end*): a term ends on the third anniversary
 * of its start (admission, or a renewal's `on`), on that day, by itself — not at the
 * summative review, not at the next yearly one. The anniversary is `addYears`: a term begun
 * on 29 February ends on 1 March of a common year (the anniversary is not reached until the
 * day after 28 February, as ages are counted, DESIGN §2 *Age*), on 29 February in a leap
 * year. On the end day the seat is free: the member holds it up to the day before.
 */
export function termEndOf(termStart: IsoDate, policy: Pick<Policy, 'term'>): IsoDate {
  return addYears(termStart, policy.term.years);
}

/** Members (holding a seat) whose term is over by `on`: their end day is on or before it. */
export function termsEndingBy<M extends Pick<Member, 'status' | 'termEnd'>>(members: readonly M[], on: IsoDate): M[] {
  return members.filter((m) => seatHolding(m.status) && m.termEnd <= on);
}

/**
 * 到期依据考核结果动态调整: at the end, a summative grade in lowGrades means the member is
 * not continued (`leaves-pool`); otherwise (or with no summative result) they may stand in
 * a later round.
 */
export function termEndAdjustment(m: Pick<Member, 'assessments'>, policy: Pick<Policy, 'review'>): 'leaves-pool' | 'may-be-renominated' {
  const summative = m.assessments.find((a) => a.review === 'summative');
  return summative !== undefined && policy.review.lowGrades.includes(summative.grade) ? 'leaves-pool' : 'may-be-renominated';
}

/** The cohort a renewal starts: every member renewed on one day shares the new term's start. */
export function renewalCohortId(on: IsoDate): string {
  return `RENEWED-${on}`;
}

/**
 * Whether the bureau may renew a member on `on` for a new three-year term (M-TERM, DESIGN §2
 * *Term end*): only a member still in the pool, who passed this term's summative review, and
 * before the term ends. "Passed" = a summative grade neither failed (summativeFailGrades:
 * removed anyway, M-FAIL) nor low (lowGrades: 不再续列 at the end, so renewing would
 * contradict the review). The cap (T-CAP) is the use case's to check against the seats: a
 * renewed member keeps the seat they hold and takes no other.
 *
 * Every refusal is under clause M-TERM. Codes: RENEWAL_NOT_ELIGIBLE (not in the pool, a removal pending, no summative review this
 * term, or not passed), RENEWAL_TOO_EARLY (`on` before the summative review's date),
 * RENEWAL_TOO_LATE (the term is over: `on` on or after the end day, or it has ended).
 */
export function renewalProblems(m: Member, on: IsoDate, policy: Rules): Problem[] {
  const refuse = (code: string, zh: string, en: string, path = '') => [problem(code, path, zh, en)];
  if (m.status === 'term-ended') {
    return refuse('RENEWAL_TOO_LATE', `任期已于 ${m.exit?.on ?? m.termEnd} 届满，只能在届满前续任；可参加新一轮选拔`,
      `the term ended on ${m.exit?.on ?? m.termEnd}: a renewal must come before the end; they may stand in a later round`);
  }
  if (!seatHolding(m.status) || m.pendingRemoval !== undefined) {
    return refuse('RENEWAL_NOT_ELIGIBLE', '已不在后备人才库中（不再列入或已使用），不能续任',
      `not in the pool (${m.status}): cannot be renewed`);
  }
  const summative = m.assessments.find((a) => a.review === 'summative');
  if (summative === undefined) {
    return refuse('RENEWAL_NOT_ELIGIBLE', '本届尚无总结性考核结果：只有通过三年总结性考核的才能续任',
      'no summative review this term: only a member who passed it may be renewed');
  }
  if (policy.review.summativeFailGrades.includes(summative.grade) || policy.review.lowGrades.includes(summative.grade)) {
    return refuse('RENEWAL_NOT_ELIGIBLE', `总结性考核${summative.grade}，未通过，不能续任`,
      `summative review ${summative.grade}: not passed, cannot be renewed`);
  }
  if (on < summative.on) {
    return refuse('RENEWAL_TOO_EARLY', `续任日期 ${on} 早于总结性考核日期 ${summative.on}`,
      `${on} is before the summative review on ${summative.on}`, 'on');
  }
  if (on >= m.termEnd) {
    return refuse('RENEWAL_TOO_LATE', `任期于 ${m.termEnd} 届满，续任须在此之前`,
      `the term ends on ${m.termEnd}: a renewal must come before that day`, 'on');
  }
  return [];
}
