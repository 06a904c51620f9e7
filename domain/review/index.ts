export { cohortYear, reviewKind, termEnd, planReview } from './cohort';
export type { CohortYear, ReviewKind, CohortPlan, ReviewedYear } from './cohort';
export { annualOutcomes, vetoOutcome } from './annual';
export { summativeOutcomes } from './summative';
export { annualEntryOf } from './entries';
export { rankTier } from './ranking';
export type { TierRanking } from './ranking';
export type { Outcome, OutcomeKind, AnnualReviewEntry, SummativeReviewEntry, AssessmentInput } from './outcome';
