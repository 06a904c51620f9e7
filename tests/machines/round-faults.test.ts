/**
 * A transient fault mid-round leaves the outcome the undisturbed round has (issue #12.9):
 * the same round — the same forms, the same decision — runs twice on the synthesized state
 * machine, once untouched and once with ScoreBatch failing twice (a throttle surfacing as
 * TransientError) and AdmitBatch's Lambda hanging past its timeout once (Middy ends it just
 * before Lambda would, with TimeoutError; without Middy Step Functions would see Lambda.Unknown). Every step is safe to repeat and the Retry policy covers both, so the
 * rankings, the admissions, the seats and the members must come out the same.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransientError } from '../../app/errors';
import type { Nomination } from '../../domain/round/nomination';
import { NominationRepository } from '../../functions/shared/repository';
import { validForm } from '../support/forms';
import {
  APPROVER, BUREAU, api, parkedAt, retriedStates, seatHolders, settle, startMachineStack, uploadForm, type MachineStack,
} from './support/machines';

const START = '2026-11-02T01:00:00Z';
const DAY = 86_400_000;
const ROUND = '2026-M-FAULTS';
const UNIT = 'JT-XYXX';
/** RoundSteps' timeout, short so the hanging invocation times out in seconds, not in two minutes. */
const FUNCTION_TIMEOUT_SECONDS = 3;
const MODEL = {
  components: [
    { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.8, min: 0, max: 20, source: 'form', derive: 'experience' },
    { id: 'honour', name: { zh: '学术称号', en: 'honour title' }, weight: 0.2, min: 0, max: 8, source: 'form', derive: 'honour' },
  ],
};

const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

function form(i: number) {
  const f = validForm({ roundId: ROUND, name: `故障${i}`, seq: String(500 + 2 * i) });
  f.candidate.posts = f.candidate.posts.map((p) => ({ ...p, from: plusDays('2015-09-01', 37 * i) }));
  return f;
}

/** What a round came to, independent of ids that differ between runs (object keys carry a random part). */
interface Outcome {
  status: string;
  counts: unknown;
  nominations: Array<{ name?: string; status: string; proposed?: string; rank?: number | null; position?: number | null; score?: number | null; admission?: string; tier?: number }>;
  seats: number;
  members: Array<{ personId: string; tier: number | null; status: unknown; termStart: unknown }>;
}

async function runRound(faults: boolean): Promise<{ outcome: Outcome; retried: Array<{ state: string; attempt: number }> }> {
  const m: MachineStack = await startMachineStack(START, { batchSize: 3, approvalTimeoutSeconds: 3600 }, { functionTimeouts: { 'functions/round-steps/handler.ts': FUNCTION_TIMEOUT_SECONDS } });
  try {
    const now = m.clock.nowMs();
    const intakeClosesAt = new Date(now + DAY).toISOString();
    const scoringClosesAt = new Date(now + 2 * DAY).toISOString();
    const opened = await api<{ round: { executionArn: string } }>(m, 'POST /rounds', BUREAU, {
      body: {
        roundId: ROUND, title: '故障注入', referenceDate: '2026-12-01', intakeClosesAt, scoringClosesAt, tiers: [3],
        scoringModel: MODEL, orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
      },
    }, 201);
    for (let i = 0; i < 7; i++) await uploadForm(m, ROUND, UNIT, form(i), `f${i}.json`);

    if (faults) {
      const original = NominationRepository.prototype.update;
      let scoringFaults = 0;
      let hung = false;
      vi.spyOn(NominationRepository.prototype, 'update').mockImplementation(async function (this: NominationRepository, ...args) {
        const set = args[2] as Partial<Nomination>;
        // ScoreBatch: its first two attempts fail on their first write, the third succeeds.
        if (set.scoring !== undefined && scoringFaults < 2) {
          scoringFaults++;
          throw new TransientError(new Error('ProvisionedThroughputExceededException'));
        }
        // AdmitBatch: the first admission's write hangs past the function's timeout, once.
        if (set.admission?.status === 'admitted' && !hung) {
          hung = true;
          await new Promise((resolve) => setTimeout(resolve, (FUNCTION_TIMEOUT_SECONDS + 1) * 1000));
        }
        return original.apply(this, args);
      });
    }

    await settle(m);
    m.clock.advanceTo(new Date(Date.parse(scoringClosesAt) + 1000));
    await settle(m);
    expect(parkedAt(m.stack.sfn.describeExecution(opened.round.executionArn))).toBe('AwaitDecision');
    await api(m, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: ROUND }, body: { decision: 'approve' } }, 200);
    await settle(m);
    // The hung write finishes after its invocation was given up: let it land before reading.
    if (faults) await new Promise((resolve) => setTimeout(resolve, (FUNCTION_TIMEOUT_SECONDS + 1) * 1000));
    await settle(m);

    const d = m.stack.sfn.describeExecution(opened.round.executionArn);
    expect(d.status, d.cause).toBe('SUCCEEDED');
    const round = await m.repos.rounds.require(ROUND);
    const noms = (await m.repos.nominations.listByRound(ROUND, { limit: 100 })).items;
    const persons = [...new Set(noms.flatMap((n) => (n.personId ? [n.personId] : [])))].sort();
    const members = await Promise.all(persons.map(async (p) => {
      const snap = await m.repos.members.get<{ status?: unknown; termStart?: unknown }>(p);
      return { personId: p, tier: snap?.tier ?? null, status: snap?.state.status, termStart: snap?.state.termStart };
    }));
    const outcome: Outcome = {
      status: round.status,
      counts: round.outcome?.counts,
      nominations: noms.map((n) => ({
        name: n.candidateName, status: n.status, proposed: n.proposed, rank: n.rank, position: n.position, score: n.score,
        admission: n.admission?.status, tier: n.tier,
      })).sort((a, b) => String(a.name).localeCompare(String(b.name))),
      seats: (await seatHolders(m, 3)).length,
      members,
    };
    return { outcome, retried: retriedStates(d) };
  } finally {
    vi.restoreAllMocks();
    await m.stop();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a transient fault mid-round (issue #12.9)', () => {
  it('ScoreBatch failing twice and AdmitBatch timing out once leave the outcome of the undisturbed run', async () => {
    const clean = await runRound(false);
    expect(clean.retried).toEqual([]);
    expect(clean.outcome.status).toBe('completed');
    expect(clean.outcome.seats).toBeGreaterThan(0);

    const disturbed = await runRound(true);
    // Both faults happened and were retried by the synthesized Retry policy, not caught.
    expect(disturbed.retried).toEqual([
      { state: 'ScoreBatch', attempt: 1 }, { state: 'ScoreBatch', attempt: 2 }, { state: 'AdmitBatch', attempt: 1 },
    ]);
    expect(disturbed.outcome).toEqual(clean.outcome);
  }, 60_000);
});
