import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiDeps } from './deps';
import type { ApiRequest } from './request';
import { lazy } from './lazy';

/** A route's module function: what the function serving it hands it is `D` (the Api's deps by default). */
export type Route<D = ApiDeps> = (req: ApiRequest, deps: D) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The Api function's routes, by API Gateway route key: exactly those the template sends to it
 * (infra/constructs/api-routes.ts API_ROUTES; tests/functions/api-routes.test.ts compares them
 * with the synthesized template). The selection steps' bureau routes (民主推荐's ballots, 考察,
 * 公示's objections) are the selection function's (functions/selection/routes.ts) and the public
 * pages the public function's (functions/public/routes.ts): their modules are not in this
 * bundle (issue #12.7: every bundle ≤ 500 KB, a public function that holds only its own grants).
 */
export const ROUTES = {
  'POST /rounds': lazy(() => import('./rounds'), 'openRound'),
  'GET /rounds': lazy(() => import('./rounds'), 'listRounds'),
  'GET /rounds/{roundId}': lazy(() => import('./rounds'), 'getRound'),
  'POST /rounds/{roundId}/uploads': lazy(() => import('./uploads'), 'uploadLink'),
  'GET /template': lazy(() => import('./uploads'), 'getTemplate'),
  'GET /rounds/{roundId}/nominations': lazy(() => import('./nominations'), 'listNominations'),
  'PUT /rounds/{roundId}/nominations/{nominationId}/scores': lazy(() => import('./nominations'), 'putScores'),
  'GET /rounds/{roundId}/shortlist': lazy(() => import('./shortlist'), 'getShortlist'),
  'POST /rounds/{roundId}/decision': lazy(() => import('./shortlist'), 'postDecision'),
  'GET /pool': lazy(() => import('./pool'), 'getPool'),
  'GET /pool/consistency': lazy(() => import('./consistency'), 'getConsistency'),
  'GET /pool/members/{personId}': lazy(() => import('./pool'), 'getMember'),
  'POST /pool/members/{personId}/talks': lazy(() => import('./records'), 'postTalk'),
  'POST /pool/members/{personId}/training': lazy(() => import('./records'), 'postTraining'),
  'POST /pool/members/{personId}/rotations': lazy(() => import('./records'), 'postRotation'),
  'POST /pool/members/{personId}/vetoes': lazy(() => import('./vetoes'), 'postVeto'),
  'POST /pool/members/{personId}/renewals': lazy(() => import('./renewals'), 'postRenewal'),
  'GET /pool/members/{personId}/audit': lazy(() => import('./audit'), 'getMemberAudit'),
  'POST /pool/imports': lazy(() => import('./imports'), 'postImport'),
  'GET /talks/due': lazy(() => import('./talks'), 'getTalksDue'),
  'GET /audit': lazy(() => import('./audit'), 'getAudit'),
  'POST /reviews': lazy(() => import('./reviews'), 'startReview'),
  'GET /reviews': lazy(() => import('./reviews'), 'listReviews'),
  'GET /reviews/{reviewId}': lazy(() => import('./reviews'), 'getReview'),
  'GET /reviews/{reviewId}/assessments': lazy(() => import('./reviews'), 'listReviewAssessments'),
  'PUT /reviews/{reviewId}/assessments/{personId}': lazy(() => import('./reviews'), 'putAssessment'),
  'GET /reviews/{reviewId}/proposals': lazy(() => import('./reviews'), 'getProposals'),
  'POST /reviews/{reviewId}/confirmation': lazy(() => import('./reviews'), 'postConfirmation'),
  'GET /units': lazy(() => import('./units'), 'listUnits'),
  'PUT /units/{unitCode}': lazy(() => import('./units'), 'putUnit'),
  'GET /notices': lazy(() => import('./notices'), 'listNotices'),
  'POST /appointments': lazy(() => import('./appointments'), 'postAppointment'),
  'GET /reports/x-use': lazy(() => import('./appointments'), 'getXUseReport'),
} as const satisfies Record<string, Route>;

export type RouteKey = keyof typeof ROUTES;
export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

export function routeFor(routeKey: string): Route | undefined {
  return Object.hasOwn(ROUTES, routeKey) ? ROUTES[routeKey as RouteKey] : undefined;
}
