import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitBatch } from '../../app/round/admit-batch';
import { recordOutcome } from '../../app/round/outcome';
import { listObjections, recordObjection, resolveObjection } from '../../app/selection/publicity/objections';
import { awaitObjections, closePublicity, startPublicity } from '../../app/selection/publicity/steps';
import { bureauView, publicView } from '../../app/selection/publicity/view';
import type { UseCaseContext } from '../../app/ports';
import type { Workflows } from '../../app/ports/workflows';
import { AppError } from '../../app/errors';
import { decideEligibility } from '../../domain/eligibility/verdict';
import { parseNominationForm } from '../../domain/form/parse';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import type { Nomination } from '../../domain/round/nomination';
import type { Round } from '../../domain/round/round';
import { AuditLog } from '../../functions/shared/audit';
import { personIdOf } from '../../functions/shared/person-id';
import { repositories, type Repositories } from '../../functions/shared/repository';
import { startEmulators, type Emulators } from '../support/emulators';
import { validForm } from '../support/forms';
import { shortlistOf } from '../support/rounds';

/**
 * 公示 (S-PUBLICITY) as use cases over the real adapters on dynalite: StartPublicity's period
 * across 2026's 国庆 with its 调休 Saturday, objections only within the period, a resolution
 * needing a reason, ClosePublicity counting what is pending, AdmitBatch keeping the candidate
 * of an upheld objection out with the reason (their seat stays free), a period into a year
 * without calendar data refused.
 */
let emu: Emulators;
let repos: Repositories;
let deps: UseCaseContext;
const KEY = 'test-person-id-key-0123456789';
let clock = new Date('2026-09-29T10:00:00+08:00');

/** Nothing here waits in AwaitObjections with a live execution: an answer would be a bug. */
const answered: unknown[] = [];
const workflows: Workflows = {
  startRound: () => Promise.reject(new Error('not used')),
  startReview: () => Promise.reject(new Error('not used')),
  answer: (token, output) => { answered.push({ token, output }); return Promise.resolve('too-late'); },
};

function nomination(roundId: string, i: number): Nomination {
  const parsed = parseNominationForm(validForm({ roundId, name: `候选人${i}`, seq: String(100 + 2 * i) }));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const verdict = decideEligibility(parsed.value, { asOf: '2026-04-01' });
  return {
    nominationId: `N${String(i).padStart(20, '0')}`, roundId, unitCode: 'JT-XYXX', status: 'accepted',
    source: { bucket: 'uploads', key: `rounds/${roundId}/units/JT-XYXX/${i}.json`, versionId: 'null' },
    receivedAt: '2026-04-01T08:00:00.000Z', personId: personIdOf(parsed.value.candidate.idNumber, KEY), tier: 3,
    candidateName: parsed.value.candidate.name, form: parsed.value, verdict, policyRef: verdict.policy,
    scoring: { status: 'scored', clause: 'S-ROUND', score: 90 - i, components: [], tiebreak: [90 - i] }, score: 90 - i, proposed: 'admit', rank: i, position: i,
  };
}

const ids = (n: number) => `N${String(n).padStart(20, '0')}`;

async function approvedRound(roundId: string, decidedAt: string, workingDays = 5): Promise<Round> {
  const round: Round = {
    roundId, status: 'awaiting-decision', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00Z',
    intakeClosesAt: '2026-04-15T16:00:00Z', scoringClosesAt: '2026-05-31T16:00:00Z', tiers: [3],
    shortlist: shortlistOf({ 3: [ids(1), ids(2), ids(3)] }, { 1: 0, 2: 0, 3: 3 }),
    decision: { decision: 'approve', by: 'approver', at: decidedAt, state: 'delivered' },
    title: '2026 年度后备人才遴选', selection: { publicity: { workingDays } },
  };
  await repos.rounds.create(round);
  for (const i of [1, 2, 3]) await repos.nominations.putIfAbsent(nomination(roundId, i));
  return round;
}

const bureau = { by: 'bureau-user', actor: 'user:bureau-user' };

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  emu = await startEmulators();
  repos = repositories(emu.doc, emu.tables.pool);
  deps = {
    repos, audit: new AuditLog(emu.doc, emu.tables.audit), policy: PLAN_2020, now: () => clock,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    personIdOf: (n) => personIdOf(n, KEY), settings: { reviewWindowDays: 30 },
  };
}, 60_000);

afterAll(async () => {
  await emu?.stop();
});

describe('公示 across 2026 国庆, objections, and admission', () => {
  const R = '2026-PUB1';

  it('StartPublicity: approved Tuesday 29 September, the period is 30 September to Monday 12 October (国庆 off, Saturday 10 October worked), ending at Beijing midnight', async () => {
    await approvedRound(R, '2026-09-29T02:00:00Z');
    const out = await startPublicity(deps, { action: 'start-publicity', roundId: R });
    expect(out).toEqual({ endsAt: '2026-10-13T00:00:00+08:00' });
    const round = await repos.rounds.require(R);
    expect(round.status).toBe('publicising');
    expect(round.publicity).toMatchObject({ approvedOn: '2026-09-29', startsOn: '2026-09-30', endsOn: '2026-10-12', workingDays: 5 });
    // A retry keeps the period.
    expect(await startPublicity(deps, { action: 'start-publicity', roundId: R })).toEqual(out);
  });

  it('the public page shows §7\'s fields only: no ID number, no birth day, no nomination id', async () => {
    clock = new Date('2026-10-08T09:00:00+08:00');
    const view = await publicView(deps, R, clock);
    expect(view.period).toMatchObject({ from: '2026-09-30', to: '2026-10-12', workingDays: 5, running: true, workingDaysElapsed: 2 });
    expect(view.entries).toHaveLength(3);
    expect(view.entries[0]).toEqual({ no: 1, tier: 3, tierName: '学校中层后备', name: '候选人1', gender: '女', birthMonth: '1992-05', unitAndPost: '金坛区西旸小学三年级班主任' });
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/320482|1992-05-01|N0000/);
  });

  it('objections: only what was received within the period; against a listed candidate; anonymous allowed', async () => {
    const before = await refusal(recordObjection(deps, { roundId: R, body: { against: ids(1), receivedOn: '2026-09-29', matter: '反映问题' }, ...bureau, now: clock }));
    expect([before.status, before.code, before.problems?.[0]?.path]).toEqual([422, 'OBJECTION_BEFORE_PERIOD', 'receivedOn']);
    const future = await refusal(recordObjection(deps, { roundId: R, body: { against: ids(1), receivedOn: '2026-10-09', matter: '反映问题' }, ...bureau, now: clock }));
    expect(future.code).toBe('OBJECTION_DATE_FUTURE');
    const stranger = await refusal(recordObjection(deps, { roundId: R, body: { against: ids(9), matter: '反映问题' }, ...bureau, now: clock }));
    expect([stranger.code, stranger.problems?.[0]?.path]).toEqual(['OBJECTION_NOT_LISTED', 'against']);

    const named = await recordObjection(deps, { roundId: R, body: { against: ids(1), receivedOn: '2026-10-08', from: { name: '王老师', contact: '0519-8000000' }, matter: '反映该同志师德方面的问题' }, ...bureau, now: clock });
    expect(named).toMatchObject({ objectionId: 'OBJ-001', against: ids(1), status: 'pending', anonymous: false, tier: 3 });
    const anonymous = await recordObjection(deps, { roundId: R, body: { against: ids(2), matter: '反映该同志工作作风问题' }, ...bureau, now: clock });
    expect(anonymous).toMatchObject({ objectionId: 'OBJ-002', receivedOn: '2026-10-08', anonymous: true });
    // The trail records who recorded it, never who raised it.
    expect(JSON.stringify(await listObjections(deps, R))).toContain('王老师');
  });

  it('a resolution needs a reason, and is given once', async () => {
    const noReason = await refusal(resolveObjection({ ...deps, workflows }, { roundId: R, objectionId: 'OBJ-001', body: { status: 'upheld', reason: '  ' }, ...bureau, now: clock }));
    expect([noReason.status, noReason.problems?.[0]?.code]).toEqual([400, 'OBJECTION_REASON_REQUIRED']);
    const upheld = await resolveObjection({ ...deps, workflows }, { roundId: R, objectionId: 'OBJ-001', body: { status: 'upheld', reason: '经核查，反映的师德问题属实' }, ...bureau, now: clock });
    expect(upheld).toMatchObject({ objection: { status: 'upheld', resolution: { reason: '经核查，反映的师德问题属实', by: 'bureau-user' } }, pending: 1, resumed: false });
    const again = await refusal(resolveObjection({ ...deps, workflows }, { roundId: R, objectionId: 'OBJ-001', body: { status: 'dismissed', reason: '改判' }, ...bureau, now: clock }));
    expect([again.status, again.code]).toEqual([409, 'OBJECTION_RESOLVED']);
  });

  it('after the period: a late objection is refused; ClosePublicity finds one pending and the round waits; resolving it leaves nothing pending', async () => {
    clock = new Date('2026-10-13T09:00:00+08:00');
    const late = await refusal(recordObjection(deps, { roundId: R, body: { against: ids(3), matter: '迟到的反映' }, ...bureau, now: clock }));
    expect(late.code).toBe('OBJECTION_AFTER_PERIOD');
    expect(await closePublicity(deps, { action: 'close-publicity', roundId: R })).toEqual({ pending: 1 });
    await awaitObjections(deps, { action: 'await-objections', roundId: R, taskToken: 'token-1' });
    expect((await bureauView(deps, R, clock))).toMatchObject({ pending: 1, awaitingObjections: true, period: { running: false, closed: false } });
    const last = await resolveObjection({ ...deps, workflows }, { roundId: R, objectionId: 'OBJ-002', body: { status: 'dismissed', reason: '经核查，反映不实' }, ...bureau, now: clock });
    expect(last.pending).toBe(0);
    // The wait's token is answered with the last resolution (here the fake says too late: nothing runs).
    expect(answered).toEqual([{ token: 'token-1', output: { pending: 0 } }]);
    expect(await closePublicity(deps, { action: 'close-publicity', roundId: R })).toEqual({ pending: 0 });
    expect((await repos.rounds.require(R)).publicity).toMatchObject({ excluded: [ids(1)], taskToken: null, closedAt: expect.any(String) });
    const closed = await refusal(recordObjection(deps, { roundId: R, body: { against: ids(3), receivedOn: '2026-10-12', matter: '反映' }, ...bureau, now: clock }));
    expect([closed.status, closed.code]).toEqual([409, 'PUBLICITY_NOT_OPEN']);
  });

  it('AdmitBatch keeps the candidate of the upheld objection out, with the reason; their seat stays free', async () => {
    const result = await admitBatch(deps, { action: 'admit-batch', roundId: R, cursor: null, batchSize: 25 });
    expect(result).toMatchObject({ admitted: 2, excluded: 1, cursor: null });
    const kept = await repos.nominations.get(R, ids(1));
    expect(kept?.admission).toMatchObject({ status: 'objection-upheld', clause: 'S-PUBLICITY', objectionId: 'OBJ-001', reason: '经核查，反映的师德问题属实' });
    expect(kept?.admission && 'zh' in kept.admission ? kept.admission.zh : '').toContain('不予入库');
    expect((await repos.nominations.get(R, ids(2)))?.admission?.status).toBe('admitted');
    const seats = (await repos.seats.list(3)).filter((s) => s.holder !== undefined && s.holder !== null);
    expect(seats).toHaveLength(2);
    expect(await repos.members.get(kept!.personId!)).toBeUndefined();
    const outcome = await recordOutcome(deps, { action: 'record-outcome', roundId: R, outcome: 'admitted' });
    expect(outcome.counts).toEqual({ accepted: 3, admitted: 2, capReached: 0, refused: 0, excluded: 1 });
  });
});

describe('a period into a year without calendar data', () => {
  it('is refused at StartPublicity with CALENDAR_YEAR_UNKNOWN and the year, the round left where it was', async () => {
    const R = '2026-PUB2';
    await approvedRound(R, '2026-12-28T02:00:00Z');
    const e = await refusal(startPublicity(deps, { action: 'start-publicity', roundId: R }));
    expect([e.name, e.code, e.clause]).toEqual(['Conflict', 'CALENDAR_YEAR_UNKNOWN', 'S-PUBLICITY']);
    expect(e.problems?.[0]).toMatchObject({ year: 2027 });
    expect(e.en).toContain('2027');
    expect((await repos.rounds.require(R))).toMatchObject({ status: 'awaiting-decision' });
    expect((await repos.rounds.require(R)).publicity).toBeUndefined();
  });

  it('the notice\'s working days count: seven working days from a Friday approval', async () => {
    const R = '2026-PUB3';
    await approvedRound(R, '2026-03-06T02:00:00Z', 7);
    await startPublicity(deps, { action: 'start-publicity', roundId: R });
    expect((await repos.rounds.require(R)).publicity).toMatchObject({ startsOn: '2026-03-09', endsOn: '2026-03-17', workingDays: 7, endsAt: '2026-03-18T00:00:00+08:00' });
  });
});
