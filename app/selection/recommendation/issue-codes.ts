import type { AuditTrail } from '../../ports/audit';
import type { BallotSecrets, BallotStore } from '../../ports/ballots';
import type { RoundStore } from '../../ports/rounds';
import { Unprocessable } from '../../errors';
import { formatCode } from '../../../domain/selection/ballot-code';
import { MAX_CODES_PER_UNIT } from '../../../contracts/ballot';
import { beijingDate } from '../../../domain/dates';
import { ballotClosed, ballotNotOpen } from './errors';
import { ballotTakesVotes } from './ballot-open';

export interface IssuedCodes {
  roundId: string;
  roundTitle: string;
  unitCode: string;
  closesAt: string;
  /** The new codes as printed (ABCD-EFGH-JKMN): shown once, in this answer only; never stored. */
  codes: string[];
  /** Codes issued to the unit so far, these included. */
  issued: number;
}

/** Bounded redraws for a code drawn twice (p ≈ n²/2^60 per issue: never twice in a row). */
const REDRAWS = 3;

/**
 * Issues `count` new one-time codes for a unit's ballot (S-RECOMMEND): drawn by the secrets
 * adapter, stored only as HMACs, answered once as text for the slips. Re-issuing adds codes;
 * it cannot show old ones, which exist nowhere in readable form. From the ballot's opening
 * (OpenBallot, at intake close) until it closes.
 */
export async function issueCodes(
  deps: { ballots: BallotStore; rounds: RoundStore; audit: AuditTrail; secrets: BallotSecrets },
  input: { roundId: string; unitCode: string; count: number; by: string; now: Date },
): Promise<IssuedCodes> {
  const round = await deps.rounds.require(input.roundId);
  const ballot = await deps.ballots.getBallot(input.roundId, input.unitCode);
  if (!ballot) throw ballotNotOpen();
  if (!ballotTakesVotes(ballot, input.now)) throw ballotClosed();
  if (ballot.issued + input.count > MAX_CODES_PER_UNIT) {
    throw new Unprocessable('BALLOT_CODES_TOO_MANY', `每个单位最多发放 ${MAX_CODES_PER_UNIT} 个投票码（已发放 ${ballot.issued} 个）`, `at most ${MAX_CODES_PER_UNIT} codes per unit (${ballot.issued} issued)`, { clause: 'S-RECOMMEND' });
  }
  // The day only: no finer than the ballot (see the repository's note on linkage).
  const day = beijingDate(input.now);
  const byHash = new Map<string, string>();
  const draw = (n: number) => {
    for (let i = 0; i < n; i += 1) {
      const code = deps.secrets.newCode();
      byHash.set(deps.secrets.codeHash(code), code);
    }
  };
  draw(input.count);
  let pending = [...byHash.keys()];
  const codes: string[] = [];
  for (let round = 0; pending.length > 0; round += 1) {
    const taken = new Set(await deps.ballots.addCodes(input.roundId, input.unitCode, pending, day));
    for (const h of pending) if (!taken.has(h)) codes.push(byHash.get(h) as string);
    if (taken.size === 0) break;
    if (round >= REDRAWS) throw new Error('ballot codes kept colliding');
    for (const h of taken) byHash.delete(h);
    const before = new Set(byHash.keys());
    draw(taken.size);
    pending = [...byHash.keys()].filter((h) => !before.has(h));
  }
  await deps.audit.append({
    entity: `round/${input.roundId}`,
    action: 'ballot-codes-issued',
    actor: input.by,
    clause: 'S-RECOMMEND',
    details: { unitCode: input.unitCode, count: codes.length },
  });
  return {
    roundId: input.roundId,
    roundTitle: round.title ?? input.roundId,
    unitCode: input.unitCode,
    closesAt: ballot.closesAt,
    codes: codes.map(formatCode),
    issued: ballot.issued + codes.length,
  };
}
