/**
 * End to end, through HTTP only: a one-vote veto mid-year (M-VETO, whenever it arises — not in
 * a review window). The bureau records it; the member leaves that day, the seat is free at
 * once, and the organisational talk (组织谈话) is on GET /talks/due — overdue once its 30 days
 * pass — until it is recorded against the removed member. The audit trail says who did what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureForm, jsonBytes, refusal, registerUnits, startE2eSystem, type E2eSystem, type PoolClient } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-VETO';
const INTAKE_CLOSES = '2026-11-05T17:00:00+08:00';
const SCORING_CLOSES = '2026-11-06T09:00:00+08:00';

interface PoolView { tiers: Array<{ tier: 1 | 2 | 3; held: number; free: number }>; members: Array<{ personId: string; name: string; tier: number; unit: string }> }
interface TalkDue { member: { personId: string; name?: string; unit: string; tier: number; status: string }; trigger: string; clause: string; due: string; overdue: boolean; organisational: boolean; zh: string; en: string }
interface TalksDue { asOf: string; counts: { total: number; overdue: number }; talks: TalkDue[] }
interface AuditPage { entity: string; entries: Array<{ at: string; actor: string; action: string; clause?: string; details: Record<string, unknown> }>; cursor?: string }

let sys: E2eSystem;
let bureau: PoolClient;
let chen: { personId: string; unit: string };
let zhang: { personId: string };

const held = (p: PoolView, tier: 1 | 2 | 3) => (p.tiers.find((t) => t.tier === tier) as PoolView['tiers'][number]).held;
const dueOf = async (personId: string, asOf?: string) => ((await bureau.talksDue(asOf)) as unknown as TalksDue).talks.filter((t) => t.member.personId === personId);

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  const approver = await sys.control.client('approver');
  await bureau.openRound({
    roundId: ROUND, title: '2026 年度后备人才遴选', referenceDate: '2026-12-01', intakeClosesAt: INTAKE_CLOSES, scoringClosesAt: SCORING_CLOSES,
    tiers: [1, 2, 3], orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
  });
  for (const [unit, file] of [['JT-JTZX', 'tier1-eligible.json'], ['JT-XYXX', 'tier3-route-a-eligible.json']] as const) {
    const form = fixtureForm(file, { roundId: ROUND }) as { unit: { code: string; name: string; type: string } };
    await registerUnits(bureau, [{ code: unit, name: form.unit.name, type: form.unit.type }]);
    await (await sys.control.client('school', unit)).upload(ROUND, file, jsonBytes(form));
  }
  await sys.control.settle();
  await sys.control.advance({ to: new Date(Date.parse(SCORING_CLOSES) + 3_600_000).toISOString() });
  await sys.control.settle();
  await approver.decide(ROUND, { decision: 'approve' });
  await sys.control.settle();
  const p = await bureau.pool() as unknown as PoolView;
  const c = p.members.find((m) => m.name === '陈建国');
  const z = p.members.find((m) => m.name === '张三');
  if (!c || !z) throw new Error(`not admitted: ${JSON.stringify(p.members)}`);
  chen = { personId: c.personId, unit: c.unit };
  zhang = { personId: z.personId };
}, 60_000);

afterAll(async () => {
  await sys?.close();
});

describe('a one-vote veto mid-year', () => {
  it('starts from two members, each holding a seat; no removal talk owed', async () => {
    const p = await bureau.pool() as unknown as PoolView;
    expect([held(p, 1), held(p, 3)]).toEqual([1, 1]);
    expect((await dueOf(chen.personId)).filter((t) => t.trigger === 'removal')).toEqual([]);
  });

  it('is refused ahead of today, malformed, or from a school', async () => {
    await sys.control.advance({ to: '2027-03-15T10:00:00+08:00' });
    const ahead = await refusal(() => bureau.veto(chen.personId, { on: '2027-03-16', matter: '师德', reportedBy: '区纪委' }));
    expect([ahead.status, ahead.body?.error.problems?.[0]?.code, ahead.body?.error.problems?.[0]?.path]).toEqual([400, 'RECORD_DATE_FUTURE', 'on']);
    const bad = await refusal(() => bureau.veto(chen.personId, { on: '2027-03-14', matter: '' }));
    expect(bad.status).toBe(400);
    expect(bad.body?.error.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['matter', 'reportedBy']));
    const school = await sys.control.client('school', chen.unit);
    expect((await refusal(() => school.veto(chen.personId, { on: '2027-03-14', matter: '师德', reportedBy: '区纪委' }))).status).toBe(403);
  });

  it('removes the member that day and frees the seat at once; the organisational talk falls due', async () => {
    const res = await bureau.veto(chen.personId, {
      on: '2027-03-14', matter: '违反《中小学教师职业道德规范》，组织有偿补课，经区纪委查实', reportedBy: '区纪委监委驻区教育局纪检组', documentNo: '坛纪〔2027〕3号',
    }) as unknown as { status: string; removal: { clause: string; on: string; seatReleased: boolean }; talkDue: TalkDue };
    expect(res).toMatchObject({ status: 'removed', removal: { clause: 'M-VETO', on: '2027-03-14', seatReleased: true } });
    // Known the day it is recorded (15 March): due 30 days on.
    expect(res.talkDue).toMatchObject({ trigger: 'removal', clause: 'M-VETO', organisational: true, due: '2027-04-14', overdue: false });

    const p = await bureau.pool() as unknown as PoolView;
    expect(held(p, 1)).toBe(0);
    expect(p.members.map((m) => m.personId)).not.toContain(chen.personId);
    expect(await bureau.consistency()).toMatchObject({ ok: true });
    const m = await bureau.member(chen.personId) as unknown as { member: { status: string; holdsSeat: boolean; exit: { clause: string; on: string }; veto: Record<string, unknown> } };
    expect(m.member).toMatchObject({ status: 'removed', holdsSeat: false, exit: { clause: 'M-VETO', on: '2027-03-14' }, veto: { reportedBy: '区纪委监委驻区教育局纪检组', documentNo: '坛纪〔2027〕3号' } });
  });

  it('the organisational talk stays on GET /talks/due (overdue after 30 days) until it is recorded; nothing else is taken', async () => {
    const due = await dueOf(chen.personId);
    expect(due).toEqual([expect.objectContaining({
      trigger: 'removal', clause: 'M-VETO', due: '2027-04-14', overdue: false, organisational: true,
      member: { personId: chen.personId, name: '陈建国', unit: chen.unit, tier: 1, status: 'removed' },
      zh: expect.stringContaining('组织谈话'), en: expect.stringContaining('organisational talk'),
    })]);
    // The rest of the pool is listed too: 张三 owes the yearly minimum of the running year.
    expect((await dueOf(zhang.personId)).map((t) => t.trigger)).toContain('yearly-minimum');

    await sys.control.advance({ to: '2027-05-01T10:00:00+08:00' });
    const late = (await bureau.talksDue()) as unknown as TalksDue;
    expect(late.asOf).toBe('2027-05-01');
    expect(late.talks[0]).toMatchObject({ member: { personId: chen.personId }, trigger: 'removal', overdue: true });
    expect(late.counts.overdue).toBeGreaterThanOrEqual(1);

    const regular = await refusal(() => bureau.record(chen.personId, 'talks', { on: '2027-05-01', by: '区教育局组织人事科' }));
    expect([regular.status, regular.body?.error.problems?.[0]?.code]).toEqual([422, 'MEMBER_REMOVED']);
    await bureau.record(chen.personId, 'talks', { on: '2027-05-01', by: '区委教育工委', kind: 'organisational', notes: '一票否决，组织谈话' });
    expect(await dueOf(chen.personId)).toEqual([]);
    // Asked of an earlier day, the list shows what was owed then.
    expect((await dueOf(chen.personId, '2027-04-20')).map((t) => [t.trigger, t.overdue])).toEqual([['removal', true]]);
  });

  it('the audit trail says who, when, what and under which clause, paged', async () => {
    const trail = await bureau.memberAudit(chen.personId) as unknown as AuditPage;
    expect(trail.entity).toBe(`member/${chen.personId}`);
    const actions = trail.entries.map((e) => [e.action, e.clause, e.actor]);
    expect(actions).toEqual(expect.arrayContaining([
      ['member.admitted', 'S-ROUND', 'user:demo-approver'],
      ['member.vetoed', 'M-VETO', 'user:demo-bureau'],
      ['member.talk-recorded', 'C-TALK', 'user:demo-bureau'],
    ]));
    expect(JSON.stringify(trail)).not.toMatch(/\d{17}[\dX]/);
    const one = await bureau.audit(`member/${chen.personId}`, { limit: 1 }) as unknown as AuditPage;
    expect(one.entries).toHaveLength(1);
    const rest = await bureau.audit(`member/${chen.personId}`, { limit: 100, cursor: one.cursor as string }) as unknown as AuditPage;
    expect([...one.entries, ...rest.entries]).toEqual(trail.entries);
    const round = await bureau.audit(`round/${ROUND}`) as unknown as AuditPage;
    expect(round.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['round.opened']));
    for (const e of round.entries) expect(e.actor).toMatch(/^(user|system):/);
  });
});
