import { TIER_NAMES, type Tier } from '../../domain/tier';
import { answer } from '../shared/answer';
import { openTiers, type Nomination, type Round } from '../shared/repository';
import { actorOf, requireRole } from './auth';
import { DecisionBody } from '../../contracts/api';
import { decide } from '../../app/round/decide';
import { allOf } from '../../app/pages';
import type { ApiDeps } from './deps';
import { occupancy } from './occupancy';
import { parseBody, pathParam, type ApiRequest } from './request';
import { ROUND_ID_PATTERN } from '../../contracts/ids';
import { eligibleOf, proposalOf, scoreOf, verdictView } from './views';
import { parseNominationForm } from '../../domain/form/parse';
import { formSummary } from '../../domain/form/summary';
import type { Policy } from '../../domain/policy/schema';
import { cutoffTieOf } from '../../domain/round/cut-line';

/** The ranked shortlist (S-ROUND, T-CAP) and the organisation department's decision on it. */

function allNominations(deps: ApiDeps, roundId: string): Promise<Nomination[]> {
  return allOf((page) => deps.repos.nominations.listByRound(roundId, page));
}

type Ranked = Nomination & { rank: number; position: number };
const ranked = (n: Nomination): n is Ranked => typeof n.rank === 'number' && typeof n.position === 'number';

/** What Rank stored on the round for the tier (domain/round/round.ts, Shortlist). */
function storedTier(round: Round, tier: Tier) {
  return round.shortlist?.tiers[tier];
}


/**
 * What the approver approves (issue #11): who the candidate is (the form's summary, never the
 * ID number or the birth date), the verdict with every reason and its clause, the score and
 * its components.
 */
function candidateDetail(n: Nomination, policy: Policy) {
  const form = parseNominationForm(n.form);
  const scoring = n.scoring;
  return {
    ...(form.ok ? { candidate: formSummary(form.value, policy) } : {}),
    ...(n.verdict ? { verdict: verdictView(n.verdict) } : {}),
    ...(scoring?.status === 'scored'
      ? { scoring: { clause: scoring.clause, score: scoring.score, components: scoring.components.map((c) => ({ id: c.id, source: c.source, value: c.value, normalised: c.normalised, points: c.points })) } }
      : {}),
    // 考察 (S-INSPECT): what the approver weighs besides the score.
    ...(n.inspection ? { inspection: inspectionView(n.inspection) } : {}),
  };
}

function inspectionView(r: NonNullable<Nomination['inspection']>) {
  return {
    clause: r.clause, team: r.team, from: r.from, to: r.to, talks: r.talks, conclusion: r.conclusion,
    ...(r.result !== undefined ? { result: r.result } : {}), ...(r.score !== undefined ? { score: r.score } : {}),
  };
}

function tierShortlist(round: Round, tier: Tier, noms: Nomination[], live: { cap: number; free: number }, policy: Policy) {
  const inTier = noms.filter((n) => n.status === 'accepted' && n.tier === tier);
  const list = inTier.filter(ranked).sort((a, b) => a.position - b.position).map((n) => ({
    nominationId: n.nominationId,
    rank: n.rank,
    position: n.position,
    name: n.candidateName,
    unit: n.unitCode,
    score: scoreOf(n),
    proposed: proposalOf(n) ?? 'waitlist',
    ...candidateDetail(n, policy),
  }));
  const stored = storedTier(round, tier);
  const cutoffTie = stored?.cutoffTie ?? cutoffTieOf(list);
  const ineligible = inTier.filter((n) => eligibleOf(n) === false).length;
  const unrankedFor = (p: string) => inTier.filter((n) => proposalOf(n) === p);
  const placedElsewhere = new Set(['admitted-elsewhere', 'in-pool', 'removed', 'not-inspected', 'inspection-failed', 'below-threshold']);
  const incomplete = inTier.filter((n) => eligibleOf(n) === true && !ranked(n) && !placedElsewhere.has(proposalOf(n) ?? '')).length;
  return {
    tier,
    name: TIER_NAMES[tier],
    cap: live.cap,
    /** The free seats the proposal was drawn up with (at ranking), and now. */
    freeSeats: stored?.freeSeats ?? live.free,
    freeSeatsNow: live.free,
    ranked: list,
    ...(cutoffTie ? { cutoffTie } : {}),
    counts: {
      accepted: inTier.length,
      ranked: list.length,
      proposed: list.filter((x) => x.proposed === 'admit').length,
      waitlisted: list.filter((x) => x.proposed === 'waitlist').length,
      ineligible,
      incomplete,
      admittedElsewhere: unrankedFor('admitted-elsewhere').length,
      inPool: unrankedFor('in-pool').length,
      removed: unrankedFor('removed').length,
      notInspected: unrankedFor('not-inspected').length,
      inspectionFailed: unrankedFor('inspection-failed').length,
      belowThreshold: unrankedFor('below-threshold').length,
    },
    // 考察 (S-INSPECT), the final pass: a 考察对象 found 不合格 is named with the record, so the approver sees why.
    inspectionFailed: unrankedFor('inspection-failed').map((n) => ({ nominationId: n.nominationId, name: n.candidateName, unit: n.unitCode, ...candidateDetail(n, policy) })),
    // Held back by the notice's 民主推荐 threshold (S-RECOMMEND): named, with their share, so the approver sees why.
    belowThreshold: unrankedFor('below-threshold').map((n) => ({ nominationId: n.nominationId, name: n.candidateName, unit: n.unitCode, clause: 'S-RECOMMEND' as const, share: n.recommendation?.share ?? null })),
    removed: unrankedFor('removed').map((n) => ({ nominationId: n.nominationId, name: n.candidateName, unit: n.unitCode, removed: n.removed })),
    // Sitting members nominated again: named, so the approver knows why they are not ranked.
    inPool: unrankedFor('in-pool').map((n) => ({ nominationId: n.nominationId, name: n.candidateName, unit: n.unitCode, inPool: n.inPool })),
  };
}

export async function getShortlist(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'approver');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const round = await deps.repos.rounds.require(roundId);
  const [noms, seats] = await Promise.all([allNominations(deps, roundId), occupancy(deps)]);
  const tiers = openTiers(round);
  const decision = round.decision;
  const rankedAt = round.shortlist?.rankedAt;
  return answer('GET /rounds/{roundId}/shortlist', 200, {
    roundId,
    status: round.status,
    ...(typeof rankedAt === 'string' ? { rankedAt } : {}),
    tiers: tiers.map((t) => tierShortlist(round, t, noms, seats[t], deps.policy)),
    rejected: noms.filter((n) => n.status === 'rejected').length,
    ...(decision ? { decision } : {}),
  });
}

export async function postDecision(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'approver');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const body = parseBody(req, DecisionBody);
  const decision = await decide(deps, { roundId, body, by: req.caller.username, actor: actorOf(req.caller), at: req.now.toISOString() });
  return answer('POST /rounds/{roundId}/decision', 200, { roundId, decision });
}
