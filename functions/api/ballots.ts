import { BallotSessionBody, BallotVoteBody, IssueCodesBody } from '../../contracts/ballot';
import { ROUND_ID_PATTERN, UNIT_CODE_PATTERN } from '../../contracts/ids';
import type { Ballot } from '../../app/ports/ballots';
import { issueCodes } from '../../app/selection/recommendation/issue-codes';
import { castVote, openBallotSession } from '../../app/selection/recommendation/vote';
import { answer } from '../shared/answer';
import { actorOf, requireRole } from './auth';
import type { PublicDeps, SelectionDeps } from './deps';
import { pageOf, parseBody, pathParam, type ApiRequest } from './request';

/**
 * 民主推荐 over HTTP (S-RECOMMEND): the bureau's ballots and codes, and the two public routes
 * a voter's phone calls without an account (contracts/ballot.ts BALLOT_PUBLIC_ROUTES: no
 * authorizer, throttled). Public answers are never cached: each is about one code.
 */
const NO_STORE = { 'cache-control': 'no-store' };

function ballotView(b: Ballot) {
  return {
    unitCode: b.unitCode,
    closesAt: b.closesAt,
    openedAt: b.openedAt,
    issued: b.issued,
    used: b.used,
    candidates: b.candidates.map((c) => ({ ...c, ...(b.tally?.candidates[c.nominationId] ? { result: b.tally.candidates[c.nominationId] } : {}) })),
    ...(b.tally ? { tally: { issued: b.tally.issued, used: b.tally.used, turnout: b.tally.turnout, cast: b.tally.cast, talliedAt: b.talliedAt } } : {}),
  };
}

/** GET /rounds/{roundId}/ballots — per unit: candidates, codes issued and used, and the tally once counted. */
export async function listBallots(req: ApiRequest, deps: SelectionDeps) {
  requireRole(req.caller, 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  await deps.repos.rounds.require(roundId);
  const page = await deps.repos.ballots.listBallots(roundId, pageOf(req));
  return answer('GET /rounds/{roundId}/ballots', 200, { roundId, ballots: page.items.map(ballotView), ...(page.cursor ? { cursor: page.cursor } : {}) });
}

/** POST /rounds/{roundId}/ballots/{unitCode}/codes {count} — new one-time codes, shown once, for the slips. */
export async function postBallotCodes(req: ApiRequest, deps: SelectionDeps) {
  requireRole(req.caller, 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const unitCode = pathParam(req, 'unitCode', UNIT_CODE_PATTERN);
  const body = parseBody(req, IssueCodesBody);
  const issued = await issueCodes(
    { ballots: deps.repos.ballots, rounds: deps.repos.rounds, audit: deps.audit, secrets: deps.ballotSecrets() },
    { roundId, unitCode, count: body.count, by: actorOf(req.caller), now: req.now },
  );
  return answer('POST /rounds/{roundId}/ballots/{unitCode}/codes', 201, issued, NO_STORE);
}

function voterDeps(deps: PublicDeps) {
  return { ballots: deps.repos.ballots, rounds: deps.repos.rounds, units: deps.repos.units, secrets: deps.ballotSecrets(), logger: deps.logger };
}

/** POST /ballot/session {code} — public: the ballot a live, unused code opens. */
export async function postBallotSession(req: ApiRequest, deps: PublicDeps) {
  const body = parseBody(req, BallotSessionBody);
  return answer('POST /ballot/session', 200, await openBallotSession(voterDeps(deps), { code: body.code, now: req.now }), NO_STORE);
}

/** POST /ballot/votes {code, submissionId, marks} — public: one vote per code. */
export async function postBallotVote(req: ApiRequest, deps: PublicDeps) {
  const body = parseBody(req, BallotVoteBody);
  return answer('POST /ballot/votes', 201, await castVote(voterDeps(deps), { ...body, now: req.now }), NO_STORE);
}
