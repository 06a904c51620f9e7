import { beijingDate } from '../../domain/dates';
import { talkObligations } from '../../domain/talks/obligations';
import { knownEvents } from '../members/append-event';
import type { CohortStepInput } from '../../contracts/tasks/review';
import { requireReview } from './review-state';
import type { DueTalk, ExpectedAssessment, UseCaseContext } from '../ports';

/**
 * CreateTalks (C-TALK, 四必谈): after the outcomes are applied, what talks each member of
 * the cohort is owed as of the review date — every must-talk not yet held (an assessment,
 * a warning, a failed summative review needing the organisational talk …) and the yearly
 * minimum when this year's is not met — stored as due-talk items for the bureau. The
 * items are keyed by member, trigger and date, so a retry rewrites the same ones.
 */
export async function createTalks(deps: UseCaseContext, input: CohortStepInput): Promise<{ cohortId: string; dueTalks: number }> {
  const review = await requireReview(deps.repos.reviews, input.reviewId);
  const items = deps.repos.reviewItems;
  const roster = (await items.expected(review.reviewId))
    .filter((e) => e.cohortId === input.cohort.cohortId && e.termStart === input.cohort.termStart);
  let due = 0;
  // As of today: the outcomes were applied today, so that is when their facts are known —
  // never before the window closed (no outcome exists before), nor before the review's date.
  const closed = typeof review.windowClosesAt === 'string' && !Number.isNaN(Date.parse(review.windowClosesAt)) ? beijingDate(new Date(review.windowClosesAt)) : review.reviewDate;
  const asOf = [beijingDate(deps.now()), closed, review.reviewDate].reduce((a, b) => (a > b ? a : b));
  for (const e of roster) {
    for (const t of await dueFor(deps, e, review.reviewId, asOf)) {
      await items.putDueTalk(t);
      due++;
    }
  }
  deps.logger.info('talks due', { reviewId: review.reviewId, cohortId: input.cohort.cohortId, dueTalks: due });
  return { cohortId: input.cohort.cohortId, dueTalks: due };
}

async function dueFor(deps: UseCaseContext, e: ExpectedAssessment, reviewId: string, asOf: string): Promise<DueTalk[]> {
  const stored = await deps.repos.members.events(e.personId);
  // The order the events were applied in, with the day each became known: a talk falls due
  // from the day its fact is known (the outcome applied, DESIGN §2), not the review's start.
  const history = knownEvents(stored);
  // Talks held are `talked` events in the history (the API records them through the reducer).
  const status = talkObligations(history, [], asOf, deps.policy);
  const base = {
    reviewId, personId: e.personId, unitCode: e.unitCode, ...(e.name ? { name: e.name } : {}), tier: e.tier, cohortId: e.cohortId, clause: 'C-TALK' as const,
  };
  const talks: DueTalk[] = status.mustTalks.map((m) => ({
    ...base, trigger: m.trigger, triggeredBy: m.triggeredBy, triggeredOn: m.triggeredOn, due: m.due, overdue: m.overdue,
    organisational: m.organisational, clause: m.clause, zh: m.zh, en: m.en,
  }));
  for (const y of status.years) {
    if (!y.open && !y.overdue) continue;
    talks.push({
      ...base, trigger: 'yearly-minimum', triggeredBy: 'term-year', triggeredOn: y.from, due: y.to, overdue: y.overdue, organisational: false,
      zh: `每年至少谈话 ${y.required} 次（${y.from} 至 ${y.to}，已谈 ${y.held} 次）`,
      en: `at least ${y.required} talk(s) a year (${y.from} to ${y.to}; held ${y.held})`,
    });
  }
  return talks;
}
