import * as z from 'zod';
import { RoundIdSchema } from '../ids';
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE } from '../limits';
import { CaughtErrorSchema } from './caught-error';

/**
 * The round-steps Lambda's task inputs (a contract between infra/ and functions/), exactly as infra/constructs/round-machine.ts sends them:
 *   CloseIntake:   { action: 'close-intake', roundId }
 *   AwaitDecision: { action: 'await-decision', roundId, taskToken }
 *   AdmitBatch:    { action: 'admit-batch', roundId, cursor: $.admit.cursor (null first), batchSize }
 *   RecordOutcome: { action: 'record-outcome', roundId, outcome: 'admitted' | 'rejected' | 'approval-timed-out' }
 *   RecordFailure: { action: 'record-failure', roundId, error: $.error ({ Error, Cause }) }
 */
const RoundId = RoundIdSchema;

export const CloseIntakeInput = z.object({ action: z.literal('close-intake'), roundId: RoundId });
export const AwaitDecisionInput = z.object({ action: z.literal('await-decision'), roundId: RoundId, taskToken: z.string().min(1) });
export const AdmitBatchInput = z.object({
  action: z.literal('admit-batch'),
  roundId: RoundId,
  cursor: z.string().regex(/^\d+$/, 'an offset into the admission list').nullish(),
  batchSize: z.number().int().min(1).max(MAX_BATCH_SIZE).default(DEFAULT_BATCH_SIZE),
});
export const RecordOutcomeInput = z.object({
  action: z.literal('record-outcome'),
  roundId: RoundId,
  outcome: z.enum(['admitted', 'rejected', 'approval-timed-out']),
});
export const RecordFailureInput = z.object({ action: z.literal('record-failure'), roundId: RoundId, error: CaughtErrorSchema });

export const RoundStepInput = z.discriminatedUnion('action', [
  CloseIntakeInput, AwaitDecisionInput, AdmitBatchInput, RecordOutcomeInput, RecordFailureInput,
]);
export type RoundStepInput = z.infer<typeof RoundStepInput>;
export type CloseIntakeInput = z.infer<typeof CloseIntakeInput>;
export type AwaitDecisionInput = z.infer<typeof AwaitDecisionInput>;
export type AdmitBatchInput = z.infer<typeof AdmitBatchInput>;
export type RecordOutcomeInput = z.infer<typeof RecordOutcomeInput>;
export type RecordFailureInput = z.infer<typeof RecordFailureInput>;
