import * as z from 'zod';
import { RoundIdSchema } from '../ids';
import { DEFAULT_BATCH_SIZE, DEFAULT_TALLY_BATCH_SIZE, MAX_BATCH_SIZE, MAX_TALLY_BATCH_SIZE } from '../limits';
import { CaughtErrorSchema } from './caught-error';

/**
 * The round-steps Lambda's task inputs (a contract between infra/ and functions/), exactly as infra/constructs/round-machine.ts sends them:
 *   CloseIntake:   { action: 'close-intake', roundId }
 *   AwaitDecision: { action: 'await-decision', roundId, taskToken }
 *   AdmitBatch:    { action: 'admit-batch', roundId, cursor: $.admit.cursor (null first), batchSize }
 *   RecordOutcome: { action: 'record-outcome', roundId, outcome: 'admitted' | 'rejected' | 'approval-timed-out' }
 *   RecordFailure: { action: 'record-failure', roundId, error: $.error ({ Error, Cause }) }
 * and for the notice's selection steps (DESIGN §7; contracts/selection.ts):
 *   OpenBallot:      { action: 'open-ballot', roundId }                 民主推荐 opens at intake's close
 *   TallyBallot:     { action: 'tally-ballot', roundId, cursor: $.tally.cursor (null first), totals: $.tally.totals, batchSize }
 *                    → { cursor, totals } a page of ballots at a time after the deadline (cursor null: all counted)
 *   AwaitInspection: { action: 'await-inspection', roundId, taskToken } answered when the bureau closes 考察
 *   StartPublicity:  { action: 'start-publicity', roundId }             → { endsAt } (公示 begins)
 *   ClosePublicity:  { action: 'close-publicity', roundId }             → { pending } objections still open
 *   AwaitObjections: { action: 'await-objections', roundId, taskToken } answered when the last is resolved
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
export const OpenBallotInput = z.object({ action: z.literal('open-ballot'), roundId: RoundId });
/** What the ballots counted so far add up to (carried by the machine from batch to batch). */
export const TallyTotalsSchema = z.object({
  ballots: z.number().int().min(0),
  issued: z.number().int().min(0),
  used: z.number().int().min(0),
  cast: z.number().int().min(0),
});
export type TallyTotals = z.infer<typeof TallyTotalsSchema>;
export const TallyBallotInput = z.object({
  action: z.literal('tally-ballot'),
  roundId: RoundId,
  cursor: z.string().min(1).nullish(),
  totals: TallyTotalsSchema.nullish(),
  batchSize: z.number().int().min(1).max(MAX_TALLY_BATCH_SIZE).default(DEFAULT_TALLY_BATCH_SIZE),
});
export const AwaitInspectionInput = z.object({ action: z.literal('await-inspection'), roundId: RoundId, taskToken: z.string().min(1) });
export const StartPublicityInput = z.object({ action: z.literal('start-publicity'), roundId: RoundId });
export const ClosePublicityInput = z.object({ action: z.literal('close-publicity'), roundId: RoundId });
export const AwaitObjectionsInput = z.object({ action: z.literal('await-objections'), roundId: RoundId, taskToken: z.string().min(1) });

/** What StartPublicity gives the machine: the instant WaitForPublicityEnd waits for. */
export interface StartPublicityOutput { endsAt: string }
/** What TallyBallot gives the machine: where the next batch starts (null: every ballot counted) and the sums so far. */
export interface TallyBallotOutput { cursor: string | null; totals: TallyTotals }
/** What ClosePublicity gives the machine: objections not yet resolved (0 → admission). */
export interface ClosePublicityOutput { pending: number }

export const RoundStepInput = z.discriminatedUnion('action', [
  CloseIntakeInput, AwaitDecisionInput, AdmitBatchInput, RecordOutcomeInput, RecordFailureInput,
  OpenBallotInput, TallyBallotInput, AwaitInspectionInput, StartPublicityInput, ClosePublicityInput, AwaitObjectionsInput,
]);
export type RoundStepInput = z.infer<typeof RoundStepInput>;
export type CloseIntakeInput = z.infer<typeof CloseIntakeInput>;
export type AwaitDecisionInput = z.infer<typeof AwaitDecisionInput>;
export type AdmitBatchInput = z.infer<typeof AdmitBatchInput>;
export type RecordOutcomeInput = z.infer<typeof RecordOutcomeInput>;
export type RecordFailureInput = z.infer<typeof RecordFailureInput>;
export type OpenBallotInput = z.infer<typeof OpenBallotInput>;
export type TallyBallotInput = z.infer<typeof TallyBallotInput>;
export type AwaitInspectionInput = z.infer<typeof AwaitInspectionInput>;
export type StartPublicityInput = z.infer<typeof StartPublicityInput>;
export type ClosePublicityInput = z.infer<typeof ClosePublicityInput>;
export type AwaitObjectionsInput = z.infer<typeof AwaitObjectionsInput>;
