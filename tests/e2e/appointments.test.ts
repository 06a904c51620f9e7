/**
 * End to end, through HTTP only: appointments (X-USE). A tier-3 member appointed to a middle
 * post leaves the pool as used (已使用): the seat is free at once and the promotion talk
 * (提拔重用时必谈) is on GET /talks/due until held. A tier-1 member appointed deputy stays (a
 * post change, its talk due). Someone outside the pool is recorded for the report only. The
 * report gives the period's appointments by post kind and the share from the pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../domain/form/id-number';
import { fixtureForm, jsonBytes, refusal, registerUnits, startE2eSystem, type E2eSystem, type PoolClient } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-USE';
const INTAKE_CLOSES = '2026-11-05T17:00:00+08:00';
const SCORING_CLOSES = '2026-11-06T09:00:00+08:00';

interface PoolView { tiers: Array<{ tier: 1 | 2 | 3; held: number; free: number }>; members: Array<{ personId: string; name: string; tier: number; unit: string }> }
interface TalkDue { member: { personId: string; status: string }; trigger: string; clause: string; due: string; overdue: boolean; organisational: boolean; zh: string; en: string }
interface Report {
  clause: string; from: string; to: string; total: number; fromPool: number; share: number | null; greaterPart: boolean | null;
  byKind: Array<{ kind: string; zh: string; total: number; fromPool: number; share: number | null }>; zh: string; en: string;
}

let sys: E2eSystem;
let bureau: PoolClient;
let chen: { personId: string; unit: string };
let zhang: { personId: string; unit: string };

const held = (p: PoolView, tier: 1 | 2 | 3) => (p.tiers.find((t) => t.tier === tier) as PoolView['tiers'][number]).held;
const dueOf = async (personId: string) => ((await bureau.talksDue()) as unknown as { talks: TalkDue[] }).talks.filter((t) => t.member.personId === personId);
const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17) as string}`;

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
  zhang = { personId: z.personId, unit: z.unit };
  await sys.control.advance({ to: '2027-03-15T10:00:00+08:00' });
}, 60_000);

afterAll(async () => {
  await sys?.close();
});

describe('appointments (X-USE)', () => {
  it('refuses a date ahead, both or neither of personId and candidate, an unknown post kind, and a school', async () => {
    const post = { kind: 'middle', title: '教务处主任', unitCode: 'JT-XYXX' };
    const ahead = await refusal(() => bureau.appoint({ personId: zhang.personId, post, on: '2027-03-16' }));
    expect([ahead.status, ahead.body?.error.problems?.[0]?.code, ahead.body?.error.problems?.[0]?.path]).toEqual([400, 'RECORD_DATE_FUTURE', 'on']);
    const both = await refusal(() => bureau.appoint({ personId: zhang.personId, candidate: { name: '李四', idNumber: idNumber('33070219850312001') }, post, on: '2027-03-14' }));
    expect([both.status, both.body?.error.problems?.[0]?.path]).toEqual([400, 'candidate']);
    const neither = await refusal(() => bureau.appoint({ post, on: '2027-03-14' }));
    expect([neither.status, neither.body?.error.problems?.[0]?.path]).toEqual([400, 'personId']);
    expect(neither.body?.error.problems?.[0]?.zh).toMatch(/其一/);
    const kind = await refusal(() => bureau.appoint({ personId: zhang.personId, post: { ...post, kind: 'dean' }, on: '2027-03-14' }));
    expect([kind.status, kind.body?.error.problems?.[0]?.path]).toEqual([400, 'post.kind']);
    const school = await sys.control.client('school', zhang.unit);
    expect((await refusal(() => school.appoint({ personId: zhang.personId, post, on: '2027-03-14' }))).status).toBe(403);
  });

  it('a tier-3 member appointed to a middle post leaves as used: seat freed, the promotion talk due', async () => {
    const res = await bureau.appoint({ personId: zhang.personId, post: { kind: 'middle', title: '教务处主任', unitCode: 'JT-XYXX' }, on: '2027-03-14', documentNo: '坛教任〔2027〕5号' }) as unknown as {
      member: { status: string; outcome: string; seatReleased: boolean; tier: number }; talkDue: TalkDue; appointment: { fromPool: boolean; outcome: string };
    };
    expect(res.member).toMatchObject({ status: 'appointed', outcome: 'used', seatReleased: true, tier: 3 });
    expect(res.appointment).toMatchObject({ fromPool: true, outcome: 'used' });
    expect(res.talkDue).toMatchObject({ trigger: 'promotion', clause: 'C-TALK', organisational: false, overdue: false });
    const p = await bureau.pool() as unknown as PoolView;
    expect(held(p, 3)).toBe(0);
    expect(p.members.map((m) => m.personId)).not.toContain(zhang.personId);
    expect(await bureau.consistency()).toMatchObject({ ok: true });
    expect((await dueOf(zhang.personId)).map((t) => [t.trigger, t.member.status])).toEqual([['promotion', 'appointed']]);
    // The same appointment again changes nothing.
    const again = await bureau.appoint({ personId: zhang.personId, post: { kind: 'middle', title: '教务处主任', unitCode: 'JT-XYXX' }, on: '2027-03-14' }) as unknown as { recorded: boolean };
    expect(again.recorded).toBe(false);
    // The promotion talk, held, discharges it.
    await bureau.record(zhang.personId, 'talks', { on: '2027-03-15', by: '区委教育工委', triggers: ['promotion'] });
    expect(await dueOf(zhang.personId)).toEqual([]);
  });

  it('a tier-1 member appointed deputy stays in the pool: the post-change talk due', async () => {
    const res = await bureau.appoint({ personId: chen.personId, post: { kind: 'deputy', title: '副校长', unitCode: 'JT-JTZX' }, on: '2027-03-14' }) as unknown as {
      member: { status: string; outcome: string; seatReleased: boolean }; talkDue: TalkDue;
    };
    expect(res.member).toMatchObject({ status: 'active', outcome: 'post-change', seatReleased: false });
    expect(res.talkDue).toMatchObject({ trigger: 'post-change', clause: 'C-TALK' });
    expect(held(await bureau.pool() as unknown as PoolView, 1)).toBe(1);
    expect((await dueOf(chen.personId)).map((t) => t.trigger)).toContain('post-change');
  });

  it('someone outside the pool is recorded for the report only', async () => {
    const res = await bureau.appoint({ candidate: { name: '李四', idNumber: idNumber('33070219850312001') }, post: { kind: 'deputy', title: '副校长', unitCode: 'JT-XYXX' }, on: '2027-03-10' }) as unknown as {
      appointment: { fromPool: boolean; personId: string }; member?: unknown;
    };
    expect(res.appointment.fromPool).toBe(false);
    expect(res.appointment.personId).toMatch(/^P[0-9a-f]{20}$/);
    expect(res.member).toBeUndefined();
    expect(JSON.stringify(res)).not.toMatch(/\d{17}[\dX]/);
  });

  it('the report: by post kind, from the pool, the share, the greater part', async () => {
    const r = await bureau.xUse('2027-01-01', '2027-12-31') as unknown as Report;
    expect(r).toMatchObject({ clause: 'X-USE', total: 3, fromPool: 2, greaterPart: true });
    expect(r.share).toBeCloseTo(2 / 3);
    expect(r.byKind).toEqual([
      { kind: 'deputy', zh: '党政副职', total: 2, fromPool: 1, share: 0.5 },
      { kind: 'middle', zh: '中层管理', total: 1, fromPool: 1, share: 1 },
    ]);
    expect(r.zh).toContain('以后备人才为主');
    const before = await bureau.xUse('2027-03-01', '2027-03-12') as unknown as Report;
    expect(before).toMatchObject({ total: 1, fromPool: 0, share: 0, greaterPart: false });
    const none = await bureau.xUse('2026-01-01', '2026-12-31') as unknown as Report;
    expect(none).toMatchObject({ total: 0, share: null, greaterPart: null, byKind: [] });
    const bad = await refusal(() => bureau.xUse('2027-12-31', '2027-01-01'));
    expect([bad.status, bad.body?.error.problems?.[0]?.code]).toEqual([400, 'QUERY_INVALID']);
  });
});
