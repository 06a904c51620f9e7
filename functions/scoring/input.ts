import { z } from 'zod';

/**
 * The scoring Lambda's task inputs, exactly as infra/constructs/round-machine.ts sends them:
 *   ScoreBatch: { action: 'score-batch', roundId, cursor: $.score.cursor (null first), batchSize }
 *   Rank:       { action: 'rank', roundId }
 */
const RoundId = z.string().min(1).max(64);

export const ScoreBatchInput = z.object({
  action: z.literal('score-batch'),
  roundId: RoundId,
  cursor: z.string().min(1).nullish(),
  batchSize: z.number().int().min(1).max(500).default(25),
});
export type ScoreBatchInput = z.infer<typeof ScoreBatchInput>;

export const RankInput = z.object({ action: z.literal('rank'), roundId: RoundId });
export type RankInput = z.infer<typeof RankInput>;

export const ScoringInput = z.discriminatedUnion('action', [ScoreBatchInput, RankInput]);
export type ScoringInput = z.infer<typeof ScoringInput>;
