import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import type { Member } from '../../domain/membership/member';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { resetStepContext } from '../../functions/shared/context';
import { writeMemberEvents } from '../../app/members/write-events';
import { handler as reviewSteps } from '../../functions/review-steps/handler';
import { ReviewItems, type DueTalk, type OutcomeItem } from '../../functions/shared/repository/review-items';
import { AuditLog } from '../../functions/shared/audit';
import { resetClients } from '../../functions/shared/clients';
import { repositories, type Repositories } from '../../functions/shared/repository';
import { applyEnv, startEmulators, type Emulators } from '../support/emulators';
import { lambdaContext } from '../support/s3-events';

/**
 * The annual review's Lambda steps with the review machine's exact payloads, over three
 * years of one cohort admitted 2026-09-01: year 1 and 2 annual, year 3 summative.
 */

let emu: Emulators;
let restoreEnv: () => void;
let repos: Repositories;
let items: ReviewItems;
let audit: AuditLog;

const COHORT = '2026-R1';
const person = (i: number) => `P${String(i).padStart(20, '0')}`;
const MEMBERS = Array.from({ length: 12 }, (_, i) => person(i));

type Invocable = (event: never, context: Context) => Promise<unknown>;
async function step<T = Record<string, unknown>>(event: Record<string, unknown>): Promise<T> {
  const result = await (reviewSteps as unknown as Invocable)(JSON.parse(JSON.stringify(event)) as never, lambdaContext('ReviewSteps'));
  return JSON.parse(JSON.stringify(result ?? null)) as T;
}

interface Plan { reviewId: string; reviewDate: string; windowClosesAt: string; cohorts: { cohortId: string; termStart: string; year: number; kind: string }[]; duplicate?: boolean }

/**
 * As the machine runs them: compute-outcomes per planned cohort (proposals), await-confirmation
 * (the token kept on the review), the bureau's confirmation claimed on the review as the API
 * claims it (with `changes`), then apply-outcomes → create-talks per cohort, then Summarize.
 */
async function runCohorts(plan: Plan, changes: Array<{ personId: string; outcome: string; reason: string }> = []): Promise<Record<string, unknown>> {
  for (const cohort of plan.cohorts) await step({ action: 'compute-outcomes', reviewId: plan.reviewId, cohort });
  if (plan.cohorts.length > 0) {
    const taskToken = `token-${plan.reviewId}`;
    expect(await step({ action: 'await-confirmation', reviewId: plan.reviewId, taskToken, timeoutSeconds: 60 * 86_400 })).toMatchObject({ status: 'awaiting-confirmation' });
    await repos.reviews.claimConfirmation(plan.reviewId, taskToken, { by: 'bureau.li', actor: 'user:bureau.li', at: '2027-10-02T00:00:00.000Z', changes, state: 'delivered' });
  }
  for (const cohort of plan.cohorts) {
    for (const action of ['apply-outcomes', 'create-talks']) await step({ action, reviewId: plan.reviewId, cohort });
  }
  return step({ action: 'summarize', reviewId: plan.reviewId });
}

async function assess(reviewId: string, i: number, a: { grade: string; score?: number; veto?: boolean; vetoReason?: string; meetsPostConditions?: boolean }) {
  await repos.reviews.putAssessment({ reviewId, personId: person(i), unitCode: 'JT-XYXX', submittedBy: 'school-1', submittedAt: '2027-09-10T00:00:00Z', ...a });
}

const member = async (i: number) => (await repos.members.get<Member>(person(i)))?.state;
const outcome = async (reviewId: string, i: number) =>
  (await items.outcomes(reviewId)).find((o) => o.personId === person(i)) as OutcomeItem;
const holder = async (i: number) => (await repos.seats.list(3)).some((s) => s.holder === person(i));

beforeAll(async () => {
  emu = await startEmulators();
  restoreEnv = applyEnv({ ...emu.env, LOG_LEVEL: 'ERROR', REVIEW_WINDOW_DAYS: '30' });
  resetClients();
  resetStepContext();
  repos = repositories(emu.doc, emu.tables.pool);
  items = new ReviewItems({ doc: emu.doc, table: emu.tables.pool });
  audit = new AuditLog(emu.doc, emu.tables.audit);
  await repos.seats.ensureSeats(3, 50);
  for (const personId of MEMBERS) {
    const w = await writeMemberEvents({ members: repos.members, policy: PLAN_2020, now: () => new Date('2026-09-01T00:00:00Z') }, personId, [{
      type: 'admitted', on: '2026-09-01', personId, tier: 3, unit: 'JT-XYXX', cohortId: COHORT, termStart: '2026-09-01',
      source: 'selection', policyRef: 'jintan-2020@1', roundId: COHORT,
    }], { applied: (m) => m !== undefined, name: `成员${personId.slice(-2)}` });
    if (!w.ok) throw new Error(JSON.stringify(w.problems));
    await repos.seats.claimSeat(3, personId);
  }
});

afterAll(async () => {
  restoreEnv();
  resetClients();
  resetStepContext();
  await emu.stop();
});

describe('plan', () => {
  it('a review before the term started plans nothing for the cohort (noted as not started)', async () => {
    const plan = await step<Plan>({ action: 'plan', at: '2026-08-01T01:00:00Z' });
    expect(plan).toMatchObject({ reviewId: 'REV-2026-08-01', cohorts: [] });
    expect((await repos.reviews.get('REV-2026-08-01'))?.skippedCohorts).toEqual([{ cohortId: COHORT, termStart: '2026-09-01', year: 'not-started' }]);
  });

  it('one review per date: the execution that planned it gets its plan again on a retry; another execution for that date gets duplicate and runs nothing', async () => {
    const A = 'arn:aws:states:us-east-1:123456789012:execution:review:api-REV-2026-08-02';
    const B = 'arn:aws:states:us-east-1:123456789012:execution:review:3f0c-scheduler';
    const first = await step<Plan>({ action: 'plan', at: '2026-08-02T01:00:00Z', execution: A });
    expect(first).toMatchObject({ reviewId: 'REV-2026-08-02', duplicate: false });
    expect((await repos.reviews.get('REV-2026-08-02'))?.executionArn).toBe(A);
    // Step Functions retries Plan in the same execution: the same plan.
    expect(await step<Plan>({ action: 'plan', at: '2026-08-02T01:00:00Z', execution: A })).toEqual(first);
    // The schedule fires the same day (09:00 Beijing, a different instant and execution).
    const second = await step<Plan>({ action: 'plan', at: '2026-08-02T06:30:00Z', execution: B });
    expect(second).toEqual({ reviewId: 'REV-2026-08-02', reviewDate: '2026-08-02', windowClosesAt: first.windowClosesAt, cohorts: [], duplicate: true });
    expect(await repos.reviews.get('REV-2026-08-02')).toMatchObject({ executionArn: A, scheduledTime: '2026-08-02T01:00:00Z' });
    expect((await audit.list('review/REV-2026-08-02')).map((a) => a.action).sort()).toEqual(['review.duplicate-start', 'review.planned']);
  });
});

describe('year 1 (2027-09-01): annual review', () => {
  let plan: Plan;

  it('plans the cohort in year 1, annual; the date is Beijing time; a second plan for the day is the same', async () => {
    plan = await step<Plan>({ action: 'plan', at: '2027-09-01T01:00:00Z' });
    expect(plan).toEqual({
      reviewId: 'REV-2027-09-01', reviewDate: '2027-09-01', windowClosesAt: '2027-10-01T01:00:00.000Z',
      cohorts: [{ cohortId: COHORT, termStart: '2026-09-01', year: 1, kind: 'annual' }], duplicate: false,
    });
    // 2027-08-31 17:30 UTC is already 1 September in Beijing: the same review.
    expect(await step<Plan>({ action: 'plan', at: '2027-08-31T17:30:00Z' })).toEqual(plan);
  });

  it('a second review within the same year of the term leaves that year out (每年考核一次)', async () => {
    // Year 1 of a term from 2026-09-01 runs to 2027-09-01: a review on 2027-06-01 is in it too.
    const again = await step<Plan>({ action: 'plan', at: '2027-06-01T01:00:00Z' });
    expect(again.cohorts).toEqual([]);
    expect((await repos.reviews.get('REV-2027-06-01'))?.skippedCohorts).toEqual([{ cohortId: COHORT, termStart: '2026-09-01', year: 1, reviewedIn: 'REV-2027-09-01' }]);
  });

  it('open-window lists the assessments each unit is expected to submit', async () => {
    expect(await step({ action: 'open-window', reviewId: plan.reviewId })).toEqual({ reviewId: plan.reviewId, status: 'open', expected: 12 });
    expect((await repos.reviews.get(plan.reviewId))?.status).toBe('open');
    const expected = await items.expected(plan.reviewId);
    expect(expected).toHaveLength(12);
    expect(expected[0]).toMatchObject({ unitCode: 'JT-XYXX', tier: 3, kind: 'annual', termYear: 1, clause: 'X-UNITS', needs: ['grade', 'score'], dueBy: plan.windowClosesAt });
  });

  it('bottom 10% warned, a veto removed at once with the seat released, a missing assessment never guessed', async () => {
    await assess(plan.reviewId, 0, { grade: '合格', score: 50 });
    await assess(plan.reviewId, 1, { grade: '合格', score: 80, veto: true, vetoReason: '违反师德师风' });
    for (let i = 2; i <= 10; i++) await assess(plan.reviewId, i, { grade: i % 3 === 0 ? '优秀' : '合格', score: 60 + 3 * i });
    // person 11: nothing submitted.
    // Proposals only: applying before the bureau's confirmation is refused (the step throws).
    await step({ action: 'compute-outcomes', reviewId: plan.reviewId, cohort: plan.cohorts[0] });
    await expect(step({ action: 'apply-outcomes', reviewId: plan.reviewId, cohort: plan.cohorts[0] })).rejects.toMatchObject({ code: 'REVIEW_NOT_CONFIRMED' });
    expect((await member(0))?.warnings).toEqual([]);
    const summary = await runCohorts(plan);
    expect(summary).toMatchObject({ status: 'completed', perTier: { 3: { reviewed: 12, warned: 1, removed: 1, missing: 1, satisfactory: 9 } } });

    expect(await outcome(plan.reviewId, 0)).toMatchObject({ applied: true, outcome: { kind: 'warned', clause: 'M-WARN', bottomRank: 1, n: 11 } });
    expect((await member(0))?.warnings).toEqual([{ year: 2027, on: '2027-09-01', reason: '年度考核成绩靠后（倒数第 1，共 11 人）' }]);
    expect(await member(1)).toMatchObject({ status: 'removed', holdsSeat: false, exit: { clause: 'M-VETO' } });
    expect(await holder(1)).toBe(false);
    expect((await repos.members.get(person(1)))?.tier).toBeNull();
    expect(await outcome(plan.reviewId, 11)).toMatchObject({ outcome: { kind: 'missing-assessment', events: [] } });
    expect((await member(11))?.assessments).toEqual([]);
    expect(await outcome(plan.reviewId, 2)).toMatchObject({ outcome: { kind: 'satisfactory' } });

    const review = await repos.reviews.get(plan.reviewId);
    expect(review?.status).toBe('completed');
    expect(review?.outcomes).toHaveLength(12);
    const removal = (await audit.list(`member/${person(1)}`)).find((a) => a.action === 'review.removed');
    expect(removal).toMatchObject({ clause: 'M-VETO', actor: 'system:review', details: expect.objectContaining({ seatReleased: true }) });
  });

  it('talks are due: after the assessment, and after the setback of a warning (C-TALK)', async () => {
    const due = await items.dueTalks(plan.reviewId);
    const mine = (i: number) => due.filter((t: DueTalk) => t.personId === person(i)).map((t) => t.trigger).sort();
    // The first year went by without a talk (overdue); the second year's is open.
    expect(mine(0)).toEqual(['assessment', 'setback', 'yearly-minimum', 'yearly-minimum']);
    expect(mine(2)).toEqual(['assessment', 'yearly-minimum', 'yearly-minimum']);
    expect(due.filter((t) => t.personId === person(2) && t.trigger === 'yearly-minimum').map((t) => [t.triggeredOn, t.due, t.overdue]))
      .toEqual([['2026-09-01', '2027-09-01', true], ['2027-09-01', '2028-09-01', false]]);
    // Removed (the veto, dated the day the unit reported it): owes the organisational talk, nothing else.
    expect(mine(1)).toEqual(['removal']);
    expect(due.find((t) => t.personId === person(1))).toMatchObject({ clause: 'M-VETO', organisational: true, triggeredOn: '2027-09-10', due: '2027-10-10' });
    expect(due.find((t) => t.personId === person(0) && t.trigger === 'setback')).toMatchObject({ clause: 'C-TALK', triggeredOn: '2027-09-01', due: '2027-10-01' });
    expect((await repos.reviews.get(plan.reviewId))?.dueTalks).toHaveLength(due.length);
  });

  it('a retried apply-outcomes changes nothing', async () => {
    const before = await repos.members.get<Member>(person(0));
    const r = await step({ action: 'apply-outcomes', reviewId: plan.reviewId, cohort: plan.cohorts[0] });
    expect(r).toMatchObject({ applied: 0 });
    expect((await repos.members.get<Member>(person(0)))?.version).toBe(before?.version);
    // And even with the outcome not yet marked applied (a crash before the mark):
    const item = await outcome(plan.reviewId, 0);
    await items.putOutcome({ ...item, applied: false });
    await step({ action: 'apply-outcomes', reviewId: plan.reviewId, cohort: plan.cohorts[0] });
    expect((await repos.members.get<Member>(person(0)))?.version).toBe(before?.version);
    expect(await repos.members.events(person(0))).toHaveLength(3);
  });
});

describe('year 2 (2028-09-01): warned last year and low again → removed', () => {
  it('removes the member under M-WARN and releases the seat', async () => {
    const plan = await step<Plan>({ action: 'plan', at: '2028-09-01T01:00:00Z' });
    expect(plan.cohorts).toEqual([{ cohortId: COHORT, termStart: '2026-09-01', year: 2, kind: 'annual' }]);
    expect(await step({ action: 'open-window', reviewId: plan.reviewId })).toMatchObject({ expected: 11 });
    await assess(plan.reviewId, 0, { grade: '合格', score: 40 });
    for (let i = 2; i <= 11; i++) await assess(plan.reviewId, i, { grade: '合格', score: 60 + 3 * i });
    const summary = await runCohorts(plan);
    expect(summary).toMatchObject({ perTier: { 3: { reviewed: 11, removed: 1, warned: 0 } } });
    expect(await outcome(plan.reviewId, 0)).toMatchObject({ outcome: { kind: 'removed', clause: 'M-WARN' }, seatReleased: true });
    expect(await member(0)).toMatchObject({ status: 'removed', exit: { clause: 'M-WARN' } });
    expect(await holder(0)).toBe(false);
    expect((await repos.seats.occupancy(3)).held).toBe(10);
  });
});

describe('year 3: the summative review, the last review before the end day (2029-09-01)', () => {
  it('top 30% recommended (tier 3: shadowing, first in line for vacancies); the rest keep their seats until the end day', async () => {
    const plan = await step<Plan>({ action: 'plan', at: '2029-08-30T01:00:00Z' });
    expect(plan.cohorts).toEqual([{ cohortId: COHORT, termStart: '2026-09-01', year: 3, kind: 'summative' }]);
    await step({ action: 'open-window', reviewId: plan.reviewId });
    // persons 2…11: scores 66…93; top 30% of 10 = ranks 1–3 = persons 11, 10, 9.
    for (let i = 2; i <= 11; i++) await assess(plan.reviewId, i, { grade: '合格', score: 60 + 3 * i });
    const summary = await runCohorts(plan);
    expect(summary).toMatchObject({ perTier: { 3: { reviewed: 10, recommended: 3, termEnded: 7 } } });
    for (const i of [9, 10, 11]) {
      expect(await outcome(plan.reviewId, i)).toMatchObject({ outcome: { kind: 'recommended', clause: 'M-TOP' } });
      expect((await member(i))?.recommendations.map((r) => r.kind)).toEqual(['shadowing', 'priority-middle-vacancy']);
      expect(await holder(i)).toBe(true);
    }
    // The review records the outcome; the term still runs to its end (M-TERM).
    expect(await outcome(plan.reviewId, 2)).toMatchObject({ outcome: { kind: 'term-ended' }, seatReleased: false });
    expect(await member(2)).toMatchObject({ status: 'active', holdsSeat: true, termEnd: '2029-09-01' });
    expect(await holder(2)).toBe(true);
    expect((await repos.seats.occupancy(3)).held).toBe(10);
    const talks = (await items.dueTalks(plan.reviewId)).filter((t) => t.personId === person(9));
    expect(talks.map((t) => t.trigger)).toContain('assessment');
  });
});

describe('the term-end step (end-terms)', () => {
  it('the day before the end day ends nobody; on the end day every term ends, dated the end, the seats freed', async () => {
    const before = await step<{ on: string; ended: number; cursor: string | null }>({ action: 'end-terms', at: '2029-08-31T15:59:00Z', cursor: null });
    expect(before).toEqual({ on: '2029-08-31', ended: 0, cursor: null });
    expect((await repos.seats.occupancy(3)).held).toBe(10);
    const on = await step<{ on: string; ended: number; cursor: string | null }>({ action: 'end-terms', at: '2029-08-31T16:05:00Z', cursor: null });
    expect(on).toEqual({ on: '2029-09-01', ended: 10, cursor: null });
    for (const i of [2, 9]) {
      expect(await member(i)).toMatchObject({ status: 'term-ended', holdsSeat: false, exit: { on: '2029-09-01', clause: 'M-TERM', adjustment: 'may-be-renominated' } });
      expect(await holder(i)).toBe(false);
    }
    expect((await repos.seats.occupancy(3)).held).toBe(0);
    // Idempotent: run again, nobody ends twice.
    expect(await step({ action: 'end-terms', at: '2029-09-01T16:05:00Z' })).toMatchObject({ ended: 0 });
  });

  it('gives back a seat a run that died after ending the term left held (the member no longer in the pool index)', async () => {
    // The crash: the term ended (member committed), the seat release never happened.
    await repos.seats.claimSeat(3, person(2));
    expect(await holder(2)).toBe(true);
    expect(await step({ action: 'end-terms', at: '2029-09-02T16:05:00Z' })).toMatchObject({ ended: 0 });
    expect(await holder(2)).toBe(false);
    expect((await repos.seats.occupancy(3)).held).toBe(0);
  });

  it('the next review finds nobody left to end (the plan step is only a backstop)', async () => {
    const plan = await step<Plan>({ action: 'plan', at: '2030-09-01T01:00:00Z' });
    expect(plan.cohorts).toEqual([]);
    expect((await repos.reviews.get(plan.reviewId))?.skippedCohorts ?? []).toEqual([]);
    expect((await repos.reviews.get(plan.reviewId))?.termsEnded ?? 0).toBe(0);
  });
});

describe('record-failure', () => {
  it('records a failure before Plan gave an id on the review of that day, safely', async () => {
    const r = await step({
      action: 'record-failure', reviewId: null, scheduledTime: '2030-09-01T01:00:00Z',
      error: { Error: 'TransientError', Cause: JSON.stringify({ errorMessage: 'TRANSIENT: temporarily unavailable; retry later', trace: ['at x'] }) },
    });
    expect(r).toMatchObject({ reviewId: 'REV-2030-09-01', status: 'failed', error: 'TransientError' });
    const review = await repos.reviews.get('REV-2030-09-01');
    expect(review).toMatchObject({ status: 'failed', failure: { error: 'TransientError', code: 'TRANSIENT' } });
    expect(JSON.stringify(review)).not.toContain('at x');
  });
});
