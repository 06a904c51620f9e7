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

describe('M-VETO whenever it arises: removed that day, seat freed, the organisational talk due until recorded', () => {
  const ZHAO = 'P0000000000000000fa11';
  const VETO = { on: '2026-09-10', matter: '违反师德师风，组织有偿补课', reportedBy: '区纪委', documentNo: '坛纪〔2026〕9号' };
  type TalkDueAnswer = { asOf: string; counts: { total: number; overdue: number }; talks: Array<{ member: { personId: string; name?: string; unit: string; tier: number; status: string }; trigger: string; clause: string; due: string; overdue: boolean; organisational: boolean; zh: string; en: string }> };
  const removalTalks = async (asOf?: string) => (await invoke<TalkDueAnswer>(h, 'GET /talks/due', BUREAU, asOf ? { query: { asOf } } : {})).body.talks
    .filter((t) => t.member.personId === ZHAO);

  it('refuses a veto ahead of today, before admission, malformed, or from a school', async () => {
    // Admitted 2024-09-01: the term (to 2027-09-01) still runs on the veto's day (M-TERM).
    await admit(ZHAO, 1, XY, '赵六', '2024-09-01');
    await apiDeps().repos.seats.ensureSeats(1, 20);
    await apiDeps().repos.seats.claimSeat(1, ZHAO);
    const ahead = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/vetoes', BUREAU, { path: { personId: ZHAO }, body: { ...VETO, on: '2099-01-01' } });
    expect([ahead.status, ahead.body.error.problems?.[0]?.code, ahead.body.error.problems?.[0]?.path]).toEqual([400, 'RECORD_DATE_FUTURE', 'on']);
    const early = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/vetoes', BUREAU, { path: { personId: ZHAO }, body: { ...VETO, on: '2023-01-01' } });
    expect([early.status, early.body.error.problems?.[0]?.code, early.body.error.problems?.[0]?.path]).toEqual([422, 'MEMBER_DATE_BEFORE_ADMISSION', 'on']);
    const bad = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/vetoes', BUREAU, { path: { personId: ZHAO }, body: { on: '2026-02-30', matter: '', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['on', 'matter', 'reportedBy']));
    expect((await invoke(h, 'POST /pool/members/{personId}/vetoes', school(XY), { path: { personId: ZHAO }, body: VETO })).status).toBe(403);
    expect((await invoke(h, 'POST /pool/members/{personId}/vetoes', BUREAU, { path: { personId: NOBODY }, body: VETO })).status).toBe(404);
    // Before the veto, nothing of the kind is owed.
    expect((await removalTalks()).filter((t) => t.trigger === 'removal')).toEqual([]);
  });

  it('removes the member that day and frees the seat; the same veto again changes nothing; another is refused', async () => {
    const deps = apiDeps();
    const held = async () => (await deps.repos.seats.list(1)).filter((seat) => seat.holder === ZHAO).length;
    expect(await held()).toBe(1);
    const res = await invoke<{ recorded: boolean; status: string; veto: Record<string, unknown>; removal: Record<string, unknown>; talkDue: { trigger: string; clause: string; organisational: boolean; due: string } }>(
      h, 'POST /pool/members/{personId}/vetoes', BUREAU, { path: { personId: ZHAO }, body: VETO },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      recorded: true, status: 'removed',
      veto: { on: VETO.on, reason: VETO.matter, reportedBy: VETO.reportedBy, documentNo: VETO.documentNo },
      removal: { clause: 'M-VETO', on: VETO.on, tier: 1, seatReleased: true },
      talkDue: { trigger: 'removal', clause: 'M-VETO', organisational: true },
    });
    expect(await held()).toBe(0);
    const member = await deps.repos.members.get<{ status: string; exit: { clause: string; on: string } }>(ZHAO);
    expect(member).toMatchObject({ tier: null, state: { status: 'removed', exit: { clause: 'M-VETO', on: VETO.on } } });
    // The matter is a member event with its clause, and says who recorded it.
    const events = await deps.repos.members.events(ZHAO);
    expect(events.slice(-2).map((e) => [e.type, e.clause, e.actor])).toEqual([['vetoed', 'M-VETO', 'user:bureau.li'], ['removed', 'M-VETO', 'user:bureau.li']]);
    expect((await audit.list(`member/${ZHAO}`)).find((e) => e.action === 'member.vetoed')).toMatchObject({
      actor: 'user:bureau.li', clause: 'M-VETO', details: { on: VETO.on, reportedBy: VETO.reportedBy, documentNo: VETO.documentNo, seatReleased: true },
    });

    const again = await invoke<{ recorded: boolean }>(h, 'POST /pool/members/{personId}/vetoes', BUREAU, { path: { personId: ZHAO }, body: VETO });
    expect([again.status, again.body.recorded]).toEqual([200, false]);
    const other = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/vetoes', BUREAU, { path: { personId: ZHAO }, body: { ...VETO, matter: '另一事项' } });
    expect([other.status, other.body.error.problems?.[0]?.code]).toEqual([422, 'MEMBER_REMOVED']);
  });

  it('the organisational talk stays on GET /talks/due until recorded; it is the one record a removed member takes', async () => {
    const due = await removalTalks();
    expect(due).toEqual([expect.objectContaining({ trigger: 'removal', clause: 'M-VETO', organisational: true, member: { personId: ZHAO, name: '赵六', unit: XY, tier: 1, status: 'removed' } })]);
    // Long after, still there, overdue.
    expect(await removalTalks('2030-01-01')).toEqual([expect.objectContaining({ trigger: 'removal', overdue: true })]);
    const regular = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/talks', BUREAU, { path: { personId: ZHAO }, body: { on: '2026-09-12', by: '教育工委' } });
    expect([regular.status, regular.body.error.problems?.[0]?.code]).toEqual([422, 'MEMBER_REMOVED']);
    const before = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/talks', BUREAU, { path: { personId: ZHAO }, body: { on: '2026-09-01', by: '教育工委', kind: 'organisational' } });
    expect([before.status, before.body.error.problems?.[0]?.path]).toEqual([422, 'on']);
    const talk = await invoke(h, 'POST /pool/members/{personId}/talks', BUREAU, { path: { personId: ZHAO }, body: { on: '2026-09-12', by: '区委教育工委', kind: 'organisational' } });
    expect(talk.status).toBe(201);
    expect(await removalTalks()).toEqual([]);
    expect((await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/talks', BUREAU, { path: { personId: ZHAO }, body: { on: '2026-09-13', by: '区委教育工委', kind: 'organisational' } })).status).toBe(422);
  });

  it('GET /talks/due: bureau only, asOf a real date', async () => {
    expect((await invoke(h, 'GET /talks/due', school(XY))).status).toBe(403);
    const bad = await invoke<ErrorAnswer>(h, 'GET /talks/due', BUREAU, { query: { asOf: '2026-13-01' } });
    expect([bad.status, bad.body.error.problems?.[0]?.code, bad.body.error.problems?.[0]?.path]).toEqual([400, 'QUERY_INVALID', 'asOf']);
    const all = await invoke<TalkDueAnswer>(h, 'GET /talks/due', BUREAU, { query: { asOf: '2026-12-01' } });
    expect(all.body.asOf).toBe('2026-12-01');
    // 李四 (term 2022-01-10 on): the yearly minimum missed, overdue, first.
    expect(all.body.talks[0]).toMatchObject({ overdue: true });
    expect(all.body.talks.some((t) => t.member.personId === LI && t.trigger === 'yearly-minimum' && t.overdue)).toBe(true);
    expect(all.body.counts.total).toBe(all.body.talks.length);
  });

  it('GET /pool/members/{personId}/audit and GET /audit?entity: who, when, what, clause, paged', async () => {
    const mine = await invoke<{ entity: string; entries: Array<{ at: string; actor: string; action: string; clause?: string; details: Record<string, unknown> }>; cursor?: string }>(
      h, 'GET /pool/members/{personId}/audit', BUREAU, { path: { personId: ZHAO } },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.entity).toBe(`member/${ZHAO}`);
    expect(mine.body.entries.map((e) => [e.action, e.clause, e.actor])).toEqual(expect.arrayContaining([['member.vetoed', 'M-VETO', 'user:bureau.li'], ['member.talk-recorded', 'C-TALK', 'user:bureau.li']]));
    for (const e of mine.body.entries) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const first = await invoke<{ entries: unknown[]; cursor?: string }>(h, 'GET /audit', BUREAU, { query: { entity: `member/${ZHAO}`, limit: '1' } });
    expect(first.body.entries).toHaveLength(1);
    expect(first.body.cursor).toEqual(expect.any(String));
    const next = await invoke<{ entries: unknown[] }>(h, 'GET /audit', BUREAU, { query: { entity: `member/${ZHAO}`, limit: '1', cursor: first.body.cursor as string } });
    expect(next.body.entries).toEqual([mine.body.entries[1]]);
    const other = await invoke<ErrorAnswer>(h, 'GET /audit', BUREAU, { query: { entity: `member/${LI}`, cursor: first.body.cursor as string } });
    expect([other.status, other.body.error.problems?.[0]?.code]).toEqual([400, 'CURSOR_INVALID']);
    const none = await invoke<ErrorAnswer>(h, 'GET /audit', BUREAU);
    expect([none.status, none.body.error.problems?.[0]?.path]).toEqual([400, 'entity']);
    expect((await invoke(h, 'GET /audit', BUREAU, { query: { entity: 'nothing' } })).status).toBe(400);
    expect((await invoke(h, 'GET /audit', school(XY), { query: { entity: `member/${ZHAO}` } })).status).toBe(403);
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
