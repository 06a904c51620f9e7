import type { Candidate, AdmissionProposal } from '../../../domain/scoring/propose';
import type { Nomination } from '../../../domain/round/nomination';
import type { Round } from '../../../domain/round/round';
import { TIERS, type Tier } from '../../../domain/tier';
import {
  inspectionExclusion, inspectionShortlists, isShortlisted, type InspectionExclusion, type InspectionState,
} from '../../../domain/selection/inspection';

/** The notice's 考察 (round.selection.inspection): how many to inspect per seat, and whether 不合格 bars admission. */
export interface InspectionNotice {
  ratio: number;
  gate: boolean;
}

/**
 * Which ranking this is (S-INSPECT), read from the stored round: no 考察 in the notice → the
 * only pass; 考察 on and the inspection not closed → the preliminary pass (it chooses the
 * 考察对象); closed → the final pass (only the inspected can be proposed).
 */
export type InspectionPass =
  | { kind: 'none' }
  | { kind: 'preliminary'; notice: InspectionNotice }
  | { kind: 'final'; state: InspectionState };

export function inspectionPassOf(round: Pick<Round, 'inspection'>, notice: InspectionNotice | undefined): InspectionPass {
  if (notice === undefined) return { kind: 'none' };
  const state = round.inspection;
  if (state?.closedAt !== undefined) return { kind: 'final', state };
  return { kind: 'preliminary', notice };
}

/**
 * The final pass's exclusions: each candidate the ranking would otherwise consider (eligible,
 * not a sitting or removed member) that is not a 考察对象 with a record, or failed the gate.
 */
export function finalPassExclusions(candidates: readonly Candidate[], state: InspectionState, nominations: ReadonlyMap<string, Nomination>): Map<string, InspectionExclusion> {
  const out = new Map<string, InspectionExclusion>();
  for (const c of candidates) {
    if (!c.eligible || c.inPool !== undefined || c.removedUnder !== undefined) continue;
    const why = inspectionExclusion(c.id, state, nominations.get(c.id)?.inspection);
    if (why !== undefined) out.set(c.id, why);
  }
  return out;
}

/**
 * What the preliminary pass records on the round: per tier the 考察对象 — the top
 * ceil(free seats × ratio) of the preliminary ranking (proposed, then waiting, in order), all
 * tied at the cut included. A retried Rank writes the same list and keeps the first stamp.
 */
export function preliminaryState(
  proposal: AdmissionProposal,
  freeSeats: Readonly<Record<Tier, number>>,
  notice: InspectionNotice,
  previous: InspectionState | undefined,
  now: string,
): InspectionState {
  const ranked = {} as Record<Tier, { id: string; rank: number }[]>;
  for (const t of TIERS) ranked[t] = [...proposal[t].admit, ...proposal[t].waitlist].map((c) => ({ id: c.id, rank: c.rank }));
  const { shortlisted, quota } = inspectionShortlists(ranked, freeSeats, notice.ratio);
  return {
    clause: 'S-INSPECT', ratio: notice.ratio, gate: notice.gate, shortlisted, quota,
    shortlistedAt: previous?.shortlistedAt ?? now,
    ...(previous?.awaitingSince !== undefined ? { awaitingSince: previous.awaitingSince } : {}),
  };
}

/**
 * The inspection component's value for one nomination (source: 'inspection'): the recorded
 * score of a 考察对象 once the inspection is closed; absent before (the preliminary pass ranks
 * on the other components) and for anyone not inspected (the final pass does not propose them).
 */
export function inspectionComponentValue(round: Pick<Round, 'inspection'>, n: Pick<Nomination, 'nominationId' | 'inspection'>): number | undefined {
  const state = round.inspection;
  if (state?.closedAt === undefined || !isShortlisted(state, n.nominationId)) return undefined;
  return n.inspection?.score;
}
