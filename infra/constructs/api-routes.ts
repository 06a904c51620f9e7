import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';

/**
 * The HTTP API's routes (ARCHITECTURE.md "HTTP API"), each list served by one Lambda: the
 * Api function (this list), the selection function, the public function and the exports
 * function. The local gateway reads which from the synthesized template (each route's
 * integration), as API Gateway does.
 */
export const API_ROUTES: ReadonlyArray<{ readonly method: HttpMethod; readonly path: string }> = [
  { method: HttpMethod.POST, path: '/rounds' },
  { method: HttpMethod.GET, path: '/rounds' },
  { method: HttpMethod.GET, path: '/rounds/{roundId}' },
  { method: HttpMethod.POST, path: '/rounds/{roundId}/uploads' },
  { method: HttpMethod.GET, path: '/template' },
  { method: HttpMethod.GET, path: '/rounds/{roundId}/nominations' },
  { method: HttpMethod.PUT, path: '/rounds/{roundId}/nominations/{nominationId}/scores' },
  { method: HttpMethod.GET, path: '/rounds/{roundId}/shortlist' },
  { method: HttpMethod.POST, path: '/rounds/{roundId}/decision' },
  { method: HttpMethod.GET, path: '/pool' },
  { method: HttpMethod.GET, path: '/pool/consistency' },
  { method: HttpMethod.GET, path: '/pool/members/{personId}' },
  { method: HttpMethod.POST, path: '/pool/members/{personId}/talks' },
  { method: HttpMethod.POST, path: '/pool/members/{personId}/training' },
  { method: HttpMethod.POST, path: '/pool/members/{personId}/rotations' },
  { method: HttpMethod.POST, path: '/pool/members/{personId}/vetoes' },
  { method: HttpMethod.POST, path: '/pool/members/{personId}/renewals' },
  { method: HttpMethod.GET, path: '/pool/members/{personId}/audit' },
  { method: HttpMethod.POST, path: '/pool/imports' },
  { method: HttpMethod.GET, path: '/talks/due' },
  { method: HttpMethod.GET, path: '/audit' },
  { method: HttpMethod.POST, path: '/reviews' },
  { method: HttpMethod.GET, path: '/reviews' },
  { method: HttpMethod.GET, path: '/reviews/{reviewId}' },
  { method: HttpMethod.GET, path: '/reviews/{reviewId}/assessments' },
  { method: HttpMethod.PUT, path: '/reviews/{reviewId}/assessments/{personId}' },
  { method: HttpMethod.GET, path: '/reviews/{reviewId}/proposals' },
  { method: HttpMethod.POST, path: '/reviews/{reviewId}/confirmation' },
  { method: HttpMethod.GET, path: '/units' },
  { method: HttpMethod.PUT, path: '/units/{unitCode}' },
  { method: HttpMethod.GET, path: '/notices' },
  { method: HttpMethod.POST, path: '/appointments' },
  { method: HttpMethod.GET, path: '/reports/x-use' },
];

/**
 * The selection steps' bureau routes — 民主推荐's ballots and codes (S-RECOMMEND), 考察
 * (S-INSPECT), 公示's objections (S-PUBLICITY) — served by the selection function
 * (constructs/selection.ts), behind the authorizer like the Api's.
 */
export const SELECTION_ROUTES: ReadonlyArray<{ readonly method: HttpMethod; readonly path: string }> = [
  { method: HttpMethod.GET, path: '/rounds/{roundId}/ballots' },
  { method: HttpMethod.POST, path: '/rounds/{roundId}/ballots/{unitCode}/codes' },
  { method: HttpMethod.GET, path: '/rounds/{roundId}/inspections' },
  { method: HttpMethod.PUT, path: '/rounds/{roundId}/inspections/{nominationId}' },
  { method: HttpMethod.POST, path: '/rounds/{roundId}/inspections/close' },
  { method: HttpMethod.GET, path: '/rounds/{roundId}/objections' },
  { method: HttpMethod.POST, path: '/rounds/{roundId}/objections' },
  { method: HttpMethod.PUT, path: '/rounds/{roundId}/objections/{objectionId}' },
];

/**
 * 民主推荐's public routes (contracts/ballot.ts): served by the public function
 * (constructs/selection.ts) without the authorizer, each throttled by the stage's route
 * settings (constructs/api.ts).
 */
export const PUBLIC_BALLOT_ROUTES: ReadonlyArray<{ readonly method: HttpMethod; readonly path: string }> = [
  { method: HttpMethod.POST, path: '/ballot/session' },
  { method: HttpMethod.POST, path: '/ballot/votes' },
];

/**
 * Routes the public function serves WITHOUT sign-in (HttpNoneAuthorizer): read-only public pages.
 * 公示 (S-PUBLICITY) is public by its nature: the list is published for anyone to read and object to.
 */
export const PUBLIC_ROUTES: ReadonlyArray<{ readonly method: HttpMethod; readonly path: string }> = [
  { method: HttpMethod.GET, path: '/publicity/{roundId}' },
];

/**
 * The routes served by the exports function (constructs/exports.ts): its own Lambda, so the
 * Api bundle carries no workbook writer.
 */
export const EXPORT_ROUTES: ReadonlyArray<{ readonly method: HttpMethod; readonly path: string }> = [
  { method: HttpMethod.POST, path: '/exports' },
];
