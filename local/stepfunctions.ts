// Step Functions, in-process: the synthesized definitions run on aws-local-stepfunctions with
// every Lambda task mapped to its handler module, Wait states and task-token timeouts on the
// SimulatedClock, and task tokens answered through TaskTokens (or the local SFN endpoint).
import { randomUUID } from 'node:crypto';
import { ExecutionAbortedError, ExecutionError, StateMachine, type RunOptions } from 'aws-local-stepfunctions';
import type { AslDefinition } from './asl';
import { stateMachinesFromTemplate, type TemplateStateMachine } from './asl';
import { SimulatedClock } from './clock';
import { readPath } from './jsonpath';
import type { LocalLambdas } from './lambdas';
import { prepareDefinition, type PreparedDefinition, type TaskSpec, type WaitSpec } from './sfn-definition';
import { assertPayloadSize, statesTimeoutError } from './task-errors';
import { SfnServiceError, TaskTokens } from './task-tokens';
import type { CfnTemplate, ResolveOptions } from './template';

type Json = unknown;
type TaskHandler = (input: Json) => Promise<Json> | Json;
type RunResult = ReturnType<StateMachine['run']>;
// The library types handlers over its JSONValue; ours take what JSON.parse gives (unknown).
type LibraryHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
/** One entry of the library's execution event log (StateEntered, StateRetried, …). */
export type ExecutionEvent = RunResult['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** StateEntered + StateRetried events, nested Map/Parallel states included (≈ billed transitions). */
  stateTransitions: number;
  events: ExecutionEvent[];
}

export interface LocalStepFunctionsOptions extends ResolveOptions {
  lambdas: LocalLambdas;
  clock?: SimulatedClock;
  tokens?: TaskTokens;
  /** Pause of every Retry, in real ms (tests: 0). Default: the definition's own intervals. */
  retryIntervalMs?: number;
  /** Handlers for Task states whose resource is not a Lambda, by state name. */
  taskHandlers?: Record<string, TaskHandler>;
}

interface Machine {
  name: string;
  arn: string;
  prepared: PreparedDefinition;
  library: StateMachine;
}

interface Execution extends ExecutionDescription {
  abortController: AbortController;
  run?: RunResult;
  /** Waits on the clock or on a token in progress. */
  blocked: number;
  /** Lambda invocations in progress. */
  running: number;
  done: Promise<void>;
  timedOut: boolean;
}

/** Replaced in the payload by a fresh token per task attempt (the library's context is static). */
const TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';
const UNLIMITED = Number.POSITIVE_INFINITY;

export class LocalStepFunctions {
  readonly clock: SimulatedClock;
  readonly tokens: TaskTokens;
  readonly lambdas: LocalLambdas;
  private readonly options: LocalStepFunctionsOptions;
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, Execution>();
  private readonly listeners = new Set<() => void>();

  constructor(options: LocalStepFunctionsOptions) {
    this.options = options;
    this.lambdas = options.lambdas;
    this.clock = options.clock ?? new SimulatedClock();
    this.tokens = options.tokens ?? new TaskTokens();
  }

  /** Registers every state machine of the template; returns them (name, ARN, plain ASL). */
  registerTemplate(template: CfnTemplate): TemplateStateMachine[] {
    const machines = stateMachinesFromTemplate(template, this.options);
    for (const m of machines) this.register(m);
    return machines;
  }

  register(machine: { name: string; arn: string; definition: AslDefinition }): void {
    const prepared = prepareDefinition(machine.definition);
    for (const [state, spec] of prepared.tasks) {
      if (spec.kind === 'other' && !this.options.taskHandlers?.[state]) {
        throw new Error(`${machine.name}: Task '${state}' uses ${spec.resource}, which has no local handler (pass taskHandlers.${state})`);
      }
      if (spec.kind === 'lambda-arn') this.lambdas.get(spec.resource); // fail now, not mid-run
    }
    // Validation as in the library, but ARN checks off: our placeholder resources are fine.
    const library = new StateMachine(prepared.definition, { validationOptions: { checkArn: false } });
    this.machines.set(machine.arn, { name: machine.name, arn: machine.arn, prepared, library });
  }

  stateMachineArns(): string[] {
    return [...this.machines.keys()];
  }

  async startExecution(params: { stateMachineArn: string; input?: string | Json; name?: string }): Promise<{ executionArn: string; startDate: Date }> {
    const machine = this.machines.get(params.stateMachineArn);
    if (!machine) throw new SfnServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${params.stateMachineArn}'`);
    const inputText = params.input === undefined ? '{}' : typeof params.input === 'string' ? params.input : JSON.stringify(params.input);
    let input: Json;
    try {
      input = JSON.parse(inputText);
    } catch {
      throw new SfnServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
    }
    const name = params.name ?? randomUUID();
    const executionArn = machine.arn.replace(':stateMachine:', ':execution:') + `:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === inputText) return { executionArn, startDate: existing.startDate };
      throw new SfnServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const makeTimeout = await statesTimeoutError();
    const execution: Execution = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: 'RUNNING',
      startDate: this.clock.now(),
      input: inputText,
      stateTransitions: 0,
      events: [],
      abortController: new AbortController(),
      blocked: 0,
      running: 0,
      done: Promise.resolve(),
      timedOut: false,
    };
    this.executions.set(executionArn, execution);

    const context = {
      Execution: { Id: executionArn, Name: name, Input: input, StartTime: execution.startDate.toISOString() },
      StateMachine: { Id: machine.arn, Name: machine.name },
      Task: { Token: TOKEN_PLACEHOLDER },
    };
    const retryIntervalOverrides = this.options.retryIntervalMs === undefined
      ? undefined
      : Object.fromEntries(machine.prepared.retryable.map((s) => [s, this.options.retryIntervalMs as number]));
    const run = machine.library.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: this.handlersFor(machine, execution, context, makeTimeout) as LibraryHandlers,
        retryIntervalOverrides,
      },
      context: context as RunOptions['context'],
    });
    execution.run = run;

    let cancelTimeout = () => {};
    if (machine.prepared.timeoutSeconds !== undefined) {
      cancelTimeout = this.clock.schedule(execution.startDate.getTime() + machine.prepared.timeoutSeconds * 1000, () => {
        execution.timedOut = true;
        run.abort();
      });
    }
    const logging = this.collectEvents(execution, machine.prepared, run);
    execution.done = run.result.then(
      (output) => this.finish(execution, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) }),
      (err: unknown) => this.finish(execution, failureOf(err, execution.timedOut)),
    ).finally(async () => {
      cancelTimeout();
      execution.abortController.abort(new Error('execution ended'));
      await logging;
      this.changed();
    });
    return { executionArn, startDate: execution.startDate };
  }

  describeExecution(executionArn: string): ExecutionDescription {
    const e = this.executions.get(executionArn);
    if (!e) throw new SfnServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return describe(e);
  }

  listExecutions(filter: { stateMachineArn?: string; statusFilter?: ExecutionStatus } = {}): ExecutionDescription[] {
    return [...this.executions.values()]
      .filter((e) => !filter.stateMachineArn || e.stateMachineArn === filter.stateMachineArn)
      .filter((e) => !filter.statusFilter || e.status === filter.statusFilter)
      .map(describe);
  }

  /** StopExecution: ends it as ABORTED (pending tokens die with it). */
  async stopExecution(executionArn: string, details: { error?: string; cause?: string } = {}): Promise<{ stopDate: Date }> {
    const e = this.executions.get(executionArn);
    if (!e) throw new SfnServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (e.status === 'RUNNING') {
      e.error = details.error;
      e.cause = details.cause;
      e.run?.abort();
      await e.done;
    }
    return { stopDate: e.stopDate ?? this.clock.now() };
  }

  /** Resolves when the execution has ended. */
  async result(executionArn: string): Promise<ExecutionDescription> {
    const e = this.executions.get(executionArn);
    if (!e) throw new SfnServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    await e.done;
    return describe(e);
  }

  /**
   * Resolves when the execution (or every execution) has ended or is parked — waiting on the
   * clock or a task token with no Lambda running. Tests: start, settle, advance the clock or
   * answer the token, settle again. Times out (real ms) to keep a stuck test bounded.
   */
  async settled(executionArn?: string, timeoutMs = 20_000): Promise<void> {
    const parked = (e: Execution) => e.status !== 'RUNNING' || (e.blocked > 0 && e.running === 0);
    const ready = () => (executionArn ? [this.executions.get(executionArn)] : [...this.executions.values()])
      .every((e) => !e || parked(e));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (!ready()) {
        if (Date.now() > deadline) throw new Error(`executions did not settle within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, 50); // cheap re-check for transitions we don't observe
          function done() {
            clearTimeout(timer);
            listeners.delete(done);
            resolve();
          }
          const listeners = this.listeners;
          listeners.add(done);
        });
      }
      // The counters say "parked", but the executor drains its event log from a queue
      // asynchronously: one macrotask lets the StateEntered of the parked state land, so
      // describeExecution right after settled() shows where the execution waits.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (ready()) return;
    }
  }

  /** Aborts every running execution (test teardown, shutdown). */
  async stopAll(): Promise<void> {
    const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    await Promise.all(running.map((e) => this.stopExecution(e.executionArn)));
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  private handlersFor(machine: Machine, execution: Execution, context: object, makeTimeout: () => Error): Record<string, TaskHandler> {
    const handlers: Record<string, TaskHandler> = {};
    for (const [state, spec] of machine.prepared.waits) {
      handlers[state] = (input) => this.waitState(execution, spec, input, context);
    }
    for (const [state, spec] of machine.prepared.tasks) {
      handlers[state] = (input) => this.taskState(execution, state, spec, input, context, makeTimeout);
    }
    return handlers;
  }

  private async waitState(execution: Execution, spec: WaitSpec, input: Json, context: object): Promise<Json> {
    const now = this.clock.nowMs();
    let until: number;
    if (spec.Seconds !== undefined) until = now + spec.Seconds * 1000;
    else if (spec.SecondsPath) until = now + Number(readPath(spec.SecondsPath, input, context)) * 1000;
    else if (spec.Timestamp) until = Date.parse(spec.Timestamp);
    else if (spec.TimestampPath) until = Date.parse(String(readPath(spec.TimestampPath, input, context)));
    else until = now;
    if (Number.isNaN(until)) throw new Error('Wait: the timestamp is not a valid date');
    await this.blockedOn(execution, (unblock) => new Promise<void>((resolve, reject) => {
      const signal = execution.abortController.signal;
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => { cancel(); unblock(); reject(signal.reason); };
      const cancel = this.clock.schedule(until, () => {
        signal.removeEventListener('abort', onAbort);
        unblock();
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
    }));
    return input;
  }

  private async taskState(execution: Execution, state: string, spec: TaskSpec, input: Json, context: object, makeTimeout: () => Error): Promise<Json> {
    execution.abortController.signal.throwIfAborted();
    if (spec.kind === 'other') return this.invoking(execution, async () => this.options.taskHandlers![state]!(input));
    if (spec.kind === 'lambda-arn') {
      const result = await this.invoking(execution, () => this.lambdas.invoke(spec.resource, input));
      assertPayloadSize(result, `${state}'s result`);
      return result;
    }
    const params = (input ?? {}) as { FunctionName?: string; Payload?: Json; InvocationType?: string };
    if (!params.FunctionName) throw new Error(`${state}: lambda:invoke without FunctionName`);
    const functionName = params.FunctionName;
    if (spec.kind === 'lambda-invoke') {
      if (params.InvocationType === 'Event') {
        // Fire and forget, as an async invoke; its failure does not fail the task.
        void this.lambdas.invoke(functionName, params.Payload).catch(() => {});
        return { Payload: '', StatusCode: 202 };
      }
      const payload = await this.invoking(execution, () => this.lambdas.invoke(functionName, params.Payload));
      assertPayloadSize(payload, `${state}'s result`);
      return invokeResponse(payload);
    }
    return this.waitForToken(execution, state, spec, functionName, params.Payload, context, input, makeTimeout);
  }

  private async waitForToken(
    execution: Execution, state: string, spec: TaskSpec, functionName: string, payload: Json,
    context: object, input: Json, makeTimeout: () => Error,
  ): Promise<Json> {
    const started = this.clock.nowMs();
    const timeoutSeconds = spec.timeoutSeconds ?? (spec.timeoutSecondsPath ? Number(readPath(spec.timeoutSecondsPath, input, context)) : UNLIMITED);
    let unblock = () => {};
    const { token, answer } = this.tokens.open(
      { executionArn: execution.executionArn, stateName: state, now: this.clock.now() },
      () => unblock(),
    );
    const withToken = replacePlaceholder(payload, token);
    if (JSON.stringify(withToken) === JSON.stringify(payload)) {
      this.tokens.expire(token, 'completed');
      throw new Error(`${state}: .waitForTaskToken but the payload does not carry $$.Task.Token`);
    }
    try {
      await this.invoking(execution, () => this.lambdas.invoke(functionName, withToken));
    } catch (err) {
      this.tokens.expire(token, 'completed');
      throw err;
    }
    return this.blockedOn(execution, (release) => new Promise<Json>((resolve, reject) => {
      const signal = execution.abortController.signal;
      let cancelTimer = () => {};
      const cleanup = () => {
        cancelTimer();
        signal.removeEventListener('abort', onAbort);
        release();
      };
      unblock = cleanup;
      const onAbort = () => {
        this.tokens.expire(token, 'completed');
        cleanup();
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      if (timeoutSeconds !== UNLIMITED) {
        cancelTimer = this.clock.schedule(started + timeoutSeconds * 1000, () => {
          this.tokens.expire(token, 'timed-out');
          cleanup();
          reject(makeTimeout());
        });
      }
      answer.then(
        (output) => { cleanup(); resolve(output); },
        (err: unknown) => { cleanup(); reject(err); },
      );
    }));
  }

  /** Counts a Lambda invocation as running work (not parked). */
  private async invoking<T>(execution: Execution, fn: () => Promise<T>): Promise<T> {
    execution.running++;
    try {
      return await fn();
    } finally {
      execution.running--;
      this.changed();
    }
  }

  /** Marks the execution parked while `wait` runs; `release` (sync) ends the parked state. */
  private async blockedOn<T>(execution: Execution, wait: (release: () => void) => Promise<T>): Promise<T> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      execution.blocked--;
    };
    execution.blocked++;
    this.changed();
    try {
      return await wait(release);
    } finally {
      release();
    }
  }

  private async collectEvents(execution: Execution, prepared: PreparedDefinition, run: RunResult): Promise<void> {
    for await (const event of run.eventLogs) {
      // Our Wait stand-ins are Tasks to the library; report them as the Wait states they are.
      if ('state' in event && prepared.waits.has(event.state.name)) event.state.type = 'Wait';
      if (event.type === 'StateEntered' || event.type === 'StateRetried') execution.stateTransitions++;
      execution.events.push(event);
      this.changed();
    }
  }

  /** For ABORTED, StopExecution's error/cause are already on the execution and kept. */
  private finish(execution: Execution, outcome: Partial<ExecutionDescription> & { status: ExecutionStatus }): void {
    Object.assign(execution, outcome, { stopDate: this.clock.now() });
  }
}

function failureOf(err: unknown, timedOut: boolean): Partial<ExecutionDescription> & { status: ExecutionStatus } {
  if (err instanceof ExecutionAbortedError) {
    return timedOut
      ? { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out' }
      : { status: 'ABORTED' };
  }
  const inner = err instanceof ExecutionError && err.cause instanceof Error ? err.cause : err;
  const e = inner instanceof Error ? inner : new Error(String(inner));
  return { status: 'FAILED', error: e.name, cause: e.message };
}

function describe(e: Execution): ExecutionDescription {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: e.startDate,
    stopDate: e.stopDate,
    input: e.input,
    output: e.output,
    error: e.error,
    cause: e.cause,
    stateTransitions: e.stateTransitions,
    events: [...e.events],
  };
}

/** The shape CDK's default LambdaInvoke (no payloadResponseOnly) hands to the next state. */
function invokeResponse(payload: Json): Json {
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: { AllHttpHeaders: {}, HttpHeaders: {}, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: randomUUID() },
    StatusCode: 200,
  };
}

function replacePlaceholder(value: Json, token: string): Json {
  if (value === TOKEN_PLACEHOLDER) return token;
  if (typeof value === 'string') return value.split(TOKEN_PLACEHOLDER).join(token);
  if (Array.isArray(value)) return value.map((v) => replacePlaceholder(v, token));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replacePlaceholder(v, token)]));
  }
  return value;
}
