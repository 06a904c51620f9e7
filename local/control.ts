// The local control endpoint (127.0.0.1, local only — a deployed stack has none): demo
// tokens, the simulated clock, firing the yearly schedule now, and "settle" (wait until
// uploads are processed and every execution has ended or is waiting). It is what lets a demo
// or a test live through deadlines and three years of reviews in seconds. And the outbox:
// the notices to units and how each delivery went.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalIssuer, Role } from './gateway/jwt';
import type { SimulatedClock } from './clock';
import type { LocalScheduler } from './schedule';
import type { LocalStack } from './stack';
import { keepIdleConnections } from './keep-alive';
import { readOutbox } from './outbox';

export interface ControlDeps {
  issuer: LocalIssuer;
  clock: SimulatedClock;
  scheduler: LocalScheduler;
  stack: LocalStack;
  port?: number;
}

export interface LocalControl {
  url: string;
  close(): Promise<void>;
}

class BadRequest extends Error {}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) throw new BadRequest('body too large');
    chunks.push(c as Buffer);
  }
  if (!chunks.length) return {};
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error();
    return v as Record<string, unknown>;
  } catch {
    throw new BadRequest('body must be a JSON object');
  }
}

export function executionsOf(stack: LocalStack) {
  const kindByArn = new Map(stack.stateMachines.map((m) => [m.arn, m.kind ?? m.name]));
  return stack.sfn.listExecutions().map((e) => ({
    executionArn: e.executionArn,
    machine: kindByArn.get(e.stateMachineArn) ?? e.stateMachineArn,
    status: e.status,
    startDate: e.startDate.toISOString(),
    ...(e.stopDate ? { stopDate: e.stopDate.toISOString() } : {}),
    ...(e.error ? { error: e.error } : {}),
    stateTransitions: e.stateTransitions,
  }));
}

export async function startControl(deps: ControlDeps): Promise<LocalControl> {
  const { issuer, clock, scheduler, stack } = deps;
  const routes: Record<string, (b: Record<string, unknown>) => Promise<unknown>> = {
    'POST /tokens': async (b) => {
      const role = b.role as Role;
      if (!['bureau', 'approver', 'school'].includes(role)) throw new BadRequest('role is bureau, approver or school');
      const unit = typeof b.unit === 'string' ? b.unit : undefined;
      if (role === 'school' && !unit) throw new BadRequest('a school token needs its unit');
      const username = role === 'school' ? `school-${unit}` : `demo-${role}`;
      return { token: await issuer.mint({ sub: `local-${username}`, username, groups: [role], ...(unit ? { unit } : {}) }) };
    },
    'GET /clock': async () => ({ now: clock.now().toISOString(), nextWake: clock.nextWake()?.toISOString() ?? null }),
    'POST /clock/advance': async (b) => {
      if (typeof b.to === 'string') {
        const to = Date.parse(b.to);
        if (Number.isNaN(to)) throw new BadRequest('to must be an ISO timestamp');
        if (to < clock.nowMs()) throw new BadRequest('the clock does not go back');
        clock.advanceTo(new Date(to));
      } else {
        const days = Number(b.days ?? 0);
        const hours = Number(b.hours ?? 0);
        const ms = (days * 24 + hours) * 3_600_000;
        if (!Number.isFinite(ms) || ms < 0) throw new BadRequest('days and hours are non-negative numbers');
        clock.advance(ms);
      }
      return { now: clock.now().toISOString() };
    },
    'GET /schedule': async () => ({ schedules: scheduler.next(), firings: scheduler.firings }),
    'POST /schedule/fire': async (b) => {
      // { schedule: 'term-end' } (a kind or a logical id); by default the annual review.
      if (b.schedule !== undefined && typeof b.schedule !== 'string') throw new BadRequest('schedule is a schedule kind or logical id');
      const firing = await scheduler.fireNow(b.schedule);
      if (firing.error) throw new Error(firing.error);
      return firing;
    },
    'POST /settle': async (b) => {
      // { timeoutMs } for long work (the province bench scores 30,000); bounded at an hour.
      const timeoutMs = b.timeoutMs === undefined ? undefined : Number(b.timeoutMs);
      if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= 3_600_000)) throw new BadRequest('timeoutMs is a whole number of ms, at most 3,600,000');
      await stack.idle(timeoutMs);
      return { executions: executionsOf(stack), deliveryFailures: stack.s3.failures.length };
    },
    'GET /executions': async () => ({ executions: executionsOf(stack) }),
    // The notices to units and each delivery's state (e-mails are only recorded locally).
    'GET /outbox': async () => readOutbox(stack),
    // { fail: true } makes the local notice queue refuse every send (a broken queue), false heals it.
    'POST /outbox/queue': async (b) => {
      if (typeof b.fail !== 'boolean') throw new BadRequest('fail is true or false');
      stack.sqs.failSends = b.fail;
      return { fail: stack.sqs.failSends };
    },
    // { name, value }: a robot's webhook secret (name under talent-pool/notify/, value {"url": …}).
    'PUT /secrets': async (b) => {
      if (typeof b.name !== 'string' || typeof b.value !== 'string') throw new BadRequest('name and value are strings');
      stack.sqs.secrets.set(b.name, b.value);
      return { name: b.name };
    },
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const key = `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname}`;
    const route = routes[key];
    const send = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    if (!route) return send(404, { error: { code: 'NOT_FOUND', zh: '无此控制接口', en: `no control route ${key}` } });
    body(req)
      .then(route)
      .then((out) => send(200, out))
      .catch((e: Error) => send(e instanceof BadRequest ? 400 : 500, { error: { code: e instanceof BadRequest ? 'BAD_REQUEST' : 'CONTROL_FAILED', zh: '控制请求失败', en: e.message } }));
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
