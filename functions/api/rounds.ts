import { json } from '../shared/http';
import type { Round } from '../shared/repository';
import { actorOf, requireRole, seesRoundsWhole } from './auth';
import { OpenRoundBody } from '../../contracts/api';
import { ROUND_ID_PATTERN } from '../../contracts/ids';
import type { ApiDeps } from './deps';
import { pageOf, parseBody, pathParam, type ApiRequest } from './request';
import { openRound as openRoundCase } from '../../app/round/open-round';

/**
 * Selection rounds (S-ROUND). The bureau opens one: the round item, then the round's state
 * machine. Bureau and approver see rounds whole (never the task token); a school sees the
 * public fields only — title, tiers, dates, status — so it knows the deadlines.
 */

const PUBLIC_FIELDS = ['roundId', 'title', 'status', 'tiers', 'referenceDate', 'openedAt', 'intakeClosesAt', 'scoringClosesAt'] as const;
const NEVER_SHOWN = new Set(['taskToken']);

/** The selection steps' states (DESIGN §7) keep their own task tokens: never shown either. */
const STEP_STATES = new Set(['recommendation', 'inspection', 'publicity']);

function withoutToken(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'taskToken'));
}

export function roundView(round: Round, full: boolean): Record<string, unknown> {
  if (!full) return Object.fromEntries(PUBLIC_FIELDS.filter((k) => round[k] !== undefined).map((k) => [k, round[k]]));
  return Object.fromEntries(Object.entries(round).filter(([k]) => !NEVER_SHOWN.has(k)).map(([k, v]) => [k, STEP_STATES.has(k) ? withoutToken(v) : v]));
}

const fullView = (req: ApiRequest) => seesRoundsWhole(req.caller);

export async function openRound(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const body = parseBody(req, OpenRoundBody);
  const round = await openRoundCase(deps, {
    body, by: req.caller.username, actor: actorOf(req.caller), now: req.now, approvalTimeoutSeconds: deps.approvalTimeoutSeconds,
  });
  return json(201, { round: roundView(round, true) }, { location: `/rounds/${round.roundId}` });
}

export async function listRounds(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'approver', 'school');
  const page = await deps.repos.rounds.list(pageOf(req));
  const full = fullView(req);
  return json(200, { rounds: page.items.map((r) => roundView(r, full)), ...(page.cursor ? { cursor: page.cursor } : {}) });
}

export async function getRound(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'approver', 'school');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const round = await deps.repos.rounds.require(roundId);
  return json(200, { round: roundView(round, fullView(req)) });
}
