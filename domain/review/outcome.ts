import type { ClauseId } from '../clauses';
import type { IsoDate } from '../dates';
import type { MemberEvent } from '../membership/events';
import type { Tier } from '../tier';

/** A submitted assessment (X-UNITS: the member's unit party organisation assesses them). */
export interface AssessmentInput {
  /** One of policy.review.grades. */
  grade: string;
  /** The annual score the tier is ranked by (optional in annual reviews, required in the summative one). */
  score?: number;
}

/** One member under an annual review. */
export interface AnnualReviewEntry {
  personId: string;
  tier: Tier;
  /** null = nothing submitted: the outcome is `missing-assessment`, never a guess. */
  assessment: AssessmentInput | null;
  /** Review years in which the member was warned (M-WARN), this term. */
  warnedInYears: readonly number[];
  /** A one-vote-veto matter (M-VETO), if any. */
  veto?: { on: IsoDate; reason: string } | null;
}

/** One member under the summative review at the end of the term. */
export interface SummativeReviewEntry {
  personId: string;
  tier: Tier;
  assessment: AssessmentInput | null;
  /** Tier 1/2: whether the member meets the conditions of the post they would be used in (任职条件). */
  meetsPostConditions: boolean;
  /** Tier 3 top: 跟岗锻炼 (default) or 顶岗实践. */
  tier3Placement?: 'shadowing' | 'acting';
  veto?: { on: IsoDate; reason: string } | null;
}

export type OutcomeKind =
  | 'satisfactory'        // nothing to do this year
  | 'warned'              // M-WARN
  | 'removed'             // M-WARN (again low), M-VETO, M-FAIL: removed, organisational talk due
  | 'recommended'         // M-TOP
  | 'term-ended'          // M-TERM
  | 'missing-assessment'; // no assessment (or, summative, no score) submitted

/**
 * What a review decided for one member, with its clause and words, and the member events to
 * apply (in order) — the reducer still decides their legality. `missing-assessment` carries
 * no events: the bureau chases the unit and runs the review for that member again.
 */
export interface Outcome {
  personId: string;
  tier: Tier;
  kind: OutcomeKind;
  clause: ClauseId;
  zh: string;
  en: string;
  events: MemberEvent[];
  /** Competition rank by score within the tier (1 = best), when scored. */
  rank?: number;
  /** Rank from the bottom with ties shared (annual), when scored. */
  bottomRank?: number;
  /** Members of the tier ranked. */
  n?: number;
  /** Set when the bureau changed the computed outcome before confirming (calibration.ts). */
  calibration?: { from: OutcomeKind; reason: string };
}
