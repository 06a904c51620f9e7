import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { decideEligibility } from '../../domain/eligibility/verdict';
import { parseNominationForm } from '../../domain/form/parse';
import type { Member } from '../../domain/membership/member';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { handler as roundSteps } from '../../functions/round-steps/handler';
import { resetStepContext } from '../../functions/shared/context';
import { writeMemberEvents } from '../../app/members/write-events';
import { handler as scoring } from '../../functions/scoring/handler';
import { AuditLog } from '../../functions/shared/audit';
import { resetClients } from '../../functions/shared/clients';
import { personIdOf } from '../../functions/shared/person-id';
import { repositories, type Nomination, type Repositories } from '../../functions/shared/repository';
import { applyEnv, startEmulators, type Emulators } from '../support/emulators';
import { validForm } from '../support/forms';
import { lambdaContext } from '../support/s3-events';
import { shortlistOf } from '../support/rounds';

/**
 * The selection round's Lambda steps, invoked in the state machine's order with the exact
 * payloads infra/constructs/round-machine.ts sends, against dynalite.
 */

let emu: Emulators;
let restoreEnv: () => void;
let repos: Repositories;
let audit: AuditLog;
const ROUND = '2026-R1';
const KEY = 'test-person-id-key-0123456789';
const DECIDED_AT = '2026-06-09T18:30:00Z'; // 2026-06-10 02:30 in Beijing

const MODEL = {
  components: [
    { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.5, min: 0, max: 100, source: 'entered' },
    { id: 'written', name: { zh: '笔试', en: 'written test' }, weight: 0.3, min: 0, max: 100, source: 'entered' },
    { id: 'honour', name: { zh: '荣誉称号', en: 'honour' }, weight: 0.2, min: 0, max: 8, source: 'form', derive: 'honour' },
  ],
};

type Invocable = (event: never, context: Context) => Promise<unknown>;
async function invoke<T>(fn: Invocable, event: Record<string, unknown>): Promise<T> {
  // The JSON round trip a real invocation makes.
  const result = await fn(JSON.parse(JSON.stringify(event)) as never, lambdaContext('Steps'));
  return JSON.parse(JSON.stringify(result ?? null)) as T;
}
const score = (e: Record<string, unknown>) => invoke<{ cursor: string | null; scored: number; incomplete: number }>(scoring as unknown as Invocable, e);
const step = <T = Record<string, unknown>>(e: Record<string, unknown>) => invoke<T>(roundSteps as unknown as Invocable, e);

/** An accepted nomination as intake stores it (the verdict judged by the domain). */
function nomination(i: number, entered: Record<string, number> | undefined): Nomination {
  const raw = validForm({ roundId: ROUND, name: `候选人${i}`, seq: String(100 + 2 * i) });
  const parsed = parseNominationForm(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const form = parsed.value;
  const verdict = decideEligibility(form, { asOf: '2026-04-01' });
  if (!verdict.eligible) throw new Error('fixture form not eligible');
  return {
    nominationId: `N${String(i).padStart(3, '0')}`,
    roundId: ROUND,
    unitCode: 'JT-XYXX',
    status: 'accepted',
    source: { bucket: 'uploads', key: `rounds/${ROUND}/units/JT-XYXX/${i}.json`, versionId: 'null' },
    receivedAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00.000Z`,
    personId: personIdOf(form.candidate.idNumber, KEY),
    tier: 3,
    candidateName: form.candidate.name,
    form,
    verdict,
    policyRef: verdict.policy,
    ...(entered ? { enteredScores: entered } : {}),
  };
}

/** A tier-3 member admitted earlier, holding a seat. */
async function seedMember(personId: string): Promise<void> {
  const w = await writeMemberEvents({ members: repos.members, policy: PLAN_2020, now: () => new Date('2025-09-01T00:00:00Z') }, personId, [{
    type: 'admitted', on: '2025-09-01', personId, tier: 3, unit: 'JT-OTHER', cohortId: '2025-R1', termStart: '2025-09-01',
    source: 'selection', policyRef: 'jintan-2020@1', roundId: '2025-R1',
  }], { applied: (m) => m !== undefined });
  if (!w.ok) throw new Error(JSON.stringify(w.problems));
  await repos.seats.claimSeat(3, personId);
}

beforeAll(async () => {
  emu = await startEmulators();
  restoreEnv = applyEnv({ ...emu.env, LOG_LEVEL: 'ERROR' });
  resetClients();
  resetStepContext();
  repos = repositories(emu.doc, emu.tables.pool);
  audit = new AuditLog(emu.doc, emu.tables.audit);
  await repos.rounds.create({
    roundId: ROUND, status: 'open', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00Z',
    intakeClosesAt: '2026-04-15T16:00:00Z', scoringClosesAt: '2026-05-31T16:00:00Z', tiers: [3], scoringModel: MODEL,
  });
  // 30 nominations; N029 has no written-test score entered.
  for (let i = 0; i < 30; i++) {
    await repos.nominations.putIfAbsent(nomination(i, i === 29 ? { interview: 90 } : { interview: 60 + i, written: 70 + (i % 5) }));
  }
  // N030 would top the round, but its person was removed from the pool under M-VETO in 2025.
  const barred = nomination(30, { interview: 100, written: 100 });
  await repos.nominations.putIfAbsent(barred);
  const removedPerson = barred.personId as string;
  const w = await writeMemberEvents({ members: repos.members, policy: PLAN_2020, now: () => new Date('2025-12-01T00:00:00Z') }, removedPerson, [
    { type: 'admitted', on: '2025-09-01', personId: removedPerson, tier: 3, unit: 'JT-XYXX', cohortId: '2025-R1', termStart: '2025-09-01', source: 'selection', policyRef: 'jintan-2020@1', roundId: '2025-R1' },
    { type: 'vetoed', on: '2025-12-01', clause: 'M-VETO', reason: '师德问题' },
    { type: 'removed', on: '2025-12-01', clause: 'M-VETO', reason: '一票否决' },
  ], { applied: (m) => m !== undefined });
  if (!w.ok) throw new Error(JSON.stringify(w.problems));
  // A rejected upload is in the round too: never scored, never ranked.
  await repos.nominations.putIfAbsent({
    nominationId: 'NREJ', roundId: ROUND, unitCode: 'JT-XYXX', status: 'rejected', receivedAt: '2026-03-02T08:00:00Z',
    source: { bucket: 'uploads', key: `rounds/${ROUND}/units/JT-XYXX/bad.json`, versionId: 'null' },
    problems: [{ code: 'FORM_NOT_JSON', path: '', zh: '不是 JSON', en: 'not JSON' }],
  });
  // Tier 3 nearly full: 45 of 50 seats held → 5 free seats (T-CAP).
  await repos.seats.ensureSeats(3, 50);
  for (let i = 0; i < 45; i++) await seedMember(`P${String(i).padStart(20, 'a')}`);
});

afterAll(async () => {
  restoreEnv();
  resetClients();
  resetStepContext();
  await emu.stop();
});

describe('a selection round, step by step', () => {
  it('close-intake closes an open round, and again is a no-op', async () => {
    expect(await step({ action: 'close-intake', roundId: ROUND })).toEqual({ status: 'closed' });
    expect(await step({ action: 'close-intake', roundId: ROUND })).toEqual({ status: 'closed' });
    const round = await repos.rounds.require(ROUND);
    expect(round.status).toBe('closed');
    expect((await audit.list(`round/${ROUND}`)).filter((a) => a.action === 'round.intake-closed')).toHaveLength(1);
  });

  it('score-batch walks the round a page at a time; a missing entered score is incomplete, never 0', async () => {
    let cursor: string | null = null;
    let scored = 0;
    let incomplete = 0;
    let calls = 0;
    do {
      const r = await score({ action: 'score-batch', roundId: ROUND, cursor, batchSize: 7 });
      expect(Object.keys(r).sort()).toEqual(['cursor', 'incomplete', 'scored']);
      cursor = r.cursor;
      scored += r.scored;
      incomplete += r.incomplete;
      calls++;
    } while (cursor !== null && calls < 20);
    expect(cursor).toBeNull();
    expect(scored).toBe(30);
    expect(incomplete).toBe(1);

    const missing = await repos.nominations.get(ROUND, 'N029');
    expect(missing?.scoring).toMatchObject({ status: 'incomplete', clause: 'S-ROUND', problems: [{ code: 'SCORE_MISSING', path: 'entered.written' }] });
    expect(missing?.score).toBeNull();
    const n0 = await repos.nominations.get(ROUND, 'N000');
    // 0.5 × 60 + 0.3 × 70 + 0.2 × (常州市教学能手: rank 2 → 3 of 8) × 100 = 30 + 21 + 7.5
    expect(n0?.score).toBe(58.5);
    expect(n0?.scoring).toMatchObject({ status: 'scored', components: [{ id: 'interview' }, { id: 'written' }, { id: 'honour', source: 'form', value: 3 }] });
    expect((await repos.nominations.get(ROUND, 'NREJ'))?.scoring).toBeUndefined();
  });

  it('a retried score-batch writes the same scores', async () => {
    const before = await repos.nominations.get(ROUND, 'N003');
    await score({ action: 'score-batch', roundId: ROUND, cursor: null, batchSize: 7 });
    expect((await repos.nominations.get(ROUND, 'N003'))?.scoring).toEqual(before?.scoring);
  });

  it('rank proposes no more admissions than free seats and stores the shortlist', async () => {
    const ranked = await invoke<{ status: string; ranked: number; incomplete: number; proposed: Record<string, number>; freeSeats: Record<string, number> }>(
      scoring as unknown as Invocable, { action: 'rank', roundId: ROUND });
    expect(ranked).toMatchObject({ status: 'ranked', ranked: 29, incomplete: 1, proposed: { 1: 0, 2: 0, 3: 5 }, freeSeats: { 3: 5 } });
    const round = await repos.rounds.require(ROUND);
    expect(round.status).toBe('ranked');
    const shortlist = round.shortlist as { tiers: Record<string, { admitIds: string[]; freeSeats: number; waitlist: number; incomplete: number }> };
    // 0.5 × (60 + i) + 0.3 × (70 + i mod 5) + 7.5: N024 (64.2 + 7.5) edges out N025 (63.5 + 7.5).
    expect(shortlist.tiers['3']).toMatchObject({ freeSeats: 5, waitlist: 24, incomplete: 1 });
    expect(shortlist.tiers['3']?.admitIds).toEqual(['N028', 'N027', 'N026', 'N024', 'N025']);
    const top = await repos.nominations.get(ROUND, 'N028');
    expect(top).toMatchObject({ rank: 1, position: 1, proposed: 'admit' });
    expect(await repos.nominations.get(ROUND, 'N029')).toMatchObject({ proposed: 'incomplete', rank: null });
    expect(await repos.nominations.get(ROUND, 'N000')).toMatchObject({ proposed: 'waitlist', position: 29 });
    // Removed from the pool (不再列入): not ranked, takes no proposed seat.
    expect(await repos.nominations.get(ROUND, 'N030')).toMatchObject({ proposed: 'removed', rank: null, removed: { clause: 'M-VETO' } });
    expect((round.shortlist as { tiers: Record<string, { removed?: number }> }).tiers['3']?.removed).toBe(1);
  });

  it('await-decision stores the task token on the round', async () => {
    expect(await step({ action: 'await-decision', roundId: ROUND, taskToken: 'token-1' })).toEqual({ status: 'awaiting-decision' });
    expect(await repos.rounds.require(ROUND)).toMatchObject({ status: 'awaiting-decision', taskToken: 'token-1' });
    // The API stores the approver's decision, then answers the token.
    await repos.rounds.update(ROUND, { decision: { decision: 'approve', by: 'approver-1', at: DECIDED_AT, state: 'delivered' } });
  });

  it('admit-batch admits in batches; a retried batch admits nobody twice; a full tier is cap-reached, not a failure', async () => {
    const first = await step<{ cursor: string | null; admitted: number; capReached: number }>({ action: 'admit-batch', roundId: ROUND, cursor: null, batchSize: 2 });
    expect(first).toMatchObject({ cursor: '2', admitted: 2, capReached: 0 });
    // Step Functions retries the same payload.
    const retried = await step<{ cursor: string | null; admitted: number }>({ action: 'admit-batch', roundId: ROUND, cursor: null, batchSize: 2 });
    expect(retried.cursor).toBe('2');
    const pid = (await repos.nominations.get(ROUND, 'N028'))?.personId as string;
    expect(await repos.members.events(pid)).toHaveLength(1);
    const member = await repos.members.get<Member>(pid);
    expect(member?.state).toMatchObject({ status: 'active', tier: 3, cohortId: ROUND, termStart: '2026-06-10', roundId: ROUND, version: 1 });
    expect((await repos.seats.list(3)).filter((s) => s.holder === pid)).toHaveLength(1);
    expect((await repos.seats.occupancy(3)).held).toBe(47);

    const second = await step<{ cursor: string | null; admitted: number }>({ action: 'admit-batch', roundId: ROUND, cursor: '2', batchSize: 2 });
    expect(second).toMatchObject({ cursor: '4', admitted: 2 });
    // Someone else takes the last free seat meanwhile (another path into the pool).
    await repos.seats.claimSeat(3, 'Pzzzzzzzzzzzzzzzzzzzz');
    const last = await step<{ cursor: string | null; admitted: number; capReached: number }>({ action: 'admit-batch', roundId: ROUND, cursor: '4', batchSize: 2 });
    expect(last).toMatchObject({ cursor: null, admitted: 0, capReached: 1 });
    expect((await repos.nominations.get(ROUND, 'N025'))?.admission).toMatchObject({ status: 'cap-reached', clause: 'T-CAP' });
    expect((await repos.nominations.get(ROUND, 'N024'))?.admission).toMatchObject({ status: 'admitted', seat: expect.any(String) });

    const seats = await repos.seats.list(3);
    expect(seats.filter((s) => s.holder)).toHaveLength(50);
    expect(new Set(seats.map((s) => s.holder)).size).toBe(50);
    const admittedAudit = await audit.list(`member/${pid}`);
    expect(admittedAudit.filter((a) => a.action === 'member.admitted')).toEqual([
      expect.objectContaining({ actor: 'user:approver-1', clause: 'S-ROUND', at: DECIDED_AT }),
    ]);
  });

  it('record-outcome completes the round with counts; a retry changes nothing', async () => {
    const r = await step({ action: 'record-outcome', roundId: ROUND, outcome: 'admitted' });
    expect(r).toEqual({ status: 'completed', counts: { accepted: 31, admitted: 4, capReached: 1, refused: 0 } });
    await step({ action: 'record-outcome', roundId: ROUND, outcome: 'admitted' });
    const round = await repos.rounds.require(ROUND);
    expect(round).toMatchObject({ status: 'completed', taskToken: null, outcome: { outcome: 'admitted', counts: { admitted: 4 } } });
    expect((await audit.list(`round/${ROUND}`)).filter((a) => a.action === 'round.completed')).toHaveLength(1);
  });
});

describe('decisions the plan refuses, and failures', () => {
  const R2 = '2026-R2';

  it('an edited list over the free seats fails the step with the problems on the round (T-CAP)', async () => {
    await repos.rounds.create({
      roundId: R2, status: 'awaiting-decision', referenceDate: '2026-04-01', openedAt: '2026-03-02T00:00:00Z', intakeClosesAt: '2026-04-15T16:00:00Z',
      shortlist: shortlistOf({ 3: ['NA'] }, { 1: 0, 2: 0, 3: 1 }, '2026-06-01T00:00:00Z'),
      decision: { decision: 'approve-with-edits', edits: { add: ['NB'], remove: [] }, by: 'approver-1', at: DECIDED_AT },
    });
    for (const [id, i] of [['NA', 40], ['NB', 41]] as const) {
      await repos.nominations.putIfAbsent({ ...nomination(i, { interview: 80, written: 80 }), roundId: R2, nominationId: id, scoring: { status: 'scored', clause: 'S-ROUND', score: 80, tiebreak: [], components: [] }, score: 80 });
    }
    await expect(step({ action: 'admit-batch', roundId: R2, cursor: null, batchSize: 10 })).rejects.toMatchObject({ name: 'DomainRejection' });
    const round = await repos.rounds.require(R2);
    expect(round.admissionProblems).toEqual([expect.objectContaining({ code: 'T_CAP_EXCEEDED' })]);
    expect(await repos.members.get((await repos.nominations.get(R2, 'NB'))?.personId as string)).toBeUndefined();
  });

  it('a round that opened tier 3 only: a tier-1 nomination already stored is not ranked, and an edit adding it fails the step (S-ROUND)', async () => {
    const R3 = '2026-R3';
    await repos.rounds.create({
      roundId: R3, status: 'closed', referenceDate: '2026-04-01', openedAt: '2026-03-03T00:00:00Z', intakeClosesAt: '2026-04-15T16:00:00Z', tiers: [3], scoringModel: MODEL,
    });
    // As if intake had let it through (a nomination stored before intake refused other tiers).
    const t1 = nomination(50, { interview: 99, written: 99 });
    await repos.nominations.putIfAbsent({ ...t1, roundId: R3, nominationId: 'NT1', tier: 1, verdict: { ...t1.verdict!, tier: 1, eligible: true } });
    await repos.nominations.putIfAbsent({ ...nomination(51, { interview: 70, written: 70 }), roundId: R3, nominationId: 'NT3' });
    await score({ action: 'score-batch', roundId: R3, cursor: null, batchSize: 10 });
    const ranked = await invoke<{ proposed: Record<string, number> }>(scoring as unknown as Invocable, { action: 'rank', roundId: R3 });
    expect(ranked.proposed['1']).toBe(0);
    expect(await repos.nominations.get(R3, 'NT1')).toMatchObject({ proposed: 'tier-not-open', rank: null, position: null });
    const shortlist = (await repos.rounds.require(R3)).shortlist as { tiers: Record<string, { admitIds: string[]; tierNotOpen?: number }> };
    expect(shortlist.tiers['1']).toMatchObject({ admitIds: [], tierNotOpen: 1 });

    await repos.rounds.update(R3, { status: 'awaiting-decision', decision: { decision: 'approve-with-edits', edits: { add: ['NT1'], remove: [] }, by: 'approver-1', at: DECIDED_AT } });
    await expect(step({ action: 'admit-batch', roundId: R3, cursor: null, batchSize: 10 })).rejects.toMatchObject({ name: 'DomainRejection' });
    expect((await repos.rounds.require(R3)).admissionProblems).toEqual([expect.objectContaining({ code: 'ADMIT_TIER_NOT_OPEN', path: 'admit.0' })]);
    expect(await repos.members.get(t1.personId as string)).toBeUndefined();
  });

  it('record-failure shows the error name and a safe message: no stack, no ID number', async () => {
    const cause = JSON.stringify({
      errorType: 'DomainRejection',
      errorMessage: 'DOMAIN_REJECTED: refused for 320482199205014521',
      trace: ['DomainRejection: …', '    at admitBatch (/var/task/index.mjs:1:2)'],
    });
    await step({ action: 'record-failure', roundId: R2, error: { Error: 'DomainRejection', Cause: cause } });
    const round = await repos.rounds.require(R2);
    expect(round.status).toBe('failed');
    expect(round.failure).toMatchObject({ error: 'DomainRejection', code: 'DOMAIN_REJECTED' });
    const text = JSON.stringify(round.failure);
    expect(text).not.toContain('320482199205014521');
    expect(text).not.toContain('index.mjs');

    await step({ action: 'record-failure', roundId: R2, error: { Error: 'TypeError', Cause: JSON.stringify({ errorMessage: 'x of 张三 undefined', trace: ['at y'] }) } });
    const again = await repos.rounds.require(R2);
    expect(again.failure).toMatchObject({ error: 'TypeError' });
    expect(JSON.stringify(again.failure)).not.toContain('张三');
  });

  it('a malformed payload is refused by the parser (a named error for Catch)', async () => {
    await expect(step({ action: 'admit-batch', roundId: R2, cursor: 'abc', batchSize: 2 })).rejects.toMatchObject({ name: 'ParseError' });
  });
});
