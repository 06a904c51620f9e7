import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../app/exports/export';
import type { Exporter } from '../../app/exports/table';
import { admitOne } from '../../app/round/admit-one';
import type { AppError } from '../../app/errors';
import { parseNominationForm } from '../../domain/form/parse';
import type { Role } from '../../contracts/roles';
import { startEmulators, type Emulators } from '../support/emulators';
import { newWorld, type World } from '../support/admissions';
import { validForm } from '../support/forms';

/**
 * The export use cases over the real adapters on dynalite (app/exports): who may export what
 * (a school its own unit only, a coded refusal for another; full ID numbers for the bureau
 * only), ID numbers masked unless asked, the ask audited with who and when.
 */

let emu: Emulators;
let w: World;
const NOW = new Date('2026-06-12T02:00:00Z');
const who = (roles: Role[], unit?: string): Exporter => ({ username: roles.join('+'), actor: `user:${roles.join('+')}`, roles: new Set(roles), ...(unit ? { unit } : {}) });
const bureau = who(['bureau']);
const xyxx = who(['school'], 'JT-XYXX');
const idOf = (i: number) => {
  const p = parseNominationForm(validForm({ name: `候选人${i}`, seq: String(100 + 2 * i) }));
  if (!p.ok) throw new Error('form');
  return p.value.candidate.idNumber;
};

async function refused(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as AppError;
    return { status: err.status, code: err.code };
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  emu = await startEmulators();
  w = await newWorld(emu);
  // Two JT-XYXX candidates admitted through round 2026-T3; one JT-OTHER member admitted in 2025 (no form kept here).
  for (const i of [0, 1]) {
    await w.nominate('2026-T3', i);
    await admitOne(w.deps, { roundId: '2026-T3', on: '2026-06-10', at: '2026-06-10T02:00:00Z', by: 'approver-1' }, { id: `N00${i}`, tier: 3 });
  }
  await w.seat(2, 2);
});
afterAll(async () => {
  await emu.stop();
});

describe('the roster export', () => {
  it('the bureau sees every unit, ID numbers masked', async () => {
    const r = await runExport(w.deps, bureau, { kind: 'roster' }, NOW);
    const rows = r.table.sheets[0]!.rows;
    expect(rows.map((x) => x.unit).sort()).toEqual(['JT-OTHER', 'JT-XYXX', 'JT-XYXX']);
    const shown = rows.filter((x) => x.unit === 'JT-XYXX').map((x) => x.idNumber).sort();
    expect(shown).toEqual([idOf(0), idOf(1)].map((id) => `${id.slice(0, 6)}********${id.slice(-4)}`).sort());
    expect(r.fullIds).toBe(false);
    expect(r.table.fileName).toBe('后备人才名册_2026-06-12.xlsx');
  });

  it('a school sees its own unit, and naming another is a coded refusal', async () => {
    const own = await runExport(w.deps, xyxx, { kind: 'roster' }, NOW);
    expect(own.table.sheets[0]!.rows.map((x) => x.unit)).toEqual(['JT-XYXX', 'JT-XYXX']);
    expect(own.table.fileName).toContain('JT-XYXX');
    expect(await refused(runExport(w.deps, xyxx, { kind: 'roster', unit: 'JT-OTHER' }, NOW))).toEqual({ status: 403, code: 'EXPORT_OTHER_UNIT' });
    expect(await refused(runExport(w.deps, xyxx, { kind: 'roster', fullIds: true }, NOW))).toEqual({ status: 403, code: 'EXPORT_FULL_IDS_BUREAU_ONLY' });
    expect(await refused(runExport(w.deps, xyxx, { kind: 'publicity', roundId: '2026-T3' }, NOW))).toEqual({ status: 403, code: 'EXPORT_FORBIDDEN' });
    expect(await refused(runExport(w.deps, who(['approver']), { kind: 'roster' }, NOW))).toEqual({ status: 403, code: 'EXPORT_FORBIDDEN' });
  });

  it('full ID numbers when the bureau asks — audited with who, when and which export, before any row is read', async () => {
    const at = new Date('2026-06-12T03:04:05Z');
    const r = await runExport(w.deps, bureau, { kind: 'roster', tier: 3, fullIds: true, columns: ['name', 'idNumber'] }, at);
    expect(r.table.sheets[0]!.columns.map((c) => c.header)).toEqual(['姓名', '身份证号']);
    expect(r.table.sheets[0]!.rows.map((x) => x.idNumber).sort()).toEqual([idOf(0), idOf(1)].sort());
    const trail = await w.deps.audit.list('export/roster');
    const asked = trail.filter((e) => e.action === 'export.full-ids-requested');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ actor: 'user:bureau', at: at.toISOString(), details: { kind: 'roster', tier: 3, fullIds: true, columns: ['name', 'idNumber'] } });
    expect(trail.filter((e) => e.action === 'export.created').at(-1)?.details).toMatchObject({ rows: 2, fullIds: true });
    // The trail names the export, never the numbers.
    expect(JSON.stringify(trail)).not.toContain(idOf(0).slice(6, 14));
  });

  it('an unknown column is refused with its place', async () => {
    const err = await runExport(w.deps, bureau, { kind: 'roster', columns: ['name', 'idNo'] }, NOW).catch((e: AppError) => e);
    expect((err as AppError).problems?.map((p) => [p.code, p.path])).toEqual([['EXPORT_COLUMN_UNKNOWN', 'columns.1']]);
  });
});

describe('the round lists and review results', () => {
  it('the 公示 list never carries an ID number, and a request for them is refused', async () => {
    await w.repos.rounds.create({ roundId: '2026-T3', title: '测试批次', status: 'completed', referenceDate: '2026-06-01', intakeClosesAt: '2026-05-01T00:00:00Z', scoringClosesAt: '2026-05-02T00:00:00Z', tiers: [3], openedAt: '2026-04-01T00:00:00Z', openedBy: 'bureau' });
    const r = await runExport(w.deps, bureau, { kind: 'publicity', roundId: '2026-T3' }, NOW);
    expect(r.table.sheets[0]!.columns.map((c) => c.key)).not.toContain('idNumber');
    expect(r.table.sheets[0]!.rows.map((x) => x.birth)).toEqual(expect.arrayContaining([expect.stringMatching(/^\d{4}\.\d{2}$/)]));
    expect(JSON.stringify(r.table)).not.toContain(idOf(0));
    expect(await refused(runExport(w.deps, bureau, { kind: 'publicity', roundId: '2026-T3', fullIds: true }, NOW))).toEqual({ status: 422, code: 'EXPORT_NO_ID_NUMBERS' });
  });

  it('review results: a school reads its own unit\'s members only', async () => {
    const base = { reviewId: 'REV-2027-09-01', tier: 3 as const, cohortId: '2026-T3', clause: 'X-UNITS' as const, needs: ['grade', 'score'], dueBy: '2027-10-01' };
    await w.repos.reviews.create({ reviewId: 'REV-2027-09-01', status: 'awaiting-confirmation', scheduledTime: '2027-09-01T01:00:00Z' });
    await w.repos.reviewItems.putExpected({ ...base, personId: w.person(0), unitCode: 'JT-XYXX', name: '候选人0', termStart: '2026-06-10', termYear: 1, kind: 'annual' });
    await w.repos.reviewItems.putExpected({ ...base, personId: w.person(2), unitCode: 'JT-OTHER', name: '候选人2', termStart: '2025-09-01', termYear: 2, kind: 'annual' });
    await w.repos.reviews.putAssessment({ reviewId: 'REV-2027-09-01', personId: w.person(0), unitCode: 'JT-XYXX', grade: '优秀', score: 92, submittedBy: 'school', submittedAt: '2027-09-10T02:00:00Z' });
    const all = await runExport(w.deps, bureau, { kind: 'review', reviewId: 'REV-2027-09-01' }, NOW);
    expect(all.rows).toBe(2);
    const own = await runExport(w.deps, xyxx, { kind: 'review', reviewId: 'REV-2027-09-01' }, NOW);
    expect(own.table.sheets[0]!.rows).toEqual([expect.objectContaining({ unit: 'JT-XYXX', grade: '优秀', score: 92, outcome: '尚未计算' })]);
    expect(await refused(runExport(w.deps, bureau, { kind: 'review', reviewId: 'REV-2099-09-01' }, NOW))).toEqual({ status: 404, code: 'REVIEW_NOT_FOUND' });
  });
});
