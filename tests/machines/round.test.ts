/**
 * The selection round's state machine AS SYNTHESIZED (infra/synth.ts → the local stack), run
 * with the real handlers against dynalite and s3rver on a frozen clock: rounds are opened
 * through the API Lambda (which starts the execution as in production), forms arrive through
 * presigned POSTs and the bucket notification, decisions go through the API's decision
 * route (SendTaskSuccess on the stored token). No ASL is written here.
 *
 * Seats (caps 20 / 50 for tiers 1 / 3) are shared by the file's rounds, so the tests run in
 * order: tier 3 is filled by the whole round; tier 1 goes 14 → 19 (retry) → 20 (race).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tier } from '../../domain/tier';
import { TransientError } from '../../app/errors';
import { NominationRepository, SeatRepository, type Nomination } from '../../functions/shared/repository';
import { HANDLER_METADATA_KEY } from '../../local/asl';
import { SfnServiceError } from '../../local/task-tokens';
import { idNumberFor, validForm } from '../support/forms';
import {
  APPROVER, BUREAU, api, callApi, enteredStates, parkedAt, retriedStates, roundTransitions, seatHolders, seedMember, settle,
  startMachineStack, transitionProfile, uploadForm, type MachineStack,
} from './support/machines';
import { SELECTION_STATES } from './support/selection';

const START = '2026-11-02T01:00:00Z'; // 09:00 in Beijing
const REFERENCE_DATE = '2026-12-01';
const APPROVAL_TIMEOUT_SECONDS = 3600;
const BATCH_SIZE = 4;
const DAY = 86_400_000;

const MODEL = {
  components: [
    { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.8, min: 0, max: 20, source: 'form', derive: 'experience' },
    { id: 'honour', name: { zh: '学术称号', en: 'honour title' }, weight: 0.2, min: 0, max: 8, source: 'form', derive: 'honour' },
  ],
};

let m: MachineStack;
/** Transitions measured per round id (reported by the last test). */
const measured: Array<{ roundId: string; nominations: number; transitions: number; entered: Record<string, number> }> = [];

const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const nowIso = (ms = 0) => new Date(m.clock.nowMs() + ms).toISOString();

/** A tier 3 form (DESIGN §6's example) for person `i`: its class-teacher post starts i days later, so scores differ. */
function tier3Form(roundId: string, i: number, over: { birthDate?: string } = {}) {
  const form = validForm({ roundId, name: `三梯队${i}`, seq: String(100 + 2 * i), ...over });
  form.candidate.posts = form.candidate.posts.map((p) => ({ ...p, from: plusDays('2015-09-01', i) }));
  return form;
}

const TIER1_FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'forms', 'tier1-eligible.json'), 'utf8')) as {
  candidate: { name: string; idNumber: string; birthDate: string; posts: Array<{ kind: string; from: string; to: string | null }> };
  unit: { code: string };
};
let tier1Seq = 301;
/** A tier 1 form for a new person (odd sequence: the fixture's candidate is male); the deputy post starts `shift` days later. */
function tier1Form(roundId: string, name: string, shift: number) {
  const form = structuredClone(TIER1_FIXTURE) as typeof TIER1_FIXTURE & { roundId: string };
  form.roundId = roundId;
  form.candidate.name = name;
  form.candidate.idNumber = idNumberFor(form.candidate.birthDate, String(tier1Seq));
  tier1Seq += 2;
  form.candidate.posts = form.candidate.posts.map((p) => (p.kind === 'deputy' ? { ...p, from: plusDays('2021-08-01', shift) } : p));
  return form;
}
const TIER1_UNIT = TIER1_FIXTURE.unit.code;

interface Opened { roundId: string; executionArn: string; intakeClosesAt: string; scoringClosesAt: string }

/** POST /rounds as the bureau: intake closes in a day, scoring a day later. */
async function openRound(roundId: string, tiers: Tier[]): Promise<Opened> {
  const intakeClosesAt = nowIso(DAY);
  const scoringClosesAt = nowIso(2 * DAY);
  const res = await api<{ round: { executionArn: string; status: string } }>(m, 'POST /rounds', BUREAU, {
    body: {
      roundId, title: `${roundId} 状态机测试`, referenceDate: REFERENCE_DATE, intakeClosesAt, scoringClosesAt, tiers,
      scoringModel: MODEL, orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
    },
  }, 201);
  expect(res.round.status).toBe('open');
  return { roundId, executionArn: res.round.executionArn, intakeClosesAt, scoringClosesAt };
}

/** Both deadlines pass; the round scores, ranks and waits for the approver. Returns the token. */
async function toDecision(r: Opened): Promise<string> {
  await settle(m);
  m.clock.advanceTo(new Date(Date.parse(r.scoringClosesAt) + 1000));
  await settle(m);
  const d = m.stack.sfn.describeExecution(r.executionArn);
  expect(d.status, d.cause).toBe('RUNNING');
  expect(parkedAt(d)).toBe('AwaitDecision');
  const [pending, ...more] = m.stack.sfn.tokens.list(r.executionArn);
  expect(more).toEqual([]);
  expect(pending?.stateName).toBe('AwaitDecision');
  const round = await m.repos.rounds.require(r.roundId);
  expect(round).toMatchObject({ status: 'awaiting-decision', taskToken: pending?.token });
  return pending?.token as string;
}

async function nominationsOf(roundId: string): Promise<Nomination[]> {
  return (await m.repos.nominations.listByRound(roundId, { limit: 100 })).items;
}

function output(executionArn: string): Record<string, unknown> {
  return JSON.parse(m.stack.sfn.describeExecution(executionArn).output ?? 'null') as Record<string, unknown>;
}

function measure(roundId: string, executionArn: string, nominations: number): void {
  const p = transitionProfile(m.stack.sfn.describeExecution(executionArn));
  measured.push({ roundId, nominations, transitions: p.total, entered: p.entered });
}

async function roundAudit(roundId: string): Promise<string[]> {
  return (await m.audit.list(`round/${roundId}`)).map((a) => a.action);
}

beforeAll(async () => {
  m = await startMachineStack(START, { approvalTimeoutSeconds: APPROVAL_TIMEOUT_SECONDS, batchSize: BATCH_SIZE });
  // Members of an earlier round: tier 3 has 44 of its 50 seats held, tier 1 14 of 20.
  const seeds: Array<{ id: string; tier: Tier }> = [
    ...Array.from({ length: 44 }, (_, i) => ({ id: `P3${String(i).padStart(19, '0')}`, tier: 3 as Tier })),
    ...Array.from({ length: 14 }, (_, i) => ({ id: `P1${String(i).padStart(19, '0')}`, tier: 1 as Tier })),
  ];
  for (const s of seeds) await seedMember(m, s.id, { tier: s.tier, cohortId: '2025-R0', termStart: '2025-11-01', unit: 'JT-OTHER' });
});

afterAll(async () => {
  await m?.stop();
});

describe('a whole round to admission', () => {
  const ROUND = '2026-M-ADMIT';
  let r: Opened;

  it('opening the round through the API starts the round execution, which waits for the intake deadline', async () => {
    r = await openRound(ROUND, [3]);
    expect(r.executionArn).toContain(`:round-${ROUND}`);
    await settle(m);
    const d = m.stack.sfn.describeExecution(r.executionArn);
    expect(d).toMatchObject({ status: 'RUNNING', stateMachineArn: m.round.arn });
    expect(JSON.parse(d.input)).toEqual({
      roundId: ROUND, intakeClosesAt: r.intakeClosesAt, scoringClosesAt: r.scoringClosesAt,
      steps: { recommendation: false, inspection: false, publicity: false },
    });
    expect(enteredStates(d)).toEqual(['WaitForIntakeDeadline']);
    expect(await m.repos.rounds.require(ROUND)).toMatchObject({ status: 'open', executionArn: r.executionArn });
  });

  it('forms uploaded through presigned POSTs reach the round through the bucket notification and the intake Lambda', async () => {
    // Eight eligible candidates for six free seats, and one over age (41 on the reference date).
    for (let i = 0; i < 8; i++) await uploadForm(m, ROUND, 'JT-XYXX', tier3Form(ROUND, i), `candidate-${i}.json`);
    await uploadForm(m, ROUND, 'JT-XYXX', tier3Form(ROUND, 8, { birthDate: '1985-01-01' }), 'over-age.json');
    await settle(m);
    expect(m.stack.s3.failures).toEqual([]);
    const noms = await nominationsOf(ROUND);
    expect(noms).toHaveLength(9);
    expect(noms.every((n) => n.status === 'accepted' && n.tier === 3)).toBe(true);
    expect(noms.filter((n) => (n.verdict as { eligible: boolean }).eligible)).toHaveLength(8);
  });

  it('at the intake deadline CloseIntake closes the round; then it waits for the scoring deadline', async () => {
    m.clock.advanceTo(new Date(Date.parse(r.intakeClosesAt) + 1000));
    await settle(m);
    const d = m.stack.sfn.describeExecution(r.executionArn);
    expect(enteredStates(d)).toEqual(['WaitForIntakeDeadline', 'CloseIntake', 'Recommendation?', 'WaitForScoringDeadline']);
    expect(await m.repos.rounds.require(ROUND)).toMatchObject({ status: 'closed', intakeClosedAt: r.intakeClosesAt });
    // Too late for a link now.
    expect((await callApi(m, 'POST /rounds/{roundId}/uploads', BUREAU, { path: { roundId: ROUND }, body: { unit: 'JT-XYXX', fileName: 'late.json' } })).status).toBe(409);
  });

  it('after the scoring deadline it scores in batches, ranks within the free seats and waits at AwaitDecision with the token on the round', async () => {
    const token = await toDecision(r);
    expect(token).toMatch(/^LOCAL/);
    const d = m.stack.sfn.describeExecution(r.executionArn);
    const states = enteredStates(d);
    // 9 nominations, batches of 4: three ScoreBatch calls, each followed by the cursor Choice.
    expect(states).toEqual([
      'WaitForIntakeDeadline', 'CloseIntake', 'Recommendation?', 'WaitForScoringDeadline', 'StartScoring',
      'ScoreBatch', 'MoreToScore?', 'ScoreBatch', 'MoreToScore?', 'ScoreBatch', 'MoreToScore?',
      'Rank', 'Inspection?', 'AwaitDecision',
    ]);
    const round = await m.repos.rounds.require(ROUND);
    const shortlist = round.shortlist as { freeSeats: Record<string, number>; tiers: Record<string, { admitIds: string[]; waitlist: number; ineligible: number }> };
    expect(shortlist.freeSeats['3']).toBe(6);
    expect(shortlist.tiers['3']).toMatchObject({ waitlist: 2, ineligible: 1 });
    expect(shortlist.tiers['3']?.admitIds).toHaveLength(6);
    // The longest in post rank first: candidates 0…5 (their posts start earliest).
    const byId = new Map((await nominationsOf(ROUND)).map((n) => [n.nominationId, n]));
    expect(shortlist.tiers['3']?.admitIds.map((id) => byId.get(id)?.candidateName)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `三梯队${i}`));
  });

  it('the approval through the API resumes the execution: admitted within the free seats, seats held, round completed, audited', async () => {
    const res = await api<{ decision: { decision: string; state: string } }>(m, 'POST /rounds/{roundId}/decision', APPROVER, {
      path: { roundId: ROUND }, body: { decision: 'approve', note: '同意' },
    }, 200);
    expect(res.decision).toMatchObject({ decision: 'approve', state: 'delivered' });
    await settle(m);

    const d = m.stack.sfn.describeExecution(r.executionArn);
    expect(d.status, d.cause).toBe('SUCCEEDED');
    expect(output(r.executionArn)).toMatchObject({ roundId: ROUND, outcome: 'admitted', decision: { decision: 'approve', by: APPROVER.username }, admit: { cursor: null } });
    expect(enteredStates(d).slice(13)).toEqual([
      'AwaitDecision', 'Decision?', 'Publicity?', 'StartAdmission', 'AdmitBatch', 'MoreToAdmit?', 'AdmitBatch', 'MoreToAdmit?', 'Admitted', 'RecordOutcome', 'Done',
    ]);
    expect(retriedStates(d)).toEqual([]);

    const round = await m.repos.rounds.require(ROUND);
    expect(round).toMatchObject({
      status: 'completed', taskToken: null,
      outcome: { outcome: 'admitted', clause: 'S-ROUND', counts: { accepted: 9, admitted: 6, capReached: 0, refused: 0 } },
      decision: { decision: 'approve', state: 'delivered', by: APPROVER.username },
    });
    const admitIds = (round.shortlist as { tiers: Record<string, { admitIds: string[] }> }).tiers['3']?.admitIds ?? [];
    const noms = await nominationsOf(ROUND);
    const admitted = noms.filter((n) => (n.admission as { status?: string } | undefined)?.status === 'admitted');
    expect(admitted.map((n) => n.nominationId).sort()).toEqual([...admitIds].sort());
    // The waitlisted and the ineligible are left alone.
    expect(noms.filter((n) => !admitIds.includes(n.nominationId)).every((n) => n.admission === undefined)).toBe(true);

    const decidedOn = new Date(m.clock.nowMs() + 8 * 3600_000).toISOString().slice(0, 10);
    for (const n of admitted) {
      const member = await m.repos.members.get<{ status: string; tier: number; cohortId: string; termStart: string; holdsSeat: boolean }>(n.personId as string);
      expect(member?.state).toMatchObject({ status: 'active', tier: 3, cohortId: ROUND, termStart: decidedOn, holdsSeat: true });
      expect(await m.repos.members.events(n.personId as string)).toHaveLength(1);
      expect((await m.audit.list(`member/${n.personId}`)).map((a) => [a.action, a.actor, a.clause])).toEqual([['member.admitted', `user:${APPROVER.username}`, 'S-ROUND']]);
    }
    // Tier 3 is now exactly full: 44 + 6 seats, one per person.
    const holders = await seatHolders(m, 3);
    expect(holders).toHaveLength(50);
    expect(new Set(holders).size).toBe(50);
    for (const n of admitted) expect(holders).toContain(n.personId);

    expect(await roundAudit(ROUND)).toEqual(expect.arrayContaining([
      'round.opened', 'round.intake-closed', 'round.ranked', 'round.awaiting-decision', 'round.decision.approve', 'round.completed',
    ]));
    measure(ROUND, r.executionArn, 9);
  });
});

describe('a rejected shortlist', () => {
  it('ends SUCCEEDED with outcome rejected; nobody is admitted', async () => {
    const ROUND = '2026-M-REJECT';
    const r = await openRound(ROUND, [1]);
    await uploadForm(m, ROUND, TIER1_UNIT, tier1Form(ROUND, '驳回甲', 0));
    await uploadForm(m, ROUND, TIER1_UNIT, tier1Form(ROUND, '驳回乙', 1));
    await toDecision(r);
    const round = await m.repos.rounds.require(ROUND);
    expect((round.shortlist as { tiers: Record<string, { admitIds: string[] }> }).tiers['1']?.admitIds).toHaveLength(2);

    await api(m, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: ROUND }, body: { decision: 'reject', note: '不同意' } }, 200);
    await settle(m);
    const d = m.stack.sfn.describeExecution(r.executionArn);
    expect(d.status, d.cause).toBe('SUCCEEDED');
    expect(output(r.executionArn).outcome).toBe('rejected');
    expect(enteredStates(d).slice(-5)).toEqual(['AwaitDecision', 'Decision?', 'Rejected', 'RecordOutcome', 'Done']);
    expect(enteredStates(d)).not.toContain('AdmitBatch');

    expect(await m.repos.rounds.require(ROUND)).toMatchObject({
      status: 'rejected', taskToken: null, outcome: { outcome: 'rejected', counts: { accepted: 2, admitted: 0, capReached: 0, refused: 0 } },
    });
    for (const n of await nominationsOf(ROUND)) {
      expect(n.admission).toBeUndefined();
      expect(await m.repos.members.get(n.personId as string)).toBeUndefined();
    }
    expect(await seatHolders(m, 1)).toHaveLength(14);
    expect(await roundAudit(ROUND)).toEqual(expect.arrayContaining(['round.decision.reject', 'round.rejected']));
    measure(ROUND, r.executionArn, 2);
  });
});

describe('an approval that times out', () => {
  it('is an outcome, not a failure: approval-timed-out, SUCCEEDED, the token dead, nobody admitted', async () => {
    const ROUND = '2026-M-TIMEOUT';
    const r = await openRound(ROUND, [1]);
    await uploadForm(m, ROUND, TIER1_UNIT, tier1Form(ROUND, '超时甲', 0));
    const token = await toDecision(r);

    m.clock.advance(APPROVAL_TIMEOUT_SECONDS * 1000 - 1000);
    await settle(m);
    expect(m.stack.sfn.describeExecution(r.executionArn).status).toBe('RUNNING');
    m.clock.advance(2000);
    await settle(m);

    const d = m.stack.sfn.describeExecution(r.executionArn);
    expect(d.status, d.cause).toBe('SUCCEEDED');
    expect(output(r.executionArn)).toMatchObject({ outcome: 'approval-timed-out', error: { Error: 'States.Timeout' } });
    expect(enteredStates(d).slice(-4)).toEqual(['AwaitDecision', 'ApprovalTimedOut', 'RecordOutcome', 'Done']);
    expect(await m.repos.rounds.require(ROUND)).toMatchObject({ status: 'approval-timed-out', taskToken: null, outcome: { outcome: 'approval-timed-out' } });

    // The approver is too late, whichever way the answer comes.
    let thrown: unknown;
    try {
      m.stack.sfn.tokens.sendTaskSuccess(token, { decision: 'approve' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SfnServiceError);
    expect(thrown).toMatchObject({ name: 'TaskTimedOut' });
    const late = await callApi<{ error: { code: string } }>(m, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: ROUND }, body: { decision: 'approve' } });
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'ROUND_NOT_AWAITING_DECISION' } } });

    for (const n of await nominationsOf(ROUND)) expect(await m.repos.members.get(n.personId as string)).toBeUndefined();
    expect(await seatHolders(m, 1)).toHaveLength(14);
    measure(ROUND, r.executionArn, 1);
  });
});

describe('a transiently failing step', () => {
  it('is retried by the Retry policy and admits nobody twice', async () => {
    const ROUND = '2026-M-RETRY';
    const r = await openRound(ROUND, [1]);
    for (let i = 0; i < 5; i++) await uploadForm(m, ROUND, TIER1_UNIT, tier1Form(ROUND, `重试${i}`, i), `retry-${i}.json`);
    await toDecision(r);

    // The fault: the first admission's nomination is marked, then the Lambda dies before it
    // answers (a throttle surfacing as TransientError). Everything before it — seat claim,
    // member events, snapshot — is already written when AdmitBatch is retried.
    const original = NominationRepository.prototype.update;
    let faults = 0;
    const spy = vi.spyOn(NominationRepository.prototype, 'update').mockImplementation(async function (this: NominationRepository, ...args) {
      const result = await original.apply(this, args);
      const set = args[2] as { admission?: { status?: string } };
      if (set.admission?.status === 'admitted' && faults === 0) {
        faults++;
        throw new TransientError(new Error('ProvisionedThroughputExceededException'));
      }
      return result;
    });
    try {
      await api(m, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: ROUND }, body: { decision: 'approve' } }, 200);
      await settle(m);
    } finally {
      spy.mockRestore();
    }
    expect(faults).toBe(1);

    const d = m.stack.sfn.describeExecution(r.executionArn);
    expect(d.status, d.cause).toBe('SUCCEEDED');
    expect(output(r.executionArn).outcome).toBe('admitted');
    // One retry, of the first AdmitBatch; the error it retried on is the handler's TransientError.
    expect(retriedStates(d)).toEqual([{ state: 'AdmitBatch', attempt: 1 }]);
    const failedAttempt = d.events.find((e) => e.type === 'StateFailed' && 'state' in e && e.state.name === 'AdmitBatch');
    expect(failedAttempt).toMatchObject({ Error: 'TransientError' });
    expect(enteredStates(d).slice(-10)).toEqual([
      'Decision?', 'Publicity?', 'StartAdmission', 'AdmitBatch', 'MoreToAdmit?', 'AdmitBatch', 'MoreToAdmit?', 'Admitted', 'RecordOutcome', 'Done',
    ]);
    expect(d.stateTransitions).toBe(enteredStates(d).length + 1);

    // No duplicates: five people, one admission each, one event each, one seat each.
    const noms = await nominationsOf(ROUND);
    expect(noms).toHaveLength(5);
    const people = noms.map((n) => n.personId as string);
    expect(new Set(people).size).toBe(5);
    for (const n of noms) expect(n.admission).toMatchObject({ status: 'admitted', tier: 1 });
    for (const p of people) {
      expect(await m.repos.members.events(p)).toHaveLength(1);
      expect((await m.audit.list(`member/${p}`)).filter((a) => a.action === 'member.admitted')).toHaveLength(1);
    }
    const holders = await seatHolders(m, 1);
    expect(holders).toHaveLength(14 + 5);
    expect(new Set(holders).size).toBe(19);
    for (const p of people) expect(holders.filter((h) => h === p)).toHaveLength(1);
    expect(await m.repos.rounds.require(ROUND)).toMatchObject({ status: 'completed', outcome: { counts: { accepted: 5, admitted: 5, capReached: 0, refused: 0 } } });
    measure(ROUND, r.executionArn, 5);
  });
});

describe('two rounds racing for the last seat of a tier', () => {
  it('exactly one wins; the other nomination is recorded cap-reached; the tier never exceeds its cap', async () => {
    const A = await openRound('2026-M-RACE-A', [1]);
    const B = await openRound('2026-M-RACE-B', [1]);
    await uploadForm(m, A.roundId, TIER1_UNIT, tier1Form(A.roundId, '竞争甲', 0));
    await uploadForm(m, B.roundId, TIER1_UNIT, tier1Form(B.roundId, '竞争乙', 0));
    await settle(m);
    m.clock.advanceTo(new Date(Date.parse(B.scoringClosesAt) + 1000));
    await settle(m);
    // Both ranked while one seat was free: each proposes its candidate for it.
    for (const r of [A, B]) {
      expect(parkedAt(m.stack.sfn.describeExecution(r.executionArn))).toBe('AwaitDecision');
      const round = await m.repos.rounds.require(r.roundId);
      expect(round.shortlist).toMatchObject({ freeSeats: { 1: 1 }, tiers: { 1: { admitIds: [expect.any(String)] } } });
    }

    // Both AdmitBatch steps reach the seat claim before either claims: a real race on the
    // conditional write of the one free seat item (the barrier only orders; the claims are real).
    const original = SeatRepository.prototype.claimSeat;
    let arrived = 0;
    let release: () => void = () => {};
    const bothThere = new Promise<void>((resolve) => { release = resolve; });
    const spy = vi.spyOn(SeatRepository.prototype, 'claimSeat').mockImplementation(async function (this: SeatRepository, ...args) {
      if (++arrived >= 2) release();
      await Promise.race([bothThere, new Promise((resolve) => setTimeout(resolve, 5000))]);
      return original.apply(this, args);
    });
    try {
      await Promise.all([A, B].map((r) =>
        api(m, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: r.roundId }, body: { decision: 'approve' } }, 200)));
      await settle(m);
    } finally {
      spy.mockRestore();
    }
    expect(arrived).toBe(2);

    const results = await Promise.all([A, B].map(async (r) => {
      const d = m.stack.sfn.describeExecution(r.executionArn);
      expect(d.status, d.cause).toBe('SUCCEEDED');
      const [n] = await nominationsOf(r.roundId);
      return { r, n: n as Nomination, round: await m.repos.rounds.require(r.roundId) };
    }));
    const statuses = results.map((x) => (x.n.admission as { status: string }).status).sort();
    expect(statuses).toEqual(['admitted', 'cap-reached']);
    const winner = results.find((x) => (x.n.admission as { status: string }).status === 'admitted');
    const loser = results.find((x) => (x.n.admission as { status: string }).status === 'cap-reached');
    expect(loser?.n.admission).toMatchObject({ status: 'cap-reached', clause: 'T-CAP', tier: 1 });
    expect(winner?.round.outcome).toMatchObject({ counts: { admitted: 1, capReached: 0 } });
    expect(loser?.round.outcome).toMatchObject({ outcome: 'admitted', counts: { admitted: 0, capReached: 1 } });
    expect(await m.repos.members.get(loser?.n.personId as string)).toBeUndefined();
    expect((await m.audit.list(`member/${loser?.n.personId}`)).map((a) => [a.action, a.clause])).toEqual([['member.cap-reached', 'T-CAP']]);

    const holders = await seatHolders(m, 1);
    expect(holders).toHaveLength(20);
    expect(new Set(holders).size).toBe(20);
    expect(holders).toContain(winner?.n.personId);
    expect(holders).not.toContain(loser?.n.personId);
    expect((await m.repos.seats.list(1))).toHaveLength(20);
  });
});

describe('failures the machine catches', () => {
  it('an invalid scoring model stored directly: ScoreBatch fails without retry, RecordFailure shows it on the round, the execution FAILS', async () => {
    const ROUND = '2026-M-BADMODEL';
    const intakeClosesAt = nowIso(DAY);
    const scoringClosesAt = nowIso(2 * DAY);
    // Bypassing the API (which validates the model): weights that do not sum to 1.
    await m.repos.rounds.create({
      roundId: ROUND, status: 'open', referenceDate: REFERENCE_DATE, openedAt: nowIso(), intakeClosesAt, scoringClosesAt, tiers: [3],
      scoringModel: { components: MODEL.components.map((c) => ({ ...c, weight: 0.3 })) },
    });
    const { executionArn } = await m.stack.sfn.startExecution({
      stateMachineArn: m.round.arn, name: `round-${ROUND}`, input: { roundId: ROUND, intakeClosesAt, scoringClosesAt },
    });
    m.clock.advanceTo(new Date(Date.parse(scoringClosesAt) + 1000));
    await settle(m);

    const d = m.stack.sfn.describeExecution(executionArn);
    expect(d).toMatchObject({ status: 'FAILED', error: 'RoundFailed' });
    expect(enteredStates(d)).toEqual([
      'WaitForIntakeDeadline', 'CloseIntake', 'Recommendation?', 'WaitForScoringDeadline', 'StartScoring', 'ScoreBatch', 'RecordFailure', 'Failed',
    ]);
    expect(retriedStates(d)).toEqual([]); // a DomainRejection is not worth retrying

    const round = await m.repos.rounds.require(ROUND);
    expect(round).toMatchObject({
      status: 'failed',
      failure: { error: 'DomainRejection', code: 'DOMAIN_REJECTED', en: 'the round\'s scoring model is invalid' },
    });
    const failure = JSON.stringify(round.failure);
    expect(failure).not.toMatch(/\bat |\.ts\b|trace/);
    expect(await roundAudit(ROUND)).toEqual(expect.arrayContaining(['round.intake-closed', 'round.failed']));
  });

  it('a decision that is none of the three (sent on the token directly) goes through UnknownDecision to RecordFailure', async () => {
    const ROUND = '2026-M-UNKNOWN';
    const r = await openRound(ROUND, [1]);
    const token = await toDecision(r);
    m.stack.sfn.tokens.sendTaskSuccess(token, JSON.stringify({ decision: 'defer', by: APPROVER.username, at: nowIso() }));
    await settle(m);
    const d = m.stack.sfn.describeExecution(r.executionArn);
    expect(d).toMatchObject({ status: 'FAILED', error: 'RoundFailed' });
    expect(enteredStates(d).slice(-5)).toEqual(['AwaitDecision', 'Decision?', 'UnknownDecision', 'RecordFailure', 'Failed']);
    expect(await m.repos.rounds.require(ROUND)).toMatchObject({ status: 'failed', failure: { error: 'UnknownDecision' } });
  });
});

describe('what ran is the synthesized definition', () => {
  it('every round state entered exists in the template definition with the same type, and every state of it was entered (the selection steps\' in round-selection.test.ts)', () => {
    const executions = m.stack.sfn.listExecutions({ stateMachineArn: m.round.arn });
    expect(executions.length).toBeGreaterThanOrEqual(8);
    const states = m.round.definition.States as Record<string, { Type: string }>;
    const entered = new Map<string, string>();
    for (const d of executions) {
      for (const e of d.events) if (e.type === 'StateEntered') entered.set(e.state.name, e.state.type);
    }
    for (const [name, type] of entered) expect(states[name]?.Type, name).toBe(type);
    expect([...entered.keys()].sort()).toEqual(Object.keys(states).filter((n) => !SELECTION_STATES.includes(n)).sort());
  });

  it('every Lambda the machines invoke runs the module named by its talentPool:handler metadata', () => {
    const resources = m.template.Resources as Record<string, { Metadata?: Record<string, unknown> }>;
    for (const fn of m.stack.lambdas.functions) {
      expect(fn.handlerModule).toBe(resources[fn.logicalId]?.Metadata?.[HANDLER_METADATA_KEY]);
    }
    expect(m.stack.lambdas.invocations.size).toBeGreaterThanOrEqual(4);
  });

  it('a round costs the state transitions its shape predicts (roundTransitions, for the bench)', () => {
    expect(measured.map(({ roundId, nominations, transitions }) => ({ roundId, nominations, transitions }))).toEqual([
      { roundId: '2026-M-ADMIT', nominations: 9, transitions: roundTransitions({ nominations: 9, admitted: 6, batchSize: BATCH_SIZE }) },
      { roundId: '2026-M-REJECT', nominations: 2, transitions: roundTransitions({ nominations: 2, batchSize: BATCH_SIZE, outcome: 'rejected' }) },
      { roundId: '2026-M-TIMEOUT', nominations: 1, transitions: roundTransitions({ nominations: 1, batchSize: BATCH_SIZE, outcome: 'approval-timed-out' }) },
      { roundId: '2026-M-RETRY', nominations: 5, transitions: roundTransitions({ nominations: 5, admitted: 5, batchSize: BATCH_SIZE, retries: 1 }) },
    ]);
    // 9 nominations, 6 admitted, batches of 4: 14 + 2 × 3 score pages + 2 × 2 admit batches.
    expect(measured[0]?.transitions).toBe(24);
  });
});

describe('the local runner', () => {
  // Regression: settled() used to resolve when the counters said "parked" while the
  // executor's event log was still being drained from its queue, so describeExecution did not
  // yet show the state the execution waits in. settled() now yields one macrotask and rechecks.
  it('describeExecution right after sfn.settled() shows the state the execution is parked in', async () => {
    const r = await openRound('2026-M-SETTLED', [3]);
    await settle(m);
    m.clock.advanceTo(new Date(Date.parse(r.intakeClosesAt) + 1000));
    await m.stack.sfn.settled(r.executionArn);
    const seen = parkedAt(m.stack.sfn.describeExecution(r.executionArn));
    // Let the round finish either way.
    m.clock.advanceTo(new Date(Date.parse(r.scoringClosesAt) + 1000));
    await settle(m);
    await api(m, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: r.roundId }, body: { decision: 'reject' } }, 200);
    await settle(m);
    expect(seen).toBe('WaitForScoringDeadline');
  });
});

describe('a round that could outlive its execution (a Standard execution lasts at most a year)', () => {
  it('the local stack gives the API the approval wait AwaitDecision has, and POST /rounds refuses a round past the year (ROUND_TOO_LONG)', async () => {
    // Wired from the synthesized template, as on AWS: one value for the machine and the API.
    expect(m.stack.environment.APPROVAL_TIMEOUT_SECONDS).toBe(String(APPROVAL_TIMEOUT_SECONDS));
    expect((m.round.definition.States as Record<string, { TimeoutSeconds?: number }>).AwaitDecision?.TimeoutSeconds).toBe(APPROVAL_TIMEOUT_SECONDS);
    // Scoring 364 days ahead + 1 hour's approval wait + a day for the steps: over the year by an hour → 1 day.
    const res = await callApi<{ error: { code: string; problems?: Array<{ code: string; path: string; zh: string; en: string }> } }>(m, 'POST /rounds', BUREAU, {
      body: {
        roundId: '2026-M-LONG', title: '过长的批次', referenceDate: REFERENCE_DATE, intakeClosesAt: nowIso(DAY), scoringClosesAt: nowIso(364 * DAY), tiers: [3],
        scoringModel: MODEL, orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([expect.objectContaining({ code: 'ROUND_TOO_LONG', path: 'scoringClosesAt' })]);
    expect(res.body.error.problems?.[0]?.zh).toContain('超过流程执行上限 365 天 1 天');
    expect(await m.repos.rounds.get('2026-M-LONG')).toBeUndefined();
    expect(m.stack.sfn.listExecutions({ stateMachineArn: m.round.arn }).map((e) => e.executionArn).some((a) => a.endsWith(':round-2026-M-LONG'))).toBe(false);
  });
});
