import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { COGNITO_CLAIMS, callerOf, claimNamesFrom } from '../../functions/api/auth';
import { Forbidden, Unauthorized } from '../../app/errors';
import { handler } from '../../functions/api/handler';
import { lambdaContext } from '../support/s3-events';

/** The caller as the JWT authorizer hands it over: Cognito's claims, or another provider's. */

function withClaims(claims: Record<string, unknown>): APIGatewayProxyEventV2WithJWTAuthorizer {
  return { requestContext: { authorizer: { jwt: { claims, scopes: null } } } } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('callerOf with Cognito claims (the default)', () => {
  it('reads groups as API Gateway flattens them, the unit and the username', () => {
    const c = callerOf(withClaims({ sub: 's1', 'cognito:username': 'xyxx', 'cognito:groups': '[school approver]', 'custom:unit': 'JT-XYXX' }));
    expect([...c.roles].sort()).toEqual(['approver', 'school']);
    expect(c).toMatchObject({ sub: 's1', username: 'xyxx', unit: 'JT-XYXX' });
  });

  it('no sub → 401; a school account without a well-formed unit → 403; unknown groups give no role', () => {
    expect(() => callerOf(withClaims({}))).toThrow(Unauthorized);
    expect(() => callerOf(withClaims({ sub: 's', 'cognito:groups': '[school]' }))).toThrow(Forbidden);
    expect(() => callerOf(withClaims({ sub: 's', 'cognito:groups': '[school]', 'custom:unit': 'bad unit!' }))).toThrow(Forbidden);
    expect(callerOf(withClaims({ sub: 's', 'cognito:groups': '[admin superuser]' })).roles.size).toBe(0);
  });

  it("another provider's claim names are ignored under Cognito's", () => {
    const c = callerOf(withClaims({ sub: 's', groups: ['bureau'], unit: 'JT-A' }));
    expect(c.roles.size).toBe(0);
    expect(c.unit).toBeUndefined();
  });
});

describe('callerOf with an external OIDC provider (AUTH_*_CLAIM)', () => {
  const names = claimNamesFrom({ AUTH_GROUPS_CLAIM: 'groups', AUTH_UNIT_CLAIM: 'dept_code', AUTH_USERNAME_CLAIM: 'preferred_username' });

  it('the environment names the claims; blank or missing falls back to Cognito', () => {
    expect(names).toEqual({ groups: 'groups', unit: 'dept_code', username: 'preferred_username' });
    expect(claimNamesFrom({})).toEqual(COGNITO_CLAIMS);
    expect(claimNamesFrom({ AUTH_GROUPS_CLAIM: '  ' }).groups).toBe('cognito:groups');
  });

  it('reads the named claims (a JSON array of groups too), and the username falls back to sub', () => {
    const c = callerOf(withClaims({ sub: 's9', groups: ['school'], dept_code: 'JT-HLZX' }), names);
    expect(c).toMatchObject({ sub: 's9', username: 's9', unit: 'JT-HLZX' });
    expect([...c.roles]).toEqual(['school']);
    // Cognito's claims mean nothing under another provider: no role, no unit smuggled in.
    const spoof = callerOf(withClaims({ sub: 's', 'cognito:groups': '[bureau]', 'custom:unit': 'JT-A' }), names);
    expect(spoof.roles.size).toBe(0);
    expect(spoof.unit).toBeUndefined();
  });

  it('through the handler: the claim names come from the environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AUTH_GROUPS_CLAIM: 'groups', AUTH_UNIT_CLAIM: 'dept_code' });
    try {
      const event = {
        ...withClaims({ sub: 's', groups: ['school'] }),
        routeKey: 'GET /rounds', rawPath: '/rounds', headers: {}, isBase64Encoded: false, version: '2.0',
      } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
      // The `groups` claim made it a school, and a school without the named unit claim is
      // refused before any route runs (no AWS needed). Under Cognito's names it would have
      // had no role at all, and a different message.
      const res = (await handler(event, lambdaContext('Api'))) as { statusCode: number; body: string };
      expect(res.statusCode).toBe(403);
      expect(JSON.stringify(JSON.parse(res.body))).toContain('a school account without a unit is refused');
    } finally {
      process.env = saved;
    }
  });
});
