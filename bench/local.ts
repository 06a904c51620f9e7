import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ApiError, PoolClient } from '../cli/api-client';
import { generateDemo } from '../demo/forms';
import { SimulatedClock } from '../local/clock';
import { startLocalSystem, type LocalSystem } from '../local/system';

/**
 * The local end-to-end figures, through HTTP as a school and the bureau would:
 *  - upload-to-status latency: presigned POST, then polling the unit's nominations until the
 *    form's status shows (median, p95);
 *  - state transitions a round uses, for two sizes — they should grow with batches, not
 *    nominations;
 *  - the wall time of the whole demo (`npm run demo`), in its own process.
 */

const SCORING_MODEL = {
  components: [
    { id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 0.5, min: 0, max: 8, source: 'form', derive: 'honour' },
    { id: 'experience', name: { zh: '任职年限', en: 'experience' }, weight: 0.5, min: 0, max: 10, source: 'form', derive: 'experience' },
  ],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function control(system: LocalSystem, path: string, body?: object): Promise<Record<string, unknown>> {
  const res = await fetch(`${system.controlUrl}${path}`, { method: body ? 'POST' : 'GET', ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Well-formed forms for a round: demo districts of several seeds, malformed ones left out. */
function formsFor(roundId: string, count: number): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const ids = new Set<string>();
  for (let seed = 1; out.length < count && seed < 50; seed++) {
    const data = generateDemo(seed, { roundId, referenceDate: '2026-12-01', attestationDate: '2026-11-02' });
    for (const n of data.nominations) {
      const id = (n.form.candidate as { idNumber?: string } | undefined)?.idNumber;
      if (n.label === 'malformed' || !id || ids.has(id)) continue;
      ids.add(id);
      out.push(n.form);
      if (out.length === count) break;
    }
  }
  return out;
}

async function runRound(size: number, measureLatency: number): Promise<{ transitions: number; latencies: number[]; nominations: number }> {
  const clock = new SimulatedClock({ start: new Date('2026-11-02T01:00:00Z') });
  const system = await startLocalSystem({ port: 0, controlPort: 0, clock, retryIntervalMs: 0 });
  try {
    const token = async (role: string, unit?: string) => (await control(system, '/tokens', { role, ...(unit ? { unit } : {}) })).token as string;
    const bureau = new PoolClient(system.apiUrl, await token('bureau'));
    const approver = new PoolClient(system.apiUrl, await token('approver'));
    const roundId = `2026-B${size}`;
    const now = clock.nowMs();
    await bureau.openRound({
      roundId, title: 'bench', referenceDate: '2026-12-01', tiers: [1, 2, 3], scoringModel: SCORING_MODEL,
      orgDeptApproval: { ref: 'bench', date: '2026-11-01' },
      intakeClosesAt: new Date(now + 7 * 86_400_000).toISOString(), scoringClosesAt: new Date(now + 8 * 86_400_000).toISOString(),
    });
    const forms = formsFor(roundId, size);
    // Upload links go to registered units only.
    const units = new Map(forms.map((f) => { const u = f.unit as { code: string; name: string; type: string }; return [u.code, u] as const; }));
    for (const u of units.values()) await bureau.putUnit(u.code, { name: u.name, type: u.type, orgDeptManaged: false });
    const latencies: number[] = [];
    const upload = async (form: Record<string, unknown>, i: number, timed: boolean) => {
      const unit = (form.unit as { code: string }).code;
      const t0 = performance.now();
      const link = await bureau.upload(roundId, `form-${i}.json`, new TextEncoder().encode(JSON.stringify(form)), unit);
      if (!timed) return;
      for (let tries = 0; tries < 2000; tries++) {
        const page = (await bureau.nominations(roundId, { unit })) as { nominations?: Array<{ source?: { key?: string } }> };
        if ((page.nominations ?? []).some((n) => n.source?.key === link.key)) {
          latencies.push(performance.now() - t0);
          return;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`no status for ${link.key}`);
    };
    for (let i = 0; i < Math.min(measureLatency, forms.length); i++) await upload(forms[i] as Record<string, unknown>, i, true);
    // The rest with a few schools at a time, as a deadline afternoon would.
    let next = measureLatency;
    await Promise.all(Array.from({ length: 6 }, async () => {
      while (next < forms.length) {
        const i = next++;
        await upload(forms[i] as Record<string, unknown>, i, false);
      }
    }));
    await control(system, '/settle', {});
    await control(system, '/clock/advance', { days: 9 });
    await control(system, '/settle', {});
    await approver.decide(roundId, { decision: 'approve' });
    await control(system, '/settle', {});
    const executions = (await control(system, '/executions')).executions as Array<{ machine: string; status: string; stateTransitions: number }>;
    const round = executions.find((e) => e.machine === 'round');
    if (round?.status !== 'SUCCEEDED') throw new Error(`the round ended ${round?.status ?? 'nowhere'}`);
    return { transitions: round.stateTransitions, latencies, nominations: forms.length };
  } catch (e) {
    throw e instanceof ApiError ? new Error(e.message) : e;
  } finally {
    await system.close();
  }
}

/**
 * Each round runs in a process of its own, as each Lambda would: the handlers keep their SDK
 * clients and dependencies per process, pointed at the first local stack they meet.
 */
function roundInChild(size: number, latencySamples: number): { transitions: number; latencies: number[]; nominations: number } {
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['bench/local.ts', 'round', String(size), String(latencySamples)], {
    encoding: 'utf8', timeout: 600_000, env: { ...process.env, LOG_LEVEL: 'ERROR' },
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`round of ${size} failed: ${r.stderr.slice(-500)}`);
  return JSON.parse(last) as { transitions: number; latencies: number[]; nominations: number };
}

export async function benchLocal(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  const small = roundInChild(250, 60);
  const large = roundInChild(1000, 0);
  const lat = [...small.latencies].sort((a, b) => a - b);
  out['upload→status latency median ms'] = Number(percentile(lat, 50).toFixed(1));
  out['upload→status latency p95 ms'] = Number(percentile(lat, 95).toFixed(1));
  out['upload→status samples'] = lat.length;
  out[`round transitions, ${small.nominations} nominations`] = small.transitions;
  out[`round transitions, ${large.nominations} nominations`] = large.transitions;
  out['transitions per 1,000 nominations (at 1,000)'] = Math.round((large.transitions / large.nominations) * 1000);
  const t0 = performance.now();
  const demo = spawnSync(join('node_modules', '.bin', 'tsx'), ['demo/run.ts', '--quiet'], {
    encoding: 'utf8', timeout: 600_000,
    env: { ...process.env, POOL_LOCAL_SESSION: join('node_modules', '.cache', 'no-such-session.json'), LOG_LEVEL: 'ERROR' },
  });
  out['demo wall time s'] = demo.status === 0 ? Number(((performance.now() - t0) / 1000).toFixed(1)) : `failed (exit ${demo.status})`;
  return out;
}

if (process.argv[2] === 'round') {
  const result = await runRound(Number(process.argv[3]), Number(process.argv[4] ?? 0));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
