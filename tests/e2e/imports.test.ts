/**
 * End to end, through HTTP only: filed lists (S-ORGLIST) and former young cadres (X-LEGACY),
 * imported, not selected (POST /pool/imports). Each entry enters its tier as filed, with its
 * eligibility verdict shown for information; a malformed or rule-breaking entry refuses the
 * whole import; caps still hold — an import past a cap is refused whole, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFor } from '../fixtures/forms/builders';
import { fixtureForm, refusal, registerUnits, startE2eSystem, type E2eSystem, type PoolClient } from './support';

const START = '2026-12-01T10:00:00+08:00';
const ON = '2026-11-28';

interface PoolView { tiers: Array<{ tier: 1 | 2 | 3; held: number; free: number }>; members: Array<{ personId: string; name: string; tier: number; unit: string }> }
interface Imported {
  importId: string; clause: string; counts: { entries: number; filed: number; alreadyFiled: number; ineligible: number };
  entries: Array<{ index: number; personId: string; name: string; tier: number; seat?: string; status: string; verdict: { eligible: boolean; tier: number; asOf: string; reasons: Array<{ clause: string; ok: boolean }> } }>;
}
interface AuditPage { entries: Array<{ actor: string; action: string; clause?: string; details: Record<string, unknown> }> }

let sys: E2eSystem;
let bureau: PoolClient;

const held = async (tier: 1 | 2 | 3) => ((await bureau.pool() as unknown as PoolView).tiers.find((t) => t.tier === tier) as PoolView['tiers'][number]).held;

type Form = Record<string, unknown> & { tier: number; unit: { code: string }; candidate: Record<string, unknown> };
const orgList = () => fixtureForm('tier1-org-dept-list.json', { roundId: 'FILED' }) as Form;
const legacy = () => fixtureForm('tier2-legacy-young-cadre.json', { roundId: 'FILED' }) as Form;
/** The legacy fixture as another person (same birth date and gender: a new ID number, a new name). */
const legacyPerson = (k: number): Form => {
  const f = legacy();
  f.candidate = { ...f.candidate, name: `候选${k}`, idNumber: idFor('1987-07-07', 'M', '320413', 101 + 2 * k) };
  return f;
};

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  await registerUnits(bureau, [
    { code: 'JT-HLGZX', name: '江苏省华罗庚中学', type: 'middle', orgDeptManaged: true },
    { code: 'JT-XXZX', name: '金坛区西城实验学校', type: 'middle' },
  ]);
}, 60_000);

afterAll(async () => {
  await sys?.close();
});

describe('filed lists and former young cadres', () => {
  it('refuses a school, a malformed entry (whole import), an unmanaged unit and an unknown one — nothing written', async () => {
    const school = await sys.control.client('school', 'JT-HLGZX');
    expect((await refusal(() => school.importFiled({ source: 'org-dept-list', on: ON, documentNo: '坛组干〔2026〕15号', entries: [orgList()] }))).status).toBe(403);

    const broken = { ...orgList(), candidate: { ...orgList().candidate, idNumber: '320413198212120377' } };
    const bad = await refusal(() => bureau.importFiled({ source: 'org-dept-list', on: ON, documentNo: '坛组干〔2026〕15号', entries: [orgList(), broken] }));
    expect(bad.status).toBe(400);
    expect(bad.body?.error.problems?.map((p) => [p.code, p.path])).toEqual([['FORM_ID_CHECKSUM', 'entries.1.candidate.idNumber']]);

    const unmanaged = { ...orgList(), unit: { code: 'JT-XXZX', name: '金坛区西城实验学校', type: 'middle' } };
    const unknown = { ...orgList(), unit: { code: 'JT-NOPE', name: '未登记学校', type: 'middle' }, candidate: { ...orgList().candidate, idNumber: idFor('1982-12-12', 'M', '320413', 201) } };
    const refused = await refusal(() => bureau.importFiled({ source: 'org-dept-list', on: ON, documentNo: '坛组干〔2026〕15号', entries: [unmanaged, unknown] }));
    expect(refused.status).toBe(422);
    expect(refused.body?.error.code).toBe('IMPORT_REFUSED');
    expect(refused.body?.error.problems?.map((p) => [p.code, p.path])).toEqual([
      ['IMPORT_UNIT_NOT_ORG_DEPT', 'entries.0.unit.code'], ['UNIT_UNKNOWN', 'entries.1.unit.code'],
    ]);
    expect(await held(1)).toBe(0);
  });

  it('files an org-dept list of a managed unit into tier 1 as filed, each with its verdict for information', async () => {
    const ineligible = orgList();
    ineligible.candidate = { ...ineligible.candidate, name: '李明', idNumber: idFor('1982-12-12', 'M', '320413', 301), honours: [] };
    const res = await bureau.importFiled({ source: 'org-dept-list', on: ON, documentNo: '坛组干〔2026〕15号', entries: [orgList(), ineligible] }) as unknown as Imported;
    expect(res.clause).toBe('S-ORGLIST');
    expect(res.counts).toEqual({ entries: 2, filed: 2, alreadyFiled: 0, ineligible: 1 });
    expect(res.entries.map((e) => [e.name, e.tier, e.status, e.verdict.eligible, e.verdict.asOf])).toEqual([
      ['黄海', 1, 'filed', true, ON], ['李明', 1, 'filed', false, ON],
    ]);
    expect(res.entries[0]?.verdict.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ clause: 'S-ORGLIST', ok: true })]));
    expect(res.entries.every((e) => typeof e.seat === 'string')).toBe(true);

    expect(await held(1)).toBe(2);
    expect(await bureau.consistency()).toMatchObject({ ok: true });
    const huang = res.entries[0]?.personId as string;
    const m = await bureau.member(huang) as unknown as { member: { status: string; tier: number; source: string; termStart: string }; events: Array<{ type: string; clause: string; payload: Record<string, unknown> }> };
    expect(m.member).toMatchObject({ status: 'active', tier: 1, source: 'org-dept-list', termStart: ON });
    expect(m.events.map((e) => [e.type, e.clause, e.payload.cohortId, e.payload.on])).toEqual([['admitted', 'S-ORGLIST', res.importId, ON]]);

    const trail = await bureau.memberAudit(huang) as unknown as AuditPage;
    expect(trail.entries).toEqual([expect.objectContaining({
      action: 'member.admitted', clause: 'S-ORGLIST', actor: 'user:demo-bureau',
      details: expect.objectContaining({ documentNo: '坛组干〔2026〕15号', verdict: expect.objectContaining({ eligible: true }) }),
    })]);
    const imp = await bureau.audit(`import/${res.importId}`) as unknown as AuditPage;
    expect(imp.entries.map((e) => [e.action, e.details.filed, e.details.documentNo])).toEqual([['pool.imported', 2, '坛组干〔2026〕15号']]);

    // The same import again files nobody twice.
    const again = await bureau.importFiled({ source: 'org-dept-list', on: ON, documentNo: '坛组干〔2026〕15号', entries: [orgList(), ineligible] }) as unknown as Imported;
    expect(again.counts).toMatchObject({ filed: 0, alreadyFiled: 2 });
    expect(await held(1)).toBe(2);
    // A person already in the pool, under another document: a coded problem.
    const dup = await refusal(() => bureau.importFiled({ source: 'org-dept-list', on: ON, documentNo: '坛组干〔2026〕16号', entries: [orgList()] }));
    expect([dup.status, dup.body?.error.problems?.[0]?.code, dup.body?.error.problems?.[0]?.path]).toEqual([422, 'MEMBER_ALREADY_ADMITTED', 'entries.0']);
  });

  it('files former young cadres into tier 2; an entry for tier 3 is refused', async () => {
    const tier3 = { ...legacyPerson(40), tier: 3 };
    const refused = await refusal(() => bureau.importFiled({ source: 'legacy-young-cadre', on: ON, documentNo: '坛教干〔2026〕8号', entries: [legacy(), tier3] }));
    expect([refused.status, refused.body?.error.code]).toEqual([422, 'IMPORT_REFUSED']);
    expect(refused.body?.error.problems?.map((p) => [p.code, p.path])).toEqual([['IMPORT_LEGACY_TIER', 'entries.1.tier']]);
    expect([await held(2), await held(3)]).toEqual([0, 0]);

    const res = await bureau.importFiled({ source: 'legacy-young-cadre', on: ON, documentNo: '坛教干〔2026〕8号', entries: [legacy()] }) as unknown as Imported;
    expect(res.clause).toBe('X-LEGACY');
    expect(res.entries.map((e) => [e.name, e.tier, e.status])).toEqual([['赵磊', 2, 'filed']]);
    const m = await bureau.member(res.entries[0]?.personId as string) as unknown as { events: Array<{ type: string; clause: string }> };
    expect(m.events.map((e) => [e.type, e.clause])).toEqual([['admitted', 'X-LEGACY']]);
    expect(await held(2)).toBe(1);
  });

  it('refuses an import past a cap whole, with the count, and writes nothing', async () => {
    const entries = Array.from({ length: 35 }, (_, k) => legacyPerson(k));
    const over = await refusal(() => bureau.importFiled({ source: 'legacy-young-cadre', on: ON, documentNo: '坛教干〔2026〕9号', entries }));
    expect([over.status, over.body?.error.code]).toEqual([422, 'IMPORT_OVER_CAP']);
    expect(over.body?.error.problems).toEqual([expect.objectContaining({ code: 'IMPORT_OVER_CAP', en: expect.stringMatching(/tier 2 has 34 free seats .* 35 entries/) })]);
    expect(await held(2)).toBe(1);
    expect(JSON.stringify(await bureau.pool())).not.toContain('候选');
    expect(await bureau.consistency()).toMatchObject({ ok: true });

    // Within the cap it goes in.
    const fits = await bureau.importFiled({ source: 'legacy-young-cadre', on: ON, documentNo: '坛教干〔2026〕9号', entries: entries.slice(0, 34) }) as unknown as Imported;
    expect(fits.counts.filed).toBe(34);
    expect(await held(2)).toBe(35);
  }, 60_000);
});
