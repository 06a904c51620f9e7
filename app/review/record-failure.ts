import { failureNote } from '../failure';
import type { ReviewFailureInput } from '../../contracts/tasks/review';
import type { UseCaseContext } from '../ports';
import { reviewIdOf } from '../../domain/review/review-id';

/**
 * RecordFailure: the review shows `failed` with the error's name and a safe message (no
 * stack, no personal data). When Plan itself failed there is no review id in the state
 * yet; the id follows from the scheduled time, and the review item is created to carry the
 * failure. A completed review keeps its status (a second execution for the same day failed,
 * not this review): the failure is noted beside it.
 */
export async function recordReviewFailure(deps: UseCaseContext, input: ReviewFailureInput): Promise<{ reviewId: string | null; status: string; error: string }> {
  const note = failureNote(input.error);
  const at = deps.now().toISOString();
  const reviewId = input.reviewId ?? (input.scheduledTime ? reviewIdOf(input.scheduledTime) : null);
  if (reviewId === null) {
    deps.logger.error('review failed before it had an id', { error: note.error });
    return { reviewId: null, status: 'failed', error: note.error };
  }
  const { reviews } = deps.repos;
  const existing = await reviews.get(reviewId);
  if (!existing) {
    await reviews.create({ reviewId, status: 'failed', scheduledTime: input.scheduledTime ?? at, failure: { ...note, at } });
  }
  const status = existing?.status === 'completed' ? 'completed' : 'failed';
  await reviews.update(reviewId, status === 'failed' ? { status, failure: { ...note, at } } : { lastFailure: { ...note, at } });
  await deps.audit.append({
    entity: `review/${reviewId}`, action: 'review.failed', actor: 'system:review', clause: 'M-TERM', at, details: { ...note },
  });
  deps.logger.error('review failed', { reviewId, error: note.error, code: note.code });
  return { reviewId, status, error: note.error };
}
