// Preparing a synthesized definition for aws-local-stepfunctions. The library keeps time with
// real setTimeout, so everything that waits on *simulated* time is taken out of its hands:
//  - each Wait state becomes a Task of the same name (resource arn:aws:states:::local:wait)
//    whose local handler waits on the SimulatedClock (InputPath/OutputPath behave the same);
//  - a .waitForTaskToken task keeps its name but its TimeoutSeconds(Path) is lifted to the
//    maximum; our handler applies the real timeout on the simulated clock;
//  - the top-level TimeoutSeconds is removed; the runner applies it on the clock.
// The original specs are returned so the runner knows what to do per state name.
import type { AslDefinition } from './asl';

export type WaitSpec = { Seconds?: number; Timestamp?: string; SecondsPath?: string; TimestampPath?: string };

export type TaskKind =
  /** arn:…:states:::lambda:invoke — input {FunctionName, Payload}, answer {Payload, StatusCode} */
  | 'lambda-invoke'
  /** arn:…:states:::lambda:invoke.waitForTaskToken */
  | 'lambda-invoke-token'
  /** Resource is the function ARN itself (payloadResponseOnly): input and result are the payload. */
  | 'lambda-arn'
  | 'other';

export interface TaskSpec {
  kind: TaskKind;
  resource: string;
  timeoutSeconds?: number;
  timeoutSecondsPath?: string;
}

export interface PreparedDefinition {
  definition: AslDefinition;
  waits: Map<string, WaitSpec>;
  tasks: Map<string, TaskSpec>;
  /** States with a Retry field (Task, Map, Parallel) — for retry-interval overrides. */
  retryable: string[];
  timeoutSeconds?: number;
}

export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';
// setTimeout's ceiling (2^31-1 ms) in whole seconds: the library's timer must never fire first.
const LIBRARY_MAX_TIMEOUT_SECONDS = 2_147_483;

type State = Record<string, unknown> & { Type: string };
type Machine = { States: Record<string, State> } & Record<string, unknown>;

export function taskKind(resource: string): TaskKind {
  if (/^arn:[^:]+:states:::lambda:invoke$/.test(resource)) return 'lambda-invoke';
  if (/^arn:[^:]+:states:::lambda:invoke\.waitForTaskToken$/.test(resource)) return 'lambda-invoke-token';
  if (/^arn:[^:]+:lambda:[^:]*:[^:]*:function:/.test(resource)) return 'lambda-arn';
  return 'other';
}

type ChoiceRule = Record<string, unknown>;
const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;

/**
 * aws-local-stepfunctions 3.0 answers every type test written with `false` (`"IsNull": false`,
 * `"IsPresent": false`, …) with false, whatever the value — so CDK's
 * `Condition.isNotNull(path)` never matches locally. Rewrite each as the equivalent
 * `Not { … : true }`, which the library evaluates correctly (and AWS identically).
 */
export function negatedTypeTests(rule: ChoiceRule): ChoiceRule {
  const out: ChoiceRule = { ...rule };
  if (Array.isArray(rule.And)) out.And = (rule.And as ChoiceRule[]).map(negatedTypeTests);
  if (Array.isArray(rule.Or)) out.Or = (rule.Or as ChoiceRule[]).map(negatedTypeTests);
  if (rule.Not && typeof rule.Not === 'object') out.Not = negatedTypeTests(rule.Not as ChoiceRule);
  for (const test of TYPE_TESTS) {
    if (rule[test] !== false) continue;
    const { Next, ...inner } = out;
    delete inner[test];
    const negated: ChoiceRule = { Not: { ...inner, [test]: true } };
    return Next === undefined ? negated : { ...negated, Next };
  }
  return out;
}

export function prepareDefinition(original: AslDefinition): PreparedDefinition {
  const definition = structuredClone(original) as unknown as Machine;
  const waits = new Map<string, WaitSpec>();
  const tasks = new Map<string, TaskSpec>();
  const retryable: string[] = [];
  const seen = new Set<string>();

  const visit = (machine: Machine) => {
    for (const [name, state] of Object.entries(machine.States)) {
      // Overrides are keyed by state name across nested machines, so names must be unique.
      if (seen.has(name)) throw new Error(`state name '${name}' is used twice; local overrides need unique names`);
      seen.add(name);
      if (state.QueryLanguage === 'JSONata') throw jsonataRefused(name);
      if (Array.isArray(state.Retry)) retryable.push(name);
      if (state.Type === 'Wait') {
        const { Seconds, Timestamp, SecondsPath, TimestampPath } = state as WaitSpec & State;
        waits.set(name, { Seconds, Timestamp, SecondsPath, TimestampPath });
        machine.States[name] = {
          Type: 'Task',
          Resource: LOCAL_WAIT_RESOURCE,
          TimeoutSeconds: LIBRARY_MAX_TIMEOUT_SECONDS,
          ...pick(state, ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']),
        };
      } else if (state.Type === 'Task') {
        const resource = String(state.Resource);
        const kind = taskKind(resource);
        tasks.set(name, {
          kind,
          resource,
          timeoutSeconds: typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined,
          timeoutSecondsPath: typeof state.TimeoutSecondsPath === 'string' ? state.TimeoutSecondsPath : undefined,
        });
        if (kind === 'lambda-invoke-token') {
          delete state.TimeoutSecondsPath;
          state.TimeoutSeconds = LIBRARY_MAX_TIMEOUT_SECONDS;
        }
      } else if (state.Type === 'Choice') {
        state.Choices = (state.Choices as ChoiceRule[]).map(negatedTypeTests);
      } else if (state.Type === 'Map') {
        const inner = (state.ItemProcessor ?? state.Iterator) as Machine | undefined;
        if (inner) visit(inner);
      } else if (state.Type === 'Parallel') {
        for (const branch of state.Branches as Machine[]) visit(branch);
      }
    }
  };
  if (definition.QueryLanguage === 'JSONata') throw jsonataRefused('(top level)');
  visit(definition);

  const timeoutSeconds = typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds : undefined;
  delete definition.TimeoutSeconds;
  return { definition: definition as unknown as AslDefinition, waits, tasks, retryable, timeoutSeconds };
}

// The library silently ignores JSONata (wrong output, no error); refuse it loudly instead.
function jsonataRefused(where: string): Error {
  return new Error(`state ${where} uses JSONata; the local executor runs JSONPath only`);
}

function pick(state: State, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in state).map((k) => [k, state[k]]));
}
