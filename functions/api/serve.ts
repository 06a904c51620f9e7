import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { NotFound } from '../../app/errors';
import { wallClock } from '../shared/clock';
import { errorResponse } from '../shared/http';
import { logger } from '../shared/logger';
import type { Caller } from './auth';
import { requestOf } from './request';
import type { Route } from './router';

/** One Lambda behind the HTTP API: its route table, its wiring, and who calls its routes. */
export interface HttpFunction<D> {
  /** By API Gateway route key: exactly the routes the template sends to this function. */
  readonly routes: Readonly<Record<string, Route<D>>>;
  /** Built once per container, on first use (the configuration is read then). */
  readonly deps: () => D;
  /** Who is calling: the authorizer's claims, or, on a public route, nobody signed in. */
  readonly caller: (event: APIGatewayProxyEventV2WithJWTAuthorizer) => Caller;
}

/**
 * The handler of a function behind the HTTP API (the Api, the selection and the public
 * functions share it): a tiny router over `routeKey`. Thin: the route (a key this function
 * does not serve is 404 before anyone's claims are read) → who is calling → the route's
 * module (parse with zod, call the use case, persist through the repositories) → one error
 * mapper (shared/http.ts).
 */
export function httpHandler<D>(fn: HttpFunction<D>) {
  async function serve(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
    try {
      const route = Object.hasOwn(fn.routes, event.routeKey) ? fn.routes[event.routeKey] : undefined;
      if (!route) throw new NotFound({ zh: '该接口', en: 'route' }, 'ROUTE_NOT_FOUND');
      const caller = fn.caller(event);
      logger.appendKeys({ routeKey: event.routeKey, caller: caller.username });
      return await route(requestOf(event, caller, requestTime(event)), fn.deps());
    } catch (e) {
      return errorResponse(e, logger);
    } finally {
      logger.removeKeys(['routeKey', 'caller']);
    }
  }
  return middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>(serve)
    .use(injectLambdaContext(logger, { resetKeys: true }));
}

/**
 * "Now" is the time API Gateway stamped on the request (requestContext.timeEpoch), so every
 * rule a request meets — windows, deadlines, term warnings — is judged at one instant. The
 * local gateway stamps its simulated clock there, so a demo can live through years.
 */
function requestTime(event: APIGatewayProxyEventV2WithJWTAuthorizer): Date {
  const epoch = event.requestContext?.timeEpoch;
  return typeof epoch === 'number' && Number.isFinite(epoch) ? new Date(epoch) : wallClock();
}
