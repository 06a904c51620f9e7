import { completedYears, type IsoDate } from '../dates';
import type { HonourRung, Policy } from './schema';

/**
 * The honour ladder lookups (DESIGN §2 "Honour ladder"; the ladder itself is policy data).
 * A title is matched as written, after dropping spaces and quotation marks a school office
 * adds (“常州市骨干教师”, 《…》); aliases are the ladder's own. A title the ladder does not
 * know is never guessed at: it ranks `undefined` and the verdict reports it.
 */

interface Rung {
  title: string;
  rank: number;
}

const indexes = new WeakMap<Policy, Map<string, Rung>>();

/** Spaces (half- and full-width) and quotation marks around or inside a title. */
export function normaliseTitle(title: string): string {
  return title.replace(/[\s\u3000"'“”‘’「」『』《》〈〉]/g, '');
}

function index(policy: Policy): Map<string, Rung> {
  let map = indexes.get(policy);
  if (!map) {
    map = new Map();
    for (const r of policy.honourLadder as HonourRung[]) {
      const rung = { title: r.title, rank: r.rank };
      map.set(normaliseTitle(r.title), rung);
      for (const a of r.aliases) map.set(normaliseTitle(a), rung);
    }
    indexes.set(policy, map);
  }
  return map;
}

/** The ladder rung of a title (alias-aware), or undefined for a title the ladder lacks. */
export function honourRung(title: string, policy: Policy): Rung | undefined {
  const map = index(policy);
  return map.get(title) ?? map.get(normaliseTitle(title));
}

/** The rank of a title on the policy's ladder; unknown → undefined (never guessed). */
export function honourRank(title: string, policy: Policy): number | undefined {
  return honourRung(title, policy)?.rank;
}

export type HonourStanding = 'counts' | 'not-yet-awarded' | 'expired';

/**
 * Whether a title awarded on `awarded` counts on `asOf`: awarded on or before it, and, when
 * the policy sets a term of validity of n years, fewer than n completed years before it (on
 * the n-th anniversary it has lapsed). DESIGN §2: no term by default.
 */
export function honourStanding(awarded: IsoDate, asOf: IsoDate, policy: Pick<Policy, 'honourValidityYears'>): HonourStanding {
  if (awarded > asOf) return 'not-yet-awarded';
  const n = policy.honourValidityYears;
  if (n !== null && completedYears(awarded, asOf) >= n) return 'expired';
  return 'counts';
}

export interface HonourCheck {
  ok: boolean;
  /** The lowest rank that meets the rule ("X or above" includes X); undefined = policy names an unknown title. */
  requiredRank: number | undefined;
  /** The best title that counts on the reference date. */
  best?: { title: string; rank: number; awarded: IsoDate };
  /** Titles the ladder does not know (kept as written, not counted). */
  unknown: string[];
  notYetAwarded: string[];
  expired: string[];
}

/**
 * Does a candidate hold a title at or above any one of `minTitles` on `asOf`?
 * (E-T1: 常州市骨干教师 及以上; E-T2: 金坛区骨干教师 或 常州市教学能手 及以上.)
 */
export function meetsHonour(
  honours: readonly { title: string; awarded: IsoDate }[],
  minTitles: readonly string[],
  asOf: IsoDate,
  policy: Policy,
): HonourCheck {
  let requiredRank: number | undefined;
  for (const t of minTitles) {
    const r = honourRank(t, policy);
    if (r === undefined) {
      requiredRank = undefined;
      break;
    }
    requiredRank = requiredRank === undefined ? r : Math.min(requiredRank, r);
  }
  const check: HonourCheck = { ok: false, requiredRank, unknown: [], notYetAwarded: [], expired: [] };
  for (const h of honours) {
    const rung = honourRung(h.title, policy);
    if (!rung) {
      check.unknown.push(h.title);
      continue;
    }
    const standing = honourStanding(h.awarded, asOf, policy);
    if (standing === 'not-yet-awarded') check.notYetAwarded.push(h.title);
    else if (standing === 'expired') check.expired.push(h.title);
    else if (!check.best || rung.rank > check.best.rank) check.best = { title: rung.title, rank: rung.rank, awarded: h.awarded };
  }
  check.ok = requiredRank !== undefined && check.best !== undefined && check.best.rank >= requiredRank;
  return check;
}
