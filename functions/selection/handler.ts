import { callerOf } from '../api/auth';
import { apiClaims } from '../api/deps';
import { httpHandler } from '../api/serve';
import { selectionDeps } from './deps';
import { SELECTION_ROUTES } from './routes';

export { SELECTION_ROUTE_KEYS } from './routes';
export { resetSelectionWiring } from './deps';

/**
 * The selection function behind the HTTP API (JWT authorizer on each of its routes): the
 * bureau's 民主推荐 ballots and codes, 考察 records and close, 公示's objections (routes.ts). Its
 * own Lambda (issue #12.7) so the Api bundle stays under 500 KB, and so its role holds what these
 * routes use: the pool and audit tables, the round machine's task responses.
 */
export const handler = httpHandler({
  routes: SELECTION_ROUTES,
  deps: selectionDeps,
  caller: (event) => callerOf(event, apiClaims()),
});
