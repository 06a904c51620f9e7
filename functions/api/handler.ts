import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { wallClock } from '../shared/clock';
import { NotFound } from '../../app/errors';
import { errorResponse } from '../shared/http';
import { logger } from '../shared/logger';
import { callerOf } from './auth';
import { apiClaims, apiDeps } from './deps';
import { requestOf } from './request';
import { PUBLIC_ROUTE_KEYS, routeFor } from './router';
import { BALLOT_PUBLIC_ROUTES } from '../../contracts/ballot';
import type { Caller } from './auth';

export { ROUTE_KEYS } from './router';
export { resetApiWiring } from './deps';

/**
 * The HTTP API (API Gateway v2, JWT authorizer): one function, a tiny router over
 * `routeKey`. Thin: who is calling (auth.ts) → the route (parse with zod, call the domain,
 * persist through the repositories) → one error mapper (shared/http.ts).
 */
/**
 * The public ballot routes carry no token (API Gateway runs no authorizer on them): their
 * caller is an anonymous voter with no role, so every role check refuses it anywhere else.
 */
const PUBLIC: ReadonlySet<string> = new Set(BALLOT_PUBLIC_ROUTES);
const VOTER: Caller = { sub: 'anonymous', username: 'anonymous-voter', roles: new Set() };

async function api(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    const route = routeFor(event.routeKey);
    if (!route) throw new NotFound({ zh: '该接口', en: 'route' }, 'ROUTE_NOT_FOUND');
    // A public route has no authorizer in front of it: nobody is signed in, whatever a header says.
    const caller = PUBLIC.has(event.routeKey) ? VOTER : PUBLIC_ROUTE_KEYS.has(event.routeKey) ? ANONYMOUS : callerOf(event, apiClaims());
    logger.appendKeys({ routeKey: event.routeKey, caller: caller.username });
    return await route(requestOf(event, caller, requestTime(event)), apiDeps());
  } catch (e) {
    return errorResponse(e, logger);
  } finally {
    logger.removeKeys(['routeKey', 'caller']);
  }
}

/** The caller of a public route: no roles, so no role check lets it past. */
const ANONYMOUS: Caller = { sub: '', username: 'anonymous', roles: new Set() };

/**
 * "Now" is the time API Gateway stamped on the request (requestContext.timeEpoch), so every
 * rule a request meets — windows, deadlines, term warnings — is judged at one instant. The
 * local gateway stamps its simulated clock there, so a demo can live through years.
 */
function requestTime(event: APIGatewayProxyEventV2WithJWTAuthorizer): Date {
  const epoch = event.requestContext?.timeEpoch;
  return typeof epoch === 'number' && Number.isFinite(epoch) ? new Date(epoch) : wallClock();
}

export const handler = middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>(api)
  .use(injectLambdaContext(logger, { resetKeys: true }));
