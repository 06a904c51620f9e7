import type { Problem } from '../../domain/problem';
import { TIERS, TIER_NAMES, type Tier } from '../../domain/tier';
import { Conflict, ValidationError } from '../../app/errors';
import { json } from '../shared/http';
import { admissionList, type Admit, type RoundDecision } from '../../domain/round/admission-list';
import { openTiers, type Nomination, type Round } from '../shared/repository';
import { actorOf, requireRole } from './auth';
import { DecisionBody } from '../../contracts/api';
import { claimDecision, releaseDecision, settleDecision, type StoredDecision } from './decision-store';
import type { ApiDeps } from './deps';
import { occupancy } from './occupancy';
import { parseBody, pathParam, type ApiRequest } from './request';
import { ROUND_ID_PATTERN } from '../../contracts/ids';
import { isTooLate, sendTaskSuccess, tooLate } from './sfn';
import { eligibleOf, proposalOf, scoreOf } from './views';
import { cutoffTieOf } from '../../domain/round/cut-line';

/** The ranked shortlist (S-ROUND, T-CAP) and the organisation department's decision on it. */

async function allNominations(deps: ApiDeps, roundId: string): Promise<Nomination[]> {
  const out: Nomination[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.repos.nominations.listByRound(roundId, { limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

type Ranked = Nomination & { rank: number; position: number };
const ranked = (n: Nomination): n is Ranked => typeof n.rank === 'number' && typeof n.position === 'number';

/** What Rank stored on the round for the tier (domain/round/round.ts, Shortlist). */
function storedTier(round: Round, tier: Tier) {
  return round.shortlist?.tiers[tier];
}


function tierShortlist(round: Round, tier: Tier, noms: Nomination[], live: { cap: number; free: number }) {
  const inTier = noms.filter((n) => n.status === 'accepted' && n.tier === tier);
  const list = inTier.filter(ranked).sort((a, b) => a.position - b.position).map((n) => ({
    nominationId: n.nominationId,
    rank: n.rank,
    position: n.position,
    name: n.candidateName,
    unit: n.unitCode,
    score: scoreOf(n),
    proposed: proposalOf(n) ?? 'waitlist',
  }));
  const stored = storedTier(round, tier);
  const cutoffTie = stored?.cutoffTie ?? cutoffTieOf(list);
  const ineligible = inTier.filter((n) => eligibleOf(n) === false).length;
  const unrankedFor = (p: string) => inTier.filter((n) => proposalOf(n) === p);
  const placedElsewhere = new Set(['admitted-elsewhere', 'in-pool', 'removed']);
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
    },
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
  return json(200, {
    roundId,
    status: round.status,
    ...(typeof rankedAt === 'string' ? { rankedAt } : {}),
    tiers: tiers.map((t) => tierShortlist(round, t, noms, seats[t])),
    rejected: noms.filter((n) => n.status === 'rejected').length,
    ...(decision ? { decision } : {}),
  });
}

/**
 * approve-with-edits: the admission list exactly as AdmitBatch will draw it up
 * (round-steps/admission-list.ts: the shortlist's proposals, the edits, checkAdmissions
 * against the free seats of the shortlist), so what the API accepts is what gets admitted.
 * Problem paths point into the request: edits.remove.i, edits.add.j.
 */
function editedAdmissions(round: Round, noms: Nomination[], decision: RoundDecision): Admit[] {
  const shortlist = round.shortlist;
  if (!shortlist) {
    throw new Conflict('ROUND_NOT_RANKED', '遴选批次尚无排名名单', 'the round has no shortlist', { clause: 'S-ROUND' });
  }
  const result = admissionList(shortlist, decision, noms, openTiers(round));
  if (result.ok) return result.value;
  const remove = decision.edits?.remove ?? [];
  const kept = TIERS.flatMap((t) => shortlist.tiers[t].admitIds).filter((id) => !remove.includes(id)).length;
  const problems: Problem[] = result.problems.map((p) => {
    if (p.path.startsWith('decision.')) return { ...p, path: p.path.slice('decision.'.length) };
    const m = /^admit\.(\d+)$/.exec(p.path);
    const i = m ? Number(m[1]) : -1;
    return i >= kept ? { ...p, path: `edits.add.${i - kept}` } : p;
  });
  throw new ValidationError(problems, '修改后的名单不符合方案规定', 'the edited list breaks the plan\'s rules');
}

export async function postDecision(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'approver');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const body = parseBody(req, DecisionBody);
  const round = await deps.repos.rounds.require(roundId);
  const token = typeof round.taskToken === 'string' && round.taskToken !== '' ? round.taskToken : undefined;
  if (round.decision !== undefined) {
    throw new Conflict('DECISION_EXISTS', '该批次已有审批决定', 'this round already has a decision', { clause: 'S-ROUND' });
  }
  if (round.status !== 'awaiting-decision' || token === undefined) {
    throw new Conflict('ROUND_NOT_AWAITING_DECISION', `遴选批次当前状态为 ${round.status}，不在等待审批`,
      `round is ${round.status}: not awaiting a decision`, { clause: 'S-ROUND' });
  }

  const at = req.now.toISOString();
  let admit: Admit[] | undefined;
  if (body.decision === 'approve-with-edits' && body.edits) {
    admit = editedAdmissions(round, await allNominations(deps, roundId), { decision: body.decision, edits: body.edits, by: req.caller.username, at });
  }
  const stored: StoredDecision = {
    decision: body.decision,
    ...(body.edits ? { edits: body.edits } : {}),
    ...(admit ? { admit } : {}),
    ...(body.note !== undefined ? { note: body.note } : {}),
    by: req.caller.username,
    at,
    state: 'sending',
  };
  await claimDecision(deps, roundId, token, stored);

  // What the state machine's `Decision?` Choice reads as $.decision.decision.
  const { state: _state, ...output } = stored;
  try {
    await sendTaskSuccess(deps.sfn, token, output);
  } catch (e) {
    if (isTooLate(e) || (e instanceof Conflict && e.code === 'DECISION_TOO_LATE')) {
      await settleDecision(deps, roundId, at, 'too-late', at);
      await audit(deps, req, roundId, { ...output, delivered: false, error: 'DECISION_TOO_LATE' });
      throw tooLate(e);
    }
    await releaseDecision(deps, roundId, at);
    throw e;
  }
  await settleDecision(deps, roundId, at, 'delivered', at);
  await audit(deps, req, roundId, { ...output, delivered: true });
  return json(200, { roundId, decision: { ...output, state: 'delivered' } });
}

function audit(deps: ApiDeps, req: ApiRequest, roundId: string, details: Record<string, unknown>) {
  return deps.audit.append({
    entity: `round/${roundId}`,
    action: `round.decision.${String(details.decision)}`,
    actor: actorOf(req.caller),
    clause: 'S-ROUND',
    details,
  });
}
