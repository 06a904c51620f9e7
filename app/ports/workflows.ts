/**
 * The state machines, as the use cases start and answer them (Step Functions on AWS, the
 * same synthesized definitions in-process locally). Refusals are answers, not exceptions:
 * an execution of that name exists, a task token can no longer be answered. A fault worth
 * retrying throws TransientError.
 */
import type { SelectionSteps } from '../../domain/selection/notice';

export interface RoundExecutionInput {
  roundId: string;
  intakeClosesAt: string;
  scoringClosesAt?: string;
  /** Which selection steps the machine runs (its Choice states); absent on older rounds: none. */
  steps?: SelectionSteps;
  /** 民主推荐's deadline, for WaitForBallotDeadline (only with steps.recommendation). */
  ballotClosesAt?: string;
}

export type Started = { started: true; executionArn: string } | { started: false; reason: 'exists' };
export type Answered = 'delivered' | 'too-late';

export interface Workflows {
  /** The round's execution, named after the round (one per round). */
  startRound(input: RoundExecutionInput): Promise<Started>;
  /** A review's execution started by the bureau, named after the review (one per review date). */
  startReview(reviewId: string, scheduledTime: string): Promise<Started>;
  /** Answers a waiting step (the approver's decision to AwaitDecision). */
  answer(taskToken: string, output: unknown): Promise<Answered>;
}
