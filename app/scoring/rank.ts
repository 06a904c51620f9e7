import type { Member } from '../../domain/membership/member';
import { policyRef } from '../../domain/policy/schema';
import { proposeAdmissions, type RankedCandidate } from '../../domain/scoring/propose';
import { freeSeats } from '../../domain/scoring/seats';
import { TIERS, type Tier } from '../../domain/tier';
import { roundCandidates } from '../../domain/round/candidates';
import type { RankInput } from '../../contracts/tasks/scoring';
import { isEligible, type NominationPlace } from '../../domain/round/nomination';
import { poolSnapshot } from './pool-snapshot';
import { allNominations, inChunks } from '../round/nominations';
import type { Shortlist, TierShortlist } from '../../domain/round/round';
import type { UseCaseContext } from '../ports';
import { openTiers } from '../../domain/round/round';
import { movableFrom } from '../../domain/round/lifecycle';
import type { InspectionExclusion } from '../../domain/selection/inspection';
import { finalPassExclusions, inspectionPassOf, preliminaryState } from '../selection/inspection/rank-pass';
import { belowRecommendationThreshold } from '../../domain/selection/recommendation-bar';

export interface RankResult {
  status: 'ranked';
  ranked: number;
  incomplete: number;
  ineligible: number;
  proposed: Record<Tier, number>;
  freeSeats: Record<Tier, number>;
}

/**
 * Rank each tier's scored, eligible nominations (competition ranking, stated tie-break),
 * propose admissions within the free seats (T-CAP) and persist the shortlist: a place on
 * each nomination, a summary on the round, status `ranked`. Re-running writes the same
 * shortlist (the ranking is a total order; rankedAt is kept from the first run).
 */
export async function rank(deps: UseCaseContext, input: RankInput): Promise<RankResult> {
  const { rounds, nominations } = deps.repos;
  const round = await rounds.require(input.roundId);
  // Fail early with the state conflict rather than after the work.
  await rounds.update(input.roundId, { status: round.status === 'ranked' ? 'ranked' : 'scoring' }, movableFrom('rank'));

  const pool = await poolSnapshot(deps.repos);
  const all = await allNominations(nominations, input.roundId);
  // Only eligible candidates outside the pool can be ranked: only they need their history read.
  const outside = all.filter((n) => isEligible(n) && n.personId !== undefined && !pool.members.has(n.personId)).flatMap((n) => (n.personId === undefined ? [] : [n.personId]));
  const { candidates: everyone, incomplete } = roundCandidates(all, pool.members, await removedPersons(deps, outside));
  // S-RECOMMEND: below the notice's 民主推荐 threshold a candidate is not ranked.
  const below = belowRecommendationThreshold(everyone, new Map(all.map((n) => [n.nominationId, n.recommendation])), round.selection?.recommendation?.threshold);
  const candidates = everyone.filter((c) => !below.has(c.id));
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const { active } = pool;
  const free = freeSeats(deps.policy, active);
  // S-ROUND: only the tiers the round opened are ranked (intake already refuses the others).
  const open = openTiers(round);
  // 考察 (S-INSPECT): the final pass proposes only the inspected, never a 不合格 under a gate.
  const pass = inspectionPassOf(round, round.selection?.inspection);
  const excluded = pass.kind === 'final' ? finalPassExclusions(candidates, pass.state, new Map(all.map((n) => [n.nominationId, n]))) : new Map<string, InspectionExclusion>();
  const proposal = proposeAdmissions({ candidates: candidates.filter((c) => !excluded.has(c.id)), freeSeats: free, openTiers: open });

  const places: { id: string; place: NominationPlace }[] = [];
  const tiers = {} as Record<Tier, TierShortlist>;
  const unranked = (id: string, proposed: NominationPlace['proposed']) => places.push({ id, place: { proposed, rank: null, position: null } });
  for (const tier of TIERS) {
    const p = proposal[tier];
    const placed = (c: RankedCandidate, proposed: NominationPlace['proposed']) =>
      places.push({ id: c.id, place: { proposed, rank: c.rank, position: c.position } });
    p.admit.forEach((c) => placed(c, 'admit'));
    p.waitlist.forEach((c) => placed(c, 'waitlist'));
    // One person, one tier: proposed in a higher tier (or by a better-placed nomination).
    p.admittedElsewhere.forEach((id) => unranked(id, 'admitted-elsewhere'));
    p.ineligible.forEach((id) => unranked(id, 'ineligible'));
    const inTier = (ids: Iterable<string>) => [...ids].filter((id) => byId.get(id)?.tier === tier);
    const notInspected = inTier([...excluded].filter(([, why]) => why === 'not-inspected').map(([id]) => id));
    const failed = inTier([...excluded].filter(([, why]) => why === 'inspection-failed').map(([id]) => id));
    notInspected.forEach((id) => unranked(id, 'not-inspected'));
    failed.forEach((id) => unranked(id, 'inspection-failed'));
    p.removed.forEach((id) => {
      const clause = byId.get(id)?.removedUnder ?? 'M-TERM';
      places.push({ id, place: { proposed: 'removed', rank: null, position: null, removed: { clause } } });
    });
    p.inPool.forEach((id) => {
      const seatTier = byId.get(id)?.inPool ?? tier;
      places.push({ id, place: { proposed: 'in-pool', rank: null, position: null, inPool: { clause: 'T-CAP', tier: seatTier } } });
    });
    // A tier the round did not open: every nomination of it, scored or not, is tier-not-open.
    const isOpen = open.includes(tier);
    p.tierNotOpen.forEach((id) => unranked(id, 'tier-not-open'));
    const held = everyone.filter((c) => c.tier === tier && below.has(c.id));
    held.forEach((c) => unranked(c.id, 'below-threshold'));
    const inc = incomplete.filter((i) => i.tier === tier);
    inc.forEach((i) => unranked(i.id, isOpen ? 'incomplete' : 'tier-not-open'));
    tiers[tier] = {
      clause: 'S-ROUND',
      freeSeats: p.freeSeats,
      admitIds: p.admit.map((c) => c.id),
      admit: p.admit.length,
      waitlist: p.waitlist.length,
      ineligible: p.ineligible.length,
      incomplete: isOpen ? inc.length : 0,
      admittedElsewhere: p.admittedElsewhere.length,
      inPool: p.inPool.length,
      removed: p.removed.length,
      ...(pass.kind === 'final' ? { notInspected: notInspected.length, inspectionFailed: failed.length } : {}),
      ...(isOpen ? {} : { tierNotOpen: p.tierNotOpen.length + inc.length }),
      ...(held.length > 0 ? { belowThreshold: held.length } : {}),
      ...(p.cutoffTie ? { cutoffTie: p.cutoffTie } : {}),
    };
  }
  await inChunks(places, 10, ({ id, place }) => nominations.update(input.roundId, id, { ...place }));

  const previous = round.shortlist;
  const shortlist: Shortlist = {
    rankedAt: previous?.rankedAt ?? deps.now().toISOString(),
    policyRef: policyRef(deps.policy),
    active,
    freeSeats: free,
    tiers,
  };
  // The preliminary pass chooses the 考察对象 (S-INSPECT), kept on the round with the shortlist.
  const inspection = pass.kind === 'preliminary' ? preliminaryState(proposal, free, pass.notice, round.inspection, shortlist.rankedAt) : undefined;
  await rounds.update(input.roundId, { status: 'ranked', shortlist, ...(inspection ? { inspection } : {}) }, movableFrom('rank'));
  await deps.audit.append({
    entity: `round/${input.roundId}`,
    action: 'round.ranked',
    actor: 'system:round',
    clause: 'S-ROUND',
    at: shortlist.rankedAt,
    idempotencyKey: `${input.roundId}#ranked`,
    details: { freeSeats: free, proposed: { 1: tiers[1].admit, 2: tiers[2].admit, 3: tiers[3].admit } },
  });
  const result: RankResult = {
    status: 'ranked',
    ranked: candidates.filter((c) => c.eligible && c.inPool === undefined && c.removedUnder === undefined && open.includes(c.tier) && !excluded.has(c.id)).length,
    incomplete: incomplete.length,
    ineligible: candidates.filter((c) => !c.eligible).length,
    proposed: { 1: tiers[1].admit, 2: tiers[2].admit, 3: tiers[3].admit },
    freeSeats: free,
  };
  deps.logger.info('round ranked', { roundId: input.roundId, ...result });
  return result;
}

/**
 * Persons of this round removed from the pool earlier (不再列入后备人才培养对象): the reducer
 * would refuse their admission, so they take no proposed seat. One read per person not in
 * the pool, ten at a time.
 */
async function removedPersons(deps: UseCaseContext, personIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await inChunks([...new Set(personIds)], 10, async (personId) => {
    const m = (await deps.repos.members.get<Member>(personId))?.state;
    if (m?.status === 'removed') out.set(personId, m.exit?.clause ?? 'M-TERM');
  });
  return out;
}
