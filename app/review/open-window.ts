import { assessmentNeeds } from '../../domain/review/window';
import type { OpenWindowInput } from '../../contracts/tasks/review';
import { activeMembers, cohortKey } from './pool-members';
import { requireReview } from './review-state';
import type { UseCaseContext } from '../ports';
import { reviewMovableFrom } from '../../domain/review/lifecycle';
import { noticeAssessmentOpened } from '../notices/triggers';

/**
 * OpenWindow (X-UNITS): one expected-assessment item per member of the cohorts under review
 * (which is also the review's frozen roster, so later steps rank the same people whatever
 * happens to the pool meanwhile), then status `open` — the API takes assessments while open.
 */
export async function openWindow(deps: UseCaseContext, input: OpenWindowInput): Promise<{ reviewId: string; status: 'open'; expected: number }> {
  const { reviews, members } = deps.repos;
  const review = await requireReview(reviews, input.reviewId);
  const cohorts = new Map(review.cohorts.map((c) => [cohortKey(c), c]));
  const items = deps.repos.reviewItems;
  let expected = 0;
  const perUnit = new Map<string, number>();
  for (const m of await activeMembers(members)) {
    const c = cohorts.get(cohortKey({ cohortId: m.state.cohortId, termStart: m.state.termStart }));
    if (!c) continue;
    await items.putExpected({
      reviewId: review.reviewId, personId: m.personId, unitCode: m.unitCode, ...(m.name ? { name: m.name } : {}),
      tier: m.state.tier, cohortId: c.cohortId, termStart: c.termStart, termYear: c.year, kind: c.kind,
      clause: 'X-UNITS', needs: assessmentNeeds(c.kind, m.state.tier), dueBy: review.windowClosesAt,
    });
    expected++;
    perUnit.set(m.unitCode, (perUnit.get(m.unitCode) ?? 0) + 1);
  }
  await reviews.update(review.reviewId, { status: 'open', expected }, reviewMovableFrom('open-window'));
  await deps.audit.append({
    entity: `review/${review.reviewId}`, action: 'review.window-opened', actor: 'system:review', clause: 'X-UNITS',
    at: review.scheduledTime, idempotencyKey: `${review.reviewId}#window-opened`, details: { expected, windowClosesAt: review.windowClosesAt },
  });
  // Each unit with members to assess hears of the window; never throws (app/notices).
  await noticeAssessmentOpened(deps, { reviewId: review.reviewId, windowClosesAt: String(review.windowClosesAt), ...(typeof review.reviewDate === 'string' ? { reviewDate: review.reviewDate } : {}) }, perUnit);
  return { reviewId: review.reviewId, status: 'open', expected };
}
