import * as z from 'zod';
import { NotFound } from '../errors';
import { CohortRef } from '../../contracts/tasks/review';
import type { ReviewStore } from '../ports';

/** What the steps after Plan read back from the review item. */
export const PlannedReview = z.object({
  reviewId: z.string(),
  status: z.string(),
  scheduledTime: z.string(),
  reviewDate: z.string(),
  year: z.number().int(),
  windowClosesAt: z.string(),
  cohorts: z.array(CohortRef),
}).loose();
export type PlannedReview = z.infer<typeof PlannedReview>;

export async function requireReview(reviews: ReviewStore, reviewId: string): Promise<PlannedReview> {
  const r = await reviews.get(reviewId);
  if (!r) throw new NotFound({ zh: `考核 ${reviewId}`, en: `review ${reviewId}` }, 'REVIEW_NOT_FOUND');
  return PlannedReview.parse(r);
}
