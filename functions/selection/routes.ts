import type { SelectionDeps } from '../api/deps';
import { lazy } from '../api/lazy';
import type { Route } from '../api/router';

/** A route of this function: its module (functions/api's, shared with nobody else) loads on first call. */
const route = <K extends string, M extends Record<K, Route<SelectionDeps>>>(load: () => Promise<M>, name: K) => lazy<K, M, SelectionDeps>(load, name);

/**
 * The selection steps' bureau routes (S-RECOMMEND, S-INSPECT, S-PUBLICITY), by API Gateway
 * route key: exactly those the template sends to the selection function
 * (infra/constructs/api-routes.ts SELECTION_ROUTES). All behind the authorizer; the route
 * modules are functions/api's own, only served from here.
 */
export const SELECTION_ROUTES = {
  'GET /rounds/{roundId}/ballots': route(() => import('../api/ballots'), 'listBallots'),
  'POST /rounds/{roundId}/ballots/{unitCode}/codes': route(() => import('../api/ballots'), 'postBallotCodes'),
  'GET /rounds/{roundId}/inspections': route(() => import('../api/inspections'), 'getInspections'),
  'PUT /rounds/{roundId}/inspections/{nominationId}': route(() => import('../api/inspections'), 'putInspection'),
  'POST /rounds/{roundId}/inspections/close': route(() => import('../api/inspections'), 'postInspectionClose'),
  'GET /rounds/{roundId}/objections': route(() => import('../api/publicity'), 'getObjections'),
  'POST /rounds/{roundId}/objections': route(() => import('../api/publicity'), 'postObjection'),
  'PUT /rounds/{roundId}/objections/{objectionId}': route(() => import('../api/publicity'), 'putObjection'),
} as const satisfies Record<string, Route<SelectionDeps>>;

export const SELECTION_ROUTE_KEYS = Object.keys(SELECTION_ROUTES) as Array<keyof typeof SELECTION_ROUTES>;
