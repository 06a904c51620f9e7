import type { NominationForm } from '../form/schema';
import { problem, type Problem } from '../problem';
import { TIER_NAMES, TIERS, type Tier } from '../tier';

/**
 * Filed lists (S-ORGLIST) and former young cadres (X-LEGACY): imported, not selected
 * (DESIGN §2 *Filed lists*). Each entry enters its tier as filed; these are the pure rules an
 * import is checked by before anything is written. Pure: no I/O, no clock.
 */
export type ImportSource = 'org-dept-list' | 'legacy-young-cadre';

/** The clause each import path rests on. */
export const IMPORT_CLAUSE: Readonly<Record<ImportSource, 'S-ORGLIST' | 'X-LEGACY'>> = {
  'org-dept-list': 'S-ORGLIST',
  'legacy-young-cadre': 'X-LEGACY',
};

/** What the registry says of an entry's unit (undefined: not registered). */
export interface FiledUnit {
  orgDeptManaged: boolean;
}

/**
 * The problems of one parsed entry of an import, at `entries.{i}.…`:
 * - the form's `source` must be the import's (IMPORT_SOURCE_MISMATCH);
 * - X-LEGACY: tier 2 only (IMPORT_LEGACY_TIER);
 * - the unit must be registered (UNIT_UNKNOWN), and for S-ORGLIST be one whose cadres the
 *   District Organization Department manages (IMPORT_UNIT_NOT_ORG_DEPT).
 */
export function filedEntryProblems(source: ImportSource, form: NominationForm, unit: FiledUnit | undefined, index: number): Problem[] {
  const at = (p: string) => `entries.${index}.${p}`;
  const out: Problem[] = [];
  if (form.source !== source) {
    out.push(problem('IMPORT_SOURCE_MISMATCH', at('source'), `第 ${index + 1} 条的来源为 ${form.source}，与本次导入（${source}）不符`,
      `entry ${index + 1} says source ${form.source}, not this import's ${source}`));
  }
  if (source === 'legacy-young-cadre' && form.tier !== 2) {
    out.push(problem('IMPORT_LEGACY_TIER', at('tier'), `原优秀中青年干部只列入第二梯队，第 ${index + 1} 条为${TIER_NAMES[form.tier].zh}（方案六(一)）`,
      `former outstanding young cadres go into tier 2 only; entry ${index + 1} is for tier ${form.tier} (X-LEGACY)`));
  }
  if (unit === undefined) {
    out.push(problem('UNIT_UNKNOWN', at('unit.code'), `单位代码 ${form.unit.code} 未登记`, `unit code ${form.unit.code} is not registered`));
  } else if (source === 'org-dept-list' && !unit.orgDeptManaged) {
    out.push(problem('IMPORT_UNIT_NOT_ORG_DEPT', at('unit.code'),
      `单位 ${form.unit.code} 的干部不由区委组织部管理，不能按组织部备案名单导入（方案三(三)）`,
      `unit ${form.unit.code}'s cadres are not managed by the District Organization Department: not a filed-list unit (S-ORGLIST)`));
  }
  return out;
}

/** The same person twice in one import (by person id): every repeat after the first. */
export function duplicatePersonProblems(personIds: readonly string[]): Problem[] {
  const first = new Map<string, number>();
  const out: Problem[] = [];
  personIds.forEach((id, i) => {
    const j = first.get(id);
    if (j === undefined) first.set(id, i);
    else out.push(problem('IMPORT_DUPLICATE_PERSON', `entries.${i}.candidate.idNumber`, `第 ${i + 1} 条与第 ${j + 1} 条为同一人`, `entry ${i + 1} is the same person as entry ${j + 1}`));
  });
  return out;
}

export interface TierShortfall {
  tier: Tier;
  /** Entries of the import for the tier. */
  entries: number;
  /** Seats of the tier free now. */
  free: number;
}

/** The tiers an import would take past their caps (T-CAP: refused whole), with the counts. */
export function overCap(tiers: readonly Tier[], free: Readonly<Record<Tier, number>>): TierShortfall[] {
  return TIERS.map((tier) => ({ tier, entries: tiers.filter((t) => t === tier).length, free: free[tier] }))
    .filter((s) => s.entries > s.free);
}

/** The problems of an import past a cap, one per tier. */
export function overCapProblems(shortfalls: readonly TierShortfall[]): Problem[] {
  return shortfalls.map((s) => problem('IMPORT_OVER_CAP', 'entries',
    `${TIER_NAMES[s.tier].zh}尚余 ${s.free} 个席位，本次导入 ${s.entries} 人，超出上限（方案三(一)），整批未导入`,
    `tier ${s.tier} has ${s.free} free seats and the import has ${s.entries} entries for it: past the cap (T-CAP), nothing imported`));
}

/** FNV-1a, 32 bits, over UTF-16 code units, from a seed: a short stable digest (not a secret). */
function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The import's id, its members' cohort: the path's clause, the date and a digest of the
 * document number (which is Chinese text: 坛组干〔2026〕15号), so one document filed on one day
 * is one cohort, and the same import posted again is recognised. ASCII, for keys and audit
 * entities: `S-ORGLIST-2026-11-28-3f2a…`.
 */
export function importIdOf(body: { source: ImportSource; on: string; documentNo: string }): string {
  return `${IMPORT_CLAUSE[body.source]}-${body.on}-${fnv1a(body.documentNo, 0x811c9dc5)}${fnv1a(body.documentNo, 0x9747b28c)}`;
}
