import type { MemberEvent } from '../../domain/membership/events';
import type { Member } from '../../domain/membership/member';
import { seatChanges } from '../../domain/membership/seats';
import { writeMemberEvents } from '../members/write-events';
import type { CohortStepInput } from '../../contracts/tasks/review';
import { requireReview, type PlannedReview } from './review-state';
import type { ConfirmedChange, OutcomeItem, ReviewConfirmation, ReviewItemStore, UseCaseContext } from '../ports';
import { Conflict } from '../errors';
import { calibrate } from '../../domain/review/calibration';
import type { Outcome } from '../../domain/review/outcome';
import { reviewMovableFrom } from '../../domain/review/lifecycle';

export interface ApplyResult {
  cohortId: string;
  applied: number;
  refused: number;
  seatsReleased: number;
}

/**
 * ApplyOutcomes, only after the bureau's confirmation (DESIGN §2 Calibration; without one on
 * the review the step throws): the confirmed outcome of each member — the computed one, or
 * the bureau's change built by the domain from what the proposal rests on, audited with who
 * and why — then each outcome's member events go through the reducer and are persisted
 * (events + snapshot under the version check); a member who leaves (removed, term ended)
 * gives the seat back (T-CAP); each change is audited with its clause. Idempotent: an
 * outcome is marked applied at the end, and one whose events the member's state already
 * holds (a retry after a crash) is not applied again — only its seat release, harmless to
 * repeat, is redone.
 */
export async function applyOutcomes(deps: UseCaseContext, input: CohortStepInput): Promise<ApplyResult> {
  const review = await requireReview(deps.repos.reviews, input.reviewId);
  const confirmation = review.confirmation as ReviewConfirmation | undefined;
  if (!confirmation || confirmation.state === 'too-late') {
    throw new Conflict('REVIEW_NOT_CONFIRMED', '考核结论尚未经教育局确认，不能执行', 'the review\'s outcomes are not confirmed: nothing applies', { clause: 'M-TERM' });
  }
  // The first cohort marks the review confirmed (a retry after the summary leaves it completed).
  if (review.status === 'awaiting-confirmation') await deps.repos.reviews.update(review.reviewId, { status: 'confirmed' }, reviewMovableFrom('apply'));
  const changes = new Map(confirmation.changes.map((c) => [c.personId, c]));
  const items = deps.repos.reviewItems;
  const mine = (await items.outcomes(review.reviewId)).filter((o) => o.cohortId === input.cohort.cohortId && !o.applied);
  const result: ApplyResult = { cohortId: input.cohort.cohortId, applied: 0, refused: 0, seatsReleased: 0 };
  for (const computed of mine) {
    const o = await confirmed(deps, review, confirmation, computed, changes.get(computed.personId));
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

/**
 * The outcome that applies to one member: the computed one, or the bureau's change (built
 * by the domain exactly as the API validated it). The change is audited with who and why.
 */
async function confirmed(deps: UseCaseContext, review: PlannedReview, c: ReviewConfirmation, o: OutcomeItem, change: ConfirmedChange | undefined): Promise<OutcomeItem & { replaced?: { proposed: Outcome; change: NonNullable<OutcomeItem['change']> } }> {
  if (!change) return o;
  const built = calibrate({ proposed: o.outcome, reviewKind: o.reviewKind, basis: o.basis ?? null, outcome: change.outcome, reason: change.reason }, deps.policy, { year: review.year, on: review.reviewDate });
  if (!built.ok) {
    // Validated when the bureau confirmed; should the rules have moved since, the computed outcome stands.
    deps.logger.warn('calibration change no longer valid: the computed outcome applies', { reviewId: review.reviewId, personId: o.personId, problemCodes: built.problems.map((p) => p.code) });
    return o;
  }
  const recorded = { outcome: change.outcome, reason: change.reason, by: c.by, at: c.at };
  await deps.audit.append({
    entity: `member/${o.personId}`, action: 'review.outcome-changed', actor: c.actor, clause: built.value.clause,
    at: c.at, idempotencyKey: `${review.reviewId}#${o.personId}#outcome-changed`,
    details: { reviewId: review.reviewId, cohortId: o.cohortId, from: o.outcome.kind, to: built.value.kind, reason: change.reason, by: c.by },
  });
  return { ...o, outcome: built.value, replaced: { proposed: o.outcome, change: recorded } };
}

async function applyOne(
  deps: UseCaseContext, review: { reviewId: string; scheduledTime: string }, items: ReviewItemStore,
  o: OutcomeItem & { replaced?: { proposed: Outcome; change: NonNullable<OutcomeItem['change']> } },
): Promise<'applied' | 'released' | 'refused'> {
  const calibrated = o.replaced ? { outcome: o.outcome, proposed: o.replaced.proposed, change: o.replaced.change } : {};
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
    await items.markApplied(review.reviewId, o.personId, { ...calibrated });
    return 'applied';
  }
  const written = await writeMemberEvents({ members: deps.repos.members, policy: deps.policy, now: deps.now }, o.personId, events, {
    applied: (m) => holds(m, first), actor: 'system:review',
  });
  if (!written.ok) {
    await audit('review.outcome-refused', { problemCodes: written.problems.map((p) => p.code) });
    await items.markApplied(review.reviewId, o.personId, { ...calibrated, refused: written.problems });
    return 'refused';
  }
  const { before, after } = written;
  // On a retry `before` is already the new state: a member who left still gets the release.
  const change = written.written ? seatChanges(before, after) : after.holdsSeat ? {} : { release: after.tier };
  let released = false;
  if (change.release !== undefined) released = (await deps.repos.seats.releaseSeat(change.release, o.personId)) > 0;
  if (change.claim !== undefined) await deps.repos.seats.claimSeat(change.claim, o.personId);
  await audit(`review.${o.outcome.kind}`, { events: events.map((e) => e.type), seatReleased: released || change.release !== undefined });
  await items.markApplied(review.reviewId, o.personId, { ...calibrated, seatReleased: change.release !== undefined });
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
