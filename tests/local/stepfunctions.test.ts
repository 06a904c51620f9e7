import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { localLambdas } from '../../local/asl';
import { SimulatedClock } from '../../local/clock';
import { LocalLambdas } from '../../local/lambdas';
import { startSfnEndpoint, type LocalSfnEndpoint } from '../../local/sfn-endpoint';
import { LocalStepFunctions, type ExecutionEvent } from '../../local/stepfunctions';
import { buildTestTemplate } from './fixtures/stack';

const T0 = new Date('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

let sfn: LocalStepFunctions;
let endpoint: LocalSfnEndpoint;
let client: SFNClient;
let machineArn: string;

beforeAll(async () => {
  const template = buildTestTemplate();
  sfn = new LocalStepFunctions({
    lambdas: new LocalLambdas(localLambdas(template)),
    clock: new SimulatedClock({ start: T0 }),
    retryIntervalMs: 0, // the definition's 5 s retry pauses, skipped
  });
  [machineArn] = sfn.registerTemplate(template).map((m) => m.arn) as [string];
  endpoint = await startSfnEndpoint(sfn);
  client = new SFNClient({ endpoint: endpoint.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterEach(async () => {
  await sfn.stopAll();
});
afterAll(async () => {
  client?.destroy();
  await endpoint?.stop();
});

async function start(name: string, input: object): Promise<string> {
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn, name, input: JSON.stringify(input) }));
  return executionArn!;
}

/** The `failure` a Catch put into the input of the state entered after it. */
function failureInput(events: ExecutionEvent[], stateName: string): unknown {
  const entered = events.find((e) => e.type === 'StateEntered' && e.state.name === stateName);
  return entered && 'state' in entered ? (entered.state.input as { failure?: unknown }).failure : undefined;
}

/** Runs to AwaitDecision: past the Wait (by advancing the clock) and the flaky step. */
async function toDecision(name: string, failTimes = 0): Promise<{ arn: string; token: string }> {
  const at = new Date(sfn.clock.nowMs() + HOUR).toISOString();
  const arn = await start(name, { value: 21, at, failTimes });
  await sfn.settled(arn);
  expect(sfn.describeExecution(arn).status).toBe('RUNNING');
  expect(sfn.clock.nextWake()?.toISOString()).toBe(at); // parked on the Wait state
  sfn.clock.advanceTo(at);
  await sfn.settled(arn);
  const [pending] = sfn.tokens.list(arn);
  expect(pending?.stateName).toBe('AwaitDecision');
  return { arn, token: pending!.token };
}

describe('the synthesized state machine, in-process', () => {
  it('runs Lambda tasks, waits on the simulated clock, retries, and takes the decision through the SFN API', async () => {
    const { arn, token } = await toDecision('happy', 1);
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approved: true }) }));
    await sfn.result(arn);

    const described = await client.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(described.status).toBe('SUCCEEDED');
    expect(described.startDate?.toISOString()).toBe(T0.toISOString());
    const output = JSON.parse(described.output!);
    expect(output.doubled).toEqual({ value: 42 });
    expect(output.flaky).toEqual({ attempts: 2 }); // one TransientError, retried per the definition
    expect(output.decision).toEqual({ approved: true });

    const record = sfn.describeExecution(arn);
    expect(record.events.filter((e) => e.type === 'StateRetried')).toHaveLength(1);
    expect(record.events.find((e) => 'state' in e && e.state.name === 'WaitForDeadline')).toMatchObject({ state: { type: 'Wait' } });
    // Double, WaitForDeadline, Flaky (+1 retry), AwaitDecision, Done
    expect(record.stateTransitions).toBe(6);

    const { executions } = await client.send(new ListExecutionsCommand({ stateMachineArn: machineArn }));
    expect(executions?.map((e) => e.name)).toContain('happy');
  });

  it('catches an error that outlasts the Retry and records the failure', async () => {
    const at = sfn.clock.now().toISOString();
    const arn = await start('failing', { value: 1, at, failTimes: 5 });
    const done = await sfn.result(arn);
    expect(done.status).toBe('FAILED');
    expect(done).toMatchObject({ error: 'RoundFailed', cause: 'see RecordFailure' });
    const retried = done.events.filter((e) => e.type === 'StateRetried');
    expect(retried).toHaveLength(2); // MaxAttempts 2
    const caught = done.events.find((e) => e.type === 'StateCaught');
    expect(caught).toMatchObject({ state: { name: 'Flaky' } });
    const failure = failureInput(done.events, 'RecordFailure') as { Error: string; Cause: string };
    expect(failure.Error).toBe('TransientError');
    expect(JSON.parse(failure.Cause)).toMatchObject({ errorType: 'TransientError', errorMessage: 'attempt 3 failed' });
  });

  it('times out the waiting task on the simulated clock and goes to its Catch', async () => {
    const { arn, token } = await toDecision('too-late');
    sfn.clock.advance(HOUR - 1);
    await sfn.settled(arn);
    expect(sfn.describeExecution(arn).status).toBe('RUNNING');
    sfn.clock.advance(1);
    const done = await sfn.result(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ decision: { timedOut: true }, timeout: { Error: 'States.Timeout' } });
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('turns SendTaskFailure into the task error, caught by the definition', async () => {
    const { arn, token } = await toDecision('refused');
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'DecisionRejected', cause: 'no' }));
    const done = await sfn.result(arn);
    expect(done.status).toBe('FAILED');
    expect(failureInput(done.events, 'RecordFailure')).toEqual({ Error: 'DecisionRejected', Cause: 'no' });
  });

  it("is reachable through AWS_ENDPOINT_URL_SFN, as the app's clients are", async () => {
    const saved = process.env.AWS_ENDPOINT_URL_SFN;
    process.env.AWS_ENDPOINT_URL_SFN = endpoint.endpoint;
    try {
      const viaEnv = new SFNClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const { executions } = await viaEnv.send(new ListExecutionsCommand({ stateMachineArn: machineArn }));
      expect(Array.isArray(executions)).toBe(true);
      viaEnv.destroy();
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SFN;
      else process.env.AWS_ENDPOINT_URL_SFN = saved;
    }
  });

  it('answers unknown executions, machines and tokens with AWS error codes', async () => {
    await expect(client.send(new DescribeExecutionCommand({ executionArn: `${machineArn.replace(':stateMachine:', ':execution:')}:nope` })))
      .rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: `${machineArn}x` })))
      .rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: 'garbage', output: '{}' })))
      .rejects.toMatchObject({ name: 'InvalidToken' });
  });
});
