import type { AwaitConfirmationInput, ConfirmationTimeoutInput } from '../../contracts/tasks/review';
import { reviewMovableFrom } from '../../domain/review/lifecycle';
import { requireReview } from './review-state';
import type { UseCaseContext } from '../ports';

const ACTOR = 'system:review';

/**
 * AwaitConfirmation (DESIGN §2 Calibration): the computed outcomes are proposals; the review
 * keeps the task token for the API (POST /reviews/{id}/confirmation answers it) and shows
 * `awaiting-confirmation` with the date the wait ends. A retried task brings a new token,
 * which replaces the old one; the first wait's start is kept.
 */
export async function awaitConfirmation(deps: UseCaseContext, input: AwaitConfirmationInput): Promise<{ status: 'awaiting-confirmation'; confirmationDueBy: string }> {
  const { reviews } = deps.repos;
  const review = await requireReview(reviews, input.reviewId);
  const since = typeof review.awaitingConfirmationSince === 'string' ? review.awaitingConfirmationSince : deps.now().toISOString();
  const confirmationDueBy = new Date(Date.parse(since) + input.timeoutSeconds * 1000).toISOString();
  const proposals = (await deps.repos.reviewItems.outcomes(review.reviewId)).length;
  await reviews.update(review.reviewId, {
    status: 'awaiting-confirmation', taskToken: input.taskToken, awaitingConfirmationSince: since, confirmationDueBy, proposals,
  }, reviewMovableFrom('await-confirmation'));
  await deps.audit.append({
    entity: `review/${review.reviewId}`, action: 'review.awaiting-confirmation', actor: ACTOR, clause: 'M-TERM',
    at: since, idempotencyKey: `${review.reviewId}#awaiting-confirmation`, details: { proposals, confirmationDueBy },
  });
  return { status: 'awaiting-confirmation', confirmationDueBy };
}

/**
 * The confirmation wait ran out (AwaitConfirmation's States.Timeout): nothing applies — no
 * warning, removal or recommendation — and the review says so, with the proposals left as
 * they were computed. The token is dropped (nothing answers it any more).
 */
export async function recordConfirmationTimeout(deps: UseCaseContext, input: ConfirmationTimeoutInput): Promise<{ status: 'confirmation-timed-out'; proposals: number }> {
  const { reviews } = deps.repos;
  const review = await requireReview(reviews, input.reviewId);
  const at = typeof review.confirmationTimedOutAt === 'string' ? review.confirmationTimedOutAt : deps.now().toISOString();
  const outcomes = await deps.repos.reviewItems.outcomes(review.reviewId);
  await reviews.update(review.reviewId, {
    status: 'confirmation-timed-out', taskToken: null, confirmationTimedOutAt: at,
    summary: { applied: 0, proposals: outcomes.length, zh: '确认期限已过，未经教育局确认，考核结论均未执行', en: 'the confirmation wait ran out: no outcome was applied' },
  }, reviewMovableFrom('confirmation-time-out'));
  await deps.audit.append({
    entity: `review/${review.reviewId}`, action: 'review.confirmation-timed-out', actor: ACTOR, clause: 'M-TERM',
    at, idempotencyKey: `${review.reviewId}#confirmation-timed-out`,
    details: { proposals: outcomes.length, confirmationDueBy: review.confirmationDueBy ?? null },
  });
  deps.logger.warn('review confirmation timed out: nothing applied', { reviewId: review.reviewId, proposals: outcomes.length });
  return { status: 'confirmation-timed-out', proposals: outcomes.length };
}
