import type { Ballot, BallotSecrets, BallotStore } from '../../ports/ballots';
import type { Log } from '../../ports';
import type { UnitStore } from '../../ports/units';
import type { RoundStore } from '../../ports/rounds';
import type { Round } from '../../../domain/round/round';
import { ValidationError } from '../../errors';
import { beijingDate } from '../../../domain/dates';
import { checkMarks, type BallotCandidate, type Marks } from '../../../domain/selection/ballot';
import { normalizeCode } from '../../../domain/selection/ballot-code';
import { ballotClosed, codeInvalid, codeUsed } from './errors';
import { ballotTakesVotes } from './ballot-open';

type Deps = { ballots: BallotStore; rounds: RoundStore; units: UnitStore; secrets: BallotSecrets; logger: Log };

/** What the voter's phone shows: the round, the unit, the candidates — no ID number, no birth date. */
export interface BallotView {
  roundTitle: string;
  unitCode: string;
  unitName?: string;
  closesAt: string;
  candidates: BallotCandidate[];
}

/** The ballot a code opens, or one of the coded refusals (errors.ts). */
async function ballotOf(deps: Deps, typed: string, now: Date): Promise<{ hash: string; ballot: Ballot; used: boolean; round: Round }> {
  const code = normalizeCode(typed);
  if (code === undefined) throw codeInvalid();
  const hash = deps.secrets.codeHash(code);
  const stored = await deps.ballots.findCode(hash);
  if (!stored) throw codeInvalid();
  const [ballot, round] = await Promise.all([deps.ballots.getBallot(stored.roundId, stored.unitCode), deps.rounds.get(stored.roundId)]);
  if (!ballot || !round) throw codeInvalid();
  // Only while the round is recommending (a failed or ended round takes no vote) and before the deadline.
  if (round.status !== 'recommending' || !ballotTakesVotes(ballot, now)) throw ballotClosed();
  return { hash, ballot, used: stored.used, round };
}

/** POST /ballot/session: the ballot behind a live, unused code. */
export async function openBallotSession(deps: Deps, input: { code: string; now: Date }): Promise<BallotView> {
  const { ballot, used, round } = await ballotOf(deps, input.code, input.now);
  if (used) throw codeUsed();
  const unit = await deps.units.get(ballot.unitCode);
  return {
    roundTitle: round.title ?? ballot.roundId,
    unitCode: ballot.unitCode,
    ...(unit?.name ? { unitName: unit.name } : {}),
    closesAt: ballot.closesAt,
    candidates: ballot.candidates,
  };
}

/** How many times the vote's write is tried after the code was claimed, before answering 503. */
const VOTE_TRIES = 3;

/**
 * POST /ballot/votes (S-RECOMMEND): one vote per code, even under concurrent submissions.
 *
 * 1. The marks are checked against the unit's candidates first: a malformed ballot never
 *    spends a code.
 * 2. One conditional write marks the code used (`attribute_not_exists(usedOn)`): of any number
 *    of concurrent submissions exactly one succeeds; the others are BALLOT_CODE_USED.
 *    The write also keeps `claim`, a tag of this submission's random id.
 * 3. The vote is written as its own item, id = a second, differently tagged HMAC of the
 *    submission id, conditional on being new: nothing in it names the code.
 *
 * Between 2 and 3 the code is spent and the vote not yet stored. If 3 fails (after the SDK's
 * retries and ours), the answer is a 503 and the page resubmits with the same submission id:
 * step 2 then finds the code claimed by this very submission (its claim tag matches) and
 * step 3 writes the vote — or finds it written, when only the first answer was lost. Either
 * way one code, one vote. A different submission id with a used code is always refused.
 * There is no transaction to lean on (dynalite has none, TOOLCHAIN.md), and none is needed.
 */
export async function castVote(deps: Deps, input: { code: string; submissionId: string; marks: Record<string, unknown>; now: Date }): Promise<{ accepted: true }> {
  const { hash, ballot } = await ballotOf(deps, input.code, input.now);
  const problems = checkMarks(ballot.candidates, input.marks);
  if (problems.length > 0) throw new ValidationError(problems, '选票填写不完整或有误', 'the ballot is incomplete or wrong');
  const outcome = await deps.ballots.claimCode(hash, deps.secrets.claimTag(input.submissionId), beijingDate(input.now));
  if (outcome === 'used') throw codeUsed();
  const voteId = deps.secrets.voteId(input.submissionId);
  const marks = input.marks as Marks;
  let created = false;
  for (let tries = 1; ; tries += 1) {
    try {
      created = await deps.ballots.putVote(ballot.roundId, ballot.unitCode, voteId, marks);
      break;
    } catch (e) {
      // Log nothing of the vote or the code: the round and unit only.
      if (tries >= VOTE_TRIES) {
        deps.logger.warn('ballot vote not stored after the code was claimed; the page resubmits', { roundId: ballot.roundId, unitCode: ballot.unitCode });
        throw e;
      }
    }
  }
  if (created) {
    // The bureau's live counter; a failure here loses a display count, never a vote (the tally recounts).
    await deps.ballots.countUse(ballot.roundId, ballot.unitCode).catch(() => undefined);
  }
  return { accepted: true };
}
