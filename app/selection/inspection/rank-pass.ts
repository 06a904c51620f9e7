import type { Candidate, AdmissionProposal } from '../../../domain/scoring/propose';
import type { ScoringModel } from '../../../domain/scoring/model';
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

/** A component the pass leaves out, said on the nomination's scoring. */
export interface LeftOut {
  id: string;
  clause: 'S-INSPECT';
  zh: string;
  en: string;
}

/**
 * The model and the step values one nomination is scored with (S-INSPECT): the inspection
 * component takes the recorded score once the inspection is closed; before (the preliminary
 * pass) and for anyone not inspected it is left out — the composite is then on the other
 * components' weights only, the same for everyone in the pass, so the order is fair — and the
 * scoring says so.
 */
export function inspectionScoring(round: Pick<Round, 'inspection'>, model: ScoringModel, n: Pick<Nomination, 'nominationId' | 'inspection'>):
  { model: ScoringModel; steps: Record<string, number>; leftOut: LeftOut[] } {
  const component = model.components.find((c) => c.source === 'inspection');
  if (component === undefined) return { model, steps: {}, leftOut: [] };
  const value = inspectionComponentValue(round, n);
  if (value !== undefined) return { model, steps: { [component.id]: value }, leftOut: [] };
  const closed = round.inspection?.closedAt !== undefined;
  return {
    model: { ...model, components: model.components.filter((c) => c.id !== component.id) },
    steps: {},
    leftOut: [{
      id: component.id, clause: 'S-INSPECT',
      zh: closed ? `未经考察：评分项“${component.name.zh}”不计，不能提名入库` : `考察前的初步排名：评分项“${component.name.zh}”尚无结果，暂按其余评分项排名`,
      en: closed ? `not inspected: "${component.name.en}" is left out, and the candidate cannot be proposed` : `preliminary ranking before the inspection: "${component.name.en}" has no value yet, ranked on the other components`,
    }],
  };
}
