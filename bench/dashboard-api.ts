import { PoolClient } from '../cli/api-client';
import { seedFiledPool } from '../demo/filed-pool';
import { startLocalSystem } from '../local/system';

/**
 * The API reads behind the bureau's dashboard (issue #10), on the demo district's pool at its
 * caps (20 + 35 + 50 = 105 members, entered as a filed list, as the dashboard bench seeds
 * it), on the embedded default over loopback HTTP: GET /talks/due (every member's history),
 * GET /pool?maxAge=35 (a C-PRIORITY query), and the dashboard's own fan-out — GET /pool,
 * the four age limits and GET /talks/due at once, as the page asks for them. Median and
 * slowest of RUNS each, after one warm-up.
 */
const RUNS = 7;
const AGE_LIMITS = [35, 40, 45, 70] as const;

async function control(url: string, path: string, body?: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { method: body ? 'POST' : 'GET', ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

async function timed(fn: () => Promise<unknown>): Promise<string> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return `median ${Math.round(ms[Math.floor(ms.length / 2)] ?? NaN)} ms, slowest ${Math.round(ms[ms.length - 1] ?? NaN)} ms (${RUNS} runs)`;
}

export async function benchDashboardApi(): Promise<Record<string, string | number>> {
  const sys = await startLocalSystem({ port: 0, controlPort: 0, retryIntervalMs: 0 });
  try {
    const bureau = new PoolClient(sys.apiUrl, (await control(sys.controlUrl, '/tokens', { role: 'bureau' })).token as string);
    const now = (await control(sys.controlUrl, '/clock')).now as string;
    const on = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.parse(now) - 200 * 86_400_000));
    const seeded = await seedFiledPool(bureau, { on, perTier: { 1: 20, 2: 35, 3: 50 } });
    const due = await bureau.talksDue() as unknown as { talks: unknown[] };
    return {
      'demo district pool (filed list)': `${seeded.members.length} members in ${seeded.units.length} units; ${due.talks.length} talks due`,
      'GET /talks/due': await timed(() => bureau.talksDue()),
      'GET /pool?maxAge=35': await timed(() => bureau.pool({ maxAge: 35 })),
      'GET /pool': await timed(() => bureau.pool()),
      'the dashboard\'s reads at once (pool, 4 × maxAge, talks due)': await timed(() => Promise.all([
        bureau.pool(), ...AGE_LIMITS.map((a) => bureau.pool({ maxAge: a })), bureau.talksDue(),
      ])),
      'machine load average (1 min) at the end': (await import('node:os')).loadavg()[0]?.toFixed(1) ?? '?',
    };
  } finally {
    await sys.close();
  }
}
