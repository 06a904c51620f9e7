/**
 * Competition ranking (S-ROUND, and the review's "ranked low" / "top 30%"): equal scores
 * share a rank and the next rank skips (1, 2, 2, 4).
 *
 * The ORDER is total and independent of input order. Within a shared rank:
 *   1. the tie-break vector, compared element by element, higher first (for a round: the
 *      first-listed component's points, then the second's…; see tiebreakOf);
 *   2. earlier submission time first (ISO timestamps compare as strings);
 *      an entry without one goes after those with one;
 *   3. id, ascending by UTF-16 code units (not locale: the same on every machine).
 * Ranks depend on the score only; the tie-break decides order, never rank.
 */
export interface RankEntry {
  id: string;
  score: number;
  tiebreak?: readonly number[];
  submittedAt?: string;
}

export type Ranked<T extends RankEntry> = T & {
  /** Competition rank, 1 = best. */
  rank: number;
  /** 1-based place in the total order. */
  position: number;
};

function compareTiebreak(a: readonly number[] | undefined, b: readonly number[] | undefined): number {
  const x = a ?? [];
  const y = b ?? [];
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    // A missing element counts as −∞: a vector that says more wins over one that says less.
    const p = x[i] ?? Number.NEGATIVE_INFINITY;
    const q = y[i] ?? Number.NEGATIVE_INFINITY;
    if (p !== q) return q > p ? 1 : -1;
  }
  return 0;
}

/** The total order: best first. */
export function compareEntries(a: RankEntry, b: RankEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  const t = compareTiebreak(a.tiebreak, b.tiebreak);
  if (t !== 0) return t;
  if (a.submittedAt !== b.submittedAt) {
    if (a.submittedAt === undefined) return 1;
    if (b.submittedAt === undefined) return -1;
    return a.submittedAt < b.submittedAt ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Rank entries best first. Ids must be unique (the order would not be total otherwise):
 * a duplicate is a programming error upstream and throws.
 */
export function rankCompetition<T extends RankEntry>(entries: readonly T[]): Ranked<T>[] {
  const sorted = [...entries].sort(compareEntries);
  const out: Ranked<T>[] = new Array(sorted.length);
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i] as T;
    const prev = sorted[i - 1];
    if (prev !== undefined && prev.id === e.id) throw new RangeError(`duplicate id in ranking: ${e.id}`);
    if (prev === undefined || prev.score !== e.score) rank = i + 1;
    out[i] = { ...e, rank, position: i + 1 };
  }
  return out;
}

/**
 * Rank counted from the bottom with ties shared: 1 + the number of strictly lower scores.
 * ("ranked low": a member is in the bottom share when b ≤ share × n.)
 */
export function bottomRanks(scores: ReadonlyMap<string, number>): Map<string, number> {
  const values = [...scores.values()].sort((a, b) => a - b);
  const out = new Map<string, number>();
  for (const [id, s] of scores) {
    // Binary search: the count of values strictly below s.
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[mid] as number) < s) lo = mid + 1;
      else hi = mid;
    }
    out.set(id, lo + 1);
  }
  return out;
}

/** r ≤ share × n, with 1e-9 slack so 0.3 × 10 = 3.0000000000000004 still admits rank 3. */
export function withinShare(rank: number, share: number, n: number): boolean {
  return rank <= share * n + 1e-9;
}
