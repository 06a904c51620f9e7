import type { ClauseId } from '../../domain/clauses';
import type { Outcome } from '../../domain/review/outcome';
import type { OutcomeBasis } from '../../domain/review/calibration';
import type { Problem } from '../../domain/problem';
import type { Tier } from '../../domain/tier';
import type { Page, PageRequest } from './page';

/** An annual review run (M-TERM): `REVIEW#{reviewId}` / `META`. */
export interface Review {
  reviewId: string;
  status: string;
  scheduledTime: string;
  /** The execution that planned the review (Plan's `$$.Execution.Id`): another execution for the same date does not run it again. */
  executionArn?: string;
  /** Which cohorts are reviewed and how (annual / summative), outcomes, summary … */
  [extra: string]: unknown;
}

/** A unit's annual assessment of one member (X-UNITS): `REVIEW#{reviewId}` / `ASSESS#{personId}`. */
export interface Assessment {
  reviewId: string;
  personId: string;
  unitCode: string;
  /** 优秀 / 合格 / 基本合格 / 不合格 */
  grade?: string;
  score?: number;
  veto?: boolean;
  submittedBy: string;
  submittedAt: string;
  [extra: string]: unknown;
}

/**
 * The review's own items beside `REVIEW#{reviewId}` / `META` and the units' `ASSESS#…`
 * (a small adapter over table.ts; the API reads these):
 *
 *   EXPECT#{personId}   an assessment the member's unit is expected to submit (open-window);
 *                       also the review's frozen roster. gsi1: UNIT#{unit} / EXPECT#{reviewId}#{personId}
 *   OUTCOME#{personId}  what the review decided for the member and whether it is applied.
 *                       gsi1: UNIT#{unit} / OUTCOME#{reviewId}#{personId}
 *   TALKDUE#{personId}#{trigger}#{triggeredOn}  a talk due (C-TALK).
 *                       gsi1: UNIT#{unit} / TALKDUE#{reviewId}#{personId}#…
 */
export interface ExpectedAssessment {
  reviewId: string;
  personId: string;
  unitCode: string;
  name?: string;
  tier: Tier;
  cohortId: string;
  termStart: string;
  /** The year of the member's term this review falls in, and so the kind of review. */
  termYear: number;
  kind: 'annual' | 'summative';
  clause: 'X-UNITS';
  /** What to submit: a grade and a score; for tier 1/2 summative also meetsPostConditions. */
  needs: string[];
  dueBy: string;
}

export interface OutcomeItem {
  reviewId: string;
  personId: string;
  unitCode: string;
  name?: string;
  tier: Tier;
  cohortId: string;
  reviewKind: 'annual' | 'summative';
  /** The outcome that applies: the computed one, or the bureau's change once applied. */
  outcome: Outcome;
  /** What the outcome rests on (the submitted grade and score …; null: nothing submitted). */
  basis?: OutcomeBasis | null;
  /** The computed outcome, kept when the bureau's change replaced it (calibration). */
  proposed?: Outcome;
  /** The bureau's change, as applied: who, when, why. */
  change?: { outcome: string; reason: string; by: string; at: string };
  applied: boolean;
  /** The reducer refused the outcome's events (e.g. the member left meanwhile): nothing applied. */
  refused?: Problem[];
  seatReleased?: boolean;
}

export interface DueTalk {
  reviewId: string;
  personId: string;
  unitCode: string;
  name?: string;
  tier: Tier;
  cohortId: string;
  clause: ClauseId;
  /** A must-talk trigger (四必谈), or the yearly minimum (每年不少于1次). */
  trigger: string;
  triggeredBy: string;
  triggeredOn: string;
  due: string;
  overdue: boolean;
  organisational: boolean;
  zh: string;
  en: string;
}

/** One change the bureau made to a proposed outcome (calibration), as claimed on the review. */
export interface ConfirmedChange {
  personId: string;
  outcome: string;
  reason: string;
}

/**
 * The bureau's confirmation on the review item (`confirmation`), claimed with one
 * conditional write: `sending` → `delivered` (the machine applies) | `too-late` (the wait
 * had ended).
 */
export interface ReviewConfirmation {
  by: string;
  actor: string;
  at: string;
  changes: ConfirmedChange[];
  note?: string;
  state: 'sending' | 'delivered' | 'too-late';
  deliveredAt?: string;
}

/** Reviews (`REVIEW#{reviewId}`) and the units' assessments. */
export interface ReviewStore {
  /** False when the review already exists (a redelivered schedule fires once). */
  create(review: Review): Promise<boolean>;
  get(reviewId: string): Promise<Review | undefined>;
  /** Sets fields, only while the status is one of `from` (when given). */
  update(reviewId: string, set: Record<string, unknown>, from?: readonly string[]): Promise<Review>;
  list(page?: PageRequest): Promise<Page<Review>>;
  /**
   * Claims the confirmation: the review awaits one with this very token and has none
   * (Conflict CONFIRMATION_EXISTS otherwise).
   */
  claimConfirmation(reviewId: string, taskToken: string, c: ReviewConfirmation): Promise<void>;
  /** How delivery went (only for the claim made at `at`). */
  settleConfirmation(reviewId: string, at: string, state: 'delivered' | 'too-late', now: string): Promise<void>;
  /** Gives the claim back (delivery failed in a way worth retrying). */
  releaseConfirmation(reviewId: string, at: string): Promise<void>;
  putAssessment(a: Assessment): Promise<void>;
  getAssessment(reviewId: string, personId: string): Promise<Assessment | undefined>;
  listAssessments(reviewId: string, page?: PageRequest): Promise<Page<Assessment>>;
  listAssessmentsByUnit(unitCode: string, reviewId: string, page?: PageRequest): Promise<Page<Assessment>>;
}

/** The review's own items: the roster (expected assessments), outcomes, talks due. */
export interface ReviewItemStore {
  putExpected(e: ExpectedAssessment): Promise<void>;
  expected(reviewId: string): Promise<ExpectedAssessment[]>;
  /** False when the outcome is already there. */
  putOutcome(o: OutcomeItem): Promise<boolean>;
  outcomes(reviewId: string): Promise<OutcomeItem[]>;
  markApplied(reviewId: string, personId: string, set: {
    seatReleased?: boolean; refused?: Problem[]; outcome?: Outcome; proposed?: Outcome; change?: OutcomeItem['change'];
  }): Promise<void>;
  putDueTalk(t: DueTalk): Promise<void>;
  dueTalks(reviewId: string): Promise<DueTalk[]>;
}
