import { describe, expect, it } from 'vitest';
import {
  duplicatePersonProblems, filedEntryProblems, importIdOf, overCap, overCapProblems,
} from '../../domain/membership/filed';
import type { NominationForm } from '../../domain/form/schema';
import { parsedFixture } from '../fixtures/forms/builders';

const orgList = parsedFixture('tier1-org-dept-list.json');
const legacy = parsedFixture('tier2-legacy-young-cadre.json');
const codes = (ps: Array<{ code: string; path: string }>) => ps.map((p) => [p.code, p.path]);

describe('filed entries (S-ORGLIST, X-LEGACY)', () => {
  it('takes an org-dept list entry of a managed unit, and refuses an unmanaged or unknown unit', () => {
    expect(filedEntryProblems('org-dept-list', orgList, { orgDeptManaged: true }, 0)).toEqual([]);
    expect(codes(filedEntryProblems('org-dept-list', orgList, { orgDeptManaged: false }, 2))).toEqual([['IMPORT_UNIT_NOT_ORG_DEPT', 'entries.2.unit.code']]);
    expect(codes(filedEntryProblems('org-dept-list', orgList, undefined, 1))).toEqual([['UNIT_UNKNOWN', 'entries.1.unit.code']]);
  });

  it('takes former young cadres into tier 2 only, from any registered unit', () => {
    expect(filedEntryProblems('legacy-young-cadre', legacy, { orgDeptManaged: false }, 0)).toEqual([]);
    const tier3: NominationForm = { ...legacy, tier: 3 };
    const tier1: NominationForm = { ...legacy, tier: 1 };
    expect(codes(filedEntryProblems('legacy-young-cadre', tier3, { orgDeptManaged: false }, 4))).toEqual([['IMPORT_LEGACY_TIER', 'entries.4.tier']]);
    expect(codes(filedEntryProblems('legacy-young-cadre', tier1, { orgDeptManaged: true }, 0))).toEqual([['IMPORT_LEGACY_TIER', 'entries.0.tier']]);
  });

  it('refuses an entry whose form names another source', () => {
    expect(codes(filedEntryProblems('legacy-young-cadre', orgList, { orgDeptManaged: true }, 0))).toEqual([
      ['IMPORT_SOURCE_MISMATCH', 'entries.0.source'], ['IMPORT_LEGACY_TIER', 'entries.0.tier'],
    ]);
    const problems = filedEntryProblems('org-dept-list', legacy, { orgDeptManaged: true }, 0);
    expect(codes(problems)).toEqual([['IMPORT_SOURCE_MISMATCH', 'entries.0.source']]);
    for (const p of problems) expect([p.zh.length > 0, p.en.length > 0]).toEqual([true, true]);
  });

  it('names every repeat of a person after the first', () => {
    expect(duplicatePersonProblems(['P1', 'P2', 'P1', 'P1'])).toEqual([
      expect.objectContaining({ code: 'IMPORT_DUPLICATE_PERSON', path: 'entries.2.candidate.idNumber' }),
      expect.objectContaining({ code: 'IMPORT_DUPLICATE_PERSON', path: 'entries.3.candidate.idNumber' }),
    ]);
    expect(duplicatePersonProblems(['P1', 'P2'])).toEqual([]);
  });
});

describe('caps on an import (T-CAP)', () => {
  it('is within the cap up to the free seats, past it by one', () => {
    expect(overCap([2, 2, 2], { 1: 0, 2: 3, 3: 0 })).toEqual([]);
    expect(overCap([2, 2, 2, 2], { 1: 0, 2: 3, 3: 0 })).toEqual([{ tier: 2, entries: 4, free: 3 }]);
    expect(overCap([1, 3, 3], { 1: 0, 2: 5, 3: 1 })).toEqual([{ tier: 1, entries: 1, free: 0 }, { tier: 3, entries: 2, free: 1 }]);
  });

  it('says the tier, the free seats and the entries, in both languages', () => {
    const [p] = overCapProblems([{ tier: 2, entries: 35, free: 34 }]);
    expect(p).toMatchObject({ code: 'IMPORT_OVER_CAP', path: 'entries' });
    expect(p?.zh).toMatch(/第二梯队.*34.*35/);
    expect(p?.en).toMatch(/tier 2 has 34 free seats.*35 entries/);
  });
});

describe('the import id', () => {
  it('is ASCII, stable for one document on one day, and differs by document, date and path', () => {
    const a = importIdOf({ source: 'org-dept-list', on: '2026-11-28', documentNo: '坛组干〔2026〕15号' });
    expect(a).toMatch(/^S-ORGLIST-2026-11-28-[0-9a-f]{16}$/);
    expect(importIdOf({ source: 'org-dept-list', on: '2026-11-28', documentNo: '坛组干〔2026〕15号' })).toBe(a);
    expect(importIdOf({ source: 'org-dept-list', on: '2026-11-28', documentNo: '坛组干〔2026〕16号' })).not.toBe(a);
    expect(importIdOf({ source: 'org-dept-list', on: '2026-11-29', documentNo: '坛组干〔2026〕15号' })).not.toBe(a);
    expect(importIdOf({ source: 'legacy-young-cadre', on: '2026-11-28', documentNo: '坛组干〔2026〕15号' })).toMatch(/^X-LEGACY-/);
  });
});
