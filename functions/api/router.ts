import { BALLOT_PUBLIC_ROUTES } from '../../contracts/ballot';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiDeps } from './deps';
import type { ApiRequest } from './request';
import { lazy } from './lazy';

export type Route = (req: ApiRequest, deps: ApiDeps) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The routes, by API Gateway route key. Exactly the deployed ones (infra/constructs/api-routes.ts);
 * a test compares ROUTE_KEYS with the synthesized template's routes.
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
  'GET /rounds/{roundId}/inspections': lazy(() => import('./inspections'), 'getInspections'),
  'PUT /rounds/{roundId}/inspections/{nominationId}': lazy(() => import('./inspections'), 'putInspection'),
  'POST /rounds/{roundId}/inspections/close': lazy(() => import('./inspections'), 'postInspectionClose'),
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
  'GET /rounds/{roundId}/ballots': lazy(() => import('./ballots'), 'listBallots'),
  'POST /rounds/{roundId}/ballots/{unitCode}/codes': lazy(() => import('./ballots'), 'postBallotCodes'),
  'POST /ballot/session': lazy(() => import('./ballots'), 'postBallotSession'),
  'POST /ballot/votes': lazy(() => import('./ballots'), 'postBallotVote'),
  'GET /rounds/{roundId}/objections': lazy(() => import('./publicity'), 'getObjections'),
  'POST /rounds/{roundId}/objections': lazy(() => import('./publicity'), 'postObjection'),
  'PUT /rounds/{roundId}/objections/{objectionId}': lazy(() => import('./publicity'), 'putObjection'),
  'GET /publicity/{roundId}': lazy(() => import('./publicity'), 'getPublicity'),
} as const satisfies Record<string, Route>;

export type RouteKey = keyof typeof ROUTES;
export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

/**
 * The routes served without sign-in (API Gateway's HttpNoneAuthorizer, infra/constructs/api-routes.ts
 * PUBLIC_ROUTES): read-only pages the public may see. Their handlers get an anonymous caller
 * with no roles, so every role check still refuses them anything else.
 */
export const PUBLIC_ROUTE_KEYS: ReadonlySet<string> = new Set<RouteKey>(['GET /publicity/{roundId}', ...BALLOT_PUBLIC_ROUTES]);

export function routeFor(routeKey: string): Route | undefined {
  return Object.hasOwn(ROUTES, routeKey) ? ROUTES[routeKey as RouteKey] : undefined;
}
