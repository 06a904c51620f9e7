import * as z from 'zod';
import { problem, type Problem } from '../problem';

/**
 * 民主推荐 (DESIGN §7, clause S-RECOMMEND): per unit, a ballot of that unit's accepted
 * nominees; each voter marks 推荐 / 不推荐 / 弃权 per candidate. Pure: the marks' rule, the
 * tally and the threshold. Where codes and votes are stored, and why nothing joins them, is
 * functions/shared/repository/ballots.ts.
 */
export const MARKS = ['for', 'against', 'abstain'] as const;
export type Mark = (typeof MARKS)[number];
export const MARK_NAMES: Readonly<Record<Mark, { zh: string; en: string }>> = {
  for: { zh: '推荐', en: 'recommend' },
  against: { zh: '不推荐', en: 'do not recommend' },
  abstain: { zh: '弃权', en: 'abstain' },
};

/** A candidate as the ballot shows them: never an ID number or a birth date. */
export const BallotCandidateSchema = z.object({
  nominationId: z.string(),
  name: z.string(),
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** The candidate's current post, as the form gives it (may be absent). */
  post: z.string().optional(),
});
export type BallotCandidate = z.infer<typeof BallotCandidateSchema>;

/** One candidate's result: counts, and the share of 推荐 among the ballots cast. */
export const CandidateTallySchema = z.object({
  clause: z.literal('S-RECOMMEND'),
  for: z.number(),
  against: z.number(),
  abstain: z.number(),
  /** Ballots cast in the candidate's unit (each marks every candidate). */
  cast: z.number(),
  /** for / cast, in [0, 1]; null when no ballot was cast (nothing to share). */
  share: z.number().nullable(),
});
export type CandidateTally = z.infer<typeof CandidateTallySchema>;

/** A unit's ballot, counted: turnout and each candidate's result. */
export const UnitTallySchema = z.object({
  clause: z.literal('S-RECOMMEND'),
  issued: z.number(),
  used: z.number(),
  /** used / issued; null when no code was issued. */
  turnout: z.number().nullable(),
  cast: z.number(),
  candidates: z.record(z.string(), CandidateTallySchema),
});
export type UnitTally = z.infer<typeof UnitTallySchema>;

export type Marks = Readonly<Record<string, Mark>>;

/**
 * The marks of one ballot, checked against the unit's candidates: exactly one mark per
 * candidate, none for anyone else. A ballot with a candidate left blank is refused rather
 * than counted as 弃权: the voter is still on the page and can mark it, and a blank the system
 * filled in would be a vote nobody cast. Checked before the code is claimed, so a malformed
 * ballot never spends a code.
 */
export function checkMarks(candidates: readonly BallotCandidate[], marks: Readonly<Record<string, unknown>>): Problem[] {
  const ids = new Set(candidates.map((c) => c.nominationId));
  const problems: Problem[] = [];
  for (const key of Object.keys(marks)) {
    if (!ids.has(key)) problems.push(problem('BALLOT_MARK_UNKNOWN', `marks.${key}`, '不是本单位选票上的候选人', 'is not a candidate on this unit\'s ballot'));
    else if (!MARKS.includes(marks[key] as Mark)) problems.push(problem('BALLOT_MARK_INVALID', `marks.${key}`, '应为 推荐（for）、不推荐（against）或 弃权（abstain）', 'must be for, against or abstain'));
  }
  for (const c of candidates) {
    if (!Object.hasOwn(marks, c.nominationId)) problems.push(problem('BALLOT_MARK_MISSING', `marks.${c.nominationId}`, `尚未对候选人 ${c.name} 作出选择`, `no mark for candidate ${c.name}`));
  }
  return problems;
}

/**
 * The tally of a unit's ballot (S-RECOMMEND). `share` is 推荐 among ballots cast, abstentions
 * included in the denominator: a voter who abstains has cast a ballot that did not
 * recommend, which is how 得票率 is read in 民主推荐 (推荐票 / 有效票).
 */
export function tallyUnit(candidates: readonly BallotCandidate[], votes: readonly Marks[], issued: number, used: number): UnitTally {
  const out: Record<string, CandidateTally> = {};
  for (const c of candidates) {
    const counts = { for: 0, against: 0, abstain: 0 };
    for (const v of votes) {
      const m = v[c.nominationId];
      if (m) counts[m] += 1;
    }
    const cast = votes.length;
    out[c.nominationId] = { clause: 'S-RECOMMEND', ...counts, cast, share: cast > 0 ? counts.for / cast : null };
  }
  return { clause: 'S-RECOMMEND', issued, used, turnout: issued > 0 ? used / issued : null, cast: votes.length, candidates: out };
}

/**
 * Whether a candidate's result meets the notice's threshold (S-RECOMMEND): share ≥ threshold.
 * No share (no ballot cast in the unit) does not meet any threshold above 0: a candidate nobody
 * recommended has not been recommended.
 */
export function meetsThreshold(result: Pick<CandidateTally, 'share'> | undefined, threshold: number): boolean {
  const share = result?.share ?? 0;
  // A share computed from counts (7/10) compared with a published 0.7: no float noise decides.
  return share + 1e-12 >= threshold;
}

/** The component value of source 'recommendation': the share × 100 (0 without a share). */
export function recommendationValue(result: Pick<CandidateTally, 'share'> | undefined): number {
  return (result?.share ?? 0) * 100;
}

/** The share as a person reads it: 66.7%. */
export function shareText(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
