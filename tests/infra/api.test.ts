import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { API_ROUTES, EXPORT_ROUTES, PUBLIC_BALLOT_ROUTES, PUBLIC_ROUTES, SELECTION_ROUTES } from '../../infra/constructs/api-routes';
import { BALLOT_PUBLIC_ROUTES, BALLOT_THROTTLE } from '../../contracts/ballot';
import { publicRouteKeysFromTemplate, routeThrottlesFromTemplate } from '../../local/gateway/routes';
import { functionByModule, logicalIdOf, poolStack, referencedIds, resources } from './fixture';

describe('HTTP API and Cognito', () => {
  const { template } = poolStack({ stage: 'dev' });

  it('every route of ARCHITECTURE.md exists, with the JWT (Cognito) authorizer, each list to its own function', () => {
    const routes = resources(template, 'AWS::ApiGatewayV2::Route');
    const keys = (list: typeof API_ROUTES) => list.map((r) => `${r.method} ${r.path}`).sort();
    expect(routes.map(([, r]) => r.Properties?.RouteKey).sort()).toEqual(
      [...keys(API_ROUTES), ...keys(SELECTION_ROUTES), ...keys(PUBLIC_ROUTES), ...keys(EXPORT_ROUTES), ...keys(PUBLIC_BALLOT_ROUTES)].sort(),
    );
    const [authorizerId] = resources(template, 'AWS::ApiGatewayV2::Authorizer').map(([id]) => id);
    const integrations = resources(template, 'AWS::ApiGatewayV2::Integration');
    // One integration a function: the Api, the selection, the public and the exports function.
    expect(integrations).toHaveLength(4);
    const functionOf = (integrationId: string) => referencedIds(template.toJSON().Resources[integrationId].Properties.IntegrationUri);
    const fnOf = (module: string) => functionByModule(template, module).id;
    const publicKeys = new Set([...keys(PUBLIC_BALLOT_ROUTES), ...keys(PUBLIC_ROUTES)]);
    const target = new Map<string, string>([
      ...keys(API_ROUTES).map((k) => [k, fnOf('functions/api/handler.ts')] as const),
      ...keys(SELECTION_ROUTES).map((k) => [k, fnOf('functions/selection/handler.ts')] as const),
      ...[...publicKeys].map((k) => [k, fnOf('functions/public/handler.ts')] as const),
      ...keys(EXPORT_ROUTES).map((k) => [k, fnOf('functions/exports/handler.ts')] as const),
    ]);
    for (const [, route] of routes) {
      if (publicKeys.has(route.Properties?.RouteKey as string)) {
        expect(route.Properties?.AuthorizationType).toBe('NONE');
        expect(route.Properties?.AuthorizerId).toBeUndefined();
      } else {
        expect(route.Properties?.AuthorizationType).toBe('JWT');
        expect(referencedIds(route.Properties?.AuthorizerId)).toEqual([authorizerId]);
      }
      const targets = referencedIds(route.Properties?.Target);
      expect(targets).toHaveLength(1);
      expect(functionOf(targets[0]!), route.Properties?.RouteKey as string).toEqual([target.get(route.Properties?.RouteKey as string)]);
    }
  });

  it('the authorizer trusts the user pool as issuer and its client as audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it('stage: access logs and throttling', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 50 },
    });
  });

  it('the public ballot routes, and only they, have their own throttle, below the stage default', () => {
    expect([...BALLOT_PUBLIC_ROUTES].sort()).toEqual(PUBLIC_BALLOT_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const [[, stage]] = resources(template, 'AWS::ApiGatewayV2::Stage') as unknown as [[string, { Properties: { RouteSettings: Record<string, unknown> } }]];
    expect(stage.Properties.RouteSettings).toEqual(Object.fromEntries(BALLOT_PUBLIC_ROUTES.map((k) => [k, { ThrottlingRateLimit: BALLOT_THROTTLE.rateLimit, ThrottlingBurstLimit: BALLOT_THROTTLE.burstLimit }])));
    expect(BALLOT_THROTTLE.rateLimit).toBeLessThan(25);
    // What the local gateway reads back from this template: the same public routes and limits.
    const t = template.toJSON() as Parameters<typeof routeThrottlesFromTemplate>[0];
    expect(publicRouteKeysFromTemplate(t)).toEqual([...BALLOT_PUBLIC_ROUTES, ...PUBLIC_ROUTES.map((r) => `${r.method} ${r.path}`)].sort());
    expect(routeThrottlesFromTemplate(t)).toEqual(Object.fromEntries(BALLOT_PUBLIC_ROUTES.map((k) => [k, { rateLimit: BALLOT_THROTTLE.rateLimit, burstLimit: BALLOT_THROTTLE.burstLimit }])));
  });

  it('user pool: admin-created users, strong passwords, MFA required, custom:unit, the three groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'unit', Mutable: true, AttributeDataType: 'String' })]),
    });
    expect(resources(template, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties?.GroupName).sort()).toEqual([
      'approver',
      'bureau',
      'school',
    ]);
  });

  it('users cannot write their own unit; tokens can carry it', () => {
    const [, client] = resources(template, 'AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties?.WriteAttributes).not.toContain('custom:unit');
    expect(client.Properties?.ReadAttributes).toContain('custom:unit');
    expect(client.Properties?.GenerateSecret).toBe(false);
  });
});

describe('schedule', () => {
  it('starts the review once a year in Asia/Shanghai with { scheduledTime }', () => {
    const { template } = poolStack({ stage: 'dev' });
    const [reviewId] = resources(template, 'AWS::StepFunctions::StateMachine')
      .filter(([, m]) => m.Metadata?.['talentPool:stateMachine'] === 'review')
      .map(([id]) => id);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 9 1 9 ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { Ref: reviewId },
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });

  it('the cron is a prop', () => {
    const { template } = poolStack({ stage: 'dev', reviewSchedule: 'cron(30 8 25 8 ? *)' });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(30 8 25 8 ? *)' });
  });
});

describe('alarms', () => {
  const { stack, template } = poolStack({ stage: 'dev' });
  const alarms = resources(template, 'AWS::CloudWatch::Alarm');
  const topicId = logicalIdOf(stack, stack.alarms.topic);

  it('failed executions of every machine (round, review, term), intake errors, dead letters, all to the topic', () => {
    const metric = (namespace: string, name: string) =>
      alarms.filter(([, a]) => a.Properties?.Namespace === namespace && a.Properties?.MetricName === name);
    expect(metric('AWS/States', 'ExecutionsFailed')).toHaveLength(3);
    expect(metric('AWS/Lambda', 'Errors')).toHaveLength(1);
    const dlq = metric('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    // intake's, the schedules' and the notices' dead-letter queues.
    expect(dlq).toHaveLength(3);
    for (const [, a] of dlq) expect(a.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    for (const [, a] of alarms) expect(referencedIds(a.Properties?.AlarmActions)).toEqual([topicId]);
  });

  it('the topic is KMS-encrypted and SSL-only', () => {
    const topic = template.toJSON().Resources[topicId];
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});
