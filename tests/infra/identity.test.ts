import { Annotations, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PUBLIC_BALLOT_ROUTES, PUBLIC_ROUTES } from '../../infra/constructs/api-routes';
import { describe, expect, it } from 'vitest';
import { buildTalentPool } from '../../infra/build';
import { functionByModule, poolStack, resources } from './fixture';

/**
 * Sign-in by an existing OIDC provider: for regions without Cognito user pools (the AWS China
 * regions' documentation lists them as unavailable) or a bureau's own directory.
 */

const ISSUER = 'https://idp.jintan.example.cn/realms/jyj';
const identity = { issuer: ISSUER, audience: ['talent-pool'], unitClaim: 'dept_code' };

describe('an external OIDC provider instead of Cognito', () => {
  const { template } = poolStack({ stage: 'prod', identity });

  it('creates no user pool; the JWT authorizer trusts that issuer and audience on every route but the public pages', () => {
    expect(resources(template, 'AWS::Cognito::UserPool')).toHaveLength(0);
    expect(resources(template, 'AWS::Cognito::UserPoolClient')).toHaveLength(0);
    const authorizers = resources(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]![1].Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: ISSUER, Audience: ['talent-pool'] },
    });
    // The public pages (the 民主推荐 ballot, the 公示 page) have no authorizer whichever provider signs in.
    const open = new Set([...PUBLIC_ROUTES, ...PUBLIC_BALLOT_ROUTES].map((r) => `${r.method} ${r.path}`));
    for (const [, route] of resources(template, 'AWS::ApiGatewayV2::Route')) {
      const key = String(route.Properties?.RouteKey);
      expect(route.Properties?.AuthorizationType, key).toBe(open.has(key) ? 'NONE' : 'JWT');
    }
    expect(Object.keys(template.toJSON().Outputs)).not.toContain('UserPoolId');
  });

  it('the API function is told which claims carry groups, unit and name', () => {
    const vars = (functionByModule(template, 'functions/api/handler.ts').fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars).toMatchObject({ AUTH_GROUPS_CLAIM: 'groups', AUTH_UNIT_CLAIM: 'dept_code', AUTH_USERNAME_CLAIM: 'preferred_username' });
  });

  it('with Cognito (the default) the API reads Cognito claims: no AUTH_* variables', () => {
    const cognito = poolStack({ stage: 'dev' }).template;
    const vars = (functionByModule(cognito, 'functions/api/handler.ts').fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(vars).filter((k) => k.startsWith('AUTH_'))).toEqual([]);
  });

  it('cdk-nag stays clean', () => {
    const { app, stack } = buildTalentPool({ bundling: false, nag: true, props: { stage: 'prod', identity } });
    expect(() => app.synth()).not.toThrow();
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', () => true)).toEqual([]);
  }, 60_000);

  it('from context: -c jwtIssuer -c jwtAudience (comma list) -c jwtGroupsClaim', () => {
    const { stack } = buildTalentPool({
      bundling: false,
      context: { jwtIssuer: ISSUER, jwtAudience: 'a, b', jwtGroupsClaim: 'roles' },
    });
    expect(stack.api.users).toBeUndefined();
    const vars = (functionByModule(Template.fromStack(stack), 'functions/api/handler.ts').fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars.AUTH_GROUPS_CLAIM).toBe('roles');
  });

  it('refuses what would trust nothing or break at deploy: http issuer, no audience, audience without issuer, odd claim names', () => {
    const build = (context: Record<string, unknown>) => () => buildTalentPool({ bundling: false, context });
    expect(build({ jwtIssuer: 'http://idp.example.cn', jwtAudience: 'a' })).toThrow(/https URL/);
    expect(build({ jwtIssuer: 'not a url', jwtAudience: 'a' })).toThrow(/https URL/);
    expect(build({ jwtIssuer: ISSUER })).toThrow(/jwtAudience is required/);
    expect(build({ jwtIssuer: ISSUER, jwtAudience: ' , ' })).toThrow(/jwtAudience is required/);
    expect(build({ jwtAudience: 'a' })).toThrow(/needs jwtIssuer/);
    expect(build({ jwtIssuer: ISSUER, jwtAudience: 'a', jwtUnitClaim: 'unit code' })).toThrow(/not a claim name/);
  });
});
