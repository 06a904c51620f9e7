import { callerOf } from './auth';
import { apiClaims, apiDeps } from './deps';
import { ROUTES } from './router';
import { httpHandler } from './serve';

export { ROUTE_KEYS } from './router';
export { resetApiWiring } from './deps';

/**
 * The HTTP API's main function (API Gateway v2, JWT authorizer on every one of its routes):
 * the bureau's, the approver's and the schools' routes (router.ts). The selection steps' bureau
 * routes and the public pages are served by functions of their own (functions/selection,
 * functions/public), so this bundle carries neither.
 */
export const handler = httpHandler({
  routes: ROUTES,
  deps: apiDeps,
  caller: (event) => callerOf(event, apiClaims()),
});
