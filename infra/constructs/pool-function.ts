import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import type { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LAMBDA_BUNDLING } from '../bundling';
import { HANDLER_METADATA_KEY } from '../../contracts/metadata';
import { REPO_ROOT } from '../paths';

export interface PoolFunctionProps {
  /** The handler module relative to the repo root, e.g. `functions/intake/handler.ts`. */
  readonly handlerModule: string;
  readonly description: string;
  /** Encrypts the environment (it may carry the person-id key) and the log group. */
  readonly environmentKey: kms.IKey;
  readonly removalPolicy: RemovalPolicy;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly logRetention?: logs.RetentionDays;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readonly environment?: Record<string, string>;
}

/**
 * Every Lambda of the pool: Node 22 on arm64, X-Ray active (no tracer in the code, see below), its own log group with a
 * retention, an ESM bundle with the AWS SDK left to the runtime, and its own role that
 * starts empty (no AWS managed policy) so each grant in the stack is visible and narrow.
 */
export class PoolFunction extends NodejsFunction {
  /** The handler module relative to the repo root. */
  readonly handlerModule: string;
  readonly executionRole: iam.Role;

  constructor(scope: Construct, id: string, props: PoolFunctionProps) {
    // The role and log group are siblings: they must exist before `super` so the
    // function never gets the default role with AWSLambdaBasicExecutionRole.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.handlerModule}`,
    });
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      // Handlers never log ID numbers or birth dates; encrypting the logs too means a
      // mistake would still sit under the pool's own key.
      encryptionKey: props.environmentKey,
      removalPolicy: props.removalPolicy,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: join(REPO_ROOT, props.handlerModule),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      // Active tracing, with no tracer in the code (issue #12.7, decided by measurement
      // 2026-12-02): Lambda itself records each invocation's segment — Initialization (the cold
      // start), Invocation, Overhead — and joins the state machines' and the callers' traces, at
      // no import cost. The Powertools Tracer that captured every SDK client cost 0.21–0.22 × the
      // floor at every cold start (API 485 → 423 ms CPU, scoring 440 → 379, floor 289; the X-Ray
      // SDK, its node:http and cls-hooked) and 120 KiB of each bundle (API 517 → 396 KiB). What
      // that gives up: a subsegment per SDK call (which DynamoDB query or S3 read took the time,
      // a throttle as a fault on the DynamoDB node of the service map) and the ColdStart / Service
      // annotations; those calls still show in the logs (classified errors) and in DynamoDB's and
      // S3's own CloudWatch metrics.
      tracing: lambda.Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(30),
      memorySize: props.memorySize ?? 512,
      role,
      logGroup,
      environmentEncryption: props.environmentKey,
      environment: {
        NODE_OPTIONS: LAMBDA_BUNDLING.nodeOptions,
        POWERTOOLS_SERVICE_NAME: 'talent-pool',
        LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        minify: LAMBDA_BUNDLING.minify,
        charset: LAMBDA_BUNDLING.charset === 'utf8' ? Charset.UTF8 : Charset.ASCII,
        // aws-cdk-lib 2.276 accepts `charset` but never passes it to esbuild (its bundling has no
        // --charset): without this the deployed bundles escaped every Chinese character (\uXXXX)
        // and were 2–9 % larger than what `npm run bench` measures (intake 401 KB against 368).
        esbuildArgs: { '--charset': LAMBDA_BUNDLING.charset },
        sourceMap: LAMBDA_BUNDLING.sourcemap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        externalModules: [...LAMBDA_BUNDLING.external],
        banner: LAMBDA_BUNDLING.banner,
      },
    });
    this.handlerModule = props.handlerModule;
    this.executionRole = role;

    // The local runner maps a state machine's Lambda back to its module from this.
    (this.node.defaultChild as lambda.CfnFunction).addMetadata(HANDLER_METADATA_KEY, props.handlerModule);

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the handlers are developed, unit-tested and run in the local ' +
        'stack on Node 22 (vitest 5, Middy 7, aws-local-stepfunctions need it); moving to a newer runtime ' +
        'is a deliberate upgrade of the whole toolchain, not a template edit.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray statement that Tracing.ACTIVE adds (xray:PutTraceSegments, xray:PutTelemetryRecords), ' +
        'which supports no resource-level scoping; tests/infra assert no other action is granted on "*".',
    });
  }
}
