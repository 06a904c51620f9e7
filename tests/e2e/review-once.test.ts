/**
 * End to end, through HTTP only: one review per review date, whoever starts it (M-TERM). The
 * yearly schedule and the bureau's POST /reviews start executions under different names
 * (Scheduler's own, and api-REV-…), so Step Functions alone cannot keep them apart: the
 * review id (the Beijing date) is the same on both paths, and the second start for a date is
 * a 409 (the API) or an execution that ends after Plan without running the review (the
 * schedule). Both orders, on the whole local system (`npm start`) and its simulated clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal, startE2eSystem, type E2eSystem, type Execution, type PoolClient } from './support';

const START = '2027-08-31T10:00:00+08:00';

interface ReviewItem { reviewId: string; status: string; reviewDate: string; executionArn?: string }

let sys: E2eSystem;
let bureau: PoolClient;

const reviewExecutions = async (): Promise<Execution[]> => (await sys.control.executions()).filter((e) => e.machine === 'review');
const reviewsOn = async (date: string): Promise<ReviewItem[]> =>
  ((await bureau.reviews()) as unknown as { reviews: ReviewItem[] }).reviews.filter((r) => r.reviewDate === date);

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
}, 60_000);

afterAll(async () => {
  await sys?.close();
});

describe('one review per review date (M-TERM)', () => {
  it('the schedule fires first: the bureau\'s POST /reviews that day is 409 REVIEW_EXISTS naming the review, and starts nothing', async () => {
    const schedules = (await sys.control.schedule()).schedules.filter((x) => x.schedule.includes('AnnualReview'));
    expect(schedules[0]?.next).toBe(new Date('2027-09-01T09:00:00+08:00').toISOString());
    await sys.control.advance({ to: schedules[0]?.next as string });
    await sys.control.settle();
    const fired = (await sys.control.schedule()).firings.filter((f) => f.schedule.includes('AnnualReview')).at(-1);
    expect(fired?.executionArn).toBeDefined();
    expect(await reviewExecutions()).toHaveLength(1);

    await sys.control.advance({ hours: 2 });
    const refused = await refusal(() => bureau.startReview());
    expect(refused.status).toBe(409);
    expect(refused.body?.error.code).toBe('REVIEW_EXISTS');
    expect(refused.body?.error.zh).toContain('REV-2027-09-01');
    expect(refused.body?.error.en).toContain('REV-2027-09-01');
    // The same date asked for explicitly is the same review.
    expect((await refusal(() => bureau.startReview('2027-09-01'))).body?.error.code).toBe('REVIEW_EXISTS');
    await sys.control.settle();
    const executions = await reviewExecutions();
    expect(executions.map((e) => [e.executionArn, e.status])).toEqual([[fired?.executionArn, 'RUNNING']]);
    expect(await reviewsOn('2027-09-01')).toEqual([expect.objectContaining({ reviewId: 'REV-2027-09-01', status: 'open', executionArn: fired?.executionArn })]);
  });

  it('the bureau starts first: the schedule firing that day ends after Plan, without running the review again', async () => {
    // The 2027 review's window closes; the next morning of the firing, before 09:00 Beijing.
    await sys.control.advance({ to: '2028-09-01T08:00:00+08:00' });
    await sys.control.settle();
    expect((await reviewExecutions()).map((e) => e.status)).toEqual(['SUCCEEDED']);
    const started = await bureau.startReview() as { reviewId: string; executionArn: string };
    expect(started.reviewId).toBe('REV-2028-09-01');
    await sys.control.settle();
    expect(await reviewsOn('2028-09-01')).toEqual([expect.objectContaining({ status: 'open', executionArn: started.executionArn })]);

    await sys.control.advance({ to: '2028-09-01T09:00:00+08:00' });
    await sys.control.settle();
    const fired = (await sys.control.schedule()).firings.filter((f) => f.schedule.includes('AnnualReview')).at(-1);
    expect(fired?.scheduledTime).toBe(new Date('2028-09-01T09:00:00+08:00').toISOString());
    expect(fired?.error).toBeUndefined();
    const byArn = new Map((await reviewExecutions()).map((e) => [e.executionArn, e]));
    // The bureau's execution holds the review and waits for its window; the schedule's ended at once.
    expect(byArn.get(started.executionArn)?.status).toBe('RUNNING');
    expect(byArn.get(fired?.executionArn as string)?.status).toBe('SUCCEEDED');
    const reviews = await reviewsOn('2028-09-01');
    expect(reviews).toEqual([expect.objectContaining({ reviewId: 'REV-2028-09-01', status: 'open', executionArn: started.executionArn })]);
    // And the bureau asking again is refused the same way.
    expect((await refusal(() => bureau.startReview())).body?.error.code).toBe('REVIEW_EXISTS');
  });
});
