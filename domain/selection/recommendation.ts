import * as z from 'zod';

/**
 * 民主推荐 on the round (DESIGN §7): when the ballots opened (OpenBallot, at intake's close),
 * when they close (the notice's deadline), and when the tally was taken (TallyBallot). A ballot
 * takes votes only while the round is `recommending` and before `closesAt`.
 */
export const RecommendationStateSchema = z.object({
  openedAt: z.string(),
  closesAt: z.string(),
  talliedAt: z.string().optional(),
});
export type RecommendationState = z.infer<typeof RecommendationStateSchema>;
