import { answer } from '../shared/answer';
import type { AnswerBody } from '../../contracts/views';
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

type RoundShown = AnswerBody<'GET /rounds/{roundId}'>['round'];
type ScoringModelShown = NonNullable<RoundShown['scoringModel']>;

/**
 * Never shown: the task tokens that answer the state machine — the round's own (AwaitDecision)
 * and the one the 公示 step keeps (AwaitObjections; the other steps' states keep none).
 */
export function roundView(round: Round, full: boolean): RoundShown {
  if (!full) {
    const { roundId, title, status, tiers, referenceDate, openedAt, intakeClosesAt, scoringClosesAt } = round;
    return {
      roundId, status, referenceDate, openedAt, intakeClosesAt,
      ...(title !== undefined ? { title } : {}), ...(tiers !== undefined ? { tiers } : {}), ...(scoringClosesAt !== undefined ? { scoringClosesAt } : {}),
    };
  }
  const { taskToken: _token, publicity, scoringModel, ...rest } = round;
  const { taskToken: _stepToken, ...shownPublicity } = publicity ?? {};
  return {
    ...rest,
    // Stored as OpenRoundBody accepted it (the stored-round schema keeps it unparsed for ScoreBatch).
    ...(scoringModel !== undefined ? { scoringModel: scoringModel as ScoringModelShown } : {}),
    ...(publicity ? { publicity: shownPublicity as NonNullable<RoundShown['publicity']> } : {}),
  };
}

const fullView = (req: ApiRequest) => seesRoundsWhole(req.caller);

export async function openRound(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const body = parseBody(req, OpenRoundBody);
  const round = await openRoundCase(deps, {
    body, by: req.caller.username, actor: actorOf(req.caller), now: req.now, approvalTimeoutSeconds: deps.approvalTimeoutSeconds,
  });
  return answer('POST /rounds', 201, { round: roundView(round, true) }, { location: `/rounds/${round.roundId}` });
}

export async function listRounds(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'approver', 'school');
  const page = await deps.repos.rounds.list(pageOf(req));
  const full = fullView(req);
  return answer('GET /rounds', 200, { rounds: page.items.map((r) => roundView(r, full)), ...(page.cursor ? { cursor: page.cursor } : {}) });
}

export async function getRound(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'approver', 'school');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const round = await deps.repos.rounds.require(roundId);
  return answer('GET /rounds/{roundId}', 200, { round: roundView(round, fullView(req)) });
}
