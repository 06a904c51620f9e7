import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SimulatedClock } from '../../local/clock';
import { LocalLambdas } from '../../local/lambdas';
import { startSfnEndpoint, type LocalSfnEndpoint } from '../../local/sfn-endpoint';
import { LocalStepFunctions } from '../../local/stepfunctions';
import { ROUTE_KEYS, handler as apiHandler, resetApiWiring } from '../../functions/api/handler';
import { PUBLIC_ROUTE_KEYS, handler as publicHandler } from '../../functions/public/handler';
import { SELECTION_ROUTE_KEYS, handler as selectionHandler } from '../../functions/selection/handler';
import { rewire } from '../../functions/shared/wiring';
import { resetClients } from '../../functions/shared/clients';
import { applyEnv, captureLogs, startEmulators, type Emulators } from '../support/emulators';
import { lambdaContext } from '../support/s3-events';

/**
 * The API handler against real dynalite + s3rver and the local Step Functions (in-process,
 * behind the local SFN endpoint). The two state machines are stand-ins with the deployed
 * machines' inputs: the round waits for `$.intakeClosesAt`, the review passes through.
 */

export const ROUND_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:api-test-round';
export const REVIEW_MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:api-test-review';
/** The stack's default approval wait (30 days), as the stack passes it to the API Lambda. */
export const APPROVAL_TIMEOUT_SECONDS = 30 * 86_400;

export interface Harness {
  emu: Emulators;
  sfn: LocalStepFunctions;
  endpoint: LocalSfnEndpoint;
  logs: string[];
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const emu = await startEmulators();
  const sfn = new LocalStepFunctions({ lambdas: new LocalLambdas([]), clock: new SimulatedClock({ start: new Date() }), retryIntervalMs: 0 });
  sfn.register({
    name: 'api-test-round',
    arn: ROUND_MACHINE,
    definition: { StartAt: 'WaitForIntakeDeadline', States: { WaitForIntakeDeadline: { Type: 'Wait', TimestampPath: '$.intakeClosesAt', Next: 'Done' }, Done: { Type: 'Succeed' } } },
  });
  sfn.register({
    name: 'api-test-review',
    arn: REVIEW_MACHINE,
    definition: { StartAt: 'Plan', States: { Plan: { Type: 'Pass', End: true } } },
  });
  const endpoint = await startSfnEndpoint(sfn);
  const restore = applyEnv({
    ...emu.env,
    AWS_ENDPOINT_URL_SFN: endpoint.endpoint,
    ROUND_STATE_MACHINE_ARN: ROUND_MACHINE,
    REVIEW_STATE_MACHINE_ARN: REVIEW_MACHINE,
    APPROVAL_TIMEOUT_SECONDS: String(APPROVAL_TIMEOUT_SECONDS),
    POWERTOOLS_SERVICE_NAME: 'talent-pool-api-test',
  });
  resetClients();
  resetApiWiring();
  rewire();
  return {
    emu, sfn, endpoint, logs: [],
    async stop() {
      await sfn.stopAll();
      await endpoint.stop();
      restore();
      resetClients();
      resetApiWiring();
      rewire();
      await emu.stop();
    },
  };
}

export interface Identity {
  sub: string;
  username: string;
  /** As API Gateway hands them over: "[bureau approver]" — or an array / comma list in tests of that. */
  groups: string | string[];
  unit?: string;
}

export const BUREAU: Identity = { sub: 'u-bureau', username: 'bureau.li', groups: '[bureau]' };
export const APPROVER: Identity = { sub: 'u-approver', username: 'orgdept.wang', groups: '[approver]' };
export const school = (unit: string): Identity => ({ sub: `u-${unit}`, username: `school.${unit}`, groups: '[school]', unit });

export interface Call {
  path?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
}

export function apiEvent(routeKey: string, who: Identity | null, call: Call = {}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method = 'GET', pattern = '/'] = routeKey.split(' ');
  const rawPath = pattern.replace(/\{(\w+)\}/g, (_m, p: string) => encodeURIComponent(call.path?.[p] ?? ''));
  const claims: Record<string, string | string[]> = who
    ? { sub: who.sub, 'cognito:username': who.username, 'cognito:groups': who.groups, ...(who.unit ? { 'custom:unit': who.unit } : {}) }
    : {};
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const now = Date.now();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(call.query ?? {}).toString(),
    headers: { 'content-type': 'application/json' },
    ...(call.query ? { queryStringParameters: call.query } : {}),
    ...(call.path ? { pathParameters: call.path } : {}),
    requestContext: {
      accountId: '000000000000', apiId: 'test', domainName: 'localhost', domainPrefix: 'test',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: `req-${now}`, routeKey, stage: '$default', time: new Date(now).toISOString(), timeEpoch: now,
      authorizer: { jwt: { claims: claims as unknown as Record<string, string>, scopes: null } },
    },
    isBase64Encoded: false,
    ...(body !== undefined ? { body } : {}),
  };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string>;
  body: T;
  raw: APIGatewayProxyStructuredResultV2;
}

/**
 * The function behind the HTTP API that serves `routeKey`, as the template routes it (the Api,
 * the selection steps' or the public one; tests/functions/api-routes.test.ts holds these
 * lists equal to the template's integrations). A key none serves goes to the Api, which says 404.
 */
type HttpHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
const SERVED_BY = new Map<string, HttpHandler>([
  ...ROUTE_KEYS.map((k) => [k, apiHandler] as const),
  ...SELECTION_ROUTE_KEYS.map((k) => [k, selectionHandler] as const),
  ...PUBLIC_ROUTE_KEYS.map((k) => [k, publicHandler] as const),
]);
const handler: HttpHandler = (event, context) => (SERVED_BY.get(event.routeKey) ?? apiHandler)(event, context);

/** Invokes the handler; collects what it logged into `logs`. */
export async function invoke<T = Record<string, unknown>>(h: Harness, routeKey: string, who: Identity | null, call: Call = {}): Promise<Answer<T>> {
  const { result, output } = await captureLogs(
    () => handler(apiEvent(routeKey, who, call), lambdaContext('Api')) as Promise<APIGatewayProxyStructuredResultV2>,
  );
  h.logs.push(output);
  const text = result.body ?? '';
  const isJson = String(result.headers?.['content-type'] ?? '').startsWith('application/json');
  return {
    status: result.statusCode ?? 0,
    headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
    body: (isJson && text ? JSON.parse(text) : {}) as T,
    raw: result,
  };
}

/**
 * Invokes the handler with several calls at once (all started before any is awaited), the
 * way simultaneous requests reach separate Lambda instances. One log capture spans the batch:
 * nested captures finishing out of order would leave stdout hooked to a finished one.
 */
export async function invokeConcurrently<T = Record<string, unknown>>(
  h: Harness,
  calls: ReadonlyArray<{ routeKey: string; who: Identity | null; call?: Call }>,
): Promise<Answer<T>[]> {
  const { result, output } = await captureLogs(() => Promise.all(calls.map(({ routeKey, who, call }) =>
    handler(apiEvent(routeKey, who, call), lambdaContext('Api')) as Promise<APIGatewayProxyStructuredResultV2>)));
  h.logs.push(output);
  return result.map((r) => {
    const text = r.body ?? '';
    const isJson = String(r.headers?.['content-type'] ?? '').startsWith('application/json');
    return {
      status: r.statusCode ?? 0,
      headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k, String(v)])),
      body: (isJson && text ? JSON.parse(text) : {}) as T,
      raw: r,
    };
  });
}

export type ErrorAnswer = { error: { code: string; zh: string; en: string; problems?: { code: string; path: string; zh: string; en: string }[] } };

/** Midnight in Beijing `days` days from now: a deadline ahead of the wall clock, within a round's year. */
export function daysAhead(days: number): string {
  return `${new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+08:00`;
}

/**
 * A valid round body (scoring model with an entered interview and a form-derived honour);
 * its deadlines lie ahead: intake in 30 days, scoring in 44 (with the approval wait, well
 * within the year an execution may last).
 */
export function roundBody(roundId: string, over: Record<string, unknown> = {}) {
  return {
    roundId,
    title: `${roundId} 后备人才遴选`,
    referenceDate: '2026-04-01',
    intakeClosesAt: daysAhead(30),
    scoringClosesAt: daysAhead(44),
    tiers: [2, 3],
    scoringModel: {
      components: [
        { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.6, min: 0, max: 100, source: 'entered' },
        { id: 'honour', name: { zh: '荣誉', en: 'honour' }, weight: 0.4, min: 0, max: 10, source: 'form', derive: 'honour' },
      ],
    },
    orgDeptApproval: { ref: '坛组〔2026〕5号', date: '2026-02-20' },
    ...over,
  };
}

/** Registers units as the bureau (PUT /units/{unitCode}): upload links are issued for registered units only. */
export async function registerUnits(h: Harness, ...codes: string[]): Promise<void> {
  for (const code of codes) {
    const res = await invoke(h, 'PUT /units/{unitCode}', BUREAU, { path: { unitCode: code }, body: { name: `单位 ${code}`, type: 'primary', orgDeptManaged: false } });
    if (res.status >= 300) throw new Error(`could not register ${code}: ${JSON.stringify(res.body)}`);
  }
}
