/**
 * The annual review's state machine AS SYNTHESIZED, run with the real ReviewSteps handler on
 * the local stack and a frozen clock, three years running. Each year the clock is moved to
 * the template's schedule firing (1 September 09:00 Beijing) and the review is started with
 * `{ scheduledTime }` exactly as the schedule's target input renders it; units submit their
 * assessments through the API Lambda while the machine waits at WaitForWindow; the window
 * closes on the clock; the ProposeOutcomes Map computes each cohort's outcomes — proposals —
 * and the machine waits at AwaitConfirmation until the bureau confirms (calibration, with
 * changes and their reasons); then the ApplyConfirmed Map runs ApplyOutcomes → CreateTalks per
 * cohort. In year 4 nobody confirms: the wait times out and nothing applies.
 *
 * Cohort A (2026-R1, term from 2026-09-02): 12 tier 3, 4 tier 1, 4 tier 2 members.
 * Cohort B (2027-R1, term from 2027-09-02): 5 tier 3 members — so years 2 and 3 map over two
 * cohorts of different years (and in year 3, of different kinds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../domain/membership/member';
import type { Tier } from '../../domain/tier';
import { ReviewItems, type DueTalk, type OutcomeItem } from '../../functions/shared/repository/review-items';
import { LocalScheduler, nextFireTime, schedulesFromTemplate } from '../../local/schedule';
import {
  BUREAU, api, callApi, enteredStates, parkedAt, retriedStates, school, seatHolders, seedMember, settle, startMachineStack,
  transitionProfile, type MachineStack,
} from './support/machines';

const START = '2026-08-20T00:00:00Z';
// Admitted the day after a review day: the third review falls before the term's end day (M-TERM).
const A = { cohortId: '2026-R1', termStart: '2026-09-02' };
const B = { cohortId: '2027-R1', termStart: '2027-09-02' };
const UNITS: Record<string, string> = { a3: 'JT-XYXX', a1: 'JT-JTZX', a2: 'JT-JYJ-RSK', b3: 'JT-HLGSY' };

/** personIds are P + 20 hex digits: a group code (a3 = cohort A tier 3, …) and a number. */
const pid = (group: 'a3' | 'a1' | 'a2' | 'b3', i: number) => `P${group}${String(i).padStart(18, '0')}`;
const a3 = (i: number) => pid('a3', i);
const a1 = (i: number) => pid('a1', i);
const a2 = (i: number) => pid('a2', i);
const b3 = (i: number) => pid('b3', i);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

let m: MachineStack;
let scheduler: LocalScheduler;
let items: ReviewItems;

interface Plan { reviewId: string; windowClosesAt: string; cohorts: Array<{ cohortId: string; termStart: string; year: number; kind: string }> }
interface Started { executionArn: string; scheduledTime: string; plan: Plan }

/** Moves the clock to the schedule's firing in `year` and fires it as Scheduler would; waits at WaitForWindow. */
async function startReview(year: number): Promise<Started> {
  m.clock.advanceTo(`${year}-08-31T00:00:00Z`);
  const [spec] = schedulesFromTemplate(m.template);
  const at = nextFireTime(spec?.expression as string, spec?.timezone as string, m.clock.now());
  expect(at.toISOString()).toBe(`${year}-09-01T01:00:00.000Z`);
  m.clock.advanceTo(at);
  const firing = await scheduler.fireNow();
  expect(firing.error).toBeUndefined();
  const executionArn = firing.executionArn as string;
  await settle(m);
  const d = m.stack.sfn.describeExecution(executionArn);
  expect(d.status, d.cause).toBe('RUNNING');
  // The schedule's target input, rendered as Scheduler renders <aws.scheduler.scheduled-time>.
  const input = JSON.parse(d.input) as { scheduledTime: string };
  expect(Object.keys(input)).toEqual(['scheduledTime']);
  expect(Date.parse(input.scheduledTime)).toBe(at.getTime());
  expect(enteredStates(d)).toEqual(['Init', 'Plan', 'AlreadyPlanned?', 'OpenWindow', 'WaitForWindow']);
  expect(parkedAt(d)).toBe('WaitForWindow');
  const review = await m.repos.reviews.get(`REV-${year}-09-01`);
  expect(review?.status).toBe('open');
  return { executionArn, scheduledTime: input.scheduledTime, plan: review as unknown as Plan };
}

/** A unit submits an assessment through the API (PUT …/assessments/{personId}). */
async function assess(reviewId: string, personId: string, a: { grade: string; score: number; veto?: string; meetsPostConditions?: boolean }) {
  const unit = UNITS[personId.slice(1, 3)] as string;
  await api(m, 'PUT /reviews/{reviewId}/assessments/{personId}', school(unit), {
    path: { reviewId, personId },
    body: {
      grade: a.grade, score: a.score, assessedBy: `${unit} 考核小组`,
      ...(a.veto ? { veto: { reason: a.veto } } : {}),
      ...(a.meetsPostConditions !== undefined ? { meetsPostConditions: a.meetsPostConditions } : {}),
    },
  }, 201);
}

/** The window closes on the clock; the outcomes are computed and the execution waits for the bureau's confirmation. */
async function closeWindowToProposals(r: Started) {
  m.clock.advanceTo(new Date(Date.parse(r.plan.windowClosesAt) + 1000));
  await settle(m);
  const d = m.stack.sfn.describeExecution(r.executionArn);
  expect(d.status, d.cause).toBe('RUNNING');
  expect(parkedAt(d)).toBe('AwaitConfirmation');
  expect(await m.repos.reviews.get(r.plan.reviewId)).toMatchObject({ status: 'awaiting-confirmation' });
  return d;
}

type Change = { personId: string; outcome: string; reason: string };

/** The bureau confirms (POST …/confirmation, a day after the window); the execution applies and ends. */
async function confirm(r: Started, changes: Change[] = []) {
  m.clock.advance(86_400_000);
  await api(m, 'POST /reviews/{reviewId}/confirmation', BUREAU, { path: { reviewId: r.plan.reviewId }, body: { changes } }, 202);
  await settle(m);
  const d = m.stack.sfn.describeExecution(r.executionArn);
  expect(d.status, d.cause).toBe('SUCCEEDED');
  expect(retriedStates(d)).toEqual([]);
  return d;
}

/** The window closes, the bureau confirms as computed (or with `changes`). */
async function closeWindow(r: Started, changes: Change[] = []) {
  await closeWindowToProposals(r);
  return confirm(r, changes);
}

const member = async (personId: string) => (await m.repos.members.get<Member>(personId))?.state;
async function outcomeOf(reviewId: string, personId: string): Promise<OutcomeItem> {
  const o = (await items.outcomes(reviewId)).find((x) => x.personId === personId);
  if (!o) throw new Error(`no outcome for ${personId} in ${reviewId}`);
  return o;
}
async function talksOf(reviewId: string, personId: string): Promise<DueTalk[]> {
  return (await items.dueTalks(reviewId)).filter((t) => t.personId === personId);
}
const perTier = async (reviewId: string) => ((await m.repos.reviews.get(reviewId))?.summary as { perTier: Record<Tier, Record<string, number>> }).perTier;

beforeAll(async () => {
  m = await startMachineStack(START, { reviewWindowDays: 30 });
  scheduler = new LocalScheduler(schedulesFromTemplate(m.template), m.clock, m.stack.sfn);
  items = new ReviewItems({ doc: m.doc, table: m.poolTable });
  const seeds: Array<{ id: string; tier: Tier; cohort: typeof A; unit: string }> = [
    ...range(12).map((i) => ({ id: a3(i), tier: 3 as Tier, cohort: A, unit: UNITS.a3 as string })),
    ...range(4).map((i) => ({ id: a1(i), tier: 1 as Tier, cohort: A, unit: UNITS.a1 as string })),
    ...range(4).map((i) => ({ id: a2(i), tier: 2 as Tier, cohort: A, unit: UNITS.a2 as string })),
    ...range(5).map((i) => ({ id: b3(i), tier: 3 as Tier, cohort: B, unit: UNITS.b3 as string })),
  ];
  for (const s of seeds) await seedMember(m, s.id, { tier: s.tier, ...s.cohort, unit: s.unit, name: `成员${s.id.slice(1, 3)}-${s.id.slice(-2)}` });
});

afterAll(async () => {
  scheduler?.stop();
  await m?.stop();
});

describe('year 1 (2027-09-01): the annual review of cohort A', () => {
  const REVIEW = 'REV-2027-09-01';
  let r: Started;

  it('the schedule starts it; Plan → OpenWindow → it waits at WaitForWindow with the roster open to the units', async () => {
    r = await startReview(2027);
    expect(r.plan).toMatchObject({ reviewId: REVIEW, windowClosesAt: '2027-10-01T01:00:00.000Z', scheduledTime: r.scheduledTime, cohorts: [{ ...A, year: 1, kind: 'annual' }] });
    // Cohort B starts its term on the review day: not under review yet.
    expect((await m.repos.reviews.get(REVIEW))?.skippedCohorts).toEqual([{ ...B, year: 'not-started' }]);
    const expected = await items.expected(REVIEW);
    expect(expected.map((e) => e.personId).sort()).toEqual([...range(12).map(a3), ...range(4).map(a1), ...range(4).map(a2)].sort());
  });

  it('after the window: proposals only — nothing applies before the bureau confirms; a change is checked by the plan\'s rules', async () => {
    await assess(REVIEW, a3(0), { grade: '合格', score: 50 });
    await assess(REVIEW, a3(1), { grade: '合格', score: 80, veto: '违反师德师风，一票否决' });
    for (const i of range(9).map((k) => k + 2)) await assess(REVIEW, a3(i), { grade: i % 3 === 0 ? '优秀' : '合格', score: 60 + 3 * i });
    // a3(11): nothing submitted.
    for (const i of range(4)) await assess(REVIEW, a1(i), { grade: '合格', score: 70 + i });
    await assess(REVIEW, a2(0), { grade: '基本合格', score: 60 });
    for (const i of [1, 2, 3]) await assess(REVIEW, a2(i), { grade: '合格', score: 70 + i });

    const parked = await closeWindowToProposals(r);
    expect(enteredStates(parked)).toEqual([
      'Init', 'Plan', 'AlreadyPlanned?', 'OpenWindow', 'WaitForWindow', 'ProposeOutcomes', 'ComputeOutcomes', 'AnyoneReviewed?', 'AwaitConfirmation',
    ]);
    // Computed, not applied: no warning, no removal, the seat still held, no talk due.
    expect(await outcomeOf(REVIEW, a3(0))).toMatchObject({ applied: false, outcome: { kind: 'warned' }, basis: { grade: '合格', score: 50 } });
    expect(await outcomeOf(REVIEW, a3(1))).toMatchObject({ applied: false, outcome: { kind: 'removed', clause: 'M-VETO' } });
    expect((await member(a3(0)))?.warnings).toEqual([]);
    expect(await member(a3(1))).toMatchObject({ status: 'active', holdsSeat: true });
    expect(await seatHolders(m, 3)).toContain(a3(1));
    expect(await items.dueTalks(REVIEW)).toEqual([]);
    const review = await m.repos.reviews.get(REVIEW);
    expect(review).toMatchObject({ status: 'awaiting-confirmation', proposals: 20, confirmationDueBy: new Date(Date.parse(r.plan.windowClosesAt) + 1000 + 60 * 86_400_000).toISOString() });
    expect(typeof review?.taskToken).toBe('string');
    // The bureau sees the proposals per cohort: outcome, clause, reason, the grade it rests on, what may be set instead.
    const proposals = await api<{ status: string; cohorts: Array<{ cohortId: string; members: Array<Record<string, unknown>> }> }>(m, 'GET /reviews/{reviewId}/proposals', BUREAU, { path: { reviewId: REVIEW } }, 200);
    expect(proposals.status).toBe('awaiting-confirmation');
    const a2p = proposals.cohorts[0]?.members.find((x) => x.personId === a2(0));
    expect(a2p).toMatchObject({ unitCode: UNITS.a2, tier: 2, proposal: { kind: 'warned', clause: 'M-WARN' }, assessment: { grade: '基本合格', score: 60 }, allowed: ['satisfactory'], applied: false });
    expect(proposals.cohorts[0]?.members.find((x) => x.personId === a3(1))).toMatchObject({ proposal: { clause: 'M-VETO' }, allowed: [] });
    // A school does not calibrate; the GET view never shows the token.
    expect((await callApi(m, 'GET /reviews/{reviewId}/proposals', school(UNITS.a3 as string), { path: { reviewId: REVIEW } })).status).toBe(403);
    expect(((await api<{ review: Record<string, unknown> }>(m, 'GET /reviews/{reviewId}', BUREAU, { path: { reviewId: REVIEW } })).review).taskToken).toBeUndefined();

    // Changes the plan does not allow: each a coded problem at its path, nothing claimed.
    const bad = await callApi<{ error: { code: string; problems: Array<{ code: string; path: string }> } }>(m, 'POST /reviews/{reviewId}/confirmation', BUREAU, {
      path: { reviewId: REVIEW },
      body: { changes: [
        { personId: a3(1), outcome: 'satisfactory', reason: '误报' },
        { personId: a3(0), outcome: 'recommended', reason: '表现突出' },
        { personId: b3(0), outcome: 'satisfactory', reason: '不在本次考核' },
        { personId: a2(0), outcome: 'removed', reason: '未曾提醒' },
      ] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems.map((p) => [p.code, p.path])).toEqual([
      ['CALIBRATION_VETO_FINAL', 'changes.0.outcome'],
      ['CALIBRATION_OUTCOME_NOT_ALLOWED', 'changes.1.outcome'],
      ['CALIBRATION_NOT_ON_REVIEW', 'changes.2.personId'],
      ['CALIBRATION_NOT_WARNED', 'changes.3.outcome'],
    ]);
    const noReason = await callApi<{ error: { problems: Array<{ path: string }> } }>(m, 'POST /reviews/{reviewId}/confirmation', BUREAU, {
      path: { reviewId: REVIEW }, body: { changes: [{ personId: a2(0), outcome: 'satisfactory', reason: '' }] },
    });
    expect([noReason.status, noReason.body.error.problems[0]?.path]).toEqual([400, 'changes.0.reason']);
    expect(parkedAt(m.stack.sfn.describeExecution(r.executionArn))).toBe('AwaitConfirmation');
  });

  it('confirmed with one change (a warning withdrawn, with its reason): the bottom 10% warned, a veto removed with the seat released, talks due; SUCCEEDED', async () => {
    const d = await confirm(r, [{ personId: a2(0), outcome: 'satisfactory', reason: '因病缺勤，单位已说明情况' }]);
    expect(enteredStates(d).slice(-6)).toEqual(['AnyoneReviewed?', 'AwaitConfirmation', 'ApplyConfirmed', 'ApplyOutcomes', 'CreateTalks', 'Summarize', 'Done'].slice(-6));
    // One confirmation: a second (a double submit) is refused.
    const again = await callApi<{ error: { code: string } }>(m, 'POST /reviews/{reviewId}/confirmation', BUREAU, { path: { reviewId: REVIEW }, body: { changes: [] } });
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFIRMATION_EXISTS']);
    // Assessments are closed now.
    const late = await callApi(m, 'PUT /reviews/{reviewId}/assessments/{personId}', school(UNITS.a3 as string), {
      path: { reviewId: REVIEW, personId: a3(11) }, body: { grade: '合格', score: 70, assessedBy: 'x' },
    });
    expect(late.status).toBe(409);

    expect(await m.repos.reviews.get(REVIEW)).toMatchObject({ status: 'completed' });
    expect(await perTier(REVIEW)).toMatchObject({
      1: { reviewed: 4, satisfactory: 4 },
      2: { reviewed: 4, warned: 0, satisfactory: 4 },
      3: { reviewed: 12, warned: 1, removed: 1, missing: 1, satisfactory: 9 },
    });
    // Bottom 10% of the 11 scored in tier 3: the lowest alone (M-WARN).
    expect(await outcomeOf(REVIEW, a3(0))).toMatchObject({ applied: true, outcome: { kind: 'warned', clause: 'M-WARN', bottomRank: 1, n: 11 } });
    expect((await member(a3(0)))?.warnings).toEqual([{ year: 2027, on: '2027-09-01', reason: '年度考核成绩靠后（倒数第 1，共 11 人）' }]);
    // A tier of 4 is judged by grade alone: 基本合格 is low (M-WARN) — proposed; the bureau withdrew it, with its reason.
    expect(await outcomeOf(REVIEW, a2(0))).toMatchObject({
      applied: true, proposed: { kind: 'warned', clause: 'M-WARN' }, outcome: { kind: 'satisfactory', calibration: { from: 'warned', reason: '因病缺勤，单位已说明情况' } },
      change: { outcome: 'satisfactory', reason: '因病缺勤，单位已说明情况', by: BUREAU.username },
    });
    expect((await member(a2(0)))?.warnings).toEqual([]);
    const changed = (await m.audit.list(`member/${a2(0)}`)).find((a) => a.action === 'review.outcome-changed');
    expect(changed).toMatchObject({ actor: expect.stringContaining(BUREAU.username), clause: 'M-TERM', details: { from: 'warned', to: 'satisfactory', reason: '因病缺勤，单位已说明情况' } });
    // The veto: removed at once, the seat given back.
    expect(await outcomeOf(REVIEW, a3(1))).toMatchObject({ outcome: { kind: 'removed', clause: 'M-VETO' }, seatReleased: true });
    expect(await member(a3(1))).toMatchObject({ status: 'removed', holdsSeat: false, exit: { clause: 'M-VETO' } });
    expect(await seatHolders(m, 3)).not.toContain(a3(1));
    expect(await outcomeOf(REVIEW, a3(11))).toMatchObject({ outcome: { kind: 'missing-assessment', events: [] } });

    // Talks (C-TALK): after every assessment, and after the setback of a warning.
    expect((await talksOf(REVIEW, a3(0))).map((t) => t.trigger)).toEqual(expect.arrayContaining(['assessment', 'setback']));
    // The warning withdrawn, the grade (基本合格) still counts as a setback for the talks (C-TALK).
    expect((await talksOf(REVIEW, a2(0))).map((t) => t.trigger)).toEqual(expect.arrayContaining(['assessment', 'setback']));
    expect((await talksOf(REVIEW, a3(2))).map((t) => t.trigger)).toContain('assessment');
    // Removed by the veto: the organisational talk, and nothing else.
    expect((await talksOf(REVIEW, a3(1))).map((t) => [t.trigger, t.clause, t.organisational])).toEqual([['removal', 'M-VETO', true]]);
    const removal = (await m.audit.list(`member/${a3(1)}`)).find((a) => a.action === 'review.removed');
    expect(removal).toMatchObject({ clause: 'M-VETO', actor: 'system:review', at: r.scheduledTime });
  });
});

describe('year 2 (2028-09-01): two cohorts in the Map; warned last year and low again → removed', () => {
  const REVIEW = 'REV-2028-09-01';

  it('removes the warned member under M-WARN and releases the seat; cohort B has its first annual review', async () => {
    const r = await startReview(2028);
    expect(r.plan.cohorts).toEqual([{ ...A, year: 2, kind: 'annual' }, { ...B, year: 1, kind: 'annual' }]);
    expect((await items.expected(REVIEW)).length).toBe(11 + 4 + 4 + 5);

    await assess(REVIEW, a3(0), { grade: '合格', score: 40 });
    for (const i of range(10).map((k) => k + 2)) await assess(REVIEW, a3(i), { grade: '合格', score: 60 + 3 * i });
    for (const i of range(5)) await assess(REVIEW, b3(i), { grade: '合格', score: 70 + i });
    for (const i of range(4)) await assess(REVIEW, a1(i), { grade: '合格', score: 70 + i });
    for (const i of range(4)) await assess(REVIEW, a2(i), { grade: '合格', score: 75 + i });

    await closeWindowToProposals(r);
    // A double submit: both posts at once, one confirmation (the conditional claim on the review).
    m.clock.advance(86_400_000);
    const both = await Promise.all([0, 1].map(() => callApi<{ error?: { code: string } }>(m, 'POST /reviews/{reviewId}/confirmation', BUREAU, { path: { reviewId: REVIEW }, body: { changes: [] } })));
    expect(both.map((b) => b.status).sort()).toEqual([202, 409]);
    expect(both.find((b) => b.status === 409)?.body.error?.code).toBe('CONFIRMATION_EXISTS');
    await settle(m);
    const d = m.stack.sfn.describeExecution(r.executionArn);
    expect(d.status, d.cause).toBe('SUCCEEDED');
    expect((await m.audit.list(`review/${REVIEW}`)).filter((a) => a.action === 'review.confirmed')).toHaveLength(1);
    const states = enteredStates(d);
    // One iteration per cohort in each Map: ComputeOutcomes, then (after the confirmation) ApplyOutcomes → CreateTalks.
    for (const s of ['ComputeOutcomes', 'ApplyOutcomes', 'CreateTalks']) expect(states.filter((x) => x === s)).toHaveLength(2);
    expect(d.events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(4);

    // Ranked across both cohorts of tier 3 (16 scored): A0 is the bottom one, and was warned in 2027.
    expect(await outcomeOf(REVIEW, a3(0))).toMatchObject({ outcome: { kind: 'removed', clause: 'M-WARN', n: 16 }, seatReleased: true });
    expect(await member(a3(0))).toMatchObject({ status: 'removed', holdsSeat: false, exit: { clause: 'M-WARN' } });
    // Not low this year (and last year's warning was withdrawn).
    expect(await outcomeOf(REVIEW, a2(0))).toMatchObject({ outcome: { kind: 'satisfactory' } });
    expect(await perTier(REVIEW)).toMatchObject({ 3: { reviewed: 16, removed: 1, satisfactory: 15 }, 2: { satisfactory: 4 }, 1: { satisfactory: 4 } });
    for (const i of range(5)) expect(await outcomeOf(REVIEW, b3(i))).toMatchObject({ cohortId: B.cohortId, outcome: { kind: 'satisfactory' } });

    const holders = await seatHolders(m, 3);
    expect(holders).not.toContain(a3(0));
    expect(holders.sort()).toEqual([...range(10).map((k) => a3(k + 2)), ...range(5).map(b3)].sort());
  });
});

describe('year 3 (2029-09-01): cohort A summative, cohort B annual', () => {
  const REVIEW = 'REV-2029-09-01';
  let r: Started;

  it('不合格 → removed at the decision, seat freed, organisational talk due; top 30% recommended per tier (tier 1/2 appointment or rotation, tier 3 shadowing); the rest keep their seats to the end day, then the term-end step frees them', async () => {
    r = await startReview(2029);
    expect(r.plan.cohorts).toEqual([{ ...A, year: 3, kind: 'summative' }, { ...B, year: 2, kind: 'annual' }]);
    // Tier 1/2 summative also asks whether the post conditions are met (M-TOP).
    const expected = await items.expected(REVIEW);
    expect(expected.find((e) => e.personId === a1(0))?.needs).toEqual(['grade', 'score', 'meetsPostConditions']);
    expect(expected.find((e) => e.personId === a3(2))?.needs).toEqual(['grade', 'score']);

    await assess(REVIEW, a3(2), { grade: '不合格', score: 30 });
    for (const i of range(9).map((k) => k + 3)) await assess(REVIEW, a3(i), { grade: '合格', score: 60 + 3 * i });
    for (const i of range(4)) await assess(REVIEW, a1(i), { grade: '合格', score: 70 + i, meetsPostConditions: true });
    for (const i of range(4)) await assess(REVIEW, a2(i), { grade: '合格', score: 70 + i, meetsPostConditions: false });
    for (const i of range(5)) await assess(REVIEW, b3(i), { grade: '合格', score: 70 + i });

    await closeWindow(r);
    expect(await perTier(REVIEW)).toMatchObject({
      1: { reviewed: 4, recommended: 1, termEnded: 3 },
      2: { reviewed: 4, recommended: 1, termEnded: 3 },
      3: { reviewed: 15, removed: 1, recommended: 3, termEnded: 6, satisfactory: 5 },
    });

    // 不合格 (M-FAIL): removed at the decision, the seat freed, the organisational talk due (one removal rule).
    expect(await outcomeOf(REVIEW, a3(2))).toMatchObject({ outcome: { kind: 'removed', clause: 'M-FAIL' }, seatReleased: true });
    expect(await member(a3(2))).toMatchObject({ status: 'removed', exit: { clause: 'M-FAIL' }, holdsSeat: false });
    expect((await items.dueTalks(REVIEW)).filter((t) => t.personId === a3(2)).map((t) => [t.trigger, t.clause, t.organisational])).toEqual([['removal', 'M-FAIL', true]]);

    // Top 30% of tier 3's 10: ranks 1–3 — shadowing and first in line for a middle-management vacancy; seats kept.
    for (const i of [9, 10, 11]) {
      expect(await outcomeOf(REVIEW, a3(i))).toMatchObject({ outcome: { kind: 'recommended', clause: 'M-TOP', n: 10 } });
      expect((await member(a3(i)))?.recommendations.map((x) => x.kind)).toEqual(['shadowing', 'priority-middle-vacancy']);
    }
    // Tier 1 / 2: the top one of four; appointment when the post conditions are met, otherwise rotation.
    expect(await outcomeOf(REVIEW, a1(3))).toMatchObject({ outcome: { kind: 'recommended', rank: 1, n: 4 } });
    expect((await member(a1(3)))?.recommendations.map((x) => x.kind)).toEqual(['appointment']);
    expect((await member(a2(3)))?.recommendations.map((x) => x.kind)).toEqual(['rotation']);
    // Everyone else keeps the seat until the term's end day (M-TERM): the review only records the outcome.
    const rest = [...range(6).map((k) => a3(k + 3)), a1(0), a1(1), a1(2), a2(0), a2(1), a2(2)];
    for (const id of rest) expect(await member(id), id).toMatchObject({ status: 'active', holdsSeat: true, termEnd: '2029-09-02' });
    // Cohort B, in its annual year 2, is not ranked with the summative cohort.
    for (const i of range(5)) expect(await outcomeOf(REVIEW, b3(i))).toMatchObject({ reviewKind: 'annual', outcome: { kind: 'satisfactory' } });
    expect((await seatHolders(m, 3)).sort()).toEqual([...range(9).map((k) => a3(k + 3)), ...range(5).map(b3)].sort());
    expect((await seatHolders(m, 1)).sort()).toEqual(range(4).map(a1).sort());

    // The term-end step (the daily schedule's machine, as synthesized) ends cohort A's terms on
    // their end day, the recommended not renewed included; the seats are free for the next round.
    const fired = await scheduler.fireNow('term-end');
    await settle(m);
    expect(m.stack.sfn.describeExecution(fired.executionArn as string).status).toBe('SUCCEEDED');
    for (const id of [...rest, a3(9), a1(3)]) expect(await member(id), id).toMatchObject({ status: 'term-ended', holdsSeat: false, exit: { on: '2029-09-02' } });
    expect((await seatHolders(m, 3)).sort()).toEqual(range(5).map(b3).sort());
    expect(await seatHolders(m, 1)).toEqual([]);
    expect(await seatHolders(m, 2)).toEqual([]);
  });

  it('the talks that must follow are due; the organisational talk is recorded against the removed member (M-FAIL)', async () => {
    const failed = await talksOf(REVIEW, a3(2));
    const organisational = failed.filter((t) => t.organisational);
    expect(organisational).toHaveLength(1);
    // Due from the day the outcome was known (confirmed the day after the window closed), not from the review's start.
    expect(organisational[0]).toMatchObject({ clause: 'M-FAIL', trigger: 'removal', triggeredOn: '2029-09-01', due: '2029-11-01' });
    // The recommended are owed the talk after their assessment too.
    expect((await talksOf(REVIEW, a1(3))).map((t) => t.trigger)).toContain('assessment');

    m.clock.advanceTo('2029-10-10T02:00:00Z');
    await api(m, 'POST /pool/members/{personId}/talks', BUREAU, {
      path: { personId: a3(2) }, body: { on: '2029-10-10', by: '区教育局组织科', kind: 'organisational' },
    }, 201);
    expect(await member(a3(2))).toMatchObject({ status: 'removed', holdsSeat: false, exit: { clause: 'M-FAIL' }, talks: expect.arrayContaining([{ on: '2029-10-10', kind: 'organisational' }]) });
    expect(await seatHolders(m, 3)).not.toContain(a3(2));
    const due = await api<{ talks: Array<{ member: { personId: string } }> }>(m, 'GET /talks/due', BUREAU, {}, 200);
    expect(due.talks.filter((t) => t.member.personId === a3(2))).toEqual([]);
  });
});

describe('what ran', () => {
  it('every review state entered exists in the synthesized definition (Map states inside its ItemProcessor), and all ran', () => {
    const executions = m.stack.sfn.listExecutions({ stateMachineArn: m.review.arn });
    expect(executions.map((d) => d.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    type States = Record<string, { Type: string; ItemProcessor?: { States: States } }>;
    const top = m.review.definition.States as unknown as States;
    const all: States = { ...top, ...top.ProposeOutcomes?.ItemProcessor?.States, ...top.ApplyConfirmed?.ItemProcessor?.States };
    const entered = new Map<string, string>();
    for (const d of executions) for (const e of d.events) if (e.type === 'StateEntered') entered.set(e.state.name, e.state.type);
    for (const [name, type] of entered) expect(all[name]?.Type, name).toBe(type);
    // Only the failure path, the end of a second execution for a date and the confirmation time-out never ran.
    expect(Object.keys(all).filter((s) => !entered.has(s)).sort()).toEqual(['ConfirmationTimedOut', 'Failed', 'RecordConfirmationTimeout', 'RecordFailure', 'ReviewHeldByAnotherExecution']);
  });

  it('a review costs 11 transitions plus 3 per cohort (Map iterations included)', () => {
    const [y1, y2, y3] = m.stack.sfn.listExecutions({ stateMachineArn: m.review.arn }).map(transitionProfile);
    expect([y1?.total, y2?.total, y3?.total]).toEqual([11 + 3, 11 + 6, 11 + 6]);
  });
});

describe('year 4 (2030-09-01): the bureau starts the review that morning, then the schedule fires', () => {
  it('the schedule\'s execution ends after Plan (ReviewHeldByAnotherExecution): one review for the date, run once (M-TERM)', async () => {
    m.clock.advanceTo('2030-09-01T00:00:00Z'); // 08:00 in Beijing
    const started = await api<{ reviewId: string; executionArn: string }>(m, 'POST /reviews', BUREAU, { body: {} }, 202);
    expect(started.reviewId).toBe('REV-2030-09-01');
    await settle(m);
    expect(parkedAt(m.stack.sfn.describeExecution(started.executionArn))).toBe('WaitForWindow');

    m.clock.advanceTo('2030-09-01T01:00:00Z');
    const firing = await scheduler.fireNow();
    await settle(m);
    const d = m.stack.sfn.describeExecution(firing.executionArn as string);
    expect(d.status, d.cause).toBe('SUCCEEDED');
    expect(enteredStates(d)).toEqual(['Init', 'Plan', 'AlreadyPlanned?', 'ReviewHeldByAnotherExecution']);
    expect(transitionProfile(d).total).toBe(4);
    expect(m.stack.sfn.describeExecution(started.executionArn).status).toBe('RUNNING');
    expect(await m.repos.reviews.get('REV-2030-09-01')).toMatchObject({ status: 'open', executionArn: started.executionArn });
  });

  it('nobody confirms: the wait times out, nothing applies, the review says so; a late confirmation is 409 CONFIRMATION_TOO_LATE, recorded', async () => {
    const review = await m.repos.reviews.get('REV-2030-09-01');
    const arn = review?.executionArn as string;
    // Cohort B is in its summative year; assess one member so there is something to apply.
    await assess('REV-2030-09-01', b3(0), { grade: '优秀', score: 95 });
    m.clock.advanceTo(new Date(Date.parse(review?.windowClosesAt as string) + 1000));
    await settle(m);
    expect(parkedAt(m.stack.sfn.describeExecution(arn))).toBe('AwaitConfirmation');
    const before = await member(b3(0));

    m.clock.advance(60 * 86_400_000);
    await settle(m);
    const d = m.stack.sfn.describeExecution(arn);
    expect(d.status, d.cause).toBe('SUCCEEDED');
    expect(enteredStates(d).slice(-3)).toEqual(['AwaitConfirmation', 'RecordConfirmationTimeout', 'ConfirmationTimedOut']);
    const after = await m.repos.reviews.get('REV-2030-09-01');
    expect(after).toMatchObject({ status: 'confirmation-timed-out', taskToken: null, summary: { applied: 0 } });
    expect((await items.outcomes('REV-2030-09-01')).every((o) => !o.applied)).toBe(true);
    expect(await member(b3(0))).toEqual(before);
    expect((await m.audit.list('review/REV-2030-09-01')).map((a) => a.action)).toContain('review.confirmation-timed-out');

    const late = await callApi<{ error: { code: string } }>(m, 'POST /reviews/{reviewId}/confirmation', BUREAU, { path: { reviewId: 'REV-2030-09-01' }, body: { changes: [] } });
    expect([late.status, late.body.error.code]).toEqual([409, 'CONFIRMATION_TOO_LATE']);
    expect((await m.audit.list('review/REV-2030-09-01')).map((a) => a.action)).toContain('review.confirmation.too-late');
    const shown = await api<{ review: { status: string } }>(m, 'GET /reviews/{reviewId}', BUREAU, { path: { reviewId: 'REV-2030-09-01' } }, 200);
    expect(shown.review.status).toBe('confirmation-timed-out');
  });
});
