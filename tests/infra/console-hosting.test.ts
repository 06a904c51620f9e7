import { describe, expect, it } from 'vitest';
import { buildTalentPool } from '../../infra/build';
import { consoleCsp } from '../../infra/constructs/console-hosting';
import { validateSettings } from '../../infra/settings';
import { logicalIdOf, poolStack, referencedIds, resources, statements, type Json } from './fixture';

/**
 * The web console on AWS (DESIGN §9, issue #10): a private bucket read only by CloudFront
 * through an origin access control, HTTPS only, security headers, the SPA's routes answered by
 * index.html, /config.json from deploy-time values, and the console's origin trusted by the
 * API (CORS), the uploads bucket and the Cognito client. cdk-nag: tests/infra/nag.test.ts.
 */

describe('console hosting', () => {
  const { stack, template } = poolStack({ stage: 'prod' });
  const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: Json }>; Outputs: Json };
  const bucketId = logicalIdOf(stack, stack.console.bucket);
  const distributionId = logicalIdOf(stack, stack.console.distribution);
  const bucket = json.Resources[bucketId]!;
  const distribution = json.Resources[distributionId]!.Properties.DistributionConfig as Json;
  const domainOf = { 'Fn::GetAtt': [distributionId, 'DomainName'] };
  const originOf = { 'Fn::Join': ['', ['https://', domainOf]] };

  it('the bucket is private: all public access blocked, SSE, SSL only, access logs to the log bucket', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect((bucket.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: Json[] }).ServerSideEncryptionConfiguration[0]).toMatchObject({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } });
    expect(bucket.Properties.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logicalIdOf(stack, stack.uploads.accessLogsBucket) }, LogFilePrefix: 'console/' });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
  });

  it('the bucket policy lets only this distribution read (OAC), and denies plain HTTP; no one else is allowed', () => {
    const [, policy] = resources(template, 'AWS::S3::BucketPolicy').find(([, p]) => referencedIds(p.Properties?.Bucket).includes(bucketId))!;
    const raw = (policy.Properties?.PolicyDocument as { Statement: Json[] }).Statement;
    const allows = raw.filter((s) => s.Effect === 'Allow');
    const reads = allows.filter((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.Action).toBe('s3:GetObject');
    expect(JSON.stringify(reads[0]!.Condition)).toContain('AWS:SourceArn');
    expect(referencedIds(reads[0]!.Condition)).toContain(distributionId);
    // Anything else allowed is the CDK's own roles (auto-delete in dev, the deployment handler): never '*'.
    for (const s of allows) expect(s.Principal).not.toBe('*');
    expect(JSON.stringify(statements(policy.Properties?.PolicyDocument).filter((s) => s.Effect === 'Deny'))).toContain('s3:*');
    expect(JSON.stringify(raw)).toContain('"aws:SecureTransport":"false"');
  });

  it('CloudFront reaches the bucket through an origin access control (SigV4, always), not an OAI or a website endpoint', () => {
    const oacs = resources(template, 'AWS::CloudFront::OriginAccessControl');
    expect(oacs).toHaveLength(1);
    const [oacId, oac] = oacs[0]!;
    expect(oac.Properties?.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    expect(resources(template, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toHaveLength(0);
    const [origin] = distribution.Origins as Json[];
    expect(referencedIds(origin!.OriginAccessControlId)).toEqual([oacId]);
    expect(origin!.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(referencedIds(origin!.DomainName)).toEqual([bucketId]);
  });

  it('HTTPS only (HTTP redirected), GET/HEAD, index.html at /, and console pages answered by index.html', () => {
    expect(distribution.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'], Compress: true });
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
  });

  it('security headers on every answer: CSP (scripts only from itself, no framing), HSTS, DENY, nosniff, no referrer', () => {
    const policies = resources(template, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0]!;
    expect(referencedIds((distribution.DefaultCacheBehavior as Json).ResponseHeadersPolicyId)).toEqual([policyId]);
    const headers = (policy.Properties?.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Json> }).SecurityHeadersConfig;
    const csp = stack.resolve(headers.ContentSecurityPolicy!.ContentSecurityPolicy) as { 'Fn::Join': [string, unknown[]] };
    const text = csp['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : '{token}')).join('');
    const directives = Object.fromEntries(text.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(text).not.toMatch(/unsafe-eval/);
    // antd writes <style> at run time: inline styles only, never inline scripts.
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['connect-src']![0]).toBe("'self'");
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(consoleCsp(['https://a.example']).split('; ')).toContain("connect-src 'self' https://a.example");
  });

  it('deploys the build, then index.html, /config.json and /openapi.json (no-cache, invalidated)', () => {
    const deployments = resources(template, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const entry = deployments.find(([, d]) => (d.Properties?.Include as string[] | undefined)?.includes('config.json'))!;
    const assets = deployments.find(([id]) => id !== entry[0])!;
    expect(entry[1].Properties).toMatchObject({ Prune: false, Exclude: ['*'], Include: ['index.html', 'config.json', 'openapi.json'], SystemMetadata: { 'cache-control': 'no-cache' } });
    expect(referencedIds(entry[1].Properties?.DistributionId)).toEqual([distributionId]);
    expect(entry[1].Properties?.DistributionPaths).toEqual(['/', '/index.html', '/config.json', '/openapi.json']);
    expect(assets[1].Properties).toMatchObject({ Prune: true, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(assets[1].Properties?.Exclude).toEqual(expect.arrayContaining(['index.html', 'config.json', 'openapi.json']));
    for (const [, d] of deployments) expect(referencedIds(d.Properties?.DestinationBucketName)).toEqual([bucketId]);
    expect(json.Outputs.ConsoleUrl).toEqual({ Value: { 'Fn::Join': ['', ['https://', domainOf, '/']] } });
  });

  it('/config.json is made of deploy-time values: the API URL, the user pool, the client, the hosted UI, idle minutes', () => {
    const config = stack.resolve(stack.console.runtimeConfig) as Json & { signIn: Json };
    expect(referencedIds(config.apiBaseUrl)).toContain(logicalIdOf(stack, stack.api.httpApi));
    expect(config.idleMinutes).toBe(30);
    expect(config.environmentName).toBeUndefined();
    expect(config.signIn).toMatchObject({ mode: 'oidc', provider: 'cognito', logoutStyle: 'cognito', scopes: ['openid', 'email', 'profile'], groupsClaim: 'cognito:groups', unitClaim: 'custom:unit' });
    expect(referencedIds(config.signIn.clientId)).toEqual([logicalIdOf(stack, stack.api.users!.client)]);
    expect(referencedIds(config.signIn.issuer)).toEqual([logicalIdOf(stack, stack.api.users!.pool)]);
    expect(JSON.stringify(config.signIn.authorizationEndpoint)).toContain('/oauth2/authorize');
    expect(JSON.stringify(config.signIn.tokenEndpoint)).toContain('/oauth2/token');
    expect(poolStack({ stage: 'prod', consoleIdleMinutes: 10 }).stack.console.runtimeConfig?.idleMinutes).toBe(10);
  });

  it('the Cognito client: authorization code only, back to the console (callback, logout); a hosted UI domain', () => {
    const [, client] = resources(template, 'AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties).toMatchObject({ AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, GenerateSecret: false, SupportedIdentityProviders: ['COGNITO'] });
    expect(client.Properties?.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', domainOf, '/auth/callback']] }]);
    expect(client.Properties?.LogoutURLs).toEqual([{ 'Fn::Join': ['', ['https://', domainOf, '/signin']] }]);
    const [, domain] = resources(template, 'AWS::Cognito::UserPoolDomain')[0]!;
    expect(JSON.stringify(domain.Properties?.Domain)).toContain('talent-pool-prod-');
    // dev also lets the Vite dev server sign in
    const dev = resources(poolStack({ stage: 'dev' }).template, 'AWS::Cognito::UserPoolClient')[0]![1];
    expect(dev.Properties?.CallbackURLs).toContain('http://localhost:5173/auth/callback');
  });

  it('the console origin may call the API (CORS) and POST uploads; prod trusts no other origin unless told', () => {
    const [, api] = resources(template, 'AWS::ApiGatewayV2::Api')[0]!;
    expect((api.Properties?.CorsConfiguration as Json).AllowOrigins).toEqual([originOf]);
    const uploads = json.Resources[logicalIdOf(stack, stack.uploads.bucket)]!;
    const rules = (uploads.Properties.CorsConfiguration as { CorsRules: Json[] }).CorsRules;
    expect(rules).toEqual([expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [originOf] })]);
  });

  it('with an external OIDC provider: no hosted UI; the console discovers the issuer, which CSP lets it reach', () => {
    const issuer = 'https://idp.jintan.example.cn/realms/jyj';
    const { stack: s, template: t } = poolStack({ stage: 'prod', identity: { issuer, audience: ['talent-pool-api', 'x'], consoleClientId: 'talent-pool-console', groupsClaim: 'roles' } });
    expect(resources(t, 'AWS::Cognito::UserPoolDomain')).toHaveLength(0);
    expect(s.resolve(s.console.runtimeConfig?.signIn)).toEqual({
      mode: 'oidc', provider: 'oidc', issuer, clientId: 'talent-pool-console', scopes: ['openid', 'profile'], groupsClaim: 'roles', unitClaim: 'unit', nameClaim: 'preferred_username',
    });
    const [, policy] = resources(t, 'AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    expect(JSON.stringify(policy.Properties)).toContain(' https://idp.jintan.example.cn;');
  });

  it('refuses an idle time or a hosted UI prefix that would not work', () => {
    expect(() => validateSettings({ stage: 'dev', consoleIdleMinutes: 0 })).toThrow(/consoleIdleMinutes/);
    expect(() => validateSettings({ stage: 'dev', consoleIdleMinutes: 2000 })).toThrow(/consoleIdleMinutes/);
    expect(() => validateSettings({ stage: 'dev', cognitoDomainPrefix: 'Talent_Pool' })).toThrow(/cognitoDomainPrefix/);
    expect(() => validateSettings({ stage: 'dev', cognitoDomainPrefix: 'my-aws-pool' })).toThrow(/cognitoDomainPrefix/);
    expect(() => validateSettings({ stage: 'dev', cognitoDomainPrefix: 'jintan-jyj-pool', consoleIdleMinutes: 15 })).not.toThrow();
    expect(buildTalentPool({ bundling: false, context: { consoleIdleMinutes: '20' } }).stack.console.runtimeConfig?.idleMinutes).toBe(20);
  });
});
