import type { Caller } from '../api/auth';
import { httpHandler } from '../api/serve';
import { publicDeps } from './deps';
import { PUBLIC_ROUTES, VOTER_ROUTE_KEYS } from './routes';

export { PUBLIC_ROUTE_KEYS } from './routes';
export { resetPublicWiring } from './deps';

/**
 * Nobody is signed in on these routes, whatever a header says: API Gateway runs no authorizer
 * in front of them, so this function never reads claims. The callers have no roles, so every
 * role check in a route module refuses them anything but what the public routes answer.
 */
const VOTER: Caller = { sub: 'anonymous', username: 'anonymous-voter', roles: new Set() };
const READER: Caller = { sub: '', username: 'anonymous', roles: new Set() };

/**
 * The public function behind the HTTP API (issue #12.7): 民主推荐's ballot and the 公示 page,
 * the only routes without an authorizer (routes.ts). Its own Lambda so the Api bundle stays
 * under 500 KB, and so what anyone on the internet can reach holds only what these routes
 * use: the pool table's reads and the ballot's writes, the person-id key for the codes' HMACs.
 */
export const handler = httpHandler({
  routes: PUBLIC_ROUTES,
  deps: publicDeps,
  caller: (event) => (VOTER_ROUTE_KEYS.has(event.routeKey) ? VOTER : READER),
});
