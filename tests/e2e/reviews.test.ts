/**
 * End to end, through HTTP only: an admitted pool (built through the API in beforeAll: a
 * round, uploads, approval) lives through three years. Each year the clock is moved to the
 * schedule's next firing and the yearly EventBridge schedule starts the review by itself;
 * units assess their own members while the window is open; the window closes; the computed
 * outcomes are proposals (nothing applies) until the bureau confirms them, calibrating with
 * reasons (POST /reviews/{id}/confirmation); then they land on the pool. Year 1: a warning and a veto; year 2: the warned member low again is
 * removed; year 3: the summative review (a failure removed at once, its organisational talk
 * due until recorded, top-30 % recommendations, term ends, talks due).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberFor } from '../support/forms';
import { fillNominationWorkbook, rowFor } from '../support/xlsx';
import { fixtureForm, jsonBytes, refusal, registerUnits, startE2eSystem, workbookHeaders, type E2eSystem, type Json, type PoolClient } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-R1';
const INTAKE_CLOSES = '2026-11-05T17:00:00+08:00';
const SCORING_CLOSES = '2026-11-06T09:00:00+08:00';
const TERM_START = '2026-11-06';

const XYXX = { code: 'JT-XYXX', name: '金坛区西旸小学', type: '小学' };
const HLGSY = { code: 'JT-HLGSY', name: '金坛区华罗庚实验学校', type: '中学' };

/** Tier 3 candidates, five per school, filled into each school's workbook. */
const TIER3 = [
  { key: 'A', unit: XYXX, name: '周小燕', gender: '女', birth: '1993-03-12', seq: '462' },
  { key: 'B', unit: XYXX, name: '钱浩', gender: '男', birth: '1994-07-08', seq: '471' },
  { key: 'C', unit: XYXX, name: '孙丽', gender: '女', birth: '1992-10-20', seq: '482' },
  { key: 'D', unit: XYXX, name: '吴刚', gender: '男', birth: '1995-01-05', seq: '493' },
  { key: 'E', unit: XYXX, name: '郑洁', gender: '女', birth: '1996-04-18', seq: '402' },
  { key: 'F', unit: HLGSY, name: '冯涛', gender: '男', birth: '1993-08-30', seq: '411' },
  { key: 'G', unit: HLGSY, name: '陈静', gender: '女', birth: '1994-12-01', seq: '422' },
  { key: 'H', unit: HLGSY, name: '褚伟', gender: '男', birth: '1992-06-16', seq: '433' },
  { key: 'I', unit: HLGSY, name: '卫敏', gender: '女', birth: '1995-09-09', seq: '444' },
  { key: 'J', unit: HLGSY, name: '蒋磊', gender: '男', birth: '1993-11-11', seq: '455' },
] as const;
type Key = (typeof TIER3)[number]['key'] | 'T1' | 'T2';

interface Member { personId: string; name: string; unit: string; tier: number; status: string; holdsSeat: boolean; termStart: string; termEnd: string; warnings: Array<{ code: string }>; lastGrade: { year: number; review: string; grade: string } | null }
interface PoolView { tiers: Array<{ tier: 1 | 2 | 3; cap: number; held: number; seatsHeld: number; activeMembers: number; free: number }>; members: Member[] }
interface Outcome { kind: string; clause: string; zh: string; en: string; rank?: number; n?: number; calibration?: { from: string; reason: string } }
interface OutcomeItem { personId: string; unitCode: string; tier: number; reviewKind: string; outcome: Outcome; applied: boolean; refused?: unknown[]; seatReleased?: boolean; proposed?: Outcome; change?: { outcome: string; reason: string } }
interface ReviewView {
  review: { reviewId: string; status: string; reviewDate: string; year: number; windowClosesAt: string; cohorts: Array<{ cohortId: string; year: number; kind: string }> };
  expected: Array<{ personId: string }>;
  missing: Array<{ personId: string; unit: string }>;
  assessments: Array<{ personId: string; grade: string }>;
  outcomes: OutcomeItem[];
  dueTalks: Array<{ personId: string; trigger: string; due: string; organisational: boolean }>;
}

let sys: E2eSystem;
let bureau: PoolClient;
const schools = new Map<string, PoolClient>();
const school = (unit: string) => schools.get(unit) as PoolClient;
/** personId and unit by candidate key, learned from GET /pool after admission. */
const people = new Map<Key, { personId: string; unit: string; name: string }>();
const pid = (k: Key) => (people.get(k) as { personId: string }).personId;

async function pool(): Promise<PoolView> {
  return await bureau.request<PoolView>('GET', '/pool');
}

function held(p: PoolView, tier: 1 | 2 | 3): number {
  return (p.tiers.find((t) => t.tier === tier) as PoolView['tiers'][number]).held;
}

/** Caps hold, and the counts agree with the members holding a seat. */
function expectCapsRespected(p: PoolView): void {
  expect(p.tiers.map((t) => t.cap)).toEqual([20, 35, 50]);
  for (const t of p.tiers) {
    const holding = p.members.filter((m) => m.tier === t.tier && m.holdsSeat).length;
    expect(t.held, `tier ${t.tier}`).toBeLessThanOrEqual(t.cap);
    expect(t.held, `tier ${t.tier} held vs members holding a seat`).toBe(holding);
    expect(t.seatsHeld, `tier ${t.tier} seat items`).toBe(holding);
    expect(t.free).toBe(t.cap - t.held);
  }
}

/** Moves the clock to the yearly schedule's next firing and returns the review it started by itself. */
async function liveUntilTheScheduleFires(expectedDate: string): Promise<string> {
  // The annual review's schedule (the daily term-end schedule fires beside it).
  const annual = <T extends { schedule: string }>(list: T[]) => list.filter((x) => x.schedule.includes('AnnualReview'));
  const before = await sys.control.schedule();
  expect(annual(before.schedules)).toHaveLength(1);
  const next = annual(before.schedules)[0]?.next as string;
  expect(next).toBe(new Date(`${expectedDate}T09:00:00+08:00`).toISOString());
  const reviewsBefore = (await sys.control.executions()).filter((e) => e.machine === 'review').length;

  await sys.control.advance({ to: next });
  const settled = await sys.control.settle();
  const after = await sys.control.schedule();
  // The schedule fired by itself (nobody called POST /schedule/fire), once, at its time…
  expect(annual(after.firings)).toHaveLength(annual(before.firings).length + 1);
  const firing = annual(after.firings).at(-1) as ScheduleFiring;
  expect(firing.scheduledTime).toBe(next);
  expect(firing.error).toBeUndefined();
  // …and re-armed for the next year.
  expect(annual(after.schedules)[0]?.next).toBe(new Date(`${Number(expectedDate.slice(0, 4)) + 1}${expectedDate.slice(4)}T09:00:00+08:00`).toISOString());
  // One more review execution, waiting for its window.
  const reviews = settled.executions.filter((e) => e.machine === 'review');
  expect(reviews).toHaveLength(reviewsBefore + 1);
  expect(reviews.find((e) => e.executionArn === firing.executionArn)?.status).toBe('RUNNING');
  return `REV-${expectedDate}`;
}
type ScheduleFiring = { scheduledTime: string; executionArn?: string; error?: string };

interface Proposals { status: string; cohorts: Array<{ cohortId: string; reviewKind: string; members: Array<{ personId: string; proposal: { kind: string }; assessment: { grade: string; score?: number } | null; allowed: string[]; applied: boolean }> }> }
type Change = { personId: string; outcome: string; reason: string };

/** The window closes: the outcomes are proposals, nothing applied; then the bureau confirms (with `changes`). */
async function closeWindow(reviewId: string, changes: Change[] = [], whileWaiting?: (p: Proposals) => Promise<void>): Promise<ReviewView> {
  const { review } = await bureau.request<ReviewView>('GET', `/reviews/${reviewId}`);
  await sys.control.advance({ to: new Date(Date.parse(review.windowClosesAt) + 3_600_000).toISOString() });
  await sys.control.settle();
  const waiting = await bureau.request<ReviewView>('GET', `/reviews/${reviewId}`);
  expect(waiting.review.status).toBe('awaiting-confirmation');
  expect(waiting.outcomes.length).toBeGreaterThan(0);
  expect(waiting.outcomes.every((o) => !o.applied)).toBe(true);
  const proposals = await bureau.proposals(reviewId) as unknown as Proposals;
  expect(proposals.cohorts.flatMap((c) => c.members)).toHaveLength(waiting.outcomes.length);
  await whileWaiting?.(proposals);

  await sys.control.advance({ days: 1 });
  await bureau.confirmReview(reviewId, changes);
  const settled = await sys.control.settle();
  const reviews = settled.executions.filter((e) => e.machine === 'review');
  expect(reviews.every((e) => e.status === 'SUCCEEDED'), JSON.stringify(reviews)).toBe(true);
  // One confirmation per review.
  const again = await refusal(() => bureau.confirmReview(reviewId, []));
  expect([again.status, again.body?.error.code]).toEqual([409, 'CONFIRMATION_EXISTS']);
  return await bureau.request<ReviewView>('GET', `/reviews/${reviewId}`);
}

/** The talks a review says a member is owed, as trigger@due. */
function dueFor(r: ReviewView, k: Key): string[] {
  return r.dueTalks.filter((t) => t.personId === pid(k)).map((t) => `${t.trigger}@${t.due}${t.organisational ? ' (organisational)' : ''}`).sort();
}

async function exitOf(k: Key): Promise<{ status: string; holdsSeat: boolean; exit?: { status: string; clause: string } }> {
  return (await bureau.member(pid(k)) as { member: { status: string; holdsSeat: boolean; exit?: { status: string; clause: string } } }).member;
}

function outcomeOf(r: ReviewView, k: Key): Outcome {
  const o = r.outcomes.find((x) => x.personId === pid(k));
  if (!o) throw new Error(`no outcome for ${k} in ${r.review.reviewId}`);
  // Every outcome was applied to the member; none refused by the lifecycle rules.
  expect(o, `${k}: ${JSON.stringify(o.refused)}`).toMatchObject({ applied: true });
  expect(o.refused).toBeUndefined();
  return o.outcome;
}

async function assess(reviewId: string, k: Key, grade: '优秀' | '合格' | '基本合格' | '不合格', score: number, extra: Json = {}): Promise<void> {
  const p = people.get(k) as { personId: string; unit: string };
  await school(p.unit).assess(reviewId, p.personId, { grade, score, assessedBy: `${p.unit} 党支部`, ...extra });
}

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  const approver = await sys.control.client('approver');
  for (const u of [XYXX.code, HLGSY.code, 'JT-JTZX', 'JT-YEY1']) schools.set(u, await sys.control.client('school', u));
  await registerUnits(bureau, [
    { code: XYXX.code, name: XYXX.name, type: 'primary' }, { code: HLGSY.code, name: HLGSY.name, type: 'middle' },
    { code: 'JT-JTZX', name: '江苏省金坛中学', type: 'middle' }, { code: 'JT-YEY1', name: '金坛区第一幼儿园', type: 'kindergarten' },
  ]);

  await bureau.openRound({
    roundId: ROUND, title: '2026 年度后备人才遴选', referenceDate: '2026-12-01', intakeClosesAt: INTAKE_CLOSES, scoringClosesAt: SCORING_CLOSES,
    tiers: [1, 2, 3], orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
    scoringModel: {
      components: [
        { id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 0.4, min: 0, max: 8, source: 'form', derive: 'honour' },
        { id: 'education', name: { zh: '学历', en: 'education' }, weight: 0.2, min: 0, max: 3, source: 'form', derive: 'education' },
        { id: 'experience', name: { zh: '任职年限', en: 'experience' }, weight: 0.2, min: 0, max: 10, source: 'form', derive: 'experience' },
        { id: 'lessons', name: { zh: '优质课', en: 'lessons' }, weight: 0.2, min: 0, max: 12, source: 'form', derive: 'lesson-awards' },
      ],
    },
  });
  const { headers } = workbookHeaders(await school(XYXX.code).template());
  for (const unit of [XYXX, HLGSY]) {
    const rows = TIER3.filter((c) => c.unit === unit).map((c, i) => rowFor(idNumberFor(c.birth, c.seq), {
      序号: i + 1, 遴选批次: ROUND, 单位代码: unit.code, 单位名称: unit.name, 单位类型: unit.type, 姓名: c.name, 性别: c.gender, 出生日期: c.birth,
      任职1: `班主任/班主任/${unit.name}/2015-09-01/至今`,
    }));
    await school(unit.code).upload(ROUND, '推荐表.xlsx', fillNominationWorkbook(rows, { headers }));
  }
  await school('JT-JTZX').upload(ROUND, 'tier1.json', jsonBytes(fixtureForm('tier1-eligible.json', { roundId: ROUND })));
  await school('JT-YEY1').upload(ROUND, 'tier2.json', jsonBytes(fixtureForm('tier2-kindergarten.json', { roundId: ROUND })));
  await sys.control.settle();
  const { nominations } = await bureau.request<{ nominations: Array<{ status: string; candidateName?: string; problems?: Array<{ code: string }> }> }>('GET', `/rounds/${ROUND}/nominations`);
  const refused = nominations.filter((n) => n.status !== 'accepted');
  if (nominations.length !== 12 || refused.length > 0) {
    throw new Error(`expected 12 accepted nominations, got ${nominations.length}, refused: ${JSON.stringify(refused.map((n) => n.problems?.map((p) => p.code)))}`);
  }

  await sys.control.advance({ to: new Date(Date.parse(SCORING_CLOSES) + 3_600_000).toISOString() });
  await sys.control.settle();
  const { round } = await approver.getRound(ROUND) as { round: { status: string } };
  if (round.status !== 'awaiting-decision') throw new Error(`the round is ${round.status}, not awaiting a decision: ${JSON.stringify(await bureau.nominations(ROUND))}`);
  await approver.decide(ROUND, { decision: 'approve' });
  await sys.control.settle();

  const p = await pool();
  for (const c of TIER3) {
    const m = p.members.find((x) => x.name === c.name);
    if (!m) throw new Error(`${c.name} was not admitted`);
    people.set(c.key, { personId: m.personId, unit: m.unit, name: m.name });
  }
  const t1 = p.members.find((m) => m.tier === 1);
  const t2 = p.members.find((m) => m.tier === 2);
  if (!t1 || !t2) throw new Error('no tier 1 or tier 2 member');
  people.set('T1', { personId: t1.personId, unit: t1.unit, name: t1.name });
  people.set('T2', { personId: t2.personId, unit: t2.unit, name: t2.name });
}, 60_000);

afterAll(async () => {
  await sys?.close();
});

describe('three years of reviews', () => {
  it('starts from an admitted pool: 1 + 1 + 10 members in one cohort, within the caps', async () => {
    const p = await pool();
    expect([held(p, 1), held(p, 2), held(p, 3)]).toEqual([1, 1, 10]);
    expectCapsRespected(p);
    for (const m of p.members) expect(m).toMatchObject({ status: 'active', holdsSeat: true, termStart: TERM_START, termEnd: '2029-11-06' });
    expect(people.get('T1')?.unit).toBe('JT-JTZX');
    expect(people.get('T2')?.unit).toBe('JT-YEY1');
  });

  it('year 1 (2027): the schedule starts the annual review by itself; a warning and a veto removal', async () => {
    // In spring the bureau talks with A: A's yearly minimum is met, nobody else's.
    await sys.control.advance({ to: '2027-03-01T10:00:00+08:00' });
    await bureau.record(pid('A'), 'talks', { on: '2027-03-01', by: '区教育局组织人事科', kind: 'regular' });

    const reviewId = await liveUntilTheScheduleFires('2027-09-01');
    const open = await bureau.request<ReviewView>('GET', `/reviews/${reviewId}`);
    expect(open.review).toMatchObject({ reviewId, status: 'open', reviewDate: '2027-09-01', year: 2027 });
    expect(open.review.cohorts).toEqual([expect.objectContaining({ cohortId: ROUND, year: 1, kind: 'annual' })]);
    expect(open.expected).toHaveLength(12);
    expect(open.missing).toHaveLength(12);

    // A unit assesses its own members only; another unit's member is refused.
    const cross = await refusal(() => school(XYXX.code).assess(reviewId, pid('F'), { grade: '优秀', score: 99, assessedBy: 'x' }));
    expect(cross.status).toBe(403);
    expect(cross.body?.error).toMatchObject({ code: expect.any(String), zh: expect.any(String), en: expect.any(String) });

    const scores: Record<string, number> = { A: 96, D: 80, E: 85, F: 92, G: 88, H: 86, I: 84, J: 90 };
    for (const [k, s] of Object.entries(scores)) await assess(reviewId, k as Key, s >= 90 ? '优秀' : '合格', s);
    await assess(reviewId, 'B', '基本合格', 70);
    await assess(reviewId, 'C', '合格', 83, { veto: { reason: '违反师德师风，受到通报批评' } });
    await assess(reviewId, 'T1', '优秀', 93);
    await assess(reviewId, 'T2', '合格', 88);
    const during = await bureau.request<ReviewView>('GET', `/reviews/${reviewId}`);
    expect(during.missing).toEqual([]);
    expect(during.assessments).toHaveLength(12);

    const done = await closeWindow(reviewId, [], async (proposals) => {
      // Proposals only: B's warning and C's veto removal are not applied yet.
      const members = proposals.cohorts.flatMap((c) => c.members);
      expect(members.find((x) => x.personId === pid('B'))).toMatchObject({ proposal: { kind: 'warned' }, assessment: { grade: '基本合格', score: 70 }, applied: false });
      expect(await exitOf('C')).toMatchObject({ status: 'active', holdsSeat: true });
      // A school does not confirm; a change the plan does not allow is a coded problem at its path.
      expect((await refusal(() => school(XYXX.code).confirmReview(reviewId, []))).status).toBe(403);
      const bad = await refusal(() => bureau.confirmReview(reviewId, [{ personId: pid('A'), outcome: 'recommended', reason: '优秀' }]));
      expect(bad.status).toBe(400);
      expect(bad.body?.error.problems?.[0]).toMatchObject({ code: 'CALIBRATION_OUTCOME_NOT_ALLOWED', path: 'changes.0.outcome', zh: expect.any(String), en: expect.any(String) });
    });
    expect(done.review.status).toBe('completed');
    expect(outcomeOf(done, 'B')).toMatchObject({ kind: 'warned', clause: 'M-WARN' });
    expect(outcomeOf(done, 'C')).toMatchObject({ kind: 'removed', clause: 'M-VETO' });
    for (const k of ['A', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'T1', 'T2'] as Key[]) expect(outcomeOf(done, k).kind, k).toBe('satisfactory');
    // Talks owed (C-TALK): after every assessment; after a warning; the yearly minimum unless held —
    // due 30 days from the day the outcome was known — confirmed by the bureau on 2027-10-02, the day after
    // the window closed — not from the review's start.
    expect(dueFor(done, 'A')).toEqual(['assessment@2027-11-01']);
    expect(dueFor(done, 'D')).toEqual(['assessment@2027-11-01', 'yearly-minimum@2027-11-06']);
    expect(dueFor(done, 'B')).toEqual(['assessment@2027-11-01', 'setback@2027-11-01', 'yearly-minimum@2027-11-06']);
    // The vetoed member owes the organisational talk (组织谈话) of the removal, and nothing else.
    expect(dueFor(done, 'C')).toEqual(['removal@2027-11-01 (organisational)']);
    expect(await exitOf('C')).toMatchObject({ status: 'removed', holdsSeat: false, exit: { status: 'removed', clause: 'M-VETO' } });
    // Too late now.
    const late = await refusal(() => assess(reviewId, 'A', '优秀', 97));
    expect(late.status).toBe(409);
    expect(late.body?.error.code).toBe('REVIEW_NOT_OPEN');

    const p = await pool();
    expect(held(p, 3)).toBe(9);
    expectCapsRespected(p);
    expect(p.members.some((m) => m.personId === pid('C') && m.holdsSeat)).toBe(false);
    const warned = p.members.find((m) => m.personId === pid('B'))?.warnings.find((w) => w.code === 'WARNED') as { zh: string } | undefined;
    // The pool says why, as the review did (ranked low here), not a generic line.
    expect(outcomeOf(done, 'B').zh).toContain('年度考核成绩靠后（倒数第 1，共 10 人）');
    expect(warned?.zh).toBe('2027 年度考核成绩靠后（倒数第 1，共 10 人），已提醒');
  });

  it('year 2 (2028): the warned member is low again and is removed; the seat is released', async () => {
    const reviewId = await liveUntilTheScheduleFires('2028-09-01');
    const open = await bureau.request<ReviewView>('GET', `/reviews/${reviewId}`);
    expect(open.review.cohorts).toEqual([expect.objectContaining({ cohortId: ROUND, year: 2, kind: 'annual' })]);
    expect(open.expected.map((e) => e.personId)).not.toContain(pid('C'));
    expect(open.expected).toHaveLength(11);
    // The vetoed member is no longer in the pool, so there is nobody to assess.
    const gone = await refusal(() => bureau.assess(reviewId, pid('C'), { grade: '合格', score: 80, assessedBy: '局' }));
    expect([gone.status, gone.body?.error.code]).toEqual([404, 'MEMBER_NOT_FOUND']);

    const scores: Record<string, number> = { A: 97, D: 81, E: 86, F: 91, G: 89, H: 87, I: 85, J: 92 };
    for (const [k, s] of Object.entries(scores)) await assess(reviewId, k as Key, s >= 90 ? '优秀' : '合格', s);
    await assess(reviewId, 'B', '基本合格', 72);
    await assess(reviewId, 'T1', '优秀', 94);
    await assess(reviewId, 'T2', '合格', 89);
    expect((await refusal(() => school(HLGSY.code).assess(reviewId, pid('A'), { grade: '不合格', score: 10, assessedBy: 'x' }))).status).toBe(403);

    const before = held(await pool(), 3);
    const done = await closeWindow(reviewId);
    expect(outcomeOf(done, 'B')).toMatchObject({ kind: 'removed', clause: 'M-WARN' });
    expect(outcomeOf(done, 'B').zh).toContain('2027');
    for (const k of ['A', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'T1', 'T2'] as Key[]) expect(outcomeOf(done, k).kind, k).toBe('satisfactory');

    const p = await pool();
    expect(held(p, 3)).toBe(before - 1);
    expect(held(p, 3)).toBe(8);
    expectCapsRespected(p);
    expect(p.members.some((m) => m.personId === pid('B'))).toBe(false);
    expect(await exitOf('B')).toMatchObject({ status: 'removed', holdsSeat: false, exit: { status: 'removed', clause: 'M-WARN' } });
  });

  it('year 3 (2029): the summative review — a failure removed with its talk due, top-30 % recommendations, outcomes for the term end, talks due', async () => {
    const reviewId = await liveUntilTheScheduleFires('2029-09-01');
    const open = await bureau.request<ReviewView>('GET', `/reviews/${reviewId}`);
    expect(open.review.cohorts).toEqual([expect.objectContaining({ cohortId: ROUND, year: 3, kind: 'summative' })]);
    expect(open.expected).toHaveLength(10);

    // tier 3 (n = 8): A and J are the top 30 % (ranks 1, 2 ≤ 2.4); D fails.
    const scores: Record<string, number> = { A: 98, J: 95, F: 90, G: 89, H: 88, E: 87, I: 86 };
    for (const [k, s] of Object.entries(scores)) await assess(reviewId, k as Key, s >= 90 ? '优秀' : '合格', s);
    await assess(reviewId, 'D', '不合格', 55);
    await assess(reviewId, 'T1', '优秀', 95, { meetsPostConditions: true });
    await assess(reviewId, 'T2', '合格', 90);

    // Calibration: I's term would end (rank 8 of 8); the bureau recommends I instead, with its reason.
    const reason = '挂职期间表现突出，区教育局研究决定推荐使用';
    const done = await closeWindow(reviewId, [{ personId: pid('I'), outcome: 'recommended', reason }]);
    expect(done.review.status).toBe('completed');
    expect(outcomeOf(done, 'I')).toMatchObject({ kind: 'recommended', clause: 'M-TOP', calibration: { from: 'term-ended', reason } });
    expect(done.outcomes.find((o) => o.personId === pid('I'))).toMatchObject({ proposed: { kind: 'term-ended' }, change: { outcome: 'recommended', reason } });
    expect(outcomeOf(done, 'A')).toMatchObject({ kind: 'recommended', clause: 'M-TOP' });
    expect(outcomeOf(done, 'J')).toMatchObject({ kind: 'recommended', clause: 'M-TOP' });
    expect(outcomeOf(done, 'D')).toMatchObject({ kind: 'removed', clause: 'M-FAIL' });
    for (const k of ['E', 'F', 'G', 'H'] as Key[]) expect(outcomeOf(done, k), k).toMatchObject({ kind: 'term-ended', clause: 'M-TERM' });
    // A tier of one: rank 1 of 1 is not within 30 % — the term simply ends.
    expect(outcomeOf(done, 'T1').kind).toBe('term-ended');
    expect(done.outcomes.filter((o) => o.outcome.kind === 'recommended')).toHaveLength(3);

    // Talks due: the failed member's organisational talk (and only that).
    expect(dueFor(done, 'D')).toEqual(['removal@2029-11-01 (organisational)']);
    expect(dueFor(done, 'A')).toContain('assessment@2029-11-01');
    // A member whose term ends on its date is a member until then: the talk after the assessment is due as for anyone.
    expect(dueFor(done, 'E')).toContain('assessment@2029-11-01');
    // The review records the outcome; the term runs to its end day (M-TERM), seat held until then.
    expect(await exitOf('E')).toMatchObject({ status: 'active', holdsSeat: true });

    // One removal rule (M-WARN, M-VETO, M-FAIL): the failed member left at the decision and the seat is free.
    const p = await pool();
    expect(p.members.some((m) => m.personId === pid('D'))).toBe(false);
    expect(await exitOf('D')).toMatchObject({ status: 'removed', holdsSeat: false, exit: { status: 'removed', clause: 'M-FAIL' } });
    const recommended = p.members.filter((m) => [pid('A'), pid('J'), pid('I')].includes(m.personId));
    expect(recommended.map((m) => m.status)).toEqual(['active', 'active', 'active']);
    expectCapsRespected(p);
    const owed = async () => (await bureau.request<{ talks: Array<{ member: { personId: string }; trigger: string; clause: string }> }>('GET', '/talks/due')).talks
      .filter((t) => t.member.personId === pid('D')).map((t) => `${t.trigger}/${t.clause}`);
    expect(await owed()).toEqual(['removal/M-FAIL']);

    // Nine days on, the organisational talk is held (a record is of what has happened: not dated ahead)
    // and recorded against the removed member; then it is off the due list.
    const early = await refusal(() => bureau.record(pid('D'), 'talks', { on: '2029-10-10', by: '区教育局组织人事科', kind: 'organisational' }));
    expect(early.body?.error.problems?.[0]).toMatchObject({ code: 'RECORD_DATE_FUTURE', path: 'on' });
    await sys.control.advance({ days: 9 });
    await bureau.record(pid('D'), 'talks', { on: '2029-10-10', by: '区教育局组织人事科', kind: 'organisational', notes: '总结性考核不合格，组织谈话' });
    expect(await owed()).toEqual([]);
    expect(await exitOf('D')).toMatchObject({ status: 'removed', holdsSeat: false, exit: { status: 'removed', clause: 'M-FAIL' } });
  });

  it('after three years: every term not renewed ends on its end day by itself, the seats free; caps respected', async () => {
    let p = await pool();
    expectCapsRespected(p);
    // Up to the end day (2029-11-06) the cohort keeps its seats: the review ended only the failed member's membership.
    const cohort = ['A', 'J', 'I', 'E', 'F', 'G', 'H', 'T1', 'T2'] as Key[];
    expect(p.members.filter((m) => m.holdsSeat).map((m) => m.personId).sort()).toEqual(cohort.map(pid).sort());
    await sys.control.advance({ to: '2029-11-05T23:59:00+08:00' });
    await sys.control.settle();
    expect((await pool()).members.filter((m) => m.holdsSeat)).toHaveLength(cohort.length);
    // The daily term-end schedule fires at 00:05 on the end day: nobody renewed, so every seat is free.
    await sys.control.advance({ to: '2029-11-06T00:10:00+08:00' });
    await sys.control.settle();
    p = await pool();
    expectCapsRespected(p);
    for (const k of ['B', 'C', 'D', ...cohort] as Key[]) expect(p.members.map((m) => m.personId)).not.toContain(pid(k));
    expect([held(p, 1), held(p, 2), held(p, 3)]).toEqual([0, 0, 0]);
    expect(await exitOf('A')).toMatchObject({ status: 'term-ended', holdsSeat: false, exit: { status: 'term-ended', clause: 'M-TERM' } });
    // Three annual firings, all by the schedule itself, three reviews, every execution ended well.
    const sched = await sys.control.schedule();
    expect(sched.firings.filter((f) => f.schedule.includes('AnnualReview')).map((f) => f.scheduledTime.slice(0, 10))).toEqual(['2027-09-01', '2028-09-01', '2029-09-01']);
    const execs = await sys.control.executions();
    expect(execs.filter((e) => e.machine !== 'term').map((e) => [e.machine, e.status])).toEqual([['round', 'SUCCEEDED'], ['review', 'SUCCEEDED'], ['review', 'SUCCEEDED'], ['review', 'SUCCEEDED']]);
    expect(execs.filter((e) => e.machine === 'term' && e.status !== 'SUCCEEDED')).toEqual([]);
  });
});
