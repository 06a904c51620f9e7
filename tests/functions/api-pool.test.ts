import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDeps } from '../../functions/api/deps';
import { appendMemberEvent } from '../../app/members/append-event';
import { AuditLog } from '../../functions/shared/audit';
import { ReviewItems } from '../../functions/shared/repository/review-items';
import { ReviewRepository } from '../../functions/shared/repository';
import { BUREAU, APPROVER, REVIEW_MACHINE, invoke, school, startHarness, type ErrorAnswer, type Harness } from './api-harness';

let h: Harness;
let audit: AuditLog;

const XY = 'JT-XYXX';
const HL = 'JT-HLGZX';
const ZHANG = 'P0123456789abcdef0123';
const LI = 'P00000000000000000aaa';
const WANG = 'Pfffffffffffffffff000';
const NOBODY = 'P99999999999999999999';

async function admit(personId: string, tier: 1 | 2 | 3, unit: string, name: string, on = '2025-05-01') {
  await appendMemberEvent(apiDeps(), personId, {
    type: 'admitted', on, personId, tier, unit, cohortId: '2025-R1', termStart: on, source: 'selection', policyRef: 'jintan-2020@1', roundId: '2025-R1',
  }, { now: new Date(`${on}T02:00:00Z`), name });
}

beforeAll(async () => {
  h = await startHarness();
  audit = new AuditLog(h.emu.doc, h.emu.tables.audit);
  await admit(ZHANG, 3, XY, '张三');
  await admit(LI, 2, HL, '李四', '2022-01-10');
  await admit(WANG, 3, HL, '王五');
});
afterAll(async () => {
  await h?.stop();
});

type PoolAnswer = {
  asOf: string;
  tiers: Array<{ tier: number; cap: number; held: number; free: number }>;
  members: Array<Record<string, unknown> & { personId: string; warnings: Array<{ code: string; clause: string }> }>;
  warnings: Array<{ personId: string; code: string }>;
};

describe('GET /pool', () => {
  it('shows tiers against caps and the members with terms and warnings', async () => {
    const res = await invoke<PoolAnswer>(h, 'GET /pool', BUREAU);
    expect(res.status).toBe(200);
    expect(res.body.tiers.map((t) => [t.tier, t.cap, t.held, t.free])).toEqual([[1, 20, 0, 20], [2, 35, 1, 34], [3, 50, 2, 48]]);
    const zhang = res.body.members.find((m) => m.personId === ZHANG);
    expect(zhang).toMatchObject({ name: '张三', unit: XY, tier: 3, cohort: '2025-R1', termStart: '2025-05-01', termEnd: '2028-05-01', status: 'active', lastGrade: null });
    // 李四's term (2022-01-10 → 2025-01-10) is over, and no talk was held in a year.
    const li = res.body.members.find((m) => m.personId === LI);
    expect(li?.warnings.map((w) => [w.code, w.clause])).toEqual(expect.arrayContaining([['TERM_OVER', 'M-TERM'], ['TALK_YEAR_MISSED', 'C-TALK']]));
    expect(res.body.warnings.some((w) => w.personId === LI && w.code === 'TERM_OVER')).toBe(true);
  });

  it('filters by tier, unit and warning', async () => {
    const t3 = await invoke<PoolAnswer>(h, 'GET /pool', BUREAU, { query: { tier: '3' } });
    expect(t3.body.members.map((m) => m.personId).sort()).toEqual([WANG, ZHANG].sort());
    const hl = await invoke<PoolAnswer>(h, 'GET /pool', BUREAU, { query: { unit: HL, tier: '3' } });
    expect(hl.body.members.map((m) => m.personId)).toEqual([WANG]);
    const over = await invoke<PoolAnswer>(h, 'GET /pool', BUREAU, { query: { warning: 'TERM_OVER' } });
    expect(over.body.members.map((m) => m.personId)).toEqual([LI]);
    const bad = await invoke<ErrorAnswer>(h, 'GET /pool', BUREAU, { query: { tier: '4' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.[0]?.path).toBe('tier');
  });

  it('is the bureau\'s', async () => {
    expect((await invoke(h, 'GET /pool', school(XY))).status).toBe(403);
    expect((await invoke(h, 'GET /pool', APPROVER)).status).toBe(403);
  });
});

describe('records: talks, training, rotations', () => {
  it('records a talk (C-TALK): member event through the reducer, record item, audit', async () => {
    const res = await invoke<{ record: Record<string, unknown> }>(h, 'POST /pool/members/{personId}/talks', BUREAU, {
      path: { personId: ZHANG }, body: { on: '2025-09-01', by: '教育工委 李', triggers: ['assessment'], notes: '年度考核后谈话' },
    });
    expect(res.status).toBe(201);
    expect(res.body.record).toMatchObject({ recordType: 'talk', kind: 'regular', personId: ZHANG, unitCode: XY, date: '2025-09-01', by: '教育工委 李', recordedBy: 'bureau.li', eventSeq: 2 });
    expect((await audit.list(`member/${ZHANG}`)).map((e) => [e.action, e.clause])).toContainEqual(['member.talk-recorded', 'C-TALK']);
  });

  it('records training (D-TRAIN) and a rotation (D-ROTATE)', async () => {
    const training = await invoke(h, 'POST /pool/members/{personId}/training', BUREAU, {
      path: { personId: ZHANG }, body: { kind: 'training-class', title: '第三梯队培训班', provider: '区教师发展中心', hours: 24, from: '2025-10-10', to: '2025-10-12' },
    });
    expect(training.status).toBe(201);
    const rotation = await invoke(h, 'POST /pool/members/{personId}/rotations', BUREAU, {
      path: { personId: ZHANG }, body: { kind: 'shadowing', hostUnit: { name: '金坛区华罗庚实验学校' }, postArea: 'moral-education', from: '2025-11-01', to: null },
    });
    expect(rotation.status).toBe(201);
  });

  it('lets a school record training for its own members only; talks and rotations stay with the bureau', async () => {
    const body = { kind: 'course', title: '校本研修', provider: '西旸小学', hours: 8, from: '2025-12-01', to: '2025-12-01' };
    expect((await invoke(h, 'POST /pool/members/{personId}/training', school(XY), { path: { personId: ZHANG }, body })).status).toBe(201);
    expect((await invoke(h, 'POST /pool/members/{personId}/training', school(XY), { path: { personId: WANG }, body })).status).toBe(403);
    expect((await invoke(h, 'POST /pool/members/{personId}/training', school(XY), { path: { personId: NOBODY }, body })).status).toBe(403);
    expect((await invoke(h, 'POST /pool/members/{personId}/talks', school(XY), { path: { personId: ZHANG }, body: { on: '2025-12-01', by: 'x' } })).status).toBe(403);
  });

  it('answers 400 with problem paths for a bad record, 404 for nobody, 422 for a record before admission', async () => {
    const bad = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/training', BUREAU, {
      path: { personId: ZHANG }, body: { kind: 'nap', title: '', provider: 'x', hours: -1, from: '2025-10-10', to: '2025-10-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['kind', 'title', 'hours']));
    expect((await invoke(h, 'POST /pool/members/{personId}/talks', BUREAU, { path: { personId: NOBODY }, body: { on: '2025-12-01', by: 'x' } })).status).toBe(404);
    const early = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/talks', BUREAU, { path: { personId: WANG }, body: { on: '2024-01-01', by: 'x' } });
    expect(early.status).toBe(422);
    expect(early.body.error.problems?.[0]).toMatchObject({ code: 'MEMBER_DATE_BEFORE_ADMISSION', path: 'on' });
    // The path is the body's own field: a training's date is `from`.
    const earlyTraining = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/training', BUREAU, {
      path: { personId: WANG }, body: { kind: 'course', title: '课程', provider: '学院', hours: 8, from: '2024-01-01', to: '2024-01-02' },
    });
    expect(earlyTraining.status).toBe(422);
    expect(earlyTraining.body.error.problems?.[0]).toMatchObject({ code: 'MEMBER_DATE_BEFORE_ADMISSION', path: 'from' });
  });

  it('refuses a record id used before (409)', async () => {
    const body = { id: 'TALK-1', on: '2025-12-15', by: 'x' };
    expect((await invoke(h, 'POST /pool/members/{personId}/talks', BUREAU, { path: { personId: WANG }, body })).status).toBe(201);
    expect((await invoke(h, 'POST /pool/members/{personId}/talks', BUREAU, { path: { personId: WANG }, body })).status).toBe(409);
  });
});

describe('M-FAIL: a failed summative review, the organisational talk, then removal', () => {
  const ZHAO = 'P0000000000000000fa11';
  it('keeps the member removal-pending through a regular talk, removes and frees the seat after the organisational one', async () => {
    const deps = apiDeps();
    await admit(ZHAO, 1, XY, '赵六', '2023-09-01');
    await deps.repos.seats.ensureSeats(1, 20);
    await deps.repos.seats.claimSeat(1, ZHAO);
    await appendMemberEvent(deps, ZHAO, { type: 'assessed', on: '2026-09-01', year: 2026, review: 'summative', grade: '不合格', score: 41 }, { now: new Date('2026-09-01T02:00:00Z') });
    const held = async () => (await deps.repos.seats.list(1)).filter((seat) => seat.holder === ZHAO).length;
    expect(await held()).toBe(1);

    const regular = await invoke<{ removal?: unknown }>(h, 'POST /pool/members/{personId}/talks', BUREAU, {
      path: { personId: ZHAO }, body: { on: '2026-09-05', by: '教育工委 李', triggers: ['setback'] },
    });
    expect(regular.status).toBe(201);
    expect(regular.body.removal).toBeUndefined();
    expect(await held()).toBe(1);

    const talk = await invoke<{ removal?: { clause: string; status: string; seatReleased: boolean } }>(h, 'POST /pool/members/{personId}/talks', BUREAU, {
      path: { personId: ZHAO }, body: { on: '2026-09-10', by: '区委教育工委', kind: 'organisational', triggers: ['setback'] },
    });
    expect(talk.status).toBe(201);
    expect(talk.body.removal).toEqual({ clause: 'M-FAIL', on: '2026-09-10', status: 'removed', seatReleased: true });
    expect(await held()).toBe(0);
    expect((await audit.list(`member/${ZHAO}`)).map((e) => [e.action, e.clause])).toContainEqual(['member.removed', 'M-FAIL']);
  });
});

describe('GET /pool/members/{personId}', () => {
  it('shows the member with history, records and talk obligations', async () => {
    const res = await invoke<{ member: Record<string, unknown>; events: Array<{ type: string; seq: number }>; talks: unknown[]; training: unknown[]; rotations: unknown[]; dueTalks: { mustTalks: Array<{ trigger: string }> } }>(
      h, 'GET /pool/members/{personId}', BUREAU, { path: { personId: ZHANG } },
    );
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ personId: ZHANG, name: '张三', talks: 1, trainings: 2, rotations: 1, trainingHours: 32 });
    expect(res.body.events.map((e) => [e.seq, e.type])).toEqual([[1, 'admitted'], [2, 'talked'], [3, 'trained'], [4, 'rotated'], [5, 'trained']]);
    expect(res.body.talks).toHaveLength(1);
    expect(res.body.training).toHaveLength(2);
    expect(res.body.rotations).toHaveLength(1);
    // The rotation (a post change) came after the last talk: a must-talk is owed.
    expect(res.body.dueTalks.mustTalks.map((t) => t.trigger)).toContain('post-change');
  });

  it('answers 404 for nobody, 403 for a school', async () => {
    expect((await invoke(h, 'GET /pool/members/{personId}', BUREAU, { path: { personId: NOBODY } })).status).toBe(404);
    expect((await invoke(h, 'GET /pool/members/{personId}', BUREAU, { path: { personId: 'not-an-id' } })).status).toBe(404);
    expect((await invoke(h, 'GET /pool/members/{personId}', school(XY), { path: { personId: ZHANG } })).status).toBe(403);
  });
});

describe('reviews', () => {
  it('POST /reviews starts the review machine with { scheduledTime } at 09:00 Beijing time', async () => {
    const res = await invoke<{ reviewId: string; executionArn: string; scheduledTime: string }>(h, 'POST /reviews', BUREAU, { body: { asOf: '2026-06-30' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ reviewId: 'REV-2026-06-30', scheduledTime: '2026-06-30T09:00:00+08:00' });
    const execution = h.sfn.describeExecution(res.body.executionArn);
    expect(execution.stateMachineArn).toBe(REVIEW_MACHINE);
    expect(JSON.parse(execution.input)).toEqual({ scheduledTime: '2026-06-30T09:00:00+08:00' });
    await h.sfn.settled(res.body.executionArn);
    const again = await invoke<ErrorAnswer>(h, 'POST /reviews', BUREAU, { body: { asOf: '2026-06-30' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REVIEW_EXISTS');
    expect(again.body.error.zh).toContain('REV-2026-06-30');
    expect(again.body.error.en).toContain('REV-2026-06-30');
    const now = await invoke<{ scheduledTime: string }>(h, 'POST /reviews', BUREAU, {});
    expect(now.status).toBe(202);
    expect(Math.abs(Date.parse(now.body.scheduledTime) - Date.now())).toBeLessThan(60_000);
  });

  it('POST /reviews for a date the schedule already started is 409 REVIEW_EXISTS naming that review, and starts nothing (M-TERM)', async () => {
    const reviews = new ReviewRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
    // The schedule fired at 09:00 Beijing on 2026-05-31 and its Plan holds the review.
    await reviews.create({ reviewId: 'REV-2026-05-31', status: 'open', scheduledTime: '2026-05-31T01:00:00Z', executionArn: 'arn:aws:states:us-east-1:000000000000:execution:api-test-review:scheduler-1' });
    const before = h.sfn.listExecutions({ stateMachineArn: REVIEW_MACHINE }).length;
    const res = await invoke<ErrorAnswer>(h, 'POST /reviews', BUREAU, { body: { asOf: '2026-05-31' } });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'REVIEW_EXISTS' });
    expect(res.body.error.zh).toMatch(/^REV-2026-05-31 的考核已经启动（状态：open）：同一考核日期只进行一次考核/);
    expect(res.body.error.en).toMatch(/^review REV-2026-05-31 has already been started \(status: open\): one review per review date/);
    expect(h.sfn.listExecutions({ stateMachineArn: REVIEW_MACHINE })).toHaveLength(before);
  });

  it('POST /reviews validates and is the bureau\'s', async () => {
    const bad = await invoke<ErrorAnswer>(h, 'POST /reviews', BUREAU, { body: { asOf: '2026-13-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.[0]?.path).toBe('asOf');
    const early = await invoke<ErrorAnswer>(h, 'POST /reviews', BUREAU, { body: { asOf: '2099-09-01' } });
    expect(early.status).toBe(400);
    expect(early.body.error.problems?.[0]).toMatchObject({ code: 'REVIEW_AS_OF_FUTURE', path: 'asOf' });
    expect((await invoke(h, 'POST /reviews', school(XY), { body: {} })).status).toBe(403);
  });

  it('takes a school\'s assessment of its own member while the window is open (X-UNITS)', async () => {
    const reviews = new ReviewRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
    await reviews.create({ reviewId: '2026', status: 'open', scheduledTime: '2026-06-30T09:00:00+08:00', windowClosesAt: '2099-07-31T00:00:00+08:00', outcomes: [] });
    await reviews.create({ reviewId: '2025', status: 'completed', scheduledTime: '2025-06-30T09:00:00+08:00' });
    const roster = new ReviewItems({ doc: h.emu.doc, table: h.emu.tables.pool });
    for (const [reviewId, dueBy] of [['2026', '2099-07-31T00:00:00+08:00'], ['2025', '2025-07-31T00:00:00+08:00']] as const) {
      for (const [personId, unitCode] of [[ZHANG, XY], [WANG, HL]] as const) {
        await roster.putExpected({
          reviewId, personId, unitCode, tier: 3, cohortId: '2025-R1', termStart: '2025-05-01',
          termYear: 1, kind: 'annual', clause: 'X-UNITS', needs: ['grade', 'score'], dueBy,
        });
      }
    }
    const body = { grade: '优秀', score: 92, assessedBy: '西旸小学党支部' };
    const put = (who: Parameters<typeof invoke>[2], personId: string, reviewId = '2026', b: unknown = body) =>
      invoke<ErrorAnswer & { assessment: Record<string, unknown> }>(h, 'PUT /reviews/{reviewId}/assessments/{personId}', who, { path: { reviewId, personId }, body: b });

    const ok = await put(school(XY), ZHANG);
    expect(ok.status).toBe(201);
    expect(ok.body.assessment).toMatchObject({ reviewId: '2026', personId: ZHANG, unitCode: XY, grade: '优秀', score: 92, veto: false, submittedBy: `school.${XY}` });
    expect((await put(school(XY), ZHANG)).status).toBe(200);
    // M-TOP for tier 3: 顶岗实践 instead of 跟岗锻炼 is the unit's proposal, kept with the assessment.
    const acting = await put(school(XY), ZHANG, '2026', { ...body, tier3Placement: 'acting' });
    expect(acting.body.assessment).toMatchObject({ tier3Placement: 'acting' });
    expect((await put(school(XY), ZHANG, '2026', { ...body, tier3Placement: 'sitting' })).status).toBe(400);
    expect((await put(school(XY), ZHANG)).status).toBe(200);
    expect((await put(school(XY), WANG)).status).toBe(403);
    expect((await put(school(XY), NOBODY)).status).toBe(403);
    expect((await put(BUREAU, WANG, '2026', { ...body, veto: { reason: '师德问题' } })).status).toBe(201);
    expect((await put(BUREAU, NOBODY)).status).toBe(404);
    expect((await put(APPROVER, ZHANG)).status).toBe(403);
    const closed = await put(BUREAU, ZHANG, '2025');
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('REVIEW_NOT_OPEN');
    const bad = await put(school(XY), ZHANG, '2026', { grade: '很好', score: 101 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['grade', 'score', 'assessedBy']));
  });

  it('takes assessments only for members on the review\'s roster; an empty roster takes none', async () => {
    const reviews = new ReviewRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
    await reviews.create({ reviewId: 'REV-2026-07-01', status: 'open', scheduledTime: '2026-07-01T09:00:00+08:00', windowClosesAt: '2099-07-31T00:00:00+08:00' });
    await new ReviewItems({ doc: h.emu.doc, table: h.emu.tables.pool }).putExpected({
      reviewId: 'REV-2026-07-01', personId: ZHANG, unitCode: XY, name: '张三', tier: 3, cohortId: '2025-R1', termStart: '2025-05-01',
      termYear: 2, kind: 'annual', clause: 'X-UNITS', needs: ['grade', 'score'], dueBy: '2099-07-31T00:00:00+08:00',
    });
    const body = { grade: '合格', score: 80, assessedBy: '党支部' };
    const off = await invoke<ErrorAnswer>(h, 'PUT /reviews/{reviewId}/assessments/{personId}', BUREAU, { path: { reviewId: 'REV-2026-07-01', personId: WANG }, body });
    expect(off.status).toBe(409);
    expect(off.body.error.code).toBe('NOT_UNDER_REVIEW');
    const before = await invoke<{ missing: Array<{ personId: string }> }>(h, 'GET /reviews/{reviewId}', BUREAU, { path: { reviewId: 'REV-2026-07-01' } });
    expect(before.body.missing.map((m) => m.personId)).toEqual([ZHANG]);
    expect((await invoke(h, 'PUT /reviews/{reviewId}/assessments/{personId}', school(XY), { path: { reviewId: 'REV-2026-07-01', personId: ZHANG }, body })).status).toBe(201);
    const after = await invoke<{ missing: unknown[]; expected: unknown[] }>(h, 'GET /reviews/{reviewId}', BUREAU, { path: { reviewId: 'REV-2026-07-01' } });
    expect(after.body.expected).toHaveLength(1);
    expect(after.body.missing).toEqual([]);

    // A review held on the cohort's admission day has nobody in a year of term to assess.
    await reviews.create({ reviewId: 'REV-2026-05-01', status: 'open', scheduledTime: '2026-05-01T09:00:00+08:00', windowClosesAt: '2099-07-31T00:00:00+08:00', expected: 0 });
    const none = await invoke<ErrorAnswer>(h, 'PUT /reviews/{reviewId}/assessments/{personId}', school(XY), { path: { reviewId: 'REV-2026-05-01', personId: ZHANG }, body });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('NOT_UNDER_REVIEW');
  });

  it('lets a unit find the review and the members it must assess (X-UNITS)', async () => {
    const list = await invoke<{ reviews: Array<Record<string, unknown>> }>(h, 'GET /reviews', school(XY), {});
    expect(list.status).toBe(200);
    const shown = list.body.reviews.find((r) => r.reviewId === 'REV-2026-07-01');
    expect(shown).toEqual({ reviewId: 'REV-2026-07-01', status: 'open', windowClosesAt: '2099-07-31T00:00:00+08:00' });
    type Roster = { members: Array<{ personId: string; unit: string; submitted: { grade: string } | null }> };
    const mine = await invoke<Roster>(h, 'GET /reviews/{reviewId}/assessments', school(XY), { path: { reviewId: 'REV-2026-07-01' } });
    expect(mine.status).toBe(200);
    expect(mine.body.members).toEqual([expect.objectContaining({ personId: ZHANG, unit: XY, submitted: expect.objectContaining({ grade: '合格' }) })]);
    expect((await invoke<Roster>(h, 'GET /reviews/{reviewId}/assessments', school(HL), { path: { reviewId: 'REV-2026-07-01' } })).body.members).toEqual([]);
    expect((await invoke(h, 'GET /reviews/{reviewId}/assessments', school(HL), { path: { reviewId: 'REV-2026-07-01' }, query: { unit: XY } })).status).toBe(403);
    expect((await invoke(h, 'GET /reviews/{reviewId}/assessments', BUREAU, { path: { reviewId: 'REV-2026-07-01' }, query: { unit: 'bad unit' } })).status).toBe(400);
    expect((await invoke(h, 'GET /reviews/{reviewId}/assessments', APPROVER, { path: { reviewId: 'REV-2026-07-01' } })).status).toBe(403);
    expect((await invoke(h, 'GET /reviews/{reviewId}/assessments', BUREAU, { path: { reviewId: 'REV-1999-01-01' } })).status).toBe(404);
  });

  it('GET /reviews/{reviewId} shows the review with its assessments', async () => {
    const res = await invoke<{ review: Record<string, unknown>; assessments: Array<{ personId: string }>; outcomes: unknown[]; dueTalks: unknown[] }>(
      h, 'GET /reviews/{reviewId}', BUREAU, { path: { reviewId: '2026' } },
    );
    expect(res.status).toBe(200);
    expect(res.body.review).toMatchObject({ reviewId: '2026', status: 'open' });
    expect(res.body.assessments.map((a) => a.personId).sort()).toEqual([WANG, ZHANG].sort());
    expect((await invoke(h, 'GET /reviews/{reviewId}', BUREAU, { path: { reviewId: '1999' } })).status).toBe(404);
    expect((await invoke(h, 'GET /reviews/{reviewId}', school(XY), { path: { reviewId: '2026' } })).status).toBe(403);
  });
});
