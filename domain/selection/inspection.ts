import * as z from 'zod';
import { TIERS, type Tier } from '../tier';
import { problem, type Problem } from '../problem';
import { failsGate, type InspectionRecord } from './inspection-record';

/**
 * 考察 (inspection, S-INSPECT; DESIGN §7): after the preliminary ranking the bureau inspects
 * the 考察对象 of each tier, records each inspection, and closes it; the final ranking then
 * proposes only inspected candidates, never one found 不合格 when the notice makes the
 * inspection a gate, and counts the inspection score when it is a component.
 */
export const INSPECTION_RATIO = { min: 1, max: 3, default: 1 } as const;

const PerTierIds = z.object({ 1: z.array(z.string()), 2: z.array(z.string()), 3: z.array(z.string()) });

/** What the round holds of its inspection (`round.inspection`). */
export const InspectionStateSchema = z.object({
  clause: z.literal('S-INSPECT'),
  ratio: z.number(),
  gate: z.boolean(),
  /** The 考察对象 per tier, in the preliminary ranking's order (the preliminary Rank records them). */
  shortlisted: PerTierIds,
  /** Per tier, the number the ratio asks for (ceil(free seats × ratio)); more when a tie straddles the cut. */
  quota: z.object({ 1: z.number(), 2: z.number(), 3: z.number() }),
  shortlistedAt: z.string(),
  /** When AwaitInspection started waiting for the bureau. */
  awaitingSince: z.string().optional(),
  /**
   * Set by the close (POST …/inspections/close) before the waiting step is answered, so the
   * final Rank can never find it missing: its presence makes a Rank the final pass.
   */
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  /** How answering AwaitInspection went: sending → delivered | too-late. */
  closeState: z.enum(['sending', 'delivered', 'too-late']).optional(),
});
export type InspectionState = z.infer<typeof InspectionStateSchema>;

/** A ranked candidate as the preliminary ranking placed it (admit and waitlist, best first). */
export interface PlacedCandidate {
  id: string;
  rank: number;
}

/**
 * How many to inspect in a tier: ceil(free seats × ratio) (差额考察 when ratio > 1). The
 * product is taken with 1e-9 slack downward, so 10 × 1.1 (= 11.000000000000002 in binary)
 * asks for 11, not 12.
 */
export function inspectionQuota(freeSeats: number, ratio: number): number {
  const seats = Math.max(0, Math.trunc(freeSeats));
  return Math.max(0, Math.ceil(seats * ratio - 1e-9));
}

/**
 * The 考察对象 of a tier (S-INSPECT): the first `quota` of the preliminary ranking, and
 * everyone tied at the cut with the last of them. Ties at the cut are all inspected: the
 * ranking's tie-break (first-listed component, then submission time) is fair enough to order
 * a list, but who is inspected should not hang on when a school uploaded its form — the
 * inspection is the very step that tells equal candidates apart. So the list may be longer
 * than the quota, never shorter (unless the tier has fewer ranked candidates).
 */
export function inspectionShortlist(ranked: readonly PlacedCandidate[], quota: number): string[] {
  if (quota <= 0) return [];
  const last = ranked[Math.min(quota, ranked.length) - 1];
  if (last === undefined) return [];
  return ranked.filter((c, i) => i < quota || c.rank === last.rank).map((c) => c.id);
}

/** The 考察对象 of every tier from the preliminary ranking. */
export function inspectionShortlists(
  ranked: Readonly<Record<Tier, readonly PlacedCandidate[]>>,
  freeSeats: Readonly<Record<Tier, number>>,
  ratio: number,
): { shortlisted: Record<Tier, string[]>; quota: Record<Tier, number> } {
  const shortlisted = {} as Record<Tier, string[]>;
  const quota = {} as Record<Tier, number>;
  for (const t of TIERS) {
    quota[t] = inspectionQuota(freeSeats[t], ratio);
    shortlisted[t] = inspectionShortlist(ranked[t], quota[t]);
  }
  return { shortlisted, quota };
}

export function isShortlisted(state: Pick<InspectionState, 'shortlisted'>, id: string): boolean {
  return TIERS.some((t) => state.shortlisted[t].includes(id));
}

/** Why the final pass does not propose a candidate. */
export type InspectionExclusion = 'not-inspected' | 'inspection-failed';

/**
 * The final pass (S-INSPECT): only a 考察对象 with a record can be proposed; with the gate on,
 * one found 不合格 is not. Everyone else is left to the ranking as before.
 */
export function inspectionExclusion(
  id: string,
  state: Pick<InspectionState, 'shortlisted' | 'gate'>,
  record: Pick<InspectionRecord, 'result'> | undefined,
): InspectionExclusion | undefined {
  if (!isShortlisted(state, id) || record === undefined) return 'not-inspected';
  return failsGate(record, state.gate) ? 'inspection-failed' : undefined;
}

/** The words for each exclusion (the shortlist and the nomination show them). */
export const EXCLUSION_WORDS: Readonly<Record<InspectionExclusion, { zh: string; en: string }>> = {
  'not-inspected': { zh: '未列为考察对象，不能提名入库（S-INSPECT）', en: 'not inspected: cannot be proposed (S-INSPECT)' },
  'inspection-failed': { zh: '考察结果为不合格，不能提名入库（S-INSPECT）', en: 'found 不合格 by the inspection: not proposed (S-INSPECT)' },
};

/**
 * Closing the inspection (S-INSPECT): every 考察对象 needs a record first. Those without one,
 * each a problem naming them (path `missing.{i}`).
 */
export function closeProblems(state: Pick<InspectionState, 'shortlisted'>, recorded: ReadonlySet<string>, names: ReadonlyMap<string, string>): Problem[] {
  const missing = TIERS.flatMap((t) => state.shortlisted[t].filter((id) => !recorded.has(id)));
  return missing.map((id, i) => problem('INSPECTION_RECORD_MISSING', `missing.${i}`,
    `考察对象 ${names.get(id) ?? ''}（${id}）尚无考察记录`, `考察对象 ${id} has no inspection record yet`));
}

/**
 * An approver's addition (approve-with-edits) of a candidate the final pass did not propose
 * for the inspection's sake (S-INSPECT): refused, with the reason — only an inspected
 * candidate, and under a gate never one found 不合格, can be admitted.
 */
export function inspectionEditProblems(add: readonly string[], proposedOf: (id: string) => string | undefined, pathOf: (i: number) => string): Problem[] {
  const out: Problem[] = [];
  add.forEach((id, i) => {
    const p = proposedOf(id);
    if (p === 'not-inspected') {
      out.push(problem('EDIT_NOT_INSPECTED', pathOf(i), `${id} 未经考察，不能列入（S-INSPECT）`, `${id} was not inspected and cannot be admitted (S-INSPECT)`));
    } else if (p === 'inspection-failed') {
      out.push(problem('EDIT_INSPECTION_FAILED', pathOf(i), `${id} 考察结果为不合格，不能列入（S-INSPECT）`, `${id} was found 不合格 by the inspection and cannot be admitted (S-INSPECT)`));
    }
  });
  return out;
}
