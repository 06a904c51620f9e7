import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer } from '../../local/gateway/jwt';
import { startLocalHttpApi, type LocalHttpApi } from '../../local/gateway/http-api';
import { publicRouteKeysFromTemplate, routeThrottlesFromTemplate } from '../../local/gateway/routes';
import { RouteThrottles } from '../../local/gateway/throttle';

/**
 * The public ballot routes (S-RECOMMEND) locally as on API Gateway: no token needed, and each
 * throttled by the stage's route settings — read from a template, enforced before the handler.
 */
describe('local gateway: public routes and route throttles', () => {
  let api: LocalHttpApi;
  let calls = 0;

  beforeAll(async () => {
    const template = {
      Resources: {
        Votes: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'POST /ballot/votes', AuthorizationType: 'NONE' } },
        Rounds: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /rounds', AuthorizationType: 'JWT' } },
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { RouteSettings: { 'POST /ballot/votes': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 } } } },
      },
    };
    expect(publicRouteKeysFromTemplate(template)).toEqual(['POST /ballot/votes']);
    expect(routeThrottlesFromTemplate(template)).toEqual({ 'POST /ballot/votes': { rateLimit: 2, burstLimit: 5 } });
    api = await startLocalHttpApi({
      routeKeys: ['POST /ballot/votes', 'GET /rounds'],
      publicRoutes: publicRouteKeysFromTemplate(template),
      throttles: routeThrottlesFromTemplate(template),
      issuer: await createLocalIssuer(),
      handler: async () => {
        calls += 1;
        return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: '{}' };
      },
    });
  });
  afterAll(async () => api?.close());

  it('a public route needs no token; the others still do', async () => {
    expect((await fetch(`${api.url}/rounds`)).status).toBe(401);
    expect((await fetch(`${api.url}/ballot/votes`, { method: 'POST', body: '{}' })).status).toBe(201);
  });

  it('past its burst a throttled route answers 429 without reaching the handler', async () => {
    await new Promise((r) => setTimeout(r, 3000)); // refill the bucket the test above drew on
    const before = calls;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${api.url}/ballot/votes`, { method: 'POST', body: '{}' })).status);
    const passed = statuses.filter((s) => s === 201).length;
    // A burst of 5, and at 2/s perhaps one more token while the loop runs.
    expect(passed).toBeGreaterThanOrEqual(5);
    expect(passed).toBeLessThanOrEqual(6);
    expect(statuses.slice(passed).every((s) => s === 429)).toBe(true);
    expect(calls - before).toBe(passed);
    const res = await fetch(`${api.url}/ballot/votes`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ message: 'Too Many Requests' });
  });

  it('the bucket refills at the rate', () => {
    let t = 0;
    const b = new RouteThrottles({ r: { rateLimit: 10, burstLimit: 2 } }, () => t);
    expect([b.take('r'), b.take('r'), b.take('r')]).toEqual([true, true, false]);
    t = 100; // 0.1 s at 10/s: one token
    expect([b.take('r'), b.take('r')]).toEqual([true, false]);
    expect(b.take('unthrottled')).toBe(true);
  });
});
