import { problem, rejection, type Problem, type Result } from '../problem';
import { TIERS, type Tier } from '../tier';
import { rankCompetition, type RankEntry, type Ranked } from './rank';

/**
 * The selection proposal a round puts before the organisation department (S-ROUND, T-CAP):
 * per tier, the eligible scored candidates best first; the first `freeSeats[tier]` are
 * proposed for admission, the rest wait in order.
 */
export interface Candidate extends RankEntry {
  tier: Tier;
  /** The eligibility verdict (E-*); only eligible candidates are ranked. */
  eligible: boolean;
  /** One person, one id: a person nominated in two tiers is admitted at most once. */
  personId?: string;
  /**
   * The tier the person already holds a seat in, when they do. One tier at a time (T-CAP,
   * 五(一)): a sitting member is not admitted by a round — moving a member between tiers is
   * the bureau's own act (moved-tier) — so the candidate takes no seat from the others.
   */
  inPool?: Tier;
  /**
   * The clause under which the person was removed from the pool (M-WARN, M-VETO, M-FAIL):
   * 不再列入后备人才培养对象 — not admitted again, so not ranked and taking no seat.
   */
  removedUnder?: string;
}

export type RankedCandidate = Ranked<Candidate>;

export interface CutoffTie {
  clause: 'S-ROUND';
  rank: number;
  admitted: string[];
  waitlisted: string[];
  zh: string;
  en: string;
}

export interface TierProposal {
  tier: Tier;
  clause: 'S-ROUND';
  freeSeats: number;
  admit: RankedCandidate[];
  waitlist: RankedCandidate[];
  /** Ids not eligible (E-*), by id. */
  ineligible: string[];
  /** Ids whose person is already proposed: in a higher tier (1 before 2 before 3) or by a better-placed nomination. */
  admittedElsewhere: string[];
  /** Ids whose person already holds a seat in the pool (any tier): neither ranked nor proposed. */
  inPool: string[];
  /** Ids whose person was removed from the pool (M-WARN, M-VETO, M-FAIL): neither ranked nor proposed. */
  removed: string[];
  /** Ids nominated for a tier the round did not open (S-ROUND): neither ranked nor proposed. */
  tierNotOpen: string[];
  /** Set when candidates sharing a rank straddle the last seat: decided by the tie-break. */
  cutoffTie?: CutoffTie;
}

export type AdmissionProposal = Record<Tier, TierProposal>;

/**
 * Propose admissions. Never more than the free seats of any tier (T-CAP); eligible only;
 * deterministic (the ranking's total order; see rank.ts). Candidates with equal score on
 * both sides of the last seat share a rank: the tie-break order (first-listed component,
 * then earlier submission, then id) decides, and `cutoffTie` tells the approver so they
 * can edit the list knowingly.
 *
 * Tiers are filled 1, 2, 3: a person proposed for tier 1 is not also proposed for tier 2 —
 * one tier at a time per person — and the next candidate of the lower tier moves up.
 *
 * Only the tiers the round opened (`openTiers`, S-ROUND; all three when not given) are
 * ranked: a nomination for another tier takes no seat and is listed as `tierNotOpen`.
 */
export function proposeAdmissions(input: {
  candidates: readonly Candidate[];
  freeSeats: Readonly<Record<Tier, number>>;
  openTiers?: readonly Tier[];
}): AdmissionProposal {
  const admittedPersons = new Set<string>();
  const out = {} as AdmissionProposal;
  const open = new Set(input.openTiers ?? TIERS);
  for (const tier of TIERS) {
    const inTier = input.candidates.filter((c) => c.tier === tier);
    if (!open.has(tier)) {
      out[tier] = {
        tier, clause: 'S-ROUND', freeSeats: 0, admit: [], waitlist: [], ineligible: [], admittedElsewhere: [], inPool: [], removed: [],
        tierNotOpen: inTier.map((c) => c.id).sort(byCodeUnit),
      };
      continue;
    }
    const seats = Math.max(0, Math.trunc(input.freeSeats[tier]));
    const ineligible = inTier.filter((c) => !c.eligible).map((c) => c.id).sort(byCodeUnit);
    const inPool = inTier.filter((c) => c.eligible && c.inPool !== undefined).map((c) => c.id).sort(byCodeUnit);
    const removed = inTier.filter((c) => c.eligible && c.inPool === undefined && c.removedUnder !== undefined).map((c) => c.id).sort(byCodeUnit);
    const ranked = rankCompetition(inTier.filter((c) => c.eligible && c.inPool === undefined && c.removedUnder === undefined));
    const admit: RankedCandidate[] = [];
    const waitlist: RankedCandidate[] = [];
    const elsewhere: string[] = [];
    for (const c of ranked) {
      if (c.personId !== undefined && admittedPersons.has(c.personId)) {
        elsewhere.push(c.id);
      } else if (admit.length < seats) {
        admit.push(c);
        if (c.personId !== undefined) admittedPersons.add(c.personId);
      } else {
        waitlist.push(c);
      }
    }
    const proposal: TierProposal = {
      tier, clause: 'S-ROUND', freeSeats: seats, admit, waitlist, ineligible, admittedElsewhere: elsewhere.sort(byCodeUnit), inPool, removed, tierNotOpen: [],
    };
    const last = admit[admit.length - 1];
    const next = waitlist[0];
    if (last !== undefined && next !== undefined && last.rank === next.rank) {
      const admitted = admit.filter((c) => c.rank === last.rank).map((c) => c.id);
      const waitlisted = waitlist.filter((c) => c.rank === last.rank).map((c) => c.id);
      proposal.cutoffTie = {
        clause: 'S-ROUND', rank: last.rank, admitted, waitlisted,
        zh: `第 ${last.rank} 名并列者跨越最后一个名额：按评分方案中靠前评分项得分、提交时间、编号依次排序决定`,
        en: `candidates tied at rank ${last.rank} straddle the last seat: decided by the first-listed component, then submission time, then id`,
      };
    }
    out[tier] = proposal;
  }
  return out;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Check an approver's edited admission list (approve-with-edits) against the plan: every id
 * a known eligible candidate of that tier, no person twice, no tier over its free seats
 * (T-CAP), and no tier the round did not open (`openTiers`, S-ROUND; all three when not
 * given). The seat items still enforce the cap at write time; this answers early, in words.
 */
export function checkAdmissions(input: {
  admit: readonly { id: string; tier: Tier }[];
  candidates: readonly Candidate[];
  freeSeats: Readonly<Record<Tier, number>>;
  openTiers?: readonly Tier[];
}): Result<{ id: string; tier: Tier }[]> {
  const problems: Problem[] = [];
  const open = new Set(input.openTiers ?? TIERS);
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const persons = new Set<string>();
  const ids = new Set<string>();
  const counts: Record<Tier, number> = { 1: 0, 2: 0, 3: 0 };
  input.admit.forEach((a, i) => {
    const path = `admit.${i}`;
    const c = byId.get(a.id);
    if (ids.has(a.id)) {
      problems.push(problem('ADMIT_DUPLICATE', path, `${a.id} 重复列入`, `${a.id} is listed twice`));
      return;
    }
    ids.add(a.id);
    if (c === undefined) {
      problems.push(problem('ADMIT_UNKNOWN', path, `本轮没有推荐人选 ${a.id}`, `no nomination ${a.id} in this round`));
      return;
    }
    if (c.tier !== a.tier) {
      problems.push(problem('ADMIT_WRONG_TIER', path, `${a.id} 推荐的是第${c.tier}梯队`, `${a.id} was nominated for tier ${c.tier}`));
      return;
    }
    if (!open.has(c.tier)) {
      problems.push(problem('ADMIT_TIER_NOT_OPEN', path,
        `${a.id} 推荐的是第${c.tier}梯队，本批次未开放该梯队（S-ROUND）`,
        `${a.id} was nominated for tier ${c.tier}, which this round did not open (S-ROUND)`));
      return;
    }
    if (!c.eligible) {
      problems.push(problem('ADMIT_INELIGIBLE', path, `${a.id} 不符合任职资格条件`, `${a.id} is not eligible`));
      return;
    }
    if (c.removedUnder !== undefined) {
      problems.push(problem('ADMIT_REMOVED', path, `${a.id} 已按 ${c.removedUnder} 不再列入后备人才培养对象`, `${a.id} was removed from the pool under ${c.removedUnder}`));
      return;
    }
    if (c.inPool !== undefined) {
      problems.push(problem('ADMIT_IN_POOL', path, `${a.id} 已是第${c.inPool}梯队后备人才，同一人只能在一个梯队`, `${a.id} already holds a seat in tier ${c.inPool}: one tier at a time`));
      return;
    }
    const person = c.personId ?? c.id;
    if (persons.has(person)) {
      problems.push(problem('ADMIT_PERSON_TWICE', path, `同一人只能列入一个梯队`, `one person, one tier: ${a.id}`));
      return;
    }
    persons.add(person);
    counts[a.tier] += 1;
  });
  for (const t of TIERS) {
    if (counts[t] > input.freeSeats[t]) {
      problems.push(problem('T_CAP_EXCEEDED', `admit`,
        `第${t}梯队拟入库 ${counts[t]} 人，超过空余职数 ${input.freeSeats[t]}（T-CAP）`,
        `tier ${t}: ${counts[t]} admissions exceed ${input.freeSeats[t]} free seats (T-CAP)`));
    }
  }
  if (problems.length > 0) return rejection(problems);
  return { ok: true, value: input.admit.map((a) => ({ id: a.id, tier: a.tier })) };
}
