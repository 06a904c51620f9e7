import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, type LocalIssuer } from '../../local/gateway/jwt';
import { startLocalHttpApi, type LocalHttpApi } from '../../local/gateway/http-api';
import { compileRoute, matchRoute, routeKeysFromTemplate } from '../../local/gateway/routes';

describe('local HTTP API gateway', () => {
  let issuer: LocalIssuer;
  let api: LocalHttpApi;
  const seen: unknown[] = [];

  beforeAll(async () => {
    issuer = await createLocalIssuer();
    api = await startLocalHttpApi({
      routeKeys: ['GET /rounds', 'GET /rounds/{roundId}', 'POST /rounds/{roundId}/uploads', 'GET /rounds/summary'],
      issuer,
      handler: async (event) => {
        seen.push(event);
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ route: event.routeKey, params: event.pathParameters ?? null, claims: event.requestContext.authorizer.jwt.claims }) };
      },
    });
  });
  afterAll(async () => api.close());

  it('listens on loopback only', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a request without a valid token, as the JWT authorizer does', async () => {
    expect((await fetch(`${api.url}/rounds`)).status).toBe(401);
    const other = await createLocalIssuer();
    const forged = await other.mint({ sub: 'x', username: 'x', groups: ['bureau'] });
    expect((await fetch(`${api.url}/rounds`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    const expired = await issuer.mint({ sub: 'x', username: 'x', groups: ['bureau'] }, -10);
    expect((await fetch(`${api.url}/rounds`, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
  });

  it('passes Cognito-shaped claims and path parameters to the handler', async () => {
    const token = await issuer.mint({ sub: 'u1', username: 'xy-office', groups: ['school'], unit: 'JT-XYXX' });
    const res = await fetch(`${api.url}/rounds/2026-R1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { route: string; params: Record<string, string>; claims: Record<string, string> };
    expect(body.route).toBe('POST /rounds/{roundId}/uploads');
    expect(body.params).toEqual({ roundId: '2026-R1' });
    expect(body.claims['cognito:groups']).toBe('[school]');
    expect(body.claims['custom:unit']).toBe('JT-XYXX');
  });

  it('prefers a literal segment over a parameter and answers 404 for unknown paths', async () => {
    const token = await issuer.mint({ sub: 'u1', username: 'b', groups: ['bureau'] });
    const res = await fetch(`${api.url}/rounds/summary`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await res.json()) as { route: string }).route).toBe('GET /rounds/summary');
    expect((await fetch(`${api.url}/nowhere`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  it('reads route keys from a template', () => {
    const keys = routeKeysFromTemplate({ Resources: { R: { Type: 'AWS::ApiGatewayV2::Route', Properties: { RouteKey: 'GET /pool' } }, X: { Type: 'AWS::S3::Bucket' } } });
    expect(keys).toEqual(['GET /pool']);
    const m = matchRoute([compileRoute('GET /pool/members/{personId}')], 'POST', '/pool/members/P1');
    expect(m).toEqual({ methodNotAllowed: true });
  });
});
