import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ExternalIdentity } from '../identity';
import { API_ROUTES, EXPORT_ROUTES, PUBLIC_BALLOT_ROUTES, PUBLIC_ROUTES, SELECTION_ROUTES } from './api-routes';
import { BALLOT_THROTTLE } from '../../contracts/ballot';

/** Cognito groups; tokens carry them in `cognito:groups`. */
export const USER_GROUPS = ['bureau', 'approver', 'school'] as const;

export interface PoolApiProps {
  readonly stage: 'dev' | 'prod';
  readonly handler: lambda.IFunction;
  /** The exports function: serves EXPORT_ROUTES. */
  readonly exportsHandler: lambda.IFunction;
  /** The selection function: serves SELECTION_ROUTES (constructs/selection.ts). */
  readonly selectionHandler: lambda.IFunction;
  /** The public function: serves PUBLIC_BALLOT_ROUTES and PUBLIC_ROUTES, without the authorizer. */
  readonly publicHandler: lambda.IFunction;
  readonly allowedOrigins: readonly string[];
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: logs.RetentionDays;
  /** Encrypts the log group (CloudWatch Logs may use it through the key policy). */
  readonly logKey: kms.IKey;
  /** Sign-in by an existing OIDC provider instead of a new Cognito user pool (infra/identity.ts). */
  readonly identity?: ExternalIdentity;
  /**
   * The web console's sign-in through the Cognito hosted UI (authorization code with PKCE):
   * where Cognito may send the code (callback) and the signed-out user (logout), and the
   * prefix of the hosted UI's domain (`{prefix}.auth.{region}.amazoncognito.com`).
   */
  readonly hostedUi?: { readonly callbackUrls: readonly string[]; readonly logoutUrls: readonly string[]; readonly domainPrefix: string };
}

/**
 * The HTTP API (API Gateway v2) behind a Cognito JWT authorizer. People are a few
 * hundred named staff created by an administrator: no self sign-up, TOTP MFA required.
 * A school user's unit is the custom attribute `unit` (`custom:unit` in the ID token);
 * the app client cannot write it, so users cannot move themselves to another unit.
 * With an external OIDC provider (props.identity) there is no user pool: the authorizer
 * trusts that issuer and audience instead.
 */
export class PoolApi extends Construct {
  readonly users?: { readonly pool: cognito.UserPool; readonly client: cognito.UserPoolClient; readonly domain?: cognito.UserPoolDomain };
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: PoolApiProps) {
    super(scope, id);
    const prod = props.stage === 'prod';

    let authorizer: apigw.IHttpRouteAuthorizer;
    if (props.identity) {
      authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.identity.issuer, {
        jwtAudience: [...props.identity.audience],
      });
    } else {
      this.users = this.cognitoUsers(prod, props.hostedUi);
      authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', this.users.pool, {
        userPoolClients: [this.users.client],
      });
    }

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: `talent-pool ${props.stage}`,
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
      corsPreflight: props.allowedOrigins.length === 0 ? undefined : {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.PUT],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // Who called what, and how it ended; no bodies, no query strings.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            time: AccessLogField.contextRequestTime(),
            sourceIp: AccessLogField.contextIdentitySourceIp(),
            routeKey: '$context.routeKey',
            status: AccessLogField.contextStatus(),
            latencyMs: '$context.responseLatency',
            sub: AccessLogField.contextAuthorizerClaims('sub'),
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('ApiIntegration', props.handler);
    for (const route of API_ROUTES) {
      this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration });
    }
    const selectionIntegration = new HttpLambdaIntegration('SelectionIntegration', props.selectionHandler);
    for (const route of SELECTION_ROUTES) {
      this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration: selectionIntegration });
    }
    // Every route without the authorizer goes to the public function, which holds only their grants.
    const publicIntegration = new HttpLambdaIntegration('PublicIntegration', props.publicHandler);
    this.publicBallotRoutes(publicIntegration);
    // Public pages: no authorizer on exactly these routes (read-only; the stage's throttle holds).
    const none = new apigw.HttpNoneAuthorizer();
    for (const route of PUBLIC_ROUTES) {
      for (const r of this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration: publicIntegration, authorizer: none })) {
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is a public read-only page (公示, S-PUBLICITY: published for anyone to read); it shows only what the notice publishes, never an ID number`,
        });
      }
    }
    const exportsIntegration = new HttpLambdaIntegration('ExportsIntegration', props.exportsHandler);
    for (const route of EXPORT_ROUTES) {
      this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration: exportsIntegration });
    }
  }

  /**
   * 民主推荐's two public routes (contracts/ballot.ts): a voter has a one-time code, not an
   * account, so API Gateway runs no authorizer on them; the handler answers nothing without a
   * live code. Each is throttled on its own (stage route settings, BALLOT_THROTTLE), well below
   * the stage's default, which is what bounds guessing codes (domain/selection/ballot-code.ts).
   */
  private publicBallotRoutes(integration: HttpLambdaIntegration): void {
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of PUBLIC_BALLOT_ROUTES) {
      const [added] = this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration, authorizer: new apigw.HttpNoneAuthorizer() });
      if (added) {
        this.stage.node.addDependency(added);
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            `${route.method} ${route.path} is the public 民主推荐 ballot: a voter holds a one-time code from a printed slip, ` +
            'not an account. The handler answers nothing without a live code (12 characters of 31, ≈ 2^59), and the route ' +
            `is throttled to ${BALLOT_THROTTLE.rateLimit} requests/s (burst ${BALLOT_THROTTLE.burstLimit}) across all callers.`,
        });
      }
      routeSettings[`${route.method} ${route.path}`] = { ThrottlingRateLimit: BALLOT_THROTTLE.rateLimit, ThrottlingBurstLimit: BALLOT_THROTTLE.burstLimit };
    }
    (this.stage.node.defaultChild as apigw.CfnStage).addPropertyOverride('RouteSettings', routeSettings);
  }

  /** A user pool for a few hundred named staff: admin-created, TOTP MFA, `custom:unit`. */
  private cognitoUsers(prod: boolean, hostedUi: PoolApiProps['hostedUi']): { pool: cognito.UserPool; client: cognito.UserPoolClient; domain?: cognito.UserPoolDomain } {
    const pool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.REQUIRED,
      // TOTP only: no SMS role, no SMS delivery to depend on.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Plus tier for threat protection (compromised credentials, adaptive auth): the
      // pool guards personal data of school leaders, and a few hundred MAU cost little.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        // Mutable so an administrator can reassign a staff member to another unit
        // (immutable attributes can never change); users cannot write it (client below).
        unit: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const group of USER_GROUPS) {
      pool.addGroup(`Group-${group}`, { groupName: group });
    }

    const client = pool.addClient('Client', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // The console signs in through the hosted UI: the authorization code grant only (a public
      // client, so PKCE), never the implicit grant that would put tokens in a URL.
      ...(hostedUi ? {
        oAuth: {
          flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
          scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
          callbackUrls: [...hostedUi.callbackUrls],
          logoutUrls: [...hostedUi.logoutUrls],
        },
        supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      } : { disableOAuth: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('unit'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    const domain = hostedUi ? pool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: hostedUi.domainPrefix } }) : undefined;
    return { pool, client, ...(domain ? { domain } : {}) };
  }

  /** The invoke URL of the `$default` stage. */
  get url(): string {
    return this.stage.url;
  }
}
