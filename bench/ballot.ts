import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ApiError, PoolClient } from '../cli/api-client';
import { castVote } from '../app/selection/recommendation/vote';
import { mapBounded } from '../app/bounded';
import { allOf } from '../app/pages';
import type { Nomination } from '../domain/round/nomination';
import type { Mark } from '../domain/selection/ballot';
import { ballotSecrets } from '../functions/shared/ballot-secrets';
import { repositories } from '../functions/shared/repository';
import { SimulatedClock } from '../local/clock';
import { startLocalSystem, type LocalSystem } from '../local/system';

/**
 * 民主推荐 at scale (issues #12.8 and #14) through the embedded default: one round with the
 * ballot on, U units × C candidates each, K codes a unit, a share T of them voting; the round
 * machine opens the ballots at intake's close and, at the deadline, tallies them in batches
 * (TallyBallot looping over pages of ballots). It reports the tally's wall time, the round's
 * transitions and history events, and the largest state payload.
 *
 * What goes through what: the nominations are written straight into the local table (the
 * upload path is `npm run bench province`'s; here only the ballot is measured); the codes are
 * issued through the HTTP API (the bureau's route); the votes are cast through the app's vote
 * use case on the same local table, not the public HTTP route — that route is throttled at
 * 10 requests a second, which would make a province's votes take hours, and it is the same
 * use case behind it. Scale: BENCH_BALLOT_UNITS, _CANDIDATES, _CODES, _TURNOUT; BENCH_BALLOT_TALLY_BATCH
 * overrides the stack's TallyBallot batch.
 */

type Obj = Record<string, unknown>;

interface BallotResult {
  units: number;
  candidates: number;
  codes: number;
  votes: number;
  tallyBatchSize: number;
  phases: Record<string, number>;
  tallyBatches: number;
  tallyRetries: number;
  transitions: number;
  historyEvents: number;
  largestPayloadBytes: number;
  largestPayloadState: string;
  tallied: number;
  totals: Obj;
}

const PARALLEL_ISSUE = 4;
const PARALLEL_VOTES = 8;
const PARALLEL_SEED = 16;
const HOUR = 3_600_000;

/** A small deterministic PRNG (mulberry32): the same marks every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function control(system: LocalSystem, path: string, body?: object): Promise<Obj> {
  const res = await fetch(`${system.controlUrl}${path}`, { method: body ? 'POST' : 'GET', ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Obj;
}

/** History events AWS records for one state: a Task 5 (entered, scheduled, started, succeeded, exited), others 2. */
const awsEventsFor = (type: string) => (type === 'Task' ? 5 : 2);

async function runBallot(units: number, perUnit: number, codesPerUnit: number, turnout: number): Promise<BallotResult> {
  const start = Date.parse('2026-11-02T01:00:00Z');
  const clock = new SimulatedClock({ start: new Date(start) });
  // BENCH_BALLOT_TALLY_BATCH tries another batch than the stack's default (how the default was chosen).
  const tallyBatch = process.env.BENCH_BALLOT_TALLY_BATCH ? { tallyBatchSize: Number(process.env.BENCH_BALLOT_TALLY_BATCH) } : {};
  const system = await startLocalSystem({ port: 0, controlPort: 0, clock, retryIntervalMs: 0, stackProps: tallyBatch });
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    process.stderr.write(`ballot: ${name.replace(/ s$/, '')}…\n`);
    try {
      return await fn();
    } finally {
      phases[name] = Number(((performance.now() - t0) / 1000).toFixed(1));
      process.stderr.write(`ballot: ${name.replace(/ s$/, '')} took ${phases[name]} s\n`);
    }
  };
  const env = system.stack.environment;
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB, region: env.AWS_REGION ?? 'us-east-1' }), { marshallOptions: { removeUndefinedValues: true } });
  const repos = repositories(doc, env.POOL_TABLE as string);
  try {
    const token = async (role: string) => (await control(system, '/tokens', { role })).token as string;
    const bureau = new PoolClient(system.apiUrl, await token('bureau'));
    const roundId = '2027-B1';
    const intakeClosesAt = new Date(start + 2 * HOUR).toISOString();
    const ballotClosesAt = new Date(start + 4 * 24 * HOUR).toISOString();
    await bureau.openRound({
      roundId, title: '民主推荐规模测试', referenceDate: '2026-12-01', tiers: [3],
      intakeClosesAt, scoringClosesAt: new Date(start + 5 * 24 * HOUR).toISOString(),
      scoringModel: { components: [{ id: 'ballot', name: { zh: '民主推荐', en: 'democratic recommendation' }, weight: 1, min: 0, max: 100, source: 'recommendation' }] },
      orgDeptApproval: { ref: 'bench', date: '2026-11-01' },
      selection: { recommendation: { closesAt: ballotClosesAt, threshold: 0.3 } },
    });
    const unitCodes = Array.from({ length: units }, (_, i) => `BV-${String(i + 1).padStart(4, '0')}`);
    await phase('nominations written to the table s', async () => {
      const receivedAt = clock.now().toISOString();
      const noms: Nomination[] = unitCodes.flatMap((unitCode) => Array.from({ length: perUnit }, (_, k) => ({
        nominationId: `N-${unitCode}-${k}`, roundId, unitCode, status: 'accepted' as const, receivedAt, tier: 3 as const,
        candidateName: `候选人${unitCode.slice(3)}-${k + 1}`,
        source: { bucket: 'bench', key: `rounds/${roundId}/units/${unitCode}/${k}.json`, versionId: 'null' },
        verdict: { tier: 3, eligible: true, asOf: '2026-12-01', policy: 'jintan-2020@1', reasons: [] } as unknown as Nomination['verdict'],
      })));
      await mapBounded(noms, (n) => repos.nominations.putIfAbsent(n), PARALLEL_SEED);
    });
    await phase('intake close and OpenBallot s', async () => {
      clock.advanceTo(new Date(Date.parse(intakeClosesAt) + 1000));
      await control(system, '/settle', { timeoutMs: 3_600_000 });
    });
    const codes = new Map<string, string[]>();
    await phase('codes issued (HTTP, 4 at a time) s', async () => {
      await mapBounded(unitCodes, async (unit) => {
        const r = await bureau.request<{ codes: string[] }>('POST', `/rounds/${roundId}/ballots/${unit}/codes`, { count: codesPerUnit });
        codes.set(unit, r.codes);
      }, PARALLEL_ISSUE);
    });
    const secrets = ballotSecrets(env.PERSON_ID_KEY as string);
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const voteDeps = { ballots: repos.ballots, rounds: repos.rounds, units: repos.units, secrets, logger: quiet };
    const marks = ['for', 'for', 'against', 'abstain'] as const satisfies readonly Mark[];
    const rand = random(20261202);
    let votes = 0;
    await phase('votes cast (the app\'s vote use case, 8 at a time) s', async () => {
      const casts: Array<{ code: string; marks: Record<string, Mark> }> = [];
      for (const unit of unitCodes) {
        const ids = Array.from({ length: perUnit }, (_, k) => `N-${unit}-${k}`);
        for (const code of (codes.get(unit) ?? []).slice(0, Math.round(codesPerUnit * turnout))) {
          casts.push({ code, marks: Object.fromEntries(ids.map((id) => [id, marks[Math.floor(rand() * marks.length)] as Mark])) });
        }
      }
      await mapBounded(casts, (c, i) => castVote(voteDeps, { code: c.code, submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, marks: c.marks, now: clock.now() }), PARALLEL_VOTES);
      votes = casts.length;
    });
    await phase('tally (TallyBallot batches, the machine) s', async () => {
      clock.advanceTo(new Date(Date.parse(ballotClosesAt) + 1000));
      await control(system, '/settle', { timeoutMs: 3_600_000 });
    });

    const execution = system.stack.sfn.listExecutions().find((e) => e.input.includes(roundId));
    if (!execution) throw new Error('no round execution');
    const entered = execution.events.filter((e) => e.type === 'StateEntered' && 'state' in e).map((e) => ('state' in e ? e.state.name : ''));
    if (entered.at(-1) !== 'WaitForScoringDeadline') throw new Error(`the round stopped at ${entered.at(-1) ?? '?'} (${execution.status}: ${execution.error ?? ''} ${execution.cause ?? ''})`);
    let historyEvents = 1; // ExecutionStarted (still running: parked before scoring)
    let largest = { bytes: 0, state: '' };
    let retries = 0;
    for (const event of execution.events) {
      if (!('state' in event)) continue;
      if (event.type === 'StateEntered') historyEvents += awsEventsFor(event.state.type);
      if (event.type === 'StateRetried') { historyEvents += 3; retries++; }
      for (const payload of [event.state.input, event.state.output]) {
        if (payload === undefined) continue;
        const bytes = Buffer.byteLength(JSON.stringify(payload));
        if (bytes > largest.bytes) largest = { bytes, state: event.state.name };
      }
    }
    const ballots = await allOf((page) => repos.ballots.listBallots(roundId, page));
    const audit = await repos.rounds.require(roundId);
    const tallyState = execution.events.filter((e) => e.type === 'StateExited' && 'state' in e && e.state.name === 'TallyBallot').at(-1);
    const totals = (tallyState && 'state' in tallyState ? (tallyState.state.output as { tally?: { totals?: Obj } } | undefined)?.tally?.totals : undefined) ?? {};
    return {
      units, candidates: units * perUnit, codes: units * codesPerUnit, votes,
      tallyBatchSize: tallyBatchSizeOf(system),
      phases,
      tallyBatches: entered.filter((n) => n === 'TallyBallot').length,
      tallyRetries: retries,
      transitions: execution.stateTransitions,
      historyEvents,
      largestPayloadBytes: largest.bytes,
      largestPayloadState: largest.state,
      tallied: ballots.filter((b) => b.tally !== undefined).length,
      totals: { ...totals, roundStatus: audit.status },
    };
  } catch (e) {
    throw e instanceof ApiError ? new Error(e.message) : e;
  } finally {
    doc.destroy();
    await system.close();
  }
}

/** The batch the synthesized machine sends TallyBallot (its payload's batchSize). */
function tallyBatchSizeOf(system: LocalSystem): number {
  const round = system.stack.stateMachines.find((m) => m.kind === 'round');
  const state = round?.definition.States.TallyBallot as { Parameters?: { Payload?: { batchSize?: number } } } | undefined;
  return state?.Parameters?.Payload?.batchSize ?? Number.NaN;
}

const envNumber = (name: string, fallback: number) => (process.env[name] === undefined ? fallback : Number(process.env[name]));

/** In a process of its own, as the province bench runs (handlers keep clients per process). */
export async function benchBallot(): Promise<Record<string, string | number>> {
  const args = [envNumber('BENCH_BALLOT_UNITS', 3000), envNumber('BENCH_BALLOT_CANDIDATES', 10), envNumber('BENCH_BALLOT_CODES', 10), envNumber('BENCH_BALLOT_TURNOUT', 0.5)];
  const t0 = performance.now();
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['bench/ballot.ts', 'run', ...args.map(String)], {
    encoding: 'utf8', timeout: 3_600_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'WARN' },
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  const log = join('node_modules', '.cache', 'bench-ballot.log');
  mkdirSync(dirname(log), { recursive: true });
  writeFileSync(log, r.stderr);
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`the ballot round failed (its log: ${log}): ${r.stderr.slice(-800)}`);
  const p = JSON.parse(last) as BallotResult;
  const out: Record<string, string | number> = {
    'units (ballots)': p.units,
    'candidates (nominations written to the table, not uploaded)': p.candidates,
    'codes issued (HTTP API)': p.codes,
    'votes cast (app vote use case, not the 10 rps public route)': p.votes,
    'TallyBallot batch size (units)': p.tallyBatchSize,
  };
  for (const [k, v] of Object.entries(p.phases)) out[k] = v;
  out['tally per batch s (mean)'] = Number(((p.phases['tally (TallyBallot batches, the machine) s'] ?? 0) / Math.max(1, p.tallyBatches)).toFixed(2));
  out['tally per unit ms'] = Number((((p.phases['tally (TallyBallot batches, the machine) s'] ?? 0) * 1000) / p.units).toFixed(2));
  out['TallyBallot batches (retries)'] = `${p.tallyBatches} (${p.tallyRetries})`;
  out['ballots tallied'] = p.tallied;
  out['totals carried by the machine'] = JSON.stringify(p.totals);
  out['wall time s'] = Number(((performance.now() - t0) / 1000).toFixed(1));
  out['round state transitions (to WaitForScoringDeadline)'] = p.transitions;
  out['history events so far (as AWS would record them; limit 25,000)'] = p.historyEvents;
  out['largest state payload bytes (limit 262,144)'] = `${p.largestPayloadBytes} (${p.largestPayloadState})`;
  out.machine = '2 cores, shared with other work: wall times vary from run to run';
  return out;
}

if (process.argv[2] === 'run') {
  const [units, perUnit, codes, turnout] = process.argv.slice(3).map(Number) as [number, number, number, number];
  const result = await runBallot(units, perUnit, codes, turnout);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
