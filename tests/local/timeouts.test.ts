// Hand-written ASL (no CDK) for the timing edges: what waits on the simulated clock.
import { afterEach, describe, expect, it } from 'vitest';
import type { AslDefinition, LocalLambda } from '../../local/asl';
import { SimulatedClock } from '../../local/clock';
import { LocalLambdas } from '../../local/lambdas';
import { LocalStepFunctions } from '../../local/stepfunctions';
import { STEPS_MODULE } from './fixtures/stack';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:Steps';
const lambda: LocalLambda = {
  logicalId: 'Steps', functionName: 'Steps', arn: FN, handlerModule: STEPS_MODULE,
  environment: {}, unresolvedEnvironment: {}, timeoutSeconds: 30, memoryMb: 128,
};
const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:';

let sfn: LocalStepFunctions;
function machine(name: string, definition: object): string {
  sfn ??= new LocalStepFunctions({ lambdas: new LocalLambdas([lambda]), clock: new SimulatedClock({ start: new Date('2026-01-01T00:00:00Z') }), retryIntervalMs: 0 });
  sfn.register({ name, arn: ARN + name, definition: definition as AslDefinition });
  return ARN + name;
}
afterEach(async () => {
  await sfn?.stopAll();
});

const awaitTask = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: FN, Payload: { action: 'await-decision', 'token.$': '$$.Task.Token' } },
  TimeoutSeconds: 60,
};

describe('simulated time', () => {
  it('a task timeout is States.Timeout, which States.TaskFailed does not match (as in AWS)', async () => {
    const arn = machine('TaskFailedVsTimeout', {
      StartAt: 'Await',
      States: {
        Await: { ...awaitTask, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Succeed' },
      },
    });
    const { executionArn } = await sfn.startExecution({ stateMachineArn: arn });
    await sfn.settled(executionArn);
    sfn.clock.advance(60_000);
    const done = await sfn.result(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('Wait states inside a Map wait on the clock; Seconds and Timestamp forms too', async () => {
    const arn = machine('MapWaits', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map', ItemsPath: '$.items', End: true,
          ItemProcessor: { StartAt: 'Pause', States: { Pause: { Type: 'Wait', SecondsPath: '$.s', End: true } } },
        },
      },
    });
    const { executionArn } = await sfn.startExecution({ stateMachineArn: arn, input: { items: [{ s: 10 }, { s: 20 }] } });
    await sfn.settled(executionArn);
    expect(sfn.clock.pending).toBe(2);
    sfn.clock.advance(10_000);
    await sfn.settled(executionArn);
    expect(sfn.describeExecution(executionArn).status).toBe('RUNNING');
    sfn.clock.advance(10_000);
    expect((await sfn.result(executionArn)).status).toBe('SUCCEEDED');

    const fixed = machine('FixedWait', { StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2026-06-01T00:00:00Z', End: true } } });
    const run = await sfn.startExecution({ stateMachineArn: fixed, input: { keep: 1 } });
    await sfn.settled(run.executionArn);
    sfn.clock.advanceTo('2026-06-01T00:00:00Z');
    expect(await sfn.result(run.executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"keep":1}' });
  });

  it('the execution TimeoutSeconds ends it as TIMED_OUT and kills its token', async () => {
    const arn = machine('ExecTimeout', { TimeoutSeconds: 300, StartAt: 'Await', States: { Await: { ...awaitTask, TimeoutSeconds: 3600, End: true } } });
    const { executionArn } = await sfn.startExecution({ stateMachineArn: arn });
    await sfn.settled(executionArn);
    expect(sfn.tokens.list(executionArn)).toHaveLength(1);
    sfn.clock.advance(300_000);
    expect(await sfn.result(executionArn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(sfn.tokens.list(executionArn)).toEqual([]);
  });

  it('StopExecution aborts a parked execution', async () => {
    const arn = machine('Stoppable', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    const { executionArn } = await sfn.startExecution({ stateMachineArn: arn });
    await sfn.settled(executionArn);
    await sfn.stopExecution(executionArn, { error: 'Stopped', cause: 'by test' });
    expect(sfn.describeExecution(executionArn)).toMatchObject({ status: 'ABORTED', error: 'Stopped', cause: 'by test' });
    expect(sfn.clock.pending).toBe(0);
  });

  it('refuses what it cannot run faithfully: JSONata, unknown task resources', () => {
    expect(() => machine('Jsonata', { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } })).toThrow(/JSONata/);
    expect(() => machine('Ddb', { StartAt: 'D', States: { D: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true } } }))
      .toThrow(/Task 'D' uses arn:aws:states:::dynamodb:putItem/);
  });
});

describe('SimulatedClock', () => {
  it('releases waiters in order, only when their time comes', () => {
    const clock = new SimulatedClock({ start: new Date(0) });
    const seen: number[] = [];
    clock.schedule(2000, () => seen.push(2));
    clock.schedule(1000, () => seen.push(1));
    clock.advance(999);
    expect(seen).toEqual([]);
    clock.advance(1);
    expect(seen).toEqual([1]);
    clock.advanceTo(new Date(5000));
    expect(seen).toEqual([1, 2]);
    expect(clock.now().getTime()).toBe(5000);
  });

  it('can follow real time', async () => {
    const clock = new SimulatedClock({ start: new Date(0), followRealTime: true });
    await clock.sleepUntil(30);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(30);
  });
});
