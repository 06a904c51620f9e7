import type { Ballot, BallotStore } from '../../ports/ballots';
import type { NominationStore } from '../../ports/rounds';
import type { Policy } from '../../../domain/policy/schema';
import type { Nomination } from '../../../domain/round/nomination';
import type { BallotCandidate } from '../../../domain/selection/ballot';
import { parseNominationForm } from '../../../domain/form/parse';
import { formSummary } from '../../../domain/form/summary';
import { allOf } from '../../pages';
import { isEligible } from '../../../domain/round/nomination';

/** What the ballot shows of a nominee: name, tier, current post — never the ID number or birth date. */
function candidateOf(n: Nomination, policy: Policy): BallotCandidate {
  const form = n.form ? parseNominationForm(n.form) : undefined;
  const post = form?.ok ? formSummary(form.value, policy).currentPost : null;
  return {
    nominationId: n.nominationId,
    name: n.candidateName ?? n.nominationId,
    tier: n.tier ?? 3,
    ...(post ? { post: post.title } : {}),
  };
}

const collator = new Intl.Collator('zh-Hans-CN');

/**
 * OpenBallot (S-RECOMMEND, at intake close): per unit, a ballot of that unit's accepted,
 * eligible nominees, by tier then name in pinyin order (as a printed ballot lists them — not by the
 * order forms arrived). A retried step finds the ballots made and leaves them: the
 * candidates a code was issued for never change under it.
 */
export async function openBallots(
  deps: { ballots: BallotStore; nominations: NominationStore; policy: Policy },
  input: { roundId: string; closesAt: string; now: Date },
): Promise<{ ballots: number; candidates: number; units: string[] }> {
  const noms = await allOf((page) => deps.nominations.listByRound(input.roundId, page));
  const byUnit = new Map<string, BallotCandidate[]>();
  for (const n of noms) {
    // The nominees who passed 资格审查 (accepted and eligible): an ineligible one is not a candidate to recommend.
    if (!isEligible(n)) continue;
    const list = byUnit.get(n.unitCode) ?? [];
    list.push(candidateOf(n, deps.policy));
    byUnit.set(n.unitCode, list);
  }
  let candidates = 0;
  for (const [unitCode, list] of [...byUnit].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) => a.tier - b.tier || collator.compare(a.name, b.name) || (a.nominationId < b.nominationId ? -1 : 1));
    const ballot: Ballot = { roundId: input.roundId, unitCode, candidates: list, openedAt: input.now.toISOString(), closesAt: input.closesAt, issued: 0, used: 0 };
    await deps.ballots.createBallot(ballot);
    candidates += list.length;
  }
  return { ballots: byUnit.size, candidates, units: [...byUnit.keys()].sort() };
}
