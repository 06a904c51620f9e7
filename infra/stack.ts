import { DEFAULT_CONFIRMATION_TIMEOUT_SECONDS } from '../contracts/limits';
import { Aws, CfnOutput, Duration, RemovalPolicy, SecretValue, Stack, Tags, TimeZone, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { PoolAlarms } from './constructs/alarms';
import { PoolApi } from './constructs/api';
import { PoolData } from './constructs/data';
import {
  AUDIT_APPEND,
  AUDIT_READ,
  IDEMPOTENCY_RW,
  TABLE_READ,
  TABLE_WRITE,
  bindBucketPrefix,
  bindTable,
} from './constructs/grants';
import { Exports } from './constructs/exports';
import { SelectionFunctions } from './constructs/selection';
import { IntakeEvents } from './constructs/intake-events';
import { claimEnvironment, validateExternalIdentity, type ExternalIdentity } from './identity';
import { allowedOriginsFor, validateSettings } from './settings';
import { PoolFunction } from './constructs/pool-function';
import { ReviewMachine } from './constructs/review-machine';
import { RoundMachine } from './constructs/round-machine';
import { ReviewSchedule, TermEndSchedule } from './constructs/schedule';
import { TermMachine } from './constructs/term-machine';
import { awsConnectSources, ConsoleHosting } from './constructs/console-hosting';
import { buildOpenApi } from '../contracts/openapi';
import { UPLOAD_PREFIX, Uploads } from './constructs/uploads';
import { Notices } from './constructs/notices';
import { DEFAULT_BATCH_SIZE, DEFAULT_TALLY_BATCH_SIZE } from '../contracts/limits';

export type Stage = 'dev' | 'prod';

export interface TalentPoolStackProps extends StackProps {
  readonly stage: Stage;
  /**
   * When the annual review starts (EventBridge Scheduler cron, in `reviewTimeZone`).
   * Default `cron(0 9 1 9 ? *)`: 1 September 09:00, the start of the school year.
   */
  readonly reviewSchedule?: string;
  /** Default Asia/Shanghai. */
  readonly reviewTimeZone?: TimeZone;
  /** Default true. */
  readonly reviewScheduleEnabled?: boolean;
  /**
   * When the daily term end runs (M-TERM: every term whose end day has come ends; cron in
   * `reviewTimeZone`). Default `cron(5 0 * * ? *)`: 00:05 every day.
   */
  readonly termEndSchedule?: string;
  /** Default true. */
  readonly termEndScheduleEnabled?: boolean;
  /** How long a round waits for the approver (AwaitDecision TimeoutSeconds). Default 30 days. */
  readonly approvalTimeoutSeconds?: number;
  /**
   * How long a review waits for the bureau to confirm its proposed outcomes (calibration)
   * before nothing applies (AwaitConfirmation TimeoutSeconds). Default 60 days.
   */
  readonly confirmationTimeoutSeconds?: number;
  /** Days units have to submit their members' assessments once a review opens (default 30). */
  readonly reviewWindowDays?: number;
  /** TimeoutSeconds of every other Lambda task. Default 180 (the step Lambdas time out at 120). */
  readonly stepTimeoutSeconds?: number;
  /** Nominations per ScoreBatch / AdmitBatch call (sent as `batchSize`). Default 200 (contracts/limits.ts). */
  readonly batchSize?: number;
  /** Units' ballots per TallyBallot call (sent as `batchSize`). Default 100 (contracts/limits.ts, from a measurement). */
  readonly tallyBatchSize?: number;
  /** Cohorts the review processes in parallel. Default 2. */
  readonly reviewConcurrency?: number;
  /** Browser origins for the API (CORS) and for presigned POST uploads. Default http://localhost:5173. */
  readonly allowedOrigins?: readonly string[];
  /**
   * Name of an existing Secrets Manager secret holding the person-id HMAC key. Use it in
   * prod: the key must outlive any stack, since every personId is derived from it.
   * Default: the stack creates (and retains) a generated secret.
   */
  readonly personIdKeySecretName?: string;
  /** E-mail subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /**
   * Sign people in with an existing OIDC provider instead of a new Cognito user pool
   * (regions without Cognito user pools, or a bureau's own directory). See infra/identity.ts.
   */
  readonly identity?: ExternalIdentity;
  /** Stage throttling of the HTTP API. Default 25 rps, burst 50. */
  readonly apiThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Minutes without input before the web console signs out (its /config.json). Default 30. */
  readonly consoleIdleMinutes?: number;
  /**
   * Prefix of the Cognito hosted UI's domain (`{prefix}.auth.{region}.amazoncognito.com`),
   * unique in the region. Default `talent-pool-{stage}-{account id}`.
   */
  readonly cognitoDomainPrefix?: string;
  /**
   * Notices to units by e-mail (DESIGN §7): the verified SES identity (a domain such as
   * `jtedu.gov.cn`, or an address) and the From address. Unset: e-mail notices are recorded as
   * failed (EmailFromMissing) and the group robots still deliver.
   */
  readonly noticeEmail?: { readonly identity: string; readonly from: string };
}

export const DEFAULT_REVIEW_SCHEDULE = 'cron(0 9 1 9 ? *)';
export const DEFAULT_TERM_END_SCHEDULE = 'cron(5 0 * * ? *)';
export const DEFAULT_APPROVAL_TIMEOUT_SECONDS = 30 * 24 * 3600;
export const DEFAULT_STEP_TIMEOUT_SECONDS = 180;

/** The whole system: one stack (ARCHITECTURE.md). */
export class TalentPoolStack extends Stack {
  readonly data: PoolData;
  readonly uploads: Uploads;
  readonly functions: {
    readonly intake: PoolFunction;
    readonly scoring: PoolFunction;
    readonly roundSteps: PoolFunction;
    readonly reviewSteps: PoolFunction;
    readonly api: PoolFunction;
    readonly exports: PoolFunction;
    /** The selection steps' bureau routes (constructs/selection.ts). */
    readonly selection: PoolFunction;
    /** The routes without sign-in: the ballot, the 公示 page (constructs/selection.ts). */
    readonly public: PoolFunction;
  };
  readonly roundMachine: RoundMachine;
  readonly reviewMachine: ReviewMachine;
  readonly termMachine: TermMachine;
  readonly api: PoolApi;
  readonly console: ConsoleHosting;
  readonly schedule: ReviewSchedule;
  readonly termEndSchedule: TermEndSchedule;
  readonly alarms: PoolAlarms;
  readonly notices: Notices;
  /** The notifier (functions/notifier/handler.ts): drains the notice queue. */
  readonly notifier: PoolFunction;

  constructor(scope: Construct, id: string, props: TalentPoolStackProps) {
    super(scope, id, { analyticsReporting: false, ...props });
    const { stage } = props;
    const prod = stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = prod ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_MONTH;
    validateSettings(props);
    const allowedOrigins = allowedOriginsFor(props);
    const identity = props.identity ? validateExternalIdentity(props.identity) : undefined;
    Tags.of(this).add('project', 'talent-pool');
    Tags.of(this).add('stage', stage);

    this.data = new PoolData(this, 'Data', { stage });
    const { key, poolTable, auditTable, idempotencyTable } = this.data;
    this.uploads = new Uploads(this, 'Uploads', { stage, key, allowedOrigins });
    // The web console (DESIGN §9): its origin may call the API and POST uploads.
    const domainPrefix = props.cognitoDomainPrefix ?? `talent-pool-${stage}-${Aws.ACCOUNT_ID}`;
    const hostedUiOrigin = `https://${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;
    this.console = new ConsoleHosting(this, 'Console', {
      stage,
      accessLogsBucket: this.uploads.accessLogsBucket,
      logRetention,
      logKey: key,
      connectSources: awsConnectSources(identity ? new URL(identity.issuer).origin : hostedUiOrigin),
    });
    this.uploads.allowUploadsFrom(this.console.origin);
    const personIdKey = this.personIdKey(props.personIdKeySecretName);

    const fn = (id: string, handlerModule: string, description: string, timeout: Duration, memorySize = 512) =>
      new PoolFunction(this, id, { handlerModule, description, timeout, memorySize, environmentKey: key, removalPolicy, logRetention });
    const intake = fn('IntakeFunction', 'functions/intake/handler.ts', 'Parses, validates and stores an uploaded nomination form', Duration.minutes(2), 1024);
    const scoring = fn('ScoringFunction', 'functions/scoring/handler.ts', 'Round: score-batch, rank', Duration.minutes(2));
    const roundSteps = fn('RoundStepsFunction', 'functions/round-steps/handler.ts', 'Round: close-intake, await-decision, admit-batch, record-outcome, record-failure', Duration.minutes(2));
    const reviewSteps = fn('ReviewStepsFunction', 'functions/review-steps/handler.ts', 'Annual review steps', Duration.minutes(2));
    // API Gateway gives up after 30 s; the function should answer (or fail) before that.
    const api = fn('ApiFunction', 'functions/api/handler.ts', 'HTTP API', Duration.seconds(25));
    // Excel exports: their own function, reading the pool, writing under exports/ (constructs/exports.ts).
    const exports = new Exports(this, 'Exports', {
      key, poolTable, auditTable, bucket: this.uploads.bucket, removalPolicy, logRetention,
    }).function;
    // Notices to units: the Api (a round opens), Intake (a form is rejected), RoundSteps (a
    // ballot opens) and ReviewSteps (a review's window, the daily reminders) queue them; the
    // notifier delivers (constructs/notices.ts).
    this.notifier = fn('NotifierFunction', 'functions/notifier/handler.ts', 'Delivers notices to units: SES e-mail, WeChat Work and DingTalk robots', Duration.seconds(60), 256);
    this.notices = new Notices(this, 'Notices', {
      notifier: this.notifier,
      producers: [api, intake, roundSteps, reviewSteps],
      producerLogs: [api, intake, roundSteps, reviewSteps].map((f) => f.logGroup),
      consoleUrl: this.console.origin,
      ...(props.noticeEmail ? { emailIdentity: props.noticeEmail.identity, emailFrom: props.noticeEmail.from } : {}),
    });
    // The outbox: its notices' records, read and updated one item at a time (no query).
    bindTable(this.notifier, poolTable, { env: 'POOL_TABLE', actions: ['dynamodb:GetItem', ...TABLE_WRITE], key });

    // Every function reads and writes the pool table (single-item conditional writes)
    // and appends to the audit table. Nothing else is shared.
    for (const f of [intake, scoring, roundSteps, reviewSteps, api]) {
      bindTable(f, poolTable, { env: 'POOL_TABLE', actions: [...TABLE_READ, ...TABLE_WRITE], queryIndexes: ['gsi1'], key });
    }
    // Every function appends; only the API reads the trail back (GET /audit: Query, AUDIT_READ).
    for (const f of [intake, scoring, roundSteps, reviewSteps]) {
      bindTable(f, auditTable, { env: 'AUDIT_TABLE', actions: AUDIT_APPEND, key });
    }
    bindTable(api, auditTable, { env: 'AUDIT_TABLE', actions: [...AUDIT_APPEND, ...AUDIT_READ], key });
    bindTable(intake, idempotencyTable, { env: 'IDEMPOTENCY_TABLE', actions: IDEMPOTENCY_RW, key });
    bindBucketPrefix(intake, this.uploads.bucket, {
      env: 'UPLOAD_BUCKET',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      prefix: UPLOAD_PREFIX,
      key,
    });
    // A presigned POST is only as good as its signer's rights: the Api role may put
    // objects under rounds/ and nowhere else.
    bindBucketPrefix(api, this.uploads.bucket, { env: 'UPLOAD_BUCKET', actions: ['s3:PutObject'], prefix: UPLOAD_PREFIX, key });
    // The HMAC key reaches the environment through a CloudFormation dynamic reference:
    // the template holds only the reference, the environment is encrypted with the CMK.
    for (const f of [intake, api]) f.addEnvironment('PERSON_ID_KEY', personIdKey.unsafeUnwrap());
    reviewSteps.addEnvironment('REVIEW_WINDOW_DAYS', String(props.reviewWindowDays ?? 30));

    const intakeEvents = new IntakeEvents(this, 'IntakeEvents', { bucket: this.uploads.bucket, intake });

    const stepTimeout = Duration.seconds(props.stepTimeoutSeconds ?? DEFAULT_STEP_TIMEOUT_SECONDS);
    // One value for the AwaitDecision wait and the API, which refuses a round whose deadlines
    // plus this wait cannot end within the year a Standard execution may last (ROUND_TOO_LONG).
    const approvalTimeoutSeconds = props.approvalTimeoutSeconds ?? DEFAULT_APPROVAL_TIMEOUT_SECONDS;
    api.addEnvironment('APPROVAL_TIMEOUT_SECONDS', String(approvalTimeoutSeconds));
    this.roundMachine = new RoundMachine(this, 'RoundMachine', {
      stage,
      scoring,
      roundSteps,
      approvalTimeout: Duration.seconds(approvalTimeoutSeconds),
      batchSize: props.batchSize ?? DEFAULT_BATCH_SIZE,
      tallyBatchSize: props.tallyBatchSize ?? DEFAULT_TALLY_BATCH_SIZE,
      stepTimeout,
      removalPolicy,
      logRetention,
      logKey: key,
    });
    this.reviewMachine = new ReviewMachine(this, 'ReviewMachine', {
      stage,
      reviewSteps,
      maxConcurrency: props.reviewConcurrency ?? 2,
      stepTimeout,
      confirmationTimeout: Duration.seconds(props.confirmationTimeoutSeconds ?? DEFAULT_CONFIRMATION_TIMEOUT_SECONDS),
      removalPolicy,
      logRetention,
      logKey: key,
    });
    this.termMachine = new TermMachine(this, 'TermMachine', {
      stage, reviewSteps, stepTimeout, removalPolicy, logRetention, logKey: key,
    });
    const round = this.roundMachine.stateMachine;
    const review = this.reviewMachine.stateMachine;
    const term = this.termMachine.stateMachine;
    api.addEnvironment('ROUND_STATE_MACHINE_ARN', round.stateMachineArn);
    api.addEnvironment('REVIEW_STATE_MACHINE_ARN', review.stateMachineArn);
    round.grantStartExecution(api);
    review.grantStartExecution(api);
    // POST /rounds/{roundId}/decision answers the AwaitDecision token.
    round.grantTaskResponse(api);
    // POST /reviews/{reviewId}/confirmation answers the AwaitConfirmation token.
    review.grantTaskResponse(api);
    // The selection steps' routes and the public pages: functions of their own, each with its own
    // routes' grants (constructs/selection.ts); both hash ballot codes under the person-id key.
    const selectionFns = new SelectionFunctions(this, 'Selection', {
      key, poolTable, auditTable, roundMachine: round, removalPolicy, logRetention,
    });
    const selection = selectionFns.selectionFunction;
    const publicFn = selectionFns.publicFunction;
    for (const f of [selection, publicFn]) f.addEnvironment('PERSON_ID_KEY', personIdKey.unsafeUnwrap());
    this.functions = { intake, scoring, roundSteps, reviewSteps, api, exports, selection, public: publicFn };

    this.api = new PoolApi(this, 'Api', {
      stage,
      handler: api,
      exportsHandler: exports,
      selectionHandler: selection,
      publicHandler: publicFn,
      allowedOrigins: [...allowedOrigins, this.console.origin],
      // The hosted UI sends the code back to the console (and, in dev, to `npm run console:dev`).
      hostedUi: {
        callbackUrls: [`${this.console.origin}/auth/callback`, ...(prod ? [] : ['http://localhost:5173/auth/callback'])],
        logoutUrls: [`${this.console.origin}/signin`, ...(prod ? [] : ['http://localhost:5173/signin'])],
        domainPrefix,
      },
      throttle: props.apiThrottle ?? { rateLimit: 25, burstLimit: 50 },
      logRetention,
      logKey: key,
      ...(identity ? { identity } : {}),
    });
    // Cognito's claim names are the handler's defaults; another provider names its own.
    if (identity) for (const [k, v] of Object.entries(claimEnvironment(identity))) for (const f of [api, exports, selection]) f.addEnvironment(k, v);

    this.schedule = new ReviewSchedule(this, 'Schedule', {
      reviewMachine: review,
      cron: props.reviewSchedule ?? DEFAULT_REVIEW_SCHEDULE,
      timeZone: props.reviewTimeZone ?? TimeZone.ASIA_SHANGHAI,
      enabled: props.reviewScheduleEnabled ?? true,
    });
    this.termEndSchedule = new TermEndSchedule(this, 'TermEndSchedule', {
      termMachine: term,
      cron: props.termEndSchedule ?? DEFAULT_TERM_END_SCHEDULE,
      timeZone: props.reviewTimeZone ?? TimeZone.ASIA_SHANGHAI,
      enabled: props.termEndScheduleEnabled ?? true,
      deadLetterQueue: this.schedule.deadLetterQueue,
    });

    this.alarms = new PoolAlarms(this, 'Alarms', {
      key,
      stateMachines: { Round: round, Review: review, Term: term },
      intake,
      deadLetterQueues: {
        Intake: intakeEvents.deadLetterQueue,
        Schedule: this.schedule.deadLetterQueue,
        Notices: this.notices.deadLetterQueue,
      },
      httpApi: this.api.httpApi,
      metrics: { NoticesNotEnqueued: { metric: this.notices.notEnqueued, description: 'Notices to units could not be queued (the rounds went on; see the Api, Intake, RoundSteps or ReviewSteps log: NoticesNotEnqueued).' } },
      email: props.alarmEmail,
    });

    this.console.deploy({
      apiBaseUrl: this.api.url,
      signIn: this.signInConfig(identity, hostedUiOrigin),
      idleMinutes: props.consoleIdleMinutes ?? 30,
      refreshSeconds: 5,
      ...(prod ? {} : { environmentName: '测试环境（dev）' }),
    }, buildOpenApi({ serverUrl: this.api.url }));

    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.console.origin}/` });
    if (this.api.users) {
      new CfnOutput(this, 'UserPoolId', { value: this.api.users.pool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.api.users.client.userPoolClientId });
    }
    new CfnOutput(this, 'UploadBucketName', { value: this.uploads.bucket.bucketName });
    new CfnOutput(this, 'RoundStateMachineArn', { value: round.stateMachineArn });
    new CfnOutput(this, 'ReviewStateMachineArn', { value: review.stateMachineArn });
    new CfnOutput(this, 'TermStateMachineArn', { value: term.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  /**
   * How the console signs in (console/src/config.ts, OidcSignIn): the Cognito hosted UI with
   * its endpoints, or the external provider by discovery from its issuer. Authorization code
   * with PKCE either way; the ID token (it carries groups and unit) is the API's bearer.
   */
  private signInConfig(identity: ExternalIdentity | undefined, hostedUiOrigin: string): Record<string, unknown> {
    if (identity) {
      return {
        mode: 'oidc',
        provider: 'oidc',
        issuer: identity.issuer,
        clientId: identity.consoleClientId ?? identity.audience[0],
        scopes: ['openid', 'profile'],
        groupsClaim: identity.groupsClaim ?? 'groups',
        unitClaim: identity.unitClaim ?? 'unit',
        nameClaim: identity.usernameClaim ?? 'preferred_username',
      };
    }
    const users = this.api.users!;
    return {
      mode: 'oidc',
      provider: 'cognito',
      issuer: users.pool.userPoolProviderUrl,
      clientId: users.client.userPoolClientId,
      authorizationEndpoint: `${hostedUiOrigin}/oauth2/authorize`,
      tokenEndpoint: `${hostedUiOrigin}/oauth2/token`,
      // Cognito's logout takes client_id and logout_uri (not OIDC's end_session parameters).
      endSessionEndpoint: `${hostedUiOrigin}/logout`,
      logoutStyle: 'cognito',
      scopes: ['openid', 'email', 'profile'],
      groupsClaim: 'cognito:groups',
      unitClaim: 'custom:unit',
      nameClaim: 'cognito:username',
    };
  }

  /** The person-id HMAC key as a (dynamic-reference) secret value. */
  private personIdKey(existingName: string | undefined): SecretValue {
    if (existingName) return SecretValue.secretsManager(existingName);
    const secret = new secretsmanager.Secret(this, 'PersonIdKey', {
      description: 'HMAC key deriving personId from an ID number (ARCHITECTURE.md "Data model")',
      encryptionKey: this.data.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing it orphans every personId: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Must not rotate: personId = HMAC(idNumber, key) is a stored identifier, so a new key would split ' +
        'every person into two. It is a pseudonymisation key, not a credential.',
    });
    return secret.secretValue;
  }
}
