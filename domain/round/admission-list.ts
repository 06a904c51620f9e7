import { problem, rejection, type Problem, type Result } from '../problem';
import { checkAdmissions } from '../scoring/propose';
import { TIERS, type Tier } from '../tier';
import { roundCandidates } from './candidates';
import type { Nomination } from './nomination';
import type { RoundDecision, Shortlist } from './round';
import { inspectionEditProblems } from '../selection/inspection';

export type { RoundDecision };

export interface Admit {
  id: string;
  tier: Tier;
}

/**
 * The admission list (S-ROUND, T-CAP): the shortlist's proposed admissions, with the
 * approver's edits (remove, then add), checked by the domain against the free seats the
 * shortlist was drawn up with — every id an eligible candidate of its tier, one person one
 * tier, no tier over its free seats, no tier the round did not open (`openTiers`, S-ROUND:
 * neither a stale proposal nor an approver's addition admits one). Ordered tier by tier, best placed first, so batches
 * are the same on every run. The seat items still enforce the cap at write time.
 */
export function admissionList(
  shortlist: Pick<Shortlist, 'tiers' | 'freeSeats'>,
  decision: Pick<RoundDecision, 'decision' | 'edits'>,
  nominations: readonly Nomination[],
  openTiers: readonly Tier[],
): Result<Admit[]> {
  const byId = new Map(nominations.map((n) => [n.nominationId, n]));
  const proposed: Admit[] = TIERS.flatMap((tier) => shortlist.tiers[tier].admitIds.map((id) => ({ id, tier })));
  const problems: Problem[] = [];
  let admit = proposed;
  if (decision.decision === 'approve-with-edits' && decision.edits) {
    const { add, remove } = decision.edits;
    remove.forEach((id, i) => {
      if (!proposed.some((a) => a.id === id)) {
        problems.push(problem('EDIT_NOT_PROPOSED', `decision.edits.remove.${i}`, `${id} 不在拟入库名单中`, `${id} is not among the proposed admissions`));
      }
    });
    const tierOf = (id: string): Tier => {
      const t = byId.get(id)?.tier;
      return t === 1 || t === 2 || t === 3 ? t : 1;
    };
    // A nomination of this round that is not live says why, instead of "no such nomination".
    const live = add.filter((id, i) => {
      const n = byId.get(id);
      if (n?.status === 'superseded') {
        const by = typeof n.supersededBy === 'string' ? n.supersededBy : undefined;
        problems.push(problem('EDIT_SUPERSEDED', `decision.edits.add.${i}`,
          `${id} 已被同一人选的后一份推荐替代${by ? `，请改用 ${by}` : ''}`, `${id} was replaced by a later nomination of the same person${by ? `; use ${by}` : ''}`));
        return false;
      }
      // S-RECOMMEND: Rank held the candidate back for the notice's 民主推荐 threshold; an edit cannot add them.
      if (n?.proposed === 'below-threshold') {
        problems.push(problem('EDIT_BELOW_RECOMMENDATION_THRESHOLD', `decision.edits.add.${i}`,
          `${id} 的民主推荐推荐率未达到通知规定的要求（S-RECOMMEND），不能列入`, `${id} fell below the notice's democratic-recommendation threshold (S-RECOMMEND) and cannot be added`));
        return false;
      }
      if (n?.status === 'rejected') {
        problems.push(problem('EDIT_REJECTED', `decision.edits.add.${i}`, `${id} 的推荐表未通过受理，不能列入`, `${id} was rejected at intake and cannot be admitted`));
        return false;
      }
      return true;
    });
    // 考察 (S-INSPECT): the final pass left out the uninspected and, under a gate, the 不合格.
    problems.push(...inspectionEditProblems(add, (id) => byId.get(id)?.proposed, (i) => `decision.edits.add.${i}`));
    admit = [...proposed.filter((a) => !remove.includes(a.id)), ...live.map((id) => ({ id, tier: tierOf(id) }))];
  }
  const checked = checkAdmissions({ admit, candidates: roundCandidates(nominations).candidates, freeSeats: shortlist.freeSeats, openTiers });
  if (!checked.ok) problems.push(...checked.problems);
  if (problems.length > 0) return rejection(problems);
  const position = (id: string) => {
    const p = byId.get(id)?.position;
    return typeof p === 'number' ? p : Number.MAX_SAFE_INTEGER;
  };
  const ordered = [...admit].sort((a, b) => a.tier - b.tier || position(a.id) - position(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ok: true, value: ordered };
}
