import { SendTaskSuccessCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { Conflict, classifyAwsError, errorName } from '../shared/errors';

/** Starting executions and answering task tokens, with Step Functions' refusals as our errors. */

export async function startExecution(
  sfn: SFNClient,
  input: { stateMachineArn: string; name: string; input: unknown },
  onExists: () => Conflict,
): Promise<{ executionArn: string; startDate?: string }> {
  try {
    const res = await sfn.send(new StartExecutionCommand({
      stateMachineArn: input.stateMachineArn,
      name: input.name,
      input: JSON.stringify(input.input),
    }));
    return { executionArn: res.executionArn ?? '', ...(res.startDate ? { startDate: res.startDate.toISOString() } : {}) };
  } catch (e) {
    if (errorName(e) === 'ExecutionAlreadyExists') throw onExists();
    throw classifyAwsError(e);
  }
}

/** The token is no longer answerable: the wait timed out, or it was answered or ended. */
const TOO_LATE = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

export function isTooLate(e: unknown): boolean {
  return TOO_LATE.has(errorName(e) ?? '');
}

export async function sendTaskSuccess(sfn: SFNClient, taskToken: string, output: unknown): Promise<void> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
  } catch (e) {
    if (isTooLate(e)) throw tooLate(e);
    throw classifyAwsError(e);
  }
}

export function tooLate(cause?: unknown): Conflict {
  return new Conflict('DECISION_TOO_LATE', '审批已超时或该批次已不再等待审批', 'too late: the approval wait has timed out or ended', { clause: 'S-ROUND', cause });
}
