import * as z from 'zod';
import { MemberEventSchema } from '../../domain/membership/events';
import { Clause, ProblemSchema, TierNo } from './common';

/**
 * Annual reviews (functions/api/reviews.ts, app/review): the review item as its steps wrote
 * it (never the task token), the roster of assessments expected, what units submitted, the
 * outcomes and the talks they make due; the proposals the bureau calibrates and confirms.
 */
const OutcomeKind = z.enum(['satisfactory', 'warned', 'removed', 'recommended', 'term-ended', 'missing-assessment']);
const ReviewKind = z.enum(['annual', 'summative']);
const FailureNote = z.object({ error: z.string(), code: z.string().optional(), zh: z.string(), en: z.string(), at: z.string().optional() });

export const ConfirmationView = z.object({
  by: z.string(), actor: z.string(), at: z.string(),
  changes: z.array(z.object({ personId: z.string(), outcome: z.string(), reason: z.string() })),
  note: z.string().optional(),
  state: z.enum(['sending', 'delivered', 'too-late']),
  deliveredAt: z.string().optional(),
});

const TierSummary = z.object({
  reviewed: z.number(), satisfactory: z.number(), warned: z.number(), removed: z.number(), recommended: z.number(),
  termEnded: z.number(), missing: z.number(), refused: z.number(),
});

export const ReviewView = z.object({
  reviewId: z.string(),
  status: z.string(),
  scheduledTime: z.string().optional(),
  reviewDate: z.string().optional(),
  year: z.number().optional(),
  windowClosesAt: z.string().optional(),
  policyRef: z.string().optional(),
  clause: z.literal('M-TERM').optional(),
  executionArn: z.string().optional(),
  cohorts: z.array(z.object({ cohortId: z.string(), termStart: z.string(), year: z.number(), kind: ReviewKind })).optional(),
  skippedCohorts: z.array(z.object({ cohortId: z.string(), termStart: z.string(), year: z.union([z.number(), z.string()]), reviewedIn: z.string().optional() })).optional(),
  termsEnded: z.number().optional(),
  /** How many assessments the window expects (the roster OpenWindow froze). */
  expected: z.number().optional(),
  awaitingConfirmationSince: z.string().optional(),
  confirmationDueBy: z.string().optional(),
  confirmationTimedOutAt: z.string().optional(),
  proposals: z.number().optional(),
  confirmation: ConfirmationView.optional(),
  summary: z.union([
    z.object({ perTier: z.object({ 1: TierSummary, 2: TierSummary, 3: TierSummary }), dueTalks: z.number(), changed: z.number() }),
    z.object({ applied: z.number(), proposals: z.number(), zh: z.string(), en: z.string() }),
  ]).optional(),
  outcomes: z.array(z.object({
    personId: z.string(), name: z.string().optional(), unitCode: z.string(), tier: TierNo, cohortId: z.string(), reviewKind: ReviewKind,
    kind: OutcomeKind, clause: Clause, zh: z.string(), en: z.string(), rank: z.number().optional(), n: z.number().optional(),
    applied: z.boolean(), refused: z.array(ProblemSchema).optional(),
    change: z.object({ outcome: z.string(), reason: z.string(), by: z.string(), at: z.string() }).optional(), proposedKind: OutcomeKind.optional(),
  })).optional(),
  dueTalks: z.array(z.object({
    personId: z.string(), name: z.string().optional(), unitCode: z.string(), tier: TierNo, clause: Clause, trigger: z.string(),
    triggeredOn: z.string(), due: z.string(), overdue: z.boolean(), organisational: z.boolean(), zh: z.string(), en: z.string(),
  })).optional(),
  failure: FailureNote.optional(),
  lastFailure: FailureNote.optional(),
});

/** What a school sees of a review in the list: when it runs and when its window closes. */
export const ReviewsAnswer = z.object({ reviews: z.array(ReviewView), cursor: z.string().optional() });

export const StartReviewAnswer = z.object({ reviewId: z.string(), executionArn: z.string(), scheduledTime: z.string() });

const ExpectedView = z.object({
  reviewId: z.string(), personId: z.string(), unitCode: z.string(), name: z.string().optional(), tier: TierNo, cohortId: z.string(), termStart: z.string(),
  termYear: z.number(), kind: ReviewKind, clause: z.literal('X-UNITS'), needs: z.array(z.string()), dueBy: z.string(),
});

export const AssessmentView = z.object({
  reviewId: z.string(), personId: z.string(), unitCode: z.string(), tier: TierNo.optional(), grade: z.string().optional(), score: z.number().optional(),
  assessedBy: z.string().optional(), veto: z.boolean().optional(), vetoReason: z.string().optional(),
  meetsPostConditions: z.boolean().optional(), tier3Placement: z.enum(['shadowing', 'acting']).optional(),
  submittedBy: z.string(), submittedAt: z.string(),
});

const OutcomeView = z.object({
  personId: z.string(), tier: TierNo, kind: OutcomeKind, clause: Clause, zh: z.string(), en: z.string(),
  /** The member events the outcome applies (domain/membership/events.ts). */
  events: z.array(MemberEventSchema),
  rank: z.number().optional(), bottomRank: z.number().optional(), n: z.number().optional(),
  calibration: z.object({ from: OutcomeKind, reason: z.string() }).optional(),
});

const BasisView = z.object({
  grade: z.string(), score: z.number().optional(), meetsPostConditions: z.boolean().optional(), tier3Placement: z.enum(['shadowing', 'acting']).optional(),
  warnedInYears: z.array(z.number()).readonly(), veto: z.boolean().optional(),
});

export const ReviewAnswer = z.object({
  review: ReviewView,
  expected: z.array(ExpectedView),
  missing: z.array(z.object({ personId: z.string(), name: z.string().optional(), unit: z.string(), tier: TierNo })),
  assessments: z.array(AssessmentView),
  outcomes: z.array(z.object({
    reviewId: z.string(), personId: z.string(), unitCode: z.string(), name: z.string().optional(), tier: TierNo, cohortId: z.string(), reviewKind: ReviewKind,
    outcome: OutcomeView, basis: BasisView.nullable().optional(), proposed: OutcomeView.optional(),
    change: z.object({ outcome: z.string(), reason: z.string(), by: z.string(), at: z.string() }).optional(),
    applied: z.boolean(), refused: z.array(ProblemSchema).optional(), seatReleased: z.boolean().optional(),
  })),
  dueTalks: z.array(z.object({
    reviewId: z.string(), personId: z.string(), unitCode: z.string(), name: z.string().optional(), tier: TierNo, cohortId: z.string(), clause: Clause,
    trigger: z.string(), triggeredBy: z.string(), triggeredOn: z.string(), due: z.string(), overdue: z.boolean(), organisational: z.boolean(), zh: z.string(), en: z.string(),
  })),
});

export const ReviewAssessmentsAnswer = z.object({
  reviewId: z.string(),
  status: z.string(),
  windowClosesAt: z.string().optional(),
  unit: z.string().optional(),
  members: z.array(z.object({
    personId: z.string(), name: z.string().optional(), unit: z.string(), tier: TierNo, termYear: z.number(), kind: ReviewKind, needs: z.array(z.string()), dueBy: z.string(),
    submitted: z.object({ grade: z.string().optional(), score: z.number().optional(), veto: z.boolean().optional(), submittedAt: z.string() }).nullable(),
  })),
});

export const AssessmentAnswer = z.object({ assessment: AssessmentView });

const ProposalShown = z.object({ kind: OutcomeKind, clause: Clause, zh: z.string(), en: z.string(), rank: z.number().optional(), n: z.number().optional(), bottomRank: z.number().optional() });

/** Calibration: per cohort and member the proposed outcome, what it rests on, what may be set instead. */
export const ProposalsAnswer = z.object({
  reviewId: z.string(),
  status: z.string(),
  confirmationDueBy: z.string().optional(),
  confirmation: z.object({ by: z.string(), at: z.string(), state: z.string(), changes: z.number() }).optional(),
  proposals: z.number(),
  cohorts: z.array(z.object({
    cohortId: z.string(),
    reviewKind: z.string(),
    members: z.array(z.object({
      personId: z.string(), name: z.string().optional(), unitCode: z.string(), tier: TierNo,
      proposal: ProposalShown,
      assessment: z.object({ grade: z.string(), score: z.number().optional(), veto: z.literal(true).optional(), meetsPostConditions: z.literal(true).optional() }).nullable(),
      allowed: z.array(OutcomeKind),
      change: z.object({ personId: z.string(), outcome: z.string(), reason: z.string() }).optional(),
      applied: z.boolean(),
      outcome: ProposalShown.pick({ kind: true, clause: true, zh: true, en: true }).optional(),
    })),
  })),
});

export const ConfirmationAnswer = z.object({ reviewId: z.string(), confirmation: ConfirmationView });
