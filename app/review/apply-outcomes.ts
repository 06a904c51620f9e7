import type { MemberEvent } from '../../domain/membership/events';
import type { Member } from '../../domain/membership/member';
import { seatChanges } from '../../domain/membership/seats';
import { writeMemberEvents } from '../members/write-events';
import type { CohortStepInput } from '../../contracts/tasks/review';
import { requireReview } from './review-state';
import type { OutcomeItem, ReviewItemStore, UseCaseContext } from '../ports';

export interface ApplyResult {
  cohortId: string;
  applied: number;
  refused: number;
  seatsReleased: number;
}

/**
 * ApplyOutcomes: each outcome's member events go through the reducer and are persisted
 * (events + snapshot under the version check); a member who leaves (removed, term ended)
 * gives the seat back (T-CAP); each change is audited with its clause. Idempotent: an
 * outcome is marked applied at the end, and one whose events the member's state already
 * holds (a retry after a crash) is not applied again — only its seat release, harmless to
 * repeat, is redone.
 */
export async function applyOutcomes(deps: UseCaseContext, input: CohortStepInput): Promise<ApplyResult> {
  const review = await requireReview(deps.repos.reviews, input.reviewId);
  const items = deps.repos.reviewItems;
  const mine = (await items.outcomes(review.reviewId)).filter((o) => o.cohortId === input.cohort.cohortId && !o.applied);
  const result: ApplyResult = { cohortId: input.cohort.cohortId, applied: 0, refused: 0, seatsReleased: 0 };
  for (const o of mine) {
    const r = await applyOne(deps, review, items, o);
    if (r === 'refused') result.refused++;
    else {
      result.applied++;
      if (r === 'released') result.seatsReleased++;
    }
  }
  deps.logger.info('outcomes applied', { reviewId: review.reviewId, ...result });
  return result;
}

async function applyOne(deps: UseCaseContext, review: { reviewId: string; scheduledTime: string }, items: ReviewItemStore, o: OutcomeItem): Promise<'applied' | 'released' | 'refused'> {
  const events = o.outcome.events;
  const first = events[0];
  const audit = (action: string, details: Record<string, unknown>) => deps.audit.append({
    entity: `member/${o.personId}`, action, actor: 'system:review', clause: o.outcome.clause,
    at: review.scheduledTime, idempotencyKey: `${review.reviewId}#${o.personId}#${action}`,
    details: { reviewId: review.reviewId, cohortId: o.cohortId, tier: o.tier, outcome: o.outcome.kind, ...details },
  });
  if (!first) {
    // missing-assessment: nothing to apply; the bureau chases the unit.
    await audit(`review.${o.outcome.kind}`, {});
    await items.markApplied(review.reviewId, o.personId, {});
    return 'applied';
  }
  const written = await writeMemberEvents({ members: deps.repos.members, policy: deps.policy, now: deps.now }, o.personId, events, {
    applied: (m) => holds(m, first), actor: 'system:review',
  });
  if (!written.ok) {
    await audit('review.outcome-refused', { problemCodes: written.problems.map((p) => p.code) });
    await items.markApplied(review.reviewId, o.personId, { refused: written.problems });
    return 'refused';
  }
  const { before, after } = written;
  // On a retry `before` is already the new state: a member who left still gets the release.
  const change = written.written ? seatChanges(before, after) : after.holdsSeat ? {} : { release: after.tier };
  let released = false;
  if (change.release !== undefined) released = (await deps.repos.seats.releaseSeat(change.release, o.personId)) > 0;
  if (change.claim !== undefined) await deps.repos.seats.claimSeat(change.claim, o.personId);
  await audit(`review.${o.outcome.kind}`, { events: events.map((e) => e.type), seatReleased: released || change.release !== undefined });
  await items.markApplied(review.reviewId, o.personId, { seatReleased: change.release !== undefined });
  return change.release !== undefined ? 'released' : 'applied';
}

/** Whether the member's state already shows an outcome's first event (the whole outcome is one snapshot write). */
function holds(m: Member | undefined, first: MemberEvent): boolean {
  if (!m) return false;
  switch (first.type) {
    case 'assessed': return m.assessments.some((a) => a.year === first.year && a.review === first.review);
    case 'vetoed': return m.veto?.on === first.on || (m.status === 'removed' && m.exit?.clause === 'M-VETO');
    default: return false;
  }
}
