import type { Ballot } from '../../ports/ballots';

/**
 * Whether a ballot takes votes at an instant (S-RECOMMEND): not yet tallied, and before its
 * deadline — deadlines compared as instants, never as text. Both the session and the vote
 * ask it, with the time API Gateway stamped on the request.
 */
export function ballotTakesVotes(b: Pick<Ballot, 'closesAt' | 'tally'>, at: Date): boolean {
  if (b.tally) return false;
  const closes = Date.parse(b.closesAt);
  return Number.isFinite(closes) && at.getTime() < closes;
}
