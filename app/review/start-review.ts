import { beijingDate } from '../../domain/dates';
import { problem } from '../../domain/problem';
import { reviewIdOf } from '../../domain/review/review-id';
import { Conflict, ValidationError } from '../errors';
import type { Review, UseCaseContext } from '../ports';
import type { Workflows } from '../ports/workflows';

/** asOf → that day at 09:00 Beijing time (when the schedule fires); none → now. */
export function scheduledTimeOf(asOf: string | undefined, now: Date): string {
  return asOf !== undefined ? `${asOf}T09:00:00+08:00` : now.toISOString();
}

/** M-TERM: one review per review date. The 409 names the review that already has the date. */
function reviewExists(reviewId: string, existing?: Review): Conflict {
  const status = existing?.status;
  return new Conflict('REVIEW_EXISTS',
    `${reviewId} 的考核已经启动${status ? `（状态：${status}）` : ''}：同一考核日期只进行一次考核，请查看 GET /reviews/${reviewId}`,
    `review ${reviewId} has already been started${status ? ` (status: ${status})` : ''}: one review per review date; see GET /reviews/${reviewId}`,
    { clause: 'M-TERM' });
}

/**
 * The bureau starts a review now, or for a past date (M-TERM) — never a date to come, which
 * would judge terms early. One review per review date, whoever starts it: a date the
 * schedule (or an earlier call) already planned is a 409. Should both start at once, the
 * second Plan finds the first's review and that execution ends without running it again
 * (app/review/plan.ts).
 */
export async function startReview(
  ctx: UseCaseContext & { workflows: Workflows },
  cmd: { asOf?: string; now: Date; actor: string },
): Promise<{ reviewId: string; executionArn: string; scheduledTime: string }> {
  const today = beijingDate(cmd.now);
  if (cmd.asOf !== undefined && cmd.asOf > today) {
    throw new ValidationError([problem('REVIEW_AS_OF_FUTURE', 'asOf', `考核日期 ${cmd.asOf} 晚于今天（${today}），不能提前考核`, `asOf ${cmd.asOf} is after today (${today}): a review cannot be held early`)]);
  }
  const scheduledTime = scheduledTimeOf(cmd.asOf, cmd.now);
  // The same id the schedule's execution gets for this date (Plan: reviewIdOf its scheduledTime).
  const reviewId = reviewIdOf(scheduledTime);
  const existing = await ctx.repos.reviews.get(reviewId);
  if (existing) throw reviewExists(reviewId, existing);
  const started = await ctx.workflows.startReview(reviewId, scheduledTime);
  if (!started.started) throw reviewExists(reviewId);
  await ctx.audit.append({
    entity: `review/${reviewId}`,
    action: 'review.started',
    actor: cmd.actor,
    clause: 'M-TERM',
    details: { scheduledTime, executionArn: started.executionArn },
  });
  return { reviewId, executionArn: started.executionArn, scheduledTime };
}
