import type { Member } from '../../domain/membership/member';
import { annualOutcomes } from '../../domain/review/annual';
import { annualEntryOf } from '../../domain/review/entries';
import type { OutcomeBasis } from '../../domain/review/calibration';
import type { AnnualReviewEntry, AssessmentInput, SummativeReviewEntry } from '../../domain/review/outcome';
import { summativeOutcomes } from '../../domain/review/summative';
import type { CohortStepInput } from '../../contracts/tasks/review';
import { requireReview } from './review-state';
import type { Assessment, ExpectedAssessment, UseCaseContext } from '../ports';
import { reviewMovableFrom } from '../../domain/review/lifecycle';
import { allOf } from '../pages';
import { beijingDate } from '../../domain/dates';

/**
 * ComputeOutcomes (M-TERM, M-WARN, M-VETO, M-FAIL, M-TOP): the window is closed (status
 * `closed`: the API stops taking assessments), then the domain decides each member's
 * outcome from the submitted assessments — a missing one is `missing-assessment`, never a
 * guess. "Ranked low" and "top 30%" are relative to the TIER: the members of every cohort
 * under the same kind of review are ranked together (from the frozen roster, so every Map
 * iteration ranks the same people), and this cohort's outcomes are stored, one item per
 * person. An outcome already applied is never overwritten.
 */
export async function computeOutcomes(deps: UseCaseContext, input: CohortStepInput): Promise<{ cohortId: string; outcomes: number; missing: number }> {
  const { reviews, members } = deps.repos;
  const review = await requireReview(reviews, input.reviewId);
  await reviews.update(review.reviewId, { status: 'closed' }, reviewMovableFrom('close-window'));
  const items = deps.repos.reviewItems;
  const roster = (await items.expected(review.reviewId)).filter((e) => e.kind === input.cohort.kind);
  const assessments = await allAssessments(deps, review.reviewId);
  const states = new Map<string, Member>();
  for (const e of roster) {
    const m = await members.get<Member>(e.personId);
    if (m?.state) states.set(e.personId, m.state);
  }
  const at = { year: review.year, on: review.reviewDate };
  const peers = roster.filter((e) => states.has(e.personId));
  const outcomes = input.cohort.kind === 'annual'
    ? annualOutcomes(peers.map((e) => annualEntry(e, states.get(e.personId) as Member, assessments.get(e.personId), review.reviewDate)), deps.policy, at)
    : summativeOutcomes(peers.map((e) => summativeEntry(e, assessments.get(e.personId), review.reviewDate)), deps.policy, at);

  const mine = new Map(roster.filter((e) => e.cohortId === input.cohort.cohortId && e.termStart === input.cohort.termStart).map((e) => [e.personId, e]));
  let stored = 0;
  let missing = 0;
  for (const outcome of outcomes) {
    const e = mine.get(outcome.personId);
    if (!e) continue;
    // What the proposal rests on, kept beside it: the bureau sees it, and a calibration
    // change is built from it (domain/review/calibration.ts).
    const basis = basisOf(assessments.get(e.personId), states.get(e.personId));
    await items.putOutcome({
      reviewId: review.reviewId, personId: e.personId, unitCode: e.unitCode, ...(e.name ? { name: e.name } : {}),
      tier: e.tier, cohortId: e.cohortId, reviewKind: e.kind, outcome, basis, applied: false,
    });
    stored++;
    if (outcome.kind === 'missing-assessment') missing++;
  }
  deps.logger.info('outcomes computed', { reviewId: review.reviewId, cohortId: input.cohort.cohortId, outcomes: stored, missing });
  return { cohortId: input.cohort.cohortId, outcomes: stored, missing };
}

async function allAssessments(deps: UseCaseContext, reviewId: string): Promise<Map<string, Assessment>> {
  const all = await allOf((page) => deps.repos.reviews.listAssessments(reviewId, page));
  return new Map(all.map((a) => [a.personId, a]));
}

function basisOf(a: Assessment | undefined, m: Member | undefined): OutcomeBasis | null {
  const input = assessmentInput(a);
  if (!input) return null;
  return {
    ...input,
    warnedInYears: m?.warnings.map((w) => w.year) ?? [],
    ...(a?.meetsPostConditions === true ? { meetsPostConditions: true } : {}),
    ...(a?.tier3Placement === 'acting' || a?.tier3Placement === 'shadowing' ? { tier3Placement: a.tier3Placement } : {}),
    ...(a?.veto ? { veto: true } : {}),
  };
}

/** The grade and score a unit submitted; no grade = nothing submitted. */
function assessmentInput(a: Assessment | undefined): AssessmentInput | null {
  if (!a || typeof a.grade !== 'string' || a.grade === '') return null;
  return { grade: a.grade, ...(typeof a.score === 'number' && Number.isFinite(a.score) ? { score: a.score } : {}) };
}

/**
 * A one-vote-veto matter (M-VETO) reported with the assessment: `veto: true` + `vetoReason`, or
 * `veto: { reason }` — dated the day the unit reported it (never before the review's date).
 */
function vetoOf(a: Assessment | undefined, reviewOn: string): { on: string; reason: string } | null {
  if (!a || !a.veto) return null;
  const reported = typeof a.submittedAt === 'string' && !Number.isNaN(Date.parse(a.submittedAt)) ? beijingDate(new Date(a.submittedAt)) : reviewOn;
  const on = reported > reviewOn ? reported : reviewOn;
  const v: unknown = a.veto;
  const reason = typeof v === 'object' && v !== null && 'reason' in v && typeof v.reason === 'string' ? v.reason
    : typeof a.vetoReason === 'string' && a.vetoReason !== '' ? a.vetoReason : '一票否决事项';
  return { on, reason };
}

function annualEntry(e: ExpectedAssessment, m: Member, a: Assessment | undefined, on: string): AnnualReviewEntry {
  // The roster's tier: the tier the member was reviewed in when the window opened.
  return { ...annualEntryOf(m, assessmentInput(a), vetoOf(a, on)), tier: e.tier };
}

function summativeEntry(e: ExpectedAssessment, a: Assessment | undefined, on: string): SummativeReviewEntry {
  const veto = vetoOf(a, on);
  return {
    personId: e.personId, tier: e.tier, assessment: assessmentInput(a),
    meetsPostConditions: a?.meetsPostConditions === true,
    ...(a?.tier3Placement === 'acting' ? { tier3Placement: 'acting' as const } : {}),
    ...(veto ? { veto } : {}),
  };
}
