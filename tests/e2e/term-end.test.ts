/**
 * End to end, through HTTP only (issue #11 part 4, M-TERM): a term ends on its third
 * anniversary by itself — the daily term-end schedule on the simulated clock — and the seat is
 * free that day, not before; the summative review records its outcome and ends nobody's term
 * early; the bureau renews a member who passed it (POST /pool/members/{personId}/renewals),
 * within the cap, and anyone else is a coded refusal. The annual schedule is off here: the
 * bureau starts the one (summative) review itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFor } from '../fixtures/forms/builders';
import { fixtureForm, refusal, registerUnits, startE2eSystem, type E2eSystem, type PoolClient } from './support';

const START = '2026-12-01T10:00:00+08:00';
/** The import's date: every term here runs 2026-11-28 → 2029-11-28. */
const ON = '2026-11-28';
const END = '2029-11-28';
const UNIT = 'JT-XXZX';
const REVIEW = 'REV-2029-09-01';

interface PoolView { tiers: Array<{ tier: 1 | 2 | 3; held: number; free: number }>; members: Array<{ personId: string; name: string; tier: number; status: string }> }
interface MemberView {
  member: { status: string; holdsSeat?: boolean; tier: number; termStart: string; termEnd: string; cohort?: string; exit?: { on: string; status: string; adjustment?: string } };
  events: Array<{ type: string; clause: string; actor?: string; payload: Record<string, unknown> }>;
}
interface AuditPage { entries: Array<{ actor: string; action: string; clause?: string; at: string; details: Record<string, unknown> }> }
interface Renewed { renewed: boolean; personId: string; tier: number; cohortId: string; termStart: string; termEnd: string; previous: { termStart: string; termEnd: string }; seat: string }

type Form = Record<string, unknown> & { candidate: Record<string, unknown> };
const person = (k: number, name: string): Form => {
  const f = fixtureForm('tier2-legacy-young-cadre.json', { roundId: 'FILED' }) as Form;
  f.candidate = { ...f.candidate, name, idNumber: idFor('1987-07-07', 'M', '320413', 101 + 2 * k) };
  return f;
};
/** A: summative top (recommended), B and D: passed, C: 基本合格 (not passed), E: 不合格 (removed, M-FAIL). */
const NAMES = ['甲', '乙', '丙', '丁', '戊'] as const;
const GRADES: Record<string, { grade: string; score: number }> = {
  甲: { grade: '优秀', score: 96 }, 乙: { grade: '合格', score: 82 }, 丙: { grade: '基本合格', score: 61 }, 丁: { grade: '合格', score: 78 }, 戊: { grade: '不合格', score: 40 },
};

let sys: E2eSystem;
let bureau: PoolClient;
const id: Record<string, string> = {};

const pool = async () => await bureau.pool() as unknown as PoolView;
const held2 = async () => ((await pool()).tiers.find((t) => t.tier === 2) as PoolView['tiers'][number]).held;
const member = async (name: string) => await bureau.member(id[name] as string) as unknown as MemberView;
const at = (iso: string) => sys.control.advance({ to: iso }).then(() => sys.control.settle());

beforeAll(async () => {
  sys = await startE2eSystem(START, { reviewScheduleEnabled: false });
  bureau = await sys.control.client('bureau');
  await registerUnits(bureau, [{ code: UNIT, name: '金坛区西城实验学校', type: 'middle' }]);
  const res = await bureau.importFiled({ source: 'legacy-young-cadre', on: ON, documentNo: '坛教干〔2026〕8号', entries: NAMES.map((n, k) => person(k, n)) }) as unknown as { entries: Array<{ name: string; personId: string }> };
  for (const e of res.entries) id[e.name] = e.personId;

  // Year 3 of the term: the bureau starts the summative review; the unit assesses; the window closes; confirmed as computed.
  await at('2029-09-01T09:00:00+08:00');
  await bureau.startReview('2029-09-01');
  await sys.control.settle();
  const school = await sys.control.client('school', UNIT);
  for (const n of NAMES) await school.assess(REVIEW, id[n] as string, { ...GRADES[n], assessedBy: '金坛区西城实验学校党支部', meetsPostConditions: true });
  await at('2029-10-01T10:00:00+08:00');
  await bureau.confirmReview(REVIEW, []);
  await sys.control.settle();
}, 120_000);

afterAll(async () => {
  await sys?.close();
});

describe('M-TERM: the summative review no longer ends terms', () => {
  it('records the outcomes; only the failed member leaves at the review, everyone else keeps the seat', async () => {
    const review = await bureau.review(REVIEW) as unknown as { review: { status: string }; outcomes: Array<{ personId: string; outcome: { kind: string } }> };
    expect(review.review.status).toBe('completed');
    const kind = (n: string) => review.outcomes.find((o) => o.personId === id[n])?.outcome.kind;
    expect(NAMES.map(kind)).toEqual(['recommended', 'term-ended', 'term-ended', 'term-ended', 'removed']);
    for (const n of ['甲', '乙', '丙', '丁']) expect((await member(n)).member, n).toMatchObject({ status: 'active', termEnd: END });
    expect((await member('戊')).member.status).toBe('removed');
    expect(await held2()).toBe(4);
  });
});

describe('renewals (POST /pool/members/{personId}/renewals)', () => {
  it('are refused from a school, ahead of today, malformed', async () => {
    await at('2029-10-08T10:00:00+08:00');
    const school = await sys.control.client('school', UNIT);
    expect((await refusal(() => school.renew(id['乙'] as string, { on: '2029-10-08', reason: '续任' }))).status).toBe(403);
    const ahead = await refusal(() => bureau.renew(id['乙'] as string, { on: '2029-10-09', reason: '续任' }));
    expect([ahead.status, ahead.body?.error.problems?.[0]?.code, ahead.body?.error.problems?.[0]?.path]).toEqual([400, 'RECORD_DATE_FUTURE', 'on']);
    const bad = await refusal(() => bureau.renew(id['乙'] as string, { on: '2029-10-08' }));
    expect([bad.status, bad.body?.error.problems?.map((p) => p.path)]).toEqual([400, ['reason']]);
  });

  it('give a member who passed the summative review a new three-year term from `on`, in the same seat', async () => {
    const before = await held2();
    const res = await bureau.renew(id['乙'] as string, { on: '2029-10-08', reason: '总结性考核合格，工作实绩突出，续任一届' }) as unknown as Renewed;
    expect(res).toMatchObject({ renewed: true, tier: 2, cohortId: 'RENEWED-2029-10-08', termStart: '2029-10-08', termEnd: '2032-10-08', previous: { termStart: ON, termEnd: END } });
    expect(res.seat).toMatch(/^\d{2}$/);
    const again = await bureau.renew(id['乙'] as string, { on: '2029-10-08', reason: '总结性考核合格，工作实绩突出，续任一届' }) as unknown as Renewed;
    expect(again).toMatchObject({ renewed: false, termEnd: '2032-10-08', seat: res.seat });
    // The recommended member passed too.
    expect(await bureau.renew(id['甲'] as string, { on: '2029-10-08', reason: '总结性考核优秀，续任一届' })).toMatchObject({ renewed: true, termEnd: '2032-10-08' });
    expect(await held2()).toBe(before);
    expect(await bureau.consistency()).toMatchObject({ ok: true });

    const m = await member('乙');
    expect(m.events.map((e) => e.type)).toEqual(['admitted', 'assessed', 'renewed']);
    expect(m.events.at(-1)).toMatchObject({ clause: 'M-TERM', payload: { on: '2029-10-08', cohortId: 'RENEWED-2029-10-08' } });
    const trail = await bureau.memberAudit(id['乙'] as string) as unknown as AuditPage;
    expect(trail.entries.filter((e) => e.action === 'member.renewed')).toEqual([expect.objectContaining({
      actor: 'user:demo-bureau', clause: 'M-TERM', details: expect.objectContaining({ on: '2029-10-08', termEnd: '2032-10-08', previousTermEnd: END }),
    })]);
  });

  it('for anyone else is a coded refusal: not passed, removed, not a member', async () => {
    const low = await refusal(() => bureau.renew(id['丙'] as string, { on: '2029-10-08', reason: '续任' }));
    expect([low.status, low.body?.error.problems?.map((p) => p.code)]).toEqual([422, ['RENEWAL_NOT_ELIGIBLE']]);
    expect(low.body?.error.problems?.[0]?.zh).toContain('基本合格');
    const removed = await refusal(() => bureau.renew(id['戊'] as string, { on: '2029-10-08', reason: '续任' }));
    expect([removed.status, removed.body?.error.problems?.map((p) => p.code)]).toEqual([422, ['RENEWAL_NOT_ELIGIBLE']]);
    const nobody = await refusal(() => bureau.renew('P0123456789abcdef0123', { on: '2029-10-08', reason: '续任' }));
    expect([nobody.status, nobody.body?.error.code]).toEqual([404, 'MEMBER_NOT_FOUND']);
    const early = await refusal(() => bureau.renew(id['丁'] as string, { on: '2029-08-31', reason: '续任' }));
    expect([early.status, early.body?.error.problems?.map((p) => [p.code, p.path])]).toEqual([422, [['RENEWAL_TOO_EARLY', 'on']]]);
  });
});

describe('the term ends on its date, by itself', () => {
  it('the day before the end, every seat is still held', async () => {
    await at('2029-11-27T23:59:00+08:00');
    for (const n of ['丙', '丁']) expect((await member(n)).member.status, n).toBe('active');
    expect(await held2()).toBe(4);
  });

  it('on the end day the terms not renewed are over and their seats free; renewed members stay', async () => {
    await at(`${END}T00:10:00+08:00`);
    const firings = (await sys.control.schedule()).firings.filter((f) => Date.parse(f.scheduledTime) === Date.parse('2029-11-28T00:05:00+08:00'));
    expect(firings).toHaveLength(1);
    const d = await member('丁');
    expect(d.member).toMatchObject({ status: 'term-ended', exit: { on: END, status: 'term-ended', adjustment: 'may-be-renominated' } });
    expect(d.events.at(-1)).toMatchObject({ type: 'term-ended', clause: 'M-TERM', payload: { on: END } });
    expect((await member('丙')).member).toMatchObject({ status: 'term-ended', exit: { on: END, adjustment: 'leaves-pool' } });
    for (const n of ['甲', '乙']) expect((await member(n)).member, n).toMatchObject({ status: 'active', termEnd: '2032-10-08' });
    expect(await held2()).toBe(2);
    expect(await bureau.consistency()).toMatchObject({ ok: true });
    const trail = await bureau.memberAudit(id['丁'] as string) as unknown as AuditPage;
    expect(trail.entries.filter((e) => e.action === 'member.term-ended')).toEqual([expect.objectContaining({ actor: 'system:term-end', clause: 'M-TERM', details: expect.objectContaining({ termEnd: END, seatReleased: true }) })]);
  });

  it('is idempotent (the step fired again changes nothing) and a renewal after the end is too late', async () => {
    await sys.control.fire('term-end');
    await sys.control.settle();
    expect(await held2()).toBe(2);
    expect((await bureau.memberAudit(id['丁'] as string) as unknown as AuditPage).entries.filter((e) => e.action === 'member.term-ended')).toHaveLength(1);
    const late = await refusal(() => bureau.renew(id['丁'] as string, { on: END, reason: '续任' }));
    expect([late.status, late.body?.error.problems?.map((p) => p.code)]).toEqual([422, ['RENEWAL_TOO_LATE']]);
    const failed = (await sys.control.executions()).filter((e) => e.status !== 'SUCCEEDED');
    expect(failed).toEqual([]);
  });
});
