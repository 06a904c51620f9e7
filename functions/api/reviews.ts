import type { Member } from '../../domain/membership';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../app/errors';
import { problem } from '../../domain/problem';
import { answer } from '../shared/answer';
import type { AnswerBody } from '../../contracts/views';
import { PERSON_ID_PATTERN } from '../../contracts/ids';
import type { Assessment, Review } from '../shared/repository';
import { actorOf, confinedUnit, requireRole } from './auth';
import { AssessmentBody, ConfirmationBody, StartReviewBody, UnitCodeSchema } from '../../contracts/api';
import { confirmReview, reviewProposals } from '../../app/review/confirm';
import type { ApiDeps } from './deps';
import { memberNotFound } from '../../app/members/append-event';
import { pageOf, parseBody, pathParam, queryParam, type ApiRequest } from './request';
import { startReview as startReviewCase } from '../../app/review/start-review';
import { allOf } from '../../app/pages';

/**
 * Annual reviews (M-TERM). The schedule starts one every year; the bureau may start one now
 * (POST /reviews). Units submit the assessments of their own members while the review's
 * window is open (X-UNITS); the bureau may submit any.
 */

export async function startReview(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const body = parseBody(req, StartReviewBody);
  const started = await startReviewCase(deps, { ...(body.asOf !== undefined ? { asOf: body.asOf } : {}), now: req.now, actor: actorOf(req.caller) });
  return answer('POST /reviews', 202, started);
}

/** The task token is the machine's, never shown. */
function shown(review: Review): Review {
  const { taskToken: _token, ...rest } = review;
  return rest as Review;
}

/** Calibration: the proposed outcomes per cohort and member, what they rest on, what may be set instead. */
export async function getProposals(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  // The use case builds each member's line as the schema says; its own type leaves them unknown[].
  return answer('GET /reviews/{reviewId}/proposals', 200, await reviewProposals(deps, pathParam(req, 'reviewId')) as AnswerBody<'GET /reviews/{reviewId}/proposals'>);
}

/** Calibration: confirm the proposals, with the bureau's changes (each with its reason); only then do they apply. */
export async function postConfirmation(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const reviewId = pathParam(req, 'reviewId');
  const body = parseBody(req, ConfirmationBody);
  const confirmation = await confirmReview(deps, { reviewId, body, by: req.caller.username, actor: actorOf(req.caller), at: req.now.toISOString() });
  return answer('POST /reviews/{reviewId}/confirmation', 202, { reviewId, confirmation });
}

function reviewNotFound(reviewId: string): NotFound {
  return new NotFound({ zh: `考核 ${reviewId}`, en: `review ${reviewId}` }, 'REVIEW_NOT_FOUND');
}

function allAssessments(deps: ApiDeps, reviewId: string): Promise<Assessment[]> {
  return allOf((page) => deps.repos.reviews.listAssessments(reviewId, page));
}

export async function getReview(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const reviewId = pathParam(req, 'reviewId');
  const review = await deps.repos.reviews.get(reviewId);
  if (!review) throw reviewNotFound(reviewId);
  const items = deps.repos.reviewItems;
  const [assessments, expected, outcomes, dueTalks] = await Promise.all([
    allAssessments(deps, reviewId), items.expected(reviewId), items.outcomes(reviewId), items.dueTalks(reviewId),
  ]);
  const submitted = new Set(assessments.map((a) => a.personId));
  return answer('GET /reviews/{reviewId}', 200, {
    review: shown(review),
    expected,
    missing: expected.filter((e) => !submitted.has(e.personId)).map((e) => ({ personId: e.personId, name: e.name, unit: e.unitCode, tier: e.tier })),
    assessments,
    outcomes,
    dueTalks,
  });
}

/** The review takes assessments while `open` and, when it has one, before `windowClosesAt`. */
function requireOpen(review: Review, now: Date): void {
  const closesAt = typeof review.windowClosesAt === 'string' ? review.windowClosesAt : undefined;
  if (review.status !== 'open' || (closesAt !== undefined && now.getTime() >= Date.parse(closesAt))) {
    throw new Conflict('REVIEW_NOT_OPEN', '考核未在报送期内', 'the review is not taking assessments now', { clause: 'X-UNITS' });
  }
}

export async function putAssessment(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'school', 'bureau');
  const reviewId = pathParam(req, 'reviewId');
  const personId = pathParam(req, 'personId', PERSON_ID_PATTERN);
  const body = parseBody(req, AssessmentBody);

  const own = confinedUnit(req.caller);
  const member = await deps.repos.members.get<Member>(personId);
  // X-UNITS: a unit assesses its own reserves. The same 403 whether the member is another
  // unit's or does not exist.
  if (own !== undefined && member?.unitCode !== own) throw new Forbidden('只能报送本单位后备人才的考核', 'your own unit\'s members only');
  if (!member || member.tier === null) throw memberNotFound(personId);

  const review = await deps.repos.reviews.get(reviewId);
  if (!review) throw reviewNotFound(reviewId);
  requireOpen(review, req.now);
  // The review's roster, frozen by OpenWindow before the review shows `open`: only members
  // under review. An empty roster (nobody's term has a year to assess) takes no assessment.
  const expected = await deps.repos.reviewItems.expected(reviewId);
  if (!expected.some((e) => e.personId === personId)) {
    throw new Conflict('NOT_UNDER_REVIEW', '该后备人才不在本次考核名单中', 'the member is not under this review', { clause: 'M-TERM' });
  }

  const previous = await deps.repos.reviews.getAssessment(reviewId, personId);
  const assessment: Assessment = {
    reviewId,
    personId,
    unitCode: member.unitCode,
    tier: member.tier,
    grade: body.grade,
    score: body.score,
    assessedBy: body.assessedBy,
    veto: body.veto !== undefined,
    ...(body.veto ? { vetoReason: body.veto.reason } : {}),
    ...(body.meetsPostConditions !== undefined ? { meetsPostConditions: body.meetsPostConditions } : {}),
    ...(body.tier3Placement !== undefined ? { tier3Placement: body.tier3Placement } : {}),
    submittedBy: req.caller.username,
    submittedAt: req.now.toISOString(),
  };
  await deps.repos.reviews.putAssessment(assessment);
  await deps.audit.append({
    entity: `member/${personId}`,
    action: previous ? 'assessment.replaced' : 'assessment.submitted',
    actor: actorOf(req.caller),
    clause: 'X-UNITS',
    details: { reviewId, unitCode: member.unitCode, grade: body.grade, score: body.score, veto: body.veto !== undefined },
  });
  return answer('PUT /reviews/{reviewId}/assessments/{personId}', previous ? 200 : 201, { assessment });
}

/** What a unit needs to see of a review: when it runs and when the window closes. */
const PUBLIC_REVIEW_FIELDS = ['reviewId', 'status', 'reviewDate', 'year', 'windowClosesAt'] as const;

export async function listReviews(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'school');
  const page = await deps.repos.reviews.list(pageOf(req));
  const whole = confinedUnit(req.caller) === undefined;
  // A review item is an open bag in the port's type (app/ports/reviews.ts); the public fields are a subset of the whole.
  const reviews = page.items.map((r) => (whole ? shown(r) : Object.fromEntries(PUBLIC_REVIEW_FIELDS.filter((k) => k in r).map((k) => [k, r[k]])) as Review));
  return answer('GET /reviews', 200, { reviews, ...(page.cursor ? { cursor: page.cursor } : {}) });
}

/**
 * X-UNITS: the members a unit must assess in this review (its own, from the roster
 * OpenWindow froze), each with what is due and what was submitted. A school sees its own
 * unit; the bureau every unit, or one with ?unit=.
 */
export async function listReviewAssessments(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'school');
  const reviewId = pathParam(req, 'reviewId');
  const review = await deps.repos.reviews.get(reviewId);
  if (!review) throw reviewNotFound(reviewId);
  const own = confinedUnit(req.caller);
  const asked = queryParam(req, 'unit');
  if (asked !== undefined && !UnitCodeSchema.safeParse(asked).success) {
    throw new ValidationError([problem('QUERY_INVALID', 'unit', 'unit 应为单位代码', 'unit: a unit code')]);
  }
  if (own !== undefined && asked !== undefined && asked !== own) throw new Forbidden('只能查看本单位的考核名单', 'your own unit only');
  const unit = own ?? asked;
  const [expected, assessments] = await Promise.all([
    deps.repos.reviewItems.expected(reviewId),
    allAssessments(deps, reviewId),
  ]);
  const byPerson = new Map(assessments.map((a) => [a.personId, a]));
  const members = expected
    .filter((e) => unit === undefined || e.unitCode === unit)
    .map((e) => {
      const a = byPerson.get(e.personId);
      return {
        personId: e.personId, name: e.name, unit: e.unitCode, tier: e.tier, termYear: e.termYear, kind: e.kind, needs: e.needs, dueBy: e.dueBy,
        submitted: a ? { grade: a.grade, score: a.score, veto: a.veto, submittedAt: a.submittedAt } : null,
      };
    });
  return answer('GET /reviews/{reviewId}/assessments', 200, { reviewId, status: review.status, windowClosesAt: review.windowClosesAt as string | undefined, ...(unit ? { unit } : {}), members });
}
