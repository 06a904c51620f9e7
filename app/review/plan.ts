import * as z from 'zod';
import type { Member } from '../../domain/membership/member';
import { policyRef } from '../../domain/policy/schema';
import { planReview, type ReviewedYear } from '../../domain/review/cohort';
import { endTerm } from '../members/end-terms';
import { beijingDate } from '../../domain/dates';
import { CohortRef, type PlanInput } from '../../contracts/tasks/review';
import { activeMembers, cohortKey } from './pool-members';
import type { MemberSnapshot, Review, UseCaseContext } from '../ports';
import { reviewIdOf } from '../../domain/review/review-id';
import { pagesOf } from '../pages';

export interface PlanResult {
  reviewId: string;
  reviewDate: string;
  windowClosesAt: string;
  cohorts: CohortRef[];
  /**
   * True when another execution already holds this date's review (the schedule and the
   * bureau both started one): this execution ends here (the machine's `AlreadyPlanned?`),
   * the review is not run twice.
   */
  duplicate: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Plan (M-TERM): the review date is the Beijing date of the scheduled time; the pool's
 * active members are grouped into cohorts; the domain says which cohort is in year 1/2
 * (annual) or 3 (summative) and which are expired or not started (noted, not reviewed).
 * Everything follows from the input timestamp — never the clock — so the local stack's
 * simulated time plans the same review as AWS would.
 *
 * One review per date, whoever starts it (the schedule, POST /reviews): the review item is
 * created conditionally with the planning execution's id. A retried Plan of that execution
 * gets the stored plan back; another execution for the same date (the schedule firing the
 * day the bureau started one, or the other way round) gets `duplicate` and ends without
 * running the review again. A Plan invoked without an execution (a direct call) is answered
 * with the stored plan.
 */
export async function plan(deps: UseCaseContext, input: PlanInput): Promise<PlanResult> {
  const { reviews, members } = deps.repos;
  const reviewDate = beijingDate(input.at);
  const reviewId = reviewIdOf(input.at);
  const existing = await reviews.get(reviewId);
  if (existing) return heldBy(existing, input) ? resultOf(existing) : duplicate(deps, existing, input);

  const cohorts = new Map<string, { cohortId: string; termStart: string }>();
  const pool = await activeMembers(members);
  for (const m of pool) {
    const c = { cohortId: m.state.cohortId, termStart: m.state.termStart };
    cohorts.set(cohortKey(c), c);
  }
  const ordered = [...cohorts.values()].sort((a, b) => (a.termStart + a.cohortId < b.termStart + b.cohortId ? -1 : 1));
  // The domain decides which year of its term each cohort is in (domain/review/cohort.ts),
  // and leaves out a year an earlier review (not a failed one) already assessed.
  const planned = planReview(ordered, reviewDate, deps.policy, await reviewedYears(reviews));
  const under: CohortRef[] = planned.flatMap((p) =>
    typeof p.year === 'number' && p.kind !== null ? [{ cohortId: p.cohortId, termStart: p.termStart, year: p.year, kind: p.kind }] : []);
  const skipped = planned.filter((p) => p.kind === null)
    .map((p) => ({ cohortId: p.cohortId, termStart: p.termStart, year: p.year, ...(p.reviewedIn ? { reviewedIn: p.reviewedIn } : {}) }));
  const windowClosesAt = new Date(Date.parse(input.at) + deps.settings.reviewWindowDays * DAY_MS).toISOString();
  const expired = new Set(planned.filter((p) => p.year === 'expired').map((p) => cohortKey(p)));
  const ended = await endExpiredTerms(deps, pool.filter((m) => expired.has(cohortKey({ cohortId: m.state.cohortId, termStart: m.state.termStart }))));

  const review: Review = {
    reviewId,
    status: 'planned',
    scheduledTime: input.at,
    reviewDate,
    year: Number(reviewDate.slice(0, 4)),
    windowClosesAt,
    policyRef: policyRef(deps.policy),
    clause: 'M-TERM',
    ...(input.execution ? { executionArn: input.execution } : {}),
    cohorts: under,
    skippedCohorts: skipped,
    ...(ended > 0 ? { termsEnded: ended } : {}),
  };
  if (!(await reviews.create(review))) {
    const raced = await reviews.get(reviewId);
    if (raced) return heldBy(raced, input) ? resultOf(raced) : duplicate(deps, raced, input);
  }
  await deps.audit.append({
    entity: `review/${reviewId}`, action: 'review.planned', actor: 'system:review', clause: 'M-TERM',
    at: input.at, idempotencyKey: `${reviewId}#planned`,
    details: { reviewDate, cohorts: under, skipped },
  });
  deps.logger.info('review planned', { reviewId, reviewDate, cohorts: under.length, skipped: skipped.length });
  return { reviewId, reviewDate, windowClosesAt, cohorts: under, duplicate: false };
}

/** The stored review is this execution's own (a retried Plan), or the call names no execution. */
function heldBy(review: Review, input: PlanInput): boolean {
  return input.execution === undefined || review.executionArn === input.execution;
}

/** Another execution holds this date's review: noted, and this execution stops (M-TERM, one review per date). */
async function duplicate(deps: UseCaseContext, review: Review, input: PlanInput): Promise<PlanResult> {
  const heldByExecution = typeof review.executionArn === 'string' ? review.executionArn : null;
  await deps.audit.append({
    entity: `review/${review.reviewId}`, action: 'review.duplicate-start', actor: 'system:review', clause: 'M-TERM',
    at: input.at, idempotencyKey: `${review.reviewId}#duplicate#${input.execution ?? input.at}`,
    details: { execution: input.execution ?? null, heldBy: heldByExecution, status: review.status },
  });
  deps.logger.warn('review already started for this date: this execution ends', { reviewId: review.reviewId, heldBy: heldByExecution, status: review.status });
  const reviewDate = typeof review.reviewDate === 'string' ? review.reviewDate : beijingDate(input.at);
  const windowClosesAt = typeof review.windowClosesAt === 'string' ? review.windowClosesAt : input.at;
  return { reviewId: review.reviewId, reviewDate, windowClosesAt, cohorts: [], duplicate: true };
}

async function reviewedYears(reviews: UseCaseContext['repos']['reviews']): Promise<ReviewedYear[]> {
  const out: ReviewedYear[] = [];
  for await (const items of pagesOf((page) => reviews.list(page))) {
    for (const r of items) {
      if (r.status === 'failed') continue;
      const cohorts = z.array(CohortRef).safeParse(r.cohorts);
      if (cohorts.success) out.push(...cohorts.data.map((c) => ({ cohortId: c.cohortId, termStart: c.termStart, year: c.year, reviewId: r.reviewId })));
    }
  }
  return out;
}

/**
 * M-TERM backstop: the daily term-end step (app/members/end-terms.ts) ends every term on its
 * end day. Should a review still find an active member whose term is over (the term-end
 * schedule disabled, a delivery dead-lettered), it ends that term the same way — dated the
 * term's end, the seat freed — rather than review a term that is over. Idempotent.
 */
async function endExpiredTerms(deps: UseCaseContext, members: MemberSnapshot<Member>[]): Promise<number> {
  let ended = 0;
  for (const m of members) if (await endTerm(deps, m, 'system:review')) ended++;
  return ended;
}

const StoredPlan = z.object({ reviewId: z.string(), reviewDate: z.string(), windowClosesAt: z.string(), cohorts: z.array(CohortRef) });

function resultOf(review: Review): PlanResult {
  const p = StoredPlan.parse(review);
  return { reviewId: p.reviewId, reviewDate: p.reviewDate, windowClosesAt: p.windowClosesAt, cohorts: p.cohorts, duplicate: false };
}
