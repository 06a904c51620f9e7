import * as z from 'zod';
import { RoundIdSchema } from '../ids';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from '../limits';

/**
 * The scoring Lambda's task inputs, exactly as infra/constructs/round-machine.ts sends them:
 *   ScoreBatch: { action: 'score-batch', roundId, cursor: $.score.cursor (null first), batchSize }
 *   Rank:       { action: 'rank', roundId }
 */
const RoundId = RoundIdSchema;

export const ScoreBatchInput = z.object({
  action: z.literal('score-batch'),
  roundId: RoundId,
  cursor: z.string().min(1).nullish(),
  batchSize: z.number().int().min(1).max(MAX_BATCH_SIZE).default(DEFAULT_BATCH_SIZE),
});
export type ScoreBatchInput = z.infer<typeof ScoreBatchInput>;

export const RankInput = z.object({ action: z.literal('rank'), roundId: RoundId });
export type RankInput = z.infer<typeof RankInput>;

export const ScoringInput = z.discriminatedUnion('action', [ScoreBatchInput, RankInput]);
export type ScoringInput = z.infer<typeof ScoringInput>;
