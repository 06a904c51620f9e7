// Errors raised inside executions, shaped so aws-local-stepfunctions' Retry/Catch matching
// (by `error.name`, plus its `isRetryable` / `isCatchable` flags) treats them as AWS would.
import { StateMachine } from 'aws-local-stepfunctions';

/**
 * States.DataLimitExceeded: AWS neither retries nor catches it (States.ALL does not match it).
 * The library honours `isRetryable` / `isCatchable` on any thrown error.
 */
export class DataLimitExceeded extends Error {
  override name = 'States.DataLimitExceeded';
  readonly isRetryable = false;
  readonly isCatchable = false;
}

export const STATE_PAYLOAD_LIMIT_BYTES = 256 * 1024;

export function assertPayloadSize(value: unknown, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(value ?? null));
  if (bytes > STATE_PAYLOAD_LIMIT_BYTES) {
    throw new DataLimitExceeded(`${what} is ${bytes} bytes, over the 256 KB Step Functions limit`);
  }
}

let timeoutFactory: Promise<() => Error> | undefined;

/**
 * A States.Timeout error the library recognizes as its own. It matters because the library
 * lets 'States.TaskFailed' match every task error *except* an instance of its internal
 * StatesTimeoutError (as AWS does), and that class is not exported. We obtain it once by
 * letting a one-state machine time out after 1 ms; a plain named Error is the fallback.
 */
export function statesTimeoutError(): Promise<() => Error> {
  timeoutFactory ??= (async () => {
    const probe = new StateMachine(
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true } } },
      { validationOptions: { noValidate: true } },
    );
    const run = probe.run({}, { overrides: { taskResourceLocalHandlers: { T: () => new Promise<never>(() => {}) } } });
    try {
      await run.result;
    } catch (err) {
      const cause = (err as Error).cause;
      if (cause instanceof Error && cause.name === 'States.Timeout') {
        const Ctor = cause.constructor as new () => Error;
        return () => new Ctor();
      }
    }
    return () => Object.assign(new Error('States.Timeout'), { name: 'States.Timeout' });
  })();
  return timeoutFactory;
}
