import { BALLOT_PUBLIC_ROUTES } from '../../contracts/ballot';
import type { PublicDeps } from '../api/deps';
import { lazy } from '../api/lazy';
import type { Route } from '../api/router';

/** A route of this function: its module (functions/api's) loads on first call. */
const route = <K extends string, M extends Record<K, Route<PublicDeps>>>(load: () => Promise<M>, name: K) => lazy<K, M, PublicDeps>(load, name);

/**
 * The routes anyone may call without signing in (API Gateway runs no authorizer on them:
 * infra/constructs/api-routes.ts PUBLIC_BALLOT_ROUTES and PUBLIC_ROUTES), by route key — the
 * public function serves exactly these: 民主推荐's ballot (a voter holds a one-time code, not an
 * account; throttled per route) and the 公示 page (read-only, §7's fields only).
 */
export const PUBLIC_ROUTES = {
  'POST /ballot/session': route(() => import('../api/ballots'), 'postBallotSession'),
  'POST /ballot/votes': route(() => import('../api/ballots'), 'postBallotVote'),
  'GET /publicity/{roundId}': route(() => import('../api/publicity'), 'getPublicity'),
} as const satisfies Record<string, Route<PublicDeps>>;

export const PUBLIC_ROUTE_KEYS = Object.keys(PUBLIC_ROUTES) as Array<keyof typeof PUBLIC_ROUTES>;

/** The ballot's routes: their caller is an anonymous voter (the 公示 page's, an anonymous reader). */
export const VOTER_ROUTE_KEYS: ReadonlySet<string> = new Set(BALLOT_PUBLIC_ROUTES);
