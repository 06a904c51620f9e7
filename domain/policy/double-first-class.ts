import list from './double-first-class-2022.json' with { type: 'json' };

/**
 * The Double First-Class (双一流) universities for E-T3 route (a).
 *
 * Source: the second-round list announced by the Ministry of Education on 2022-02-11
 * (moe.gov.cn srcsite/A22/s7065/202202/t20220211_598710, 147 institutions), as compiled in
 * the MIT-licensed rqi14/almamater-db (data/shuangyiliu_round2.json); copied from
 * shared/data/shuangyiliu-round2-2022.json (see its README). Government administrative data.
 *
 * Names match after normalisation (spaces dropped, half-width brackets → full-width, as the
 * list writes 中国石油大学（华东）). Known renames are added as aliases of the listed name;
 * branch campuses (e.g. 哈尔滨工业大学（威海）) are not on the list and are not guessed on:
 * "or equivalent" (或相当) is for the bureau to decide, by passing its own `universities`.
 */

export const DOUBLE_FIRST_CLASS_SOURCE = {
  round: list.round,
  announcedYear: list.announced_year,
  sourceUrl: list.source_url,
  normalizedAt: list.normalized_at,
  count: list.schools.length,
} as const;

/** Renamed since the 2022 list: new name → listed name. */
const RENAMED: Record<string, string> = {
  上海体育大学: '上海体育学院', // renamed 2023
};

export function normaliseInstitution(name: string): string {
  return name.replace(/[\s\u3000]/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

function build(): ReadonlySet<string> {
  const set = new Set<string>();
  for (const s of list.schools) set.add(normaliseInstitution(s.name));
  for (const [now, listed] of Object.entries(RENAMED)) if (set.has(listed)) set.add(normaliseInstitution(now));
  return set;
}

/** Normalised names of the listed institutions (and their known renames). */
export const DOUBLE_FIRST_CLASS: ReadonlySet<string> = build();

/** Whether an institution as written on a form is on the given list (default: the 2022 list). */
export function isDoubleFirstClass(institution: string, universities: ReadonlySet<string> = DOUBLE_FIRST_CLASS): boolean {
  return universities.has(institution) || universities.has(normaliseInstitution(institution));
}

/** A bureau's own list ("或相当" equivalents added) in the form `universities` expects. */
export function universitySet(names: Iterable<string>): ReadonlySet<string> {
  const set = new Set<string>();
  for (const n of names) set.add(normaliseInstitution(n));
  return set;
}
