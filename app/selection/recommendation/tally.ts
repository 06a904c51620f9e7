import type { Ballot, BallotStore } from '../../ports/ballots';
import type { NominationStore } from '../../ports/rounds';
import { tallyUnit, type Marks, type UnitTally } from '../../../domain/selection/ballot';
import { allOf } from '../../pages';

/** Nomination writes in flight at once while the results are put on the candidates. */
const PARALLEL = 16;

/**
 * TallyBallot (S-RECOMMEND, at the ballot's deadline): per unit, the codes counted (turnout =
 * used / issued) and the votes counted (each candidate's 推荐 / 不推荐 / 弃权 and share of 推荐
 * among ballots cast); the tally is stored on the ballot once — from then on it takes no vote
 * (BALLOT_CLOSED) — and each candidate's result on their nomination, where ScoreBatch (a
 * component of source 'recommendation') and Rank (the threshold) read it. A retried step keeps
 * the first tally and writes the same results again.
 */
export async function tallyBallots(
  deps: { ballots: BallotStore; nominations: NominationStore },
  input: { roundId: string; now: Date },
): Promise<{ ballots: number; issued: number; used: number; cast: number }> {
  const ballots = await allOf((page) => deps.ballots.listBallots(input.roundId, page));
  const totals = { ballots: ballots.length, issued: 0, used: 0, cast: 0 };
  for (const b of ballots) {
    const tally = await tallyOf(deps.ballots, b, input.now);
    totals.issued += tally.issued;
    totals.used += tally.used;
    totals.cast += tally.cast;
    const ids = Object.keys(tally.candidates);
    for (let i = 0; i < ids.length; i += PARALLEL) {
      await Promise.all(ids.slice(i, i + PARALLEL).map((id) => deps.nominations.update(input.roundId, id, { recommendation: tally.candidates[id] })));
    }
  }
  return totals;
}

async function tallyOf(store: BallotStore, b: Ballot, now: Date): Promise<UnitTally> {
  if (b.tally) return b.tally;
  const [counts, votes] = await Promise.all([
    store.countCodes(b.roundId, b.unitCode),
    allOf<Marks>((page) => store.listVotes(b.roundId, b.unitCode, page)),
  ]);
  await store.setTally(b.roundId, b.unitCode, tallyUnit(b.candidates, votes, counts.issued, counts.used), now.toISOString());
  // Another try may have stored its tally first: the stored one is the result.
  const stored = await store.getBallot(b.roundId, b.unitCode);
  return stored?.tally ?? tallyUnit(b.candidates, votes, counts.issued, counts.used);
}
