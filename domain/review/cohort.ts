import { addDays, completedYears, type IsoDate } from '../dates';
import { termEndOf } from '../membership/term';
import type { Policy } from '../policy/schema';

/**
 * M-TERM (五(一)): 三年一届，每年考核一次，三年总结性考核. A cohort is the members admitted
 * together (one round's admissions, or one import), sharing a term start.
 *
 * The year of the term a review assesses: the year that ends on or after the review date.
 * A review held on an anniversary assesses the year that has just ended — a cohort admitted
 * 2026-09-01 is in year 1 on 2027-09-01 and in year 2 on 2028-09-01. The term ends on its
 * third anniversary by itself, that day (DESIGN §2 *Term end*: the seat is free that day),
 * so the summative review is the last one *before* the end day: a review on the end day or
 * after finds the term 'expired'. So year k covers (termStart + (k−1) years, termStart + k
 * years), the last year without its end day; a review on the admission day itself, or
 * before it, is 'not-started'. A cohort admitted on the schedule's own day meets it twice
 * within its term; its summative review is started by the bureau before the end (POST /reviews).
 */
export type CohortYear = number | 'expired' | 'not-started';

/** The term's end day (domain/membership/term.ts has the rule). */
export function termEnd(termStart: IsoDate, policy: Pick<Policy, 'term'>): IsoDate {
  return termEndOf(termStart, policy);
}

export function cohortYear(termStart: IsoDate, reviewDate: IsoDate, policy: Pick<Policy, 'term'>): CohortYear {
  if (reviewDate <= termStart) return 'not-started';
  if (reviewDate >= termEnd(termStart, policy)) return 'expired';
  return completedYears(termStart, addDays(reviewDate, -1)) + 1;
}

export type ReviewKind = 'annual' | 'summative';

/** The last year of the term is summative (三年总结性考核); the others annual. */
export function reviewKind(year: number, policy: Pick<Policy, 'term'> = { term: { years: 3 } }): ReviewKind {
  return year >= policy.term.years ? 'summative' : 'annual';
}

export interface CohortPlan {
  cohortId: string;
  termStart: IsoDate;
  year: CohortYear;
  /** null when the cohort is not under review this time (expired, not started, or this year already reviewed). */
  kind: ReviewKind | null;
  /** The earlier review that already assessed this year of the cohort's term. */
  reviewedIn?: string;
}

/** A year of a cohort's term some earlier review assessed. */
export interface ReviewedYear {
  cohortId: string;
  termStart: IsoDate;
  year: number;
  reviewId: string;
}

/**
 * The review state machine's `plan` step: for each cohort, which year of its term the review
 * date falls in and so whether this review is annual or summative for it (M-TERM). 每年考核
 * 一次: a year of a term is reviewed once — a second review in the same year (a manual
 * start after the schedule's, say) leaves that cohort out and names the review that did it.
 */
export function planReview(
  cohorts: readonly { cohortId: string; termStart: IsoDate }[],
  reviewDate: IsoDate,
  policy: Pick<Policy, 'term'>,
  reviewed: readonly ReviewedYear[] = [],
): CohortPlan[] {
  return cohorts.map((c) => {
    const year = cohortYear(c.termStart, reviewDate, policy);
    const base = { cohortId: c.cohortId, termStart: c.termStart, year };
    if (typeof year !== 'number') return { ...base, kind: null };
    const earlier = reviewed.find((r) => r.cohortId === c.cohortId && r.termStart === c.termStart && r.year === year);
    return earlier ? { ...base, kind: null, reviewedIn: earlier.reviewId } : { ...base, kind: reviewKind(year, policy) };
  });
}
