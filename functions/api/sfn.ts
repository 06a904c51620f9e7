import type { SFNClient } from '@aws-sdk/client-sfn';
import { Conflict } from '../../app/errors';
import { classifyAwsError, errorName } from '../shared/aws-errors';

/**
 * Starting executions and answering task tokens, with Step Functions' refusals as our errors.
 * The SDK package is imported when first needed, not with the API's cold start.
 */

type Sfn = () => Promise<SFNClient>;

export async function startExecution(
  sfn: Sfn,
  input: { stateMachineArn: string; name: string; input: unknown },
  onExists: () => Conflict,
): Promise<{ executionArn: string; startDate?: string }> {
  try {
    const [client, { StartExecutionCommand }] = await Promise.all([sfn(), import('@aws-sdk/client-sfn')]);
    const res = await client.send(new StartExecutionCommand({
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

export async function sendTaskSuccess(sfn: Sfn, taskToken: string, output: unknown): Promise<void> {
  try {
    const [client, { SendTaskSuccessCommand }] = await Promise.all([sfn(), import('@aws-sdk/client-sfn')]);
    await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
  } catch (e) {
    if (isTooLate(e)) throw tooLate(e);
    throw classifyAwsError(e);
  }
}

export function tooLate(cause?: unknown): Conflict {
  return new Conflict('DECISION_TOO_LATE', '审批已超时或该批次已不再等待审批', 'too late: the approval wait has timed out or ended', { clause: 'S-ROUND', cause });
}
