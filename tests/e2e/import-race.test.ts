/**
 * End to end, through HTTP only: an import that loses a race is refused whole (issue #11.6,
 * DESIGN §2 *Filed lists*, S-ORGLIST / X-LEGACY). The race is caused for real: while a long
 * import (30 former young cadres, then X) is filing its entries one by one, a second import
 * files X under another document, after the first one checked X and before it writes X. The
 * first import then answers 409 IMPORT_RACE and has withdrawn what it filed (import-withdrawn),
 * its seats given back: none of its entries is in the pool, the seats are as before (only X,
 * whom the second import filed), nobody owes a talk for the withdrawn filings. The same
 * import posted again without X then files every entry, each member's timeline showing the
 * filing, its withdrawal and the filing again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIdOf } from '../../domain/membership/filed';
import { idFor } from '../fixtures/forms/builders';
import { eventually, fixtureForm, refusal, registerUnits, startE2eSystem, type E2eSystem, type PoolClient } from './support';

const START = '2026-12-01T10:00:00+08:00';
const ON = '2026-11-28';
const DOC = '坛教干〔2026〕20号';
const OTHER_DOC = '坛教干〔2026〕21号';
const AHEAD = 30;

interface PoolView { tiers: Array<{ tier: 1 | 2 | 3; held: number; free: number }>; members: Array<{ personId: string; name: string; tier: number }> }
interface Imported { importId: string; counts: { entries: number; filed: number; alreadyFiled: number }; entries: Array<{ personId: string; name: string; status: string; seat?: string }> }
interface MemberView {
  member: { status: string; holdsSeat: boolean; cohort: string; previousTerms: unknown[]; exit?: { status: string; clause: string }; tierHistory: unknown[] };
  events: Array<{ type: string; clause: string; payload: Record<string, unknown> }>;
  dueTalks: { mustTalks: unknown[]; years: unknown[] };
}
interface AuditPage { entries: Array<{ action: string; clause?: string; details: Record<string, unknown> }> }

let sys: E2eSystem;
let bureau: PoolClient;

type Form = Record<string, unknown> & { candidate: Record<string, unknown> };
/** The legacy fixture as another person (a new ID number, a new name). */
const person = (k: number): Form => {
  const f = fixtureForm('tier2-legacy-young-cadre.json', { roundId: 'FILED' }) as Form;
  f.candidate = { ...f.candidate, name: `竞${k}`, idNumber: idFor('1987-07-07', 'M', '320413', 101 + 2 * k) };
  return f;
};
const pool = async () => (await bureau.pool({ tier: 2 })) as unknown as PoolView;
const held2 = async () => ((await pool()).tiers.find((t) => t.tier === 2) as PoolView['tiers'][number]).held;

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  await registerUnits(bureau, [{ code: 'JT-XXZX', name: '金坛区西城实验学校', type: 'middle' }]);
  const unit = (fixtureForm('tier2-legacy-young-cadre.json', { roundId: 'FILED' }) as { unit: { code: string } }).unit.code;
  if (unit !== 'JT-XXZX') await registerUnits(bureau, [unit]);
}, 60_000);

afterAll(async () => {
  await sys?.close();
});

describe('an import that loses a race (IMPORT_RACE) is refused whole', () => {
  it('withdraws what it filed, gives every seat back, and files them all when posted again', async () => {
    expect(await held2()).toBe(0);
    const ahead = Array.from({ length: AHEAD }, (_, k) => person(k));
    const x = person(AHEAD);

    // The long import: the 30 entries, then X (checked with the rest, written last).
    const long = bureau.importFiled({ source: 'legacy-young-cadre', on: ON, documentNo: DOC, entries: [...ahead, x] })
      .then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e }));
    // Once its first entry is filed it is past every check: X goes in under another document.
    await eventually(async () => ((await pool()).members.some((m) => m.name === '竞0') ? true : undefined), 'the long import filing', 400, 5);
    const other = await bureau.importFiled({ source: 'legacy-young-cadre', on: ON, documentNo: OTHER_DOC, entries: [x] }) as unknown as Imported;
    expect(other.counts.filed).toBe(1);
    const xId = other.entries[0]?.personId as string;

    const lost = await long;
    expect(lost.ok).toBe(false);
    const race = await refusal(() => (lost.ok ? Promise.resolve(lost.r) : Promise.reject(lost.e)));
    expect([race.status, race.body?.error.code]).toEqual([409, 'IMPORT_RACE']);
    expect(race.body?.error.zh).toMatch(/第 31 条.*整批未导入/);
    expect(race.body?.error.en).toMatch(/nothing imported/);
    expect(race.body?.error.problems?.map((p) => [p.code, p.path])).toEqual([['MEMBER_ALREADY_ADMITTED', 'entries.30']]);

    // Nothing of the long import is in the pool; the seats are as before, plus X's.
    const after = await pool();
    expect(after.members.map((m) => m.name)).toEqual(['竞30']);
    expect(await held2()).toBe(1);
    expect(await bureau.consistency()).toMatchObject({ ok: true });
    const due = await bureau.talksDue() as unknown as { talks: Array<{ member: { name?: string } }> };
    expect(due.talks.filter((t) => t.member.name !== '竞30')).toEqual([]);

    // X is the other import's, untouched; each withdrawn entry's timeline says what happened.
    const xm = await bureau.member(xId) as unknown as MemberView;
    expect(xm.member).toMatchObject({ status: 'active', holdsSeat: true, cohort: other.importId });
    expect(xm.events.map((e) => e.type)).toEqual(['admitted']);
    const refusedAt = await bureau.audit(`import/${importIdOf({ source: 'legacy-young-cadre', on: ON, documentNo: DOC })}`) as unknown as AuditPage;
    expect(refusedAt.entries.map((e) => [e.action, e.clause, e.details.withdrawn])).toEqual([['pool.import-refused', 'X-LEGACY', AHEAD]]);
    const withdrawnIds = refusedAt.entries[0]?.details.personIds as string[];
    expect(withdrawnIds).toHaveLength(AHEAD);
    const w = await bureau.member(withdrawnIds[0] as string) as unknown as MemberView;
    expect(w.member).toMatchObject({ status: 'withdrawn', holdsSeat: false, previousTerms: [], tierHistory: [], exit: { status: 'withdrawn', clause: 'X-LEGACY' } });
    expect(w.events.map((e) => e.type)).toEqual(['admitted', 'import-withdrawn']);
    expect(w.dueTalks).toMatchObject({ mustTalks: [], years: [] });

    // The same import again, X left out as the answer asked: every entry filed.
    const again = await bureau.importFiled({ source: 'legacy-young-cadre', on: ON, documentNo: DOC, entries: ahead }) as unknown as Imported;
    expect(again.counts).toEqual({ entries: AHEAD, filed: AHEAD, alreadyFiled: 0, ineligible: expect.any(Number) });
    expect(again.entries.every((e) => e.status === 'filed' && typeof e.seat === 'string')).toBe(true);
    expect(await held2()).toBe(AHEAD + 1);
    expect((await pool()).members.map((m) => m.name).sort()).toEqual([...ahead.map((f) => f.candidate.name as string), '竞30'].sort());
    expect(await bureau.consistency()).toMatchObject({ ok: true });

    const first = again.entries[0]?.personId as string;
    expect(first).toBe(withdrawnIds[0]);
    const m = await bureau.member(first) as unknown as MemberView;
    expect(m.member).toMatchObject({ status: 'active', holdsSeat: true, cohort: again.importId, previousTerms: [], tierHistory: [{ tier: 2, from: ON }] });
    expect(m.events.map((e) => [e.type, e.clause, e.payload.importId ?? e.payload.cohortId])).toEqual([
      ['admitted', 'X-LEGACY', again.importId], ['import-withdrawn', 'X-LEGACY', again.importId], ['admitted', 'X-LEGACY', again.importId],
    ]);
    // The clock is frozen here, so entries of one instant come in key order: compared as sets.
    const trail = await bureau.memberAudit(first) as unknown as AuditPage;
    expect(trail.entries.map((e) => e.action).sort()).toEqual(['member.admitted', 'member.admitted', 'member.import-withdrawn']);
    const imp = await bureau.audit(`import/${again.importId}`) as unknown as AuditPage;
    expect(imp.entries.map((e) => [e.action, e.details.withdrawn ?? e.details.filed]).sort()).toEqual([['pool.import-refused', AHEAD], ['pool.imported', AHEAD]]);
  }, 120_000);
});
