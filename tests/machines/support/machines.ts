/**
 * Support for the state-machine tests: the SYNTHESIZED template (infra/synth.ts, the same
 * definitions `cdk synth` produces) on the local stack (dynalite, s3rver, the machines run
 * in-process with every Lambda task mapped to its handler module by the template's
 * metadata), a frozen SimulatedClock and Retry without real pauses. Nothing here writes ASL.
 *
 * People act through the API handler module, invoked as the HTTP API's Lambda with an API
 * Gateway v2 event stamped with the simulated clock (as the local gateway stamps it).
 * Tests read state through their own DynamoDB client and the same repositories.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Member } from '../../../domain/membership/member';
import { PLAN_2020 } from '../../../domain/policy/plan-2020';
import type { Tier } from '../../../domain/tier';
import { writeMemberEvents } from '../../../app/members/write-events';
import { AuditLog } from '../../../functions/shared/audit';
import { repositories, type Repositories } from '../../../functions/shared/repository';
import { synthTalentPool } from '../../../infra/synth';
import type { TalentPoolStackProps } from '../../../infra/stack';
import type { TemplateStateMachine } from '../../../local/asl';
import { SimulatedClock } from '../../../local/clock';
import { startLocalStack, type LocalStack } from '../../../local/stack';
import type { ExecutionDescription } from '../../../local/stepfunctions';
import { apiFunctionArn } from '../../../local/system';
import { routeTargetsFromTemplate } from '../../../local/gateway/targets';
import type { CfnTemplate } from '../../../local/template';
import { HANDLER_METADATA_KEY } from '../../../contracts/metadata';

export const PERSON_ID_KEY = 'machines-test-person-id-key-0123456789';

export interface MachineStack {
  template: CfnTemplate;
  stack: LocalStack;
  clock: SimulatedClock;
  round: TemplateStateMachine;
  review: TemplateStateMachine;
  apiArn: string;
  /** Each route key's function, as the template's integrations name it (the Api, selection, public or exports function). */
  routeTargets: Record<string, string>;
  repos: Repositories;
  audit: AuditLog;
  /** The tests' own client on the local DynamoDB, and the pool table's name. */
  doc: DynamoDBDocumentClient;
  poolTable: string;
  stop(): Promise<void>;
}

/**
 * Synthesizes the stack with `props` and starts it locally on a frozen clock at `start`.
 * `functionTimeouts` shortens the Timeout of the functions whose handler module is named
 * (e.g. `{ 'functions/round-steps/handler.ts': 3 }`): a fault test makes a handler hang past
 * it without waiting the two minutes a step Lambda has.
 */
export async function startMachineStack(start: string, props: Partial<TalentPoolStackProps> = {}, opts: { functionTimeouts?: Record<string, number> } = {}): Promise<MachineStack> {
  const saved = { ...process.env };
  const { template } = synthTalentPool({ props: { stage: 'dev', ...props } }) as unknown as { template: CfnTemplate };
  for (const r of Object.values(template.Resources ?? {}) as Array<{ Type?: string; Properties?: { Timeout?: number }; Metadata?: Record<string, unknown> }>) {
    const module = r.Metadata?.[HANDLER_METADATA_KEY];
    const seconds = typeof module === 'string' ? opts.functionTimeouts?.[module] : undefined;
    if (r.Type === 'AWS::Lambda::Function' && r.Properties && seconds !== undefined) r.Properties.Timeout = seconds;
  }
  const clock = new SimulatedClock({ start: new Date(start) });
  const stack = await startLocalStack(template, {
    clock,
    retryIntervalMs: 0,
    environment: { PERSON_ID_KEY, LOG_LEVEL: 'SILENT' },
  });
  const machine = (kind: string) => {
    const m = stack.stateMachines.find((s) => s.kind === kind);
    if (!m) throw new Error(`the template has no ${kind} state machine`);
    return m;
  };
  const dynamo = new DynamoDBClient({ endpoint: stack.environment.AWS_ENDPOINT_URL_DYNAMODB });
  const doc = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return {
    template,
    stack,
    clock,
    round: machine('round'),
    review: machine('review'),
    apiArn: apiFunctionArn(template),
    routeTargets: routeTargetsFromTemplate(template),
    repos: repositories(doc, stack.environment.POOL_TABLE as string),
    audit: new AuditLog(doc, stack.environment.AUDIT_TABLE as string),
    doc,
    poolTable: stack.environment.POOL_TABLE as string,
    async stop() {
      dynamo.destroy();
      await stack.stop();
      process.env = saved;
    },
  };
}

/** Waits until S3 deliveries are done and every execution has ended or is parked (bounded). */
export async function settle(m: MachineStack): Promise<void> {
  await m.stack.s3.idle();
  await m.stack.sfn.settled(undefined, 15_000);
  // settled() looks at the executions' counters (waiting / Lambda running), not at their event
  // logs, which the runner drains asynchronously: one macrotask lets the log catch up, so
  // describeExecution shows the state the execution is parked in (see the report).
  await new Promise<void>((resolve) => setImmediate(resolve));
  await m.stack.sfn.settled(undefined, 15_000);
  await m.stack.s3.idle();
}

// ---- the API, as API Gateway invokes it ----

export interface Identity {
  sub: string;
  username: string;
  groups: string;
  unit?: string;
}

export const BUREAU: Identity = { sub: 'u-bureau', username: 'bureau.li', groups: '[bureau]' };
export const APPROVER: Identity = { sub: 'u-approver', username: 'orgdept.wang', groups: '[approver]' };
export const school = (unit: string): Identity => ({ sub: `u-${unit}`, username: `school.${unit}`, groups: '[school]', unit });

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/**
 * Invokes the Lambda the template's HTTP API sends `routeKey` to, with an API Gateway v2 event
 * stamped with the simulated clock.
 */
export async function callApi<T = Record<string, unknown>>(
  m: MachineStack, routeKey: string, who: Identity,
  call: { path?: Record<string, string>; body?: unknown } = {},
): Promise<ApiAnswer<T>> {
  const [method = 'GET', pattern = '/'] = routeKey.split(' ');
  const rawPath = pattern.replace(/\{(\w+)\}/g, (_m, p: string) => encodeURIComponent(call.path?.[p] ?? ''));
  const now = m.clock.nowMs();
  const claims = { sub: who.sub, 'cognito:username': who.username, 'cognito:groups': who.groups, ...(who.unit ? { 'custom:unit': who.unit } : {}) };
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    ...(call.path ? { pathParameters: call.path } : {}),
    requestContext: {
      accountId: '000000000000', apiId: 'machines', domainName: 'localhost', domainPrefix: 'machines',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: `req-${now}-${Math.random().toString(36).slice(2)}`, routeKey, stage: '$default',
      time: new Date(now).toISOString(), timeEpoch: now,
      authorizer: { jwt: { claims, scopes: null } },
    },
    isBase64Encoded: false,
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  };
  const res = await m.stack.lambdas.invoke(m.routeTargets[routeKey] ?? m.apiArn, event) as APIGatewayProxyStructuredResultV2;
  return { status: res.statusCode ?? 0, body: (res.body ? JSON.parse(res.body) : {}) as T };
}

/** Like callApi, but the status must be `expected`. */
export async function api<T = Record<string, unknown>>(
  m: MachineStack, routeKey: string, who: Identity, call: { path?: Record<string, string>; body?: unknown } = {}, expected?: number,
): Promise<T> {
  const res = await callApi<T>(m, routeKey, who, call);
  if (expected !== undefined ? res.status !== expected : res.status >= 300) {
    throw new Error(`${routeKey} → ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/**
 * A school's upload: an upload link from the API (the bureau naming the unit), then a POST
 * of the form to s3rver with the presigned fields; the bucket notification runs the intake
 * Lambda. Returns the object key. The unit is registered first (upload links are for registered
 * units only), as the form names it.
 */
export async function uploadForm(m: MachineStack, roundId: string, unit: string, form: unknown, fileName = 'form.json'): Promise<string> {
  const named = (form as { unit?: { name?: unknown; type?: unknown } } | null)?.unit;
  const type = typeof named?.type === 'string' && ['primary', 'middle', 'kindergarten', 'bureau-office', 'institution'].includes(named.type) ? named.type : 'primary';
  await api(m, 'PUT /units/{unitCode}', BUREAU, { path: { unitCode: unit }, body: { name: typeof named?.name === 'string' ? named.name : `单位 ${unit}`, type, orgDeptManaged: false } });
  const link = await api<{ url: string; fields: Record<string, string>; key: string; contentType: string }>(
    m, 'POST /rounds/{roundId}/uploads', BUREAU, { path: { roundId }, body: { unit, fileName } }, 201);
  const body = new FormData();
  for (const [k, v] of Object.entries(link.fields)) body.append(k, v);
  body.append('file', new Blob([JSON.stringify(form)], { type: link.contentType }), fileName);
  const res = await fetch(link.url, { method: 'POST', body });
  if (!res.ok && res.status !== 204) throw new Error(`upload ${fileName} → ${res.status}: ${await res.text()}`);
  return link.key;
}

// ---- the pool, seeded through the same adapters the steps use ----

/** A member admitted earlier (events + snapshot through the reducer) holding a seat of its tier. */
export async function seedMember(m: MachineStack, personId: string, s: {
  tier: Tier; cohortId: string; termStart: string; unit: string; name?: string;
}): Promise<void> {
  const w = await writeMemberEvents({ members: m.repos.members, policy: PLAN_2020, now: () => new Date(`${s.termStart}T00:00:00Z`) }, personId, [{
    type: 'admitted', on: s.termStart, personId, tier: s.tier, unit: s.unit, cohortId: s.cohortId, termStart: s.termStart,
    source: 'selection', policyRef: 'jintan-2020@1', roundId: s.cohortId,
  }], { applied: (x: Member | undefined) => x !== undefined, ...(s.name ? { name: s.name } : {}) });
  if (!w.ok) throw new Error(JSON.stringify(w.problems));
  await m.repos.seats.ensureSeats(s.tier, PLAN_2020.tiers[s.tier].cap);
  await m.repos.seats.claimSeat(s.tier, personId);
}

/** Seat holders of a tier: [held, distinct holders]. */
export async function seatHolders(m: MachineStack, tier: Tier): Promise<string[]> {
  return (await m.repos.seats.list(tier)).flatMap((s) => (s.holder ? [s.holder] : []));
}

// ---- what an execution did ----

type Event = ExecutionDescription['events'][number];
const stateName = (e: Event): string | undefined => ('state' in e ? e.state.name : undefined);

/** The states entered, in order (Map iterations included). */
export function enteredStates(d: ExecutionDescription): string[] {
  return d.events.flatMap((e) => (e.type === 'StateEntered' ? [stateName(e) as string] : []));
}

/** The states retried, in order, with the attempt number. */
export function retriedStates(d: ExecutionDescription): Array<{ state: string; attempt: number }> {
  return d.events.flatMap((e) => (e.type === 'StateRetried' ? [{ state: stateName(e) as string, attempt: e.retry.attempt }] : []));
}

/**
 * What an execution cost in state transitions (≈ what Step Functions bills): the total the
 * local runner counts (StateEntered + StateRetried, nested Map states included), and the
 * states entered per name. For the bench: `transitionProfile(stack.sfn.describeExecution(arn))`.
 */
export function transitionProfile(d: ExecutionDescription): { total: number; entered: Record<string, number>; retried: number } {
  const entered: Record<string, number> = {};
  for (const s of enteredStates(d)) entered[s] = (entered[s] ?? 0) + 1;
  return { total: d.stateTransitions, entered, retried: retriedStates(d).length };
}

/** The state the execution is parked in (the last one entered), for "it waits at X". */
export function parkedAt(d: ExecutionDescription): string | undefined {
  return enteredStates(d).at(-1);
}

/**
 * The state transitions of a round, from the synthesized round machine's shape: 14 fixed
 * states for an approval (11 for a time-out, 12 for a rejection), then ScoreBatch + its Choice
 * per page of nominations (DynamoDB pages of `batchSize`: ⌊N/batchSize⌋ + 1, the last one
 * possibly empty) and AdmitBatch + its Choice per batch of the admission list (at least one),
 * plus one per Retry. Checked against executions in round.test.ts.
 */
export function roundTransitions(r: { nominations: number; admitted?: number; batchSize: number; outcome?: 'admitted' | 'rejected' | 'approval-timed-out'; retries?: number }): number {
  const scorePages = Math.floor(r.nominations / r.batchSize) + 1;
  const outcome = r.outcome ?? 'admitted';
  // The selection steps' Choice states are passed even when a round runs none of them:
  // Recommendation? and Inspection? on every path, Publicity? after an approval.
  const fixed = outcome === 'admitted' ? 14 : outcome === 'rejected' ? 12 : 11;
  const admitBatches = outcome === 'admitted' ? Math.max(1, Math.ceil((r.admitted ?? 0) / r.batchSize)) : 0;
  return fixed + 2 * scorePages + 2 * admitBatches + (r.retries ?? 0);
}
