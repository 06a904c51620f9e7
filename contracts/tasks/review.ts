import * as z from 'zod';
import { ReviewIdSchema, TimestampSchema } from '../ids';
import { CaughtErrorSchema } from './caught-error';

/**
 * The review-steps Lambda's task inputs, exactly as infra/constructs/review-machine.ts sends them:
 *   Plan:            { action: 'plan', at: $.scheduledTime, execution: $$.Execution.Id }
 *   OpenWindow:      { action: 'open-window', reviewId }
 *   (Map ProposeOutcomes, per cohort) ComputeOutcomes:
 *                    { action, reviewId, cohort: one element of Plan's `cohorts` }
 *   AwaitConfirmation (waitForTaskToken): { action: 'await-confirmation', reviewId, taskToken, timeoutSeconds }
 *   RecordConfirmationTimeout: { action: 'record-confirmation-timeout', reviewId }
 *   (Map ApplyConfirmed, per cohort) ApplyOutcomes / CreateTalks: as ComputeOutcomes
 *   Summarize:       { action: 'summarize', reviewId }
 *   RecordFailure:   { action: 'record-failure', reviewId (null if Plan failed), scheduledTime, error }
 * and, as infra/constructs/term-machine.ts sends it (the daily term-end schedule):
 *   EndTerms:        { action: 'end-terms', at: $.scheduledTime, cursor: the last batch's cursor or null }
 */
const ReviewId = ReviewIdSchema;
const Timestamp = TimestampSchema;

export const CohortRef = z.object({
  cohortId: z.string().min(1),
  termStart: z.string().min(1),
  year: z.number().int().positive(),
  kind: z.enum(['annual', 'summative']),
});
export type CohortRef = z.infer<typeof CohortRef>;

/** `execution`: the execution planning (so a retried Plan is told apart from a second execution for the date). */
export const PlanInput = z.object({ action: z.literal('plan'), at: Timestamp, execution: z.string().min(1).optional() });
export const OpenWindowInput = z.object({ action: z.literal('open-window'), reviewId: ReviewId });
const cohortStep = <A extends string>(action: A) => z.object({ action: z.literal(action), reviewId: ReviewId, cohort: CohortRef });
export const ComputeOutcomesInput = cohortStep('compute-outcomes');
export const ApplyOutcomesInput = cohortStep('apply-outcomes');
export const CreateTalksInput = cohortStep('create-talks');
/** The bureau's confirmation wait (DESIGN §2 Calibration): the token is kept on the review for the API. */
export const AwaitConfirmationInput = z.object({
  action: z.literal('await-confirmation'),
  reviewId: ReviewId,
  taskToken: z.string().min(1),
  /** The state's TimeoutSeconds, so the review can say until when it waits. */
  timeoutSeconds: z.number().int().positive(),
});
export const ConfirmationTimeoutInput = z.object({ action: z.literal('record-confirmation-timeout'), reviewId: ReviewId });
export const SummarizeInput = z.object({ action: z.literal('summarize'), reviewId: ReviewId });
export const ReviewFailureInput = z.object({
  action: z.literal('record-failure'),
  reviewId: ReviewId.nullish(),
  scheduledTime: Timestamp.nullish(),
  error: CaughtErrorSchema,
});

/** M-TERM: end every term due by the Beijing date of `at`, one page of the pool from `cursor`. */
export const EndTermsInput = z.object({ action: z.literal('end-terms'), at: Timestamp, cursor: z.string().min(1).nullish() });
export type EndTermsInput = z.infer<typeof EndTermsInput>;

/** The daily notices (app/notices/triggers.ts): deadline reminders and overdue talks as of the Beijing date of `at`. */
export const DailyNoticesInput = z.object({ action: z.literal('daily-notices'), at: Timestamp });
export type DailyNoticesInput = z.infer<typeof DailyNoticesInput>;

export const ReviewStepInput = z.discriminatedUnion('action', [
  EndTermsInput, DailyNoticesInput, PlanInput, OpenWindowInput, ComputeOutcomesInput, AwaitConfirmationInput, ConfirmationTimeoutInput, ApplyOutcomesInput, CreateTalksInput,
  SummarizeInput, ReviewFailureInput,
]);
export type ReviewStepInput = z.infer<typeof ReviewStepInput>;
export type PlanInput = z.infer<typeof PlanInput>;
export type CohortStepInput = z.infer<typeof ComputeOutcomesInput> | z.infer<typeof ApplyOutcomesInput> | z.infer<typeof CreateTalksInput>;
export type SummarizeInput = z.infer<typeof SummarizeInput>;
export type OpenWindowInput = z.infer<typeof OpenWindowInput>;
export type ReviewFailureInput = z.infer<typeof ReviewFailureInput>;
export type AwaitConfirmationInput = z.infer<typeof AwaitConfirmationInput>;
export type ConfirmationTimeoutInput = z.infer<typeof ConfirmationTimeoutInput>;
