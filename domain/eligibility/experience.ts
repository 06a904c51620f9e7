import { completedYears, dayNumber, type IsoDate } from '../dates';
import type { PostKind } from '../policy/schema';

/**
 * Years of experience in some post kinds on a reference date (DESIGN §2 "Experience").
 *
 * - The dated periods of those kinds, each clipped at `asOf` (`to: null` = still in post);
 *   a period starting after `asOf` does not count.
 * - Overlapping periods count once: they are merged. A period that starts on the day another
 *   ends, or the day after, continues it — HR writes "to 2018-08-31, from 2018-09-01" for
 *   unbroken service, and that must not become a break.
 * - ONE unbroken (merged) period counts like an age: its anniversary completes a year
 *   (2024-04-01 → 2026-04-01 is 2; 2024-04-02 → 2026-04-01 is 1).
 * - Separate periods add up by days (to − from), `daysPerYear` to the year, rounded down.
 */

export interface DatedPeriod {
  kind: PostKind;
  from: IsoDate;
  to: IsoDate | null;
}

export interface ExperienceDetail {
  years: number;
  /** Total days over the merged periods (to − from). */
  days: number;
  /** The merged periods, oldest first, clipped at asOf. */
  periods: { from: IsoDate; to: IsoDate }[];
}

interface Span {
  from: IsoDate;
  to: IsoDate;
  a: number;
  b: number;
}

export function experienceDetail(
  posts: readonly DatedPeriod[],
  kinds: readonly PostKind[],
  asOf: IsoDate,
  daysPerYear: number,
): ExperienceDetail {
  const spans: Span[] = [];
  for (const p of posts) {
    if (!kinds.includes(p.kind) || p.from > asOf) continue;
    const to = p.to === null || p.to > asOf ? asOf : p.to;
    if (to < p.from) continue;
    spans.push({ from: p.from, to, a: dayNumber(p.from), b: dayNumber(to) });
  }
  if (spans.length === 0) return { years: 0, days: 0, periods: [] };
  spans.sort((x, y) => x.a - y.a || x.b - y.b);

  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.a <= last.b + 1) {
      if (s.b > last.b) {
        last.b = s.b;
        last.to = s.to;
      }
    } else {
      merged.push({ ...s });
    }
  }
  let days = 0;
  for (const m of merged) days += m.b - m.a;
  const only = merged.length === 1 ? merged[0] : undefined;
  const years = only ? completedYears(only.from, only.to) : Math.floor(days / daysPerYear);
  return { years, days, periods: merged.map((m) => ({ from: m.from, to: m.to })) };
}

/** Completed years of experience in `kinds` on `asOf` (see experienceDetail). */
export function experienceYears(
  posts: readonly DatedPeriod[],
  kinds: readonly PostKind[],
  asOf: IsoDate,
  daysPerYear: number,
): number {
  return experienceDetail(posts, kinds, asOf, daysPerYear).years;
}
