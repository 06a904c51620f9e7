import type { Ballot, BallotStore } from '../../ports/ballots';
import type { NominationStore } from '../../ports/rounds';
import type { TallyTotals } from '../../../contracts/tasks/round';
import { tallyUnit, type Marks, type UnitTally } from '../../../domain/selection/ballot';
import { mapBounded } from '../../bounded';
import { allOf } from '../../pages';

/**
 * Units counted at once within a batch, and each unit's candidate writes at once: at most
 * UNITS × CANDIDATES requests in flight (32), inside the SDK's socket pool of 50 and gentle
 * on the local emulator every test shares.
 */
const UNITS_AT_ONCE = 8;
const CANDIDATES_AT_ONCE = 4;

export const NO_TOTALS: TallyTotals = { ballots: 0, issued: 0, used: 0, cast: 0 };

/**
 * TallyBallot (S-RECOMMEND, at the ballot's deadline), one page of the round's ballots: per
 * unit, the codes counted (turnout = used / issued) and the votes counted (each candidate's
 * 推荐 / 不推荐 / 弃权 and share of 推荐 among ballots cast); the tally is stored on the ballot
 * once — from then on it takes no vote (BALLOT_CLOSED) — and each candidate's result on their
 * nomination, where ScoreBatch (a component of source 'recommendation') and Rank (the
 * threshold) read it. The machine calls it page after page with the cursor it answers, so a
 * province's 3,000 units are many short calls, not one that runs into Lambda's 15 minutes.
 *
 * A retried page is harmless: the ballots of a round are made once (OpenBallot) and listed
 * in key order, so the same cursor gives the same page; a unit tallied by the first try keeps
 * its stored tally (the result), and its candidates get the same values again. The totals are
 * the page's plus those the machine carried in, so a retry answers exactly what the first did.
 */
export async function tallyBallotPage(
  deps: { ballots: BallotStore; nominations: NominationStore },
  input: { roundId: string; cursor?: string | null; batchSize: number; now: Date },
): Promise<{ cursor: string | null; totals: TallyTotals }> {
  const page = await deps.ballots.listBallots(input.roundId, { limit: input.batchSize, ...(input.cursor ? { cursor: input.cursor } : {}) });
  const tallies = await mapBounded(page.items, async (b) => {
    const tally = await tallyOf(deps.ballots, b, input.now);
    const ids = Object.keys(tally.candidates);
    await mapBounded(ids, (id) => deps.nominations.update(input.roundId, id, { recommendation: tally.candidates[id] }), CANDIDATES_AT_ONCE);
    return tally;
  }, UNITS_AT_ONCE);
  const totals = { ...NO_TOTALS, ballots: tallies.length };
  for (const t of tallies) {
    totals.issued += t.issued;
    totals.used += t.used;
    totals.cast += t.cast;
  }
  return { cursor: page.cursor ?? null, totals };
}

/** Two sums of ballots counted. */
export function addTotals(a: TallyTotals, b: TallyTotals): TallyTotals {
  return { ballots: a.ballots + b.ballots, issued: a.issued + b.issued, used: a.used + b.used, cast: a.cast + b.cast };
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
