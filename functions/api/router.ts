import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiDeps } from './deps';
import type { ApiRequest } from './request';
import { getRound, listRounds, openRound } from './rounds';
import { getTemplate, uploadLink } from './uploads';
import { listNominations, putScores } from './nominations';
import { getShortlist, postDecision } from './shortlist';
import { getMember, getPool } from './pool';
import { getConsistency } from './consistency';
import { postRotation, postTalk, postTraining } from './records';
import { getProposals, getReview, listReviewAssessments, listReviews, postConfirmation, putAssessment, startReview } from './reviews';
import { postVeto } from './vetoes';
import { postRenewal } from './renewals';
import { postImport } from './imports';
import { getTalksDue } from './talks';
import { getAudit, getMemberAudit } from './audit';
import { listUnits, putUnit } from './units';
import { listNotices } from './notices';
import { getXUseReport, postAppointment } from './appointments';
import { getInspections, postInspectionClose, putInspection } from './inspections';
import { listBallots, postBallotCodes, postBallotSession, postBallotVote } from './ballots';
import { getObjections, getPublicity, postObjection, putObjection } from './publicity';

export type Route = (req: ApiRequest, deps: ApiDeps) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The routes, by API Gateway route key. Exactly the deployed ones (infra/constructs/api-routes.ts);
 * a test compares ROUTE_KEYS with the synthesized template's routes.
 */
export const ROUTES = {
  'POST /rounds': openRound,
  'GET /rounds': listRounds,
  'GET /rounds/{roundId}': getRound,
  'POST /rounds/{roundId}/uploads': uploadLink,
  'GET /template': getTemplate,
  'GET /rounds/{roundId}/nominations': listNominations,
  'PUT /rounds/{roundId}/nominations/{nominationId}/scores': putScores,
  'GET /rounds/{roundId}/shortlist': getShortlist,
  'POST /rounds/{roundId}/decision': postDecision,
  'GET /rounds/{roundId}/inspections': getInspections,
  'PUT /rounds/{roundId}/inspections/{nominationId}': putInspection,
  'POST /rounds/{roundId}/inspections/close': postInspectionClose,
  'GET /pool': getPool,
  'GET /pool/consistency': getConsistency,
  'GET /pool/members/{personId}': getMember,
  'POST /pool/members/{personId}/talks': postTalk,
  'POST /pool/members/{personId}/training': postTraining,
  'POST /pool/members/{personId}/rotations': postRotation,
  'POST /pool/members/{personId}/vetoes': postVeto,
  'POST /pool/members/{personId}/renewals': postRenewal,
  'GET /pool/members/{personId}/audit': getMemberAudit,
  'POST /pool/imports': postImport,
  'GET /talks/due': getTalksDue,
  'GET /audit': getAudit,
  'POST /reviews': startReview,
  'GET /reviews': listReviews,
  'GET /reviews/{reviewId}': getReview,
  'GET /reviews/{reviewId}/assessments': listReviewAssessments,
  'PUT /reviews/{reviewId}/assessments/{personId}': putAssessment,
  'GET /reviews/{reviewId}/proposals': getProposals,
  'POST /reviews/{reviewId}/confirmation': postConfirmation,
  'GET /units': listUnits,
  'PUT /units/{unitCode}': putUnit,
  'GET /notices': listNotices,
  'POST /appointments': postAppointment,
  'GET /reports/x-use': getXUseReport,
  'GET /rounds/{roundId}/ballots': listBallots,
  'POST /rounds/{roundId}/ballots/{unitCode}/codes': postBallotCodes,
  'POST /ballot/session': postBallotSession,
  'POST /ballot/votes': postBallotVote,
  'GET /rounds/{roundId}/objections': getObjections,
  'POST /rounds/{roundId}/objections': postObjection,
  'PUT /rounds/{roundId}/objections/{objectionId}': putObjection,
  'GET /publicity/{roundId}': getPublicity,
} as const satisfies Record<string, Route>;

export type RouteKey = keyof typeof ROUTES;
export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

/**
 * The routes served without sign-in (API Gateway's HttpNoneAuthorizer, infra/constructs/api-routes.ts
 * PUBLIC_ROUTES): read-only pages the public may see. Their handlers get an anonymous caller
 * with no roles, so every role check still refuses them anything else.
 */
export const PUBLIC_ROUTE_KEYS: ReadonlySet<string> = new Set<RouteKey>(['GET /publicity/{roundId}']);

export function routeFor(routeKey: string): Route | undefined {
  return Object.hasOwn(ROUTES, routeKey) ? ROUTES[routeKey as RouteKey] : undefined;
}
