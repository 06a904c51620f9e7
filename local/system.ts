// The whole system on one machine — what `npm start`, the demo and the end-to-end tests run:
// the synthesized template (infra/), the emulators and in-process state machines
// (local/stack.ts), the HTTP API behind a local JWT issuer, the yearly schedule on the
// simulated clock, and the control endpoint.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthTalentPool } from '../infra/synth';
import type { TalentPoolStackProps } from '../infra/stack';
import { SimulatedClock } from './clock';
import { allowedOriginsFor } from '../infra/settings';
import { registerDemoUnits } from './demo-units';
import { startConsoleServer, type ConsoleServer } from './console';
import { startControl, type LocalControl } from './control';
import { startLocalHttpApi, type LocalHttpApi } from './gateway/http-api';
import { createLocalIssuer, type LocalIssuer } from './gateway/jwt';
import { publicRouteKeysFromTemplate, routeKeysFromTemplate, routeThrottlesFromTemplate } from './gateway/routes';
import { routeTargetsFromTemplate } from './gateway/targets';
import { localLambdas } from './asl';
import { LocalScheduler, schedulesFromTemplate } from './schedule';
import { startLocalStack, type LocalStack } from './stack';
import type { CfnTemplate } from './template';

export interface LocalSystemOptions {
  /** API port (0 = any free port). */
  port?: number;
  controlPort?: number;
  /** Persist tables and uploads here (and the person-id key, so ids stay stable). */
  dataDir?: string;
  clock?: SimulatedClock;
  /** Real ms between retries (tests: 0); default the definitions' own intervals. */
  retryIntervalMs?: number;
  stackProps?: Partial<TalentPoolStackProps>;
  /**
   * Serve the web console (a built console/dist) on its own 127.0.0.1 port, one origin with
   * the API under /api. Its origin is added to the stack's allowed origins, so the browser
   * may POST uploads to the local bucket (CORS from the template, as on AWS).
   */
  console?: { port?: number; distDir: string; idleMinutes?: number; refreshSeconds?: number };
}

export interface LocalSystem {
  apiUrl: string;
  controlUrl: string;
  template: CfnTemplate;
  stack: LocalStack;
  issuer: LocalIssuer;
  clock: SimulatedClock;
  scheduler: LocalScheduler;
  /** The console's URL when it is served (options.console). */
  consoleUrl?: string;
  close(): Promise<void>;
}

/**
 * The Api function's ARN, found by its handler module in the template's metadata; the gateway
 * itself dispatches each route by its integration (gateway/targets.ts): most to the Api, the
 * selection steps' to the selection function, the public pages to the public one, the exports
 * route to the exports function.
 */
export function apiFunctionArn(template: CfnTemplate): string {
  const served = new Set(Object.values(routeTargetsFromTemplate(template)));
  const api = localLambdas(template).find((l) => l.handlerModule === 'functions/api/handler.ts' && served.has(l.arn));
  if (!api) throw new Error('no Api function behind the HTTP API in the template');
  return api.arn;
}

/** A random key per run, or one kept beside persisted data so personIds survive restarts. */
function personIdKey(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'person-id-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString('hex');
    writeFileSync(file, key, { mode: 0o600 });
    return key;
  }
}

export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const issuer = await createLocalIssuer();
  // The console binds first: its origin is one the stack allows (the bucket's CORS rule).
  let consoleServer: ConsoleServer | undefined;
  if (options.console) {
    consoleServer = await startConsoleServer({ ...options.console, issuer });
  }
  const base: Partial<TalentPoolStackProps> = { stage: 'dev', ...options.stackProps };
  const props: Partial<TalentPoolStackProps> = consoleServer
    ? { ...base, allowedOrigins: [...allowedOriginsFor(base as TalentPoolStackProps), consoleServer.origin] }
    : base;
  let template: CfnTemplate;
  let stack: LocalStack;
  const clock = options.clock ?? new SimulatedClock({ followRealTime: true });
  try {
    ({ template } = synthTalentPool({ props }) as unknown as { template: CfnTemplate });
    stack = await startLocalStack(template, {
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      clock,
      ...(options.retryIntervalMs === undefined ? {} : { retryIntervalMs: options.retryIntervalMs }),
      environment: { PERSON_ID_KEY: personIdKey(options.dataDir), LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
    });
  } catch (e) {
    await consoleServer?.close().catch(() => {});
    throw e;
  }
  let api: LocalHttpApi | undefined;
  let control: LocalControl | undefined;
  const scheduler = new LocalScheduler(schedulesFromTemplate(template), clock, stack.sfn);
  try {
    // Each route goes to the function its integration names (the Api, or the exports function).
    const targets = routeTargetsFromTemplate(template);
    api = await startLocalHttpApi({
      routeKeys: routeKeysFromTemplate(template),
      publicRoutes: publicRouteKeysFromTemplate(template),
      throttles: routeThrottlesFromTemplate(template),
      issuer,
      handler: (event) => stack.lambdas.invoke(targets[event.routeKey] as string, event) as Promise<object>,
      now: () => clock.now(),
      ...(options.port === undefined ? {} : { port: options.port }),
    });
    scheduler.start();
    control = await startControl({ issuer, clock, scheduler, stack, ...(options.controlPort === undefined ? {} : { port: options.controlPort }) });
    consoleServer?.connect({ apiUrl: api.url, uploadOrigins: [stack.s3.endpoint] });
    // The console's sign-in offers the demo district's schools: their units are registered.
    if (consoleServer) await registerDemoUnits(api.url, issuer);
    const [a, c, k] = [api, control, consoleServer];
    return {
      apiUrl: a.url,
      controlUrl: c.url,
      template,
      stack,
      issuer,
      clock,
      scheduler,
      ...(k ? { consoleUrl: k.url } : {}),
      async close() {
        scheduler.stop();
        await k?.close();
        await c.close();
        await a.close();
        await stack.stop();
      },
    };
  } catch (e) {
    scheduler.stop();
    await consoleServer?.close().catch(() => {});
    await control?.close().catch(() => {});
    await api?.close().catch(() => {});
    await stack.stop().catch(() => {});
    throw e;
  }
}
