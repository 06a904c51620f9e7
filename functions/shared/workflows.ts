import type { SFNClient } from '@aws-sdk/client-sfn';
import type { Answered, RoundExecutionInput, Started, Workflows } from '../../app/ports/workflows';
import { classifyAwsError, errorName } from './aws-errors';

/** Execution names allow letters, digits, '-' and '_': the ids fit, prefixed. */
export const roundExecutionName = (roundId: string) => `round-${roundId}`;
/** The review execution the API starts (the schedule's own executions have Scheduler's names). */
export const reviewExecutionName = (reviewId: string) => `api-${reviewId}`;

/** The token is no longer answerable: the wait timed out, or it was answered or ended. */
const TOO_LATE = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

/**
 * Step Functions behind the Workflows port. The SDK package is imported when first needed,
 * not with the API's cold start (most routes never start or answer an execution).
 */
export class StepFunctionsWorkflows implements Workflows {
  constructor(
    private readonly sfn: () => Promise<SFNClient>,
    private readonly machines: { round: string; review: string },
  ) {}

  startRound(input: RoundExecutionInput): Promise<Started> {
    return this.start(this.machines.round, roundExecutionName(input.roundId), input);
  }

  startReview(reviewId: string, scheduledTime: string): Promise<Started> {
    return this.start(this.machines.review, reviewExecutionName(reviewId), { scheduledTime });
  }

  answer(taskToken: string, output: unknown): Promise<Answered> {
    return answerTask(this.sfn, taskToken, output);
  }

  private async start(stateMachineArn: string, name: string, input: unknown): Promise<Started> {
    try {
      const [client, { StartExecutionCommand }] = await Promise.all([this.sfn(), import('@aws-sdk/client-sfn')]);
      const res = await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
      return { started: true, executionArn: res.executionArn ?? '' };
    } catch (e) {
      if (errorName(e) === 'ExecutionAlreadyExists') return { started: false, reason: 'exists' };
      throw classifyAwsError(e);
    }
  }
}

/**
 * Answers a waiting step by its task token (SendTaskSuccess): all a function needs that only
 * answers, never starts — the selection function's 考察 close and last objection resolved.
 */
export async function answerTask(sfn: () => Promise<SFNClient>, taskToken: string, output: unknown): Promise<Answered> {
  try {
    const [client, { SendTaskSuccessCommand }] = await Promise.all([sfn(), import('@aws-sdk/client-sfn')]);
    await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'delivered';
  } catch (e) {
    if (TOO_LATE.has(errorName(e) ?? '')) return 'too-late';
    throw classifyAwsError(e);
  }
}
