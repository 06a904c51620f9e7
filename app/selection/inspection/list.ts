import { TIER_NAMES, TIERS, type Tier } from '../../../domain/tier';
import type { Nomination } from '../../../domain/round/nomination';
import type { InspectionRecord, InspectionRules } from '../../../domain/selection/inspection-record';
import type { InspectionState } from '../../../domain/selection/inspection';
import { openTiers } from '../../../domain/round/round';
import { allOf } from '../../pages';
import type { UseCaseContext } from '../../ports';
import { inspectionRules } from './rules';

export interface InspectionCandidate {
  nominationId: string;
  name?: string;
  unit: string;
  /** The place and score as ranked (the preliminary pass while inspecting, the final after). */
  rank: number | null;
  score: number | null;
  proposed?: string;
  record?: InspectionRecord;
}

export interface InspectionView {
  roundId: string;
  status: string;
  /** null before the preliminary ranking chose the 考察对象 (or when the notice has no 考察). */
  inspection: Omit<InspectionState, 'shortlisted'> | null;
  rules: InspectionRules | null;
  tiers: { tier: Tier; name: { zh: string; en: string }; quota: number; candidates: InspectionCandidate[] }[];
  counts: { shortlisted: number; recorded: number; missing: number };
}

/** The round's 考察对象 by tier, each with their record (S-INSPECT). */
export async function listInspections(ctx: UseCaseContext, roundId: string): Promise<InspectionView> {
  const round = await ctx.repos.rounds.require(roundId);
  const state = round.inspection;
  if (state === undefined) {
    return { roundId, status: round.status, inspection: null, rules: null, tiers: [], counts: { shortlisted: 0, recorded: 0, missing: 0 } };
  }
  const noms = await allOf((page) => ctx.repos.nominations.listByRound(roundId, page));
  const byId = new Map<string, Nomination>(noms.map((n) => [n.nominationId, n]));
  const { shortlisted, ...rest } = state;
  const open = openTiers(round);
  const tiers = TIERS.filter((t) => open.includes(t)).map((tier) => ({
    tier,
    name: TIER_NAMES[tier],
    quota: state.quota[tier],
    candidates: shortlisted[tier].map((id): InspectionCandidate => {
      const n = byId.get(id);
      return {
        nominationId: id,
        ...(n?.candidateName !== undefined ? { name: n.candidateName } : {}),
        unit: n?.unitCode ?? '',
        rank: typeof n?.rank === 'number' ? n.rank : null,
        score: typeof n?.score === 'number' ? n.score : null,
        ...(n?.proposed !== undefined ? { proposed: n.proposed } : {}),
        ...(n?.inspection !== undefined ? { record: n.inspection } : {}),
      };
    }),
  }));
  const all = tiers.flatMap((t) => t.candidates);
  const recorded = all.filter((c) => c.record !== undefined).length;
  return {
    roundId, status: round.status, inspection: rest, rules: inspectionRules(round, state), tiers,
    counts: { shortlisted: all.length, recorded, missing: all.length - recorded },
  };
}
