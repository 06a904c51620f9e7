import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AssetHashType, Aws, type CfnElement, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../paths';
import { consoleCsp } from '../console-csp';

export { consoleCsp };

export interface ConsoleHostingProps {
  readonly stage: 'dev' | 'prod';
  /** Where the console bucket's server access logs go (the uploads' log bucket, SSE-S3). */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * Origins the page may call (CSP connect-src) besides itself: the API, the uploads bucket,
   * the token endpoint. Patterns, not the resources' own names: the API's CORS and the Cognito
   * client name the distribution, so the distribution cannot name them back (a cycle).
   */
  readonly connectSources: readonly string[];
  /** The deployment handler's log group: retention and the stack's CMK, like every other log group. */
  readonly logRetention: logs.RetentionDays;
  readonly logKey: kms.IKey;
}

/**
 * The runtime settings the console reads at /config.json (console/src/config.ts), written by
 * the deployment from deploy-time values, so one build serves every stack and a changed API
 * URL or client id needs no rebuild.
 */
export interface ConsoleRuntimeConfig {
  readonly apiBaseUrl: string;
  readonly signIn: Record<string, unknown>;
  readonly idleMinutes: number;
  readonly refreshSeconds?: number;
  readonly environmentName?: string;
}

/** The console's Vite project; its build is the deployed site. */
const CONSOLE_DIR = join(REPO_ROOT, 'console');
/** Objects the entry deployment owns (no-cache); everything else is a hashed asset (immutable). */
const ENTRY_FILES = ['index.html', 'config.json', 'openapi.json'];

/**
 * The web console on AWS (DESIGN §9): a private S3 bucket read only by CloudFront through an
 * origin access control, HTTPS only, security headers on every answer, and the single-page
 * app's routes answered by index.html. The build is made at synth like the Lambda bundles
 * (Vite, offline); a synth that skips bundling (the tests, the local runner) stages the
 * sources instead and builds nothing.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  /** What /config.json holds once deploy() ran (tokens: resolved at deploy time). */
  runtimeConfig?: ConsoleRuntimeConfig;
  private readonly deployLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    const prod = props.stage === 'prod';

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'console/',
      // Nothing here that the repository cannot rebuild: dev empties and deletes it with the
      // stack; prod keeps it, like every prod bucket (a deletion never fails on a full bucket).
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !prod,
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'talent-pool console: CSP, HSTS, no framing, nosniff, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleCsp(props.connectSources), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true }],
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `talent-pool console (${props.stage})`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      // A console page (/bureau/rounds/2027-R1, /auth/callback) is no object: the app answers
      // it. Without s3:ListBucket a missing key is a 403, so both become index.html.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
    });
    this.acknowledgeDistribution();

    this.deployLogs = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  /** https://dxxxx.cloudfront.net: the console's origin (CORS, Cognito callback). */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Deploys the build, then the entry files: /config.json (runtime settings) and
   * /openapi.json (the API's document) beside index.html. The hashed assets go first and stay
   * cached for a year; the entry files are no-cache and invalidated, so a page never points at
   * assets that are not there yet.
   */
  deploy(config: ConsoleRuntimeConfig, openApi: Record<string, unknown>): void {
    this.runtimeConfig = config;
    const site = consoleBuild();
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      destinationBucket: this.bucket,
      sources: [site],
      exclude: [...ENTRY_FILES, '.vite/*', '.inputs-hash'],
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: true,
      memoryLimit: 512,
      logGroup: this.deployLogs,
    });
    const entry = new s3deploy.BucketDeployment(this, 'DeployEntry', {
      destinationBucket: this.bucket,
      sources: [site, s3deploy.Source.jsonData('config.json', config), s3deploy.Source.jsonData('openapi.json', openApi)],
      exclude: ['*'],
      include: ENTRY_FILES,
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/', ...ENTRY_FILES.map((f) => `/${f}`)],
      memoryLimit: 512,
      logGroup: this.deployLogs,
    });
    entry.node.addDependency(assets);
    acknowledgeDeploymentHandler(Stack.of(this), this.bucket);
  }

  private acknowledgeDistribution(): void {
    const ack = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    ack('AwsSolutions-CFR1', 'Staff sign in from wherever they work (home, training, secondment); the API authorizes every call, and a geo block would only lock out staff travelling.');
    ack('AwsSolutions-CFR2', 'The distribution serves static files only: no forms post to it and the API is not behind it. WAF belongs in front of the API if the bureau wants one; here it would cost without protecting data.');
    ack('AwsSolutions-CFR3', 'The console is public static files; the bucket logs every origin fetch (server access logs) and the API logs every call with the caller. CloudFront standard logs need an ACL-enabled bucket, which this stack does not keep.');
    ack('AwsSolutions-CFR4', 'The default *.cloudfront.net certificate until the bureau brings its own domain (its security policy is fixed by CloudFront and cannot be raised without a custom certificate); every request is redirected to HTTPS and HSTS pins it.');
  }
}

/** The origins the console calls on AWS (see ConsoleHostingProps.connectSources). */
export function awsConnectSources(signInOrigin: string): string[] {
  return [
    `https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`,
    `https://*.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`,
    signInOrigin,
  ];
}

/**
 * The console's build as a deployment source, made at synth with Vite (offline, seconds) like
 * the Lambda bundles; a synth that skips bundling stages nothing built.
 */
function consoleBuild(): s3deploy.ISource {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return s3deploy.Source.asset(CONSOLE_DIR, {
    exclude: ['node_modules', 'dist'],
    // By the built output: the build also reads domain/ and contracts/, which a source hash of
    // console/ would miss (and a synth that skips bundling hashes nothing).
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Only if the local build cannot run (it always tries first).
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      command: ['sh', '-c', 'echo "build the console locally: npm run console:build" && exit 1'],
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync(process.execPath, [vite, 'build', CONSOLE_DIR, '--outDir', outputDir, '--emptyOutDir', '--logLevel', 'warn'], {
            cwd: REPO_ROOT,
            env: { ...process.env, NODE_ENV: 'production' },
            stdio: ['ignore', 'inherit', 'inherit'],
            timeout: 300_000,
          });
          return true;
        },
      },
    },
  });
}

/**
 * BucketDeployment runs one CDK-provided Lambda per stack (a singleton) during deployment. Its
 * findings are acknowledged on that function and role only.
 */
function acknowledgeDeploymentHandler(stack: Stack, bucket: s3.Bucket): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
  const qualifier = (stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ?? 'hnb659fds';
  const why = 'CDK-provided BucketDeployment handler (runs only while deploying the console build; aws-cdk-lib fixes its runtime and role): ';
  const sync = `${why}it syncs whole prefixes, copying from the CDK asset bucket to the console bucket and pruning old files; these are the actions and objects aws-s3-deployment grants for that, on those two buckets only.`;
  Validations.of(handler).acknowledge(
    { id: 'AwsSolutions-L1', reason: `${why}its Python runtime is the one aws-cdk-lib ships it with.` },
    { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: `${why}the managed policy only lets it write its own logs.` },
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((a) => ({ id: `AwsSolutions-IAM5[Action::${a}]`, reason: sync })),
    { id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, reason: sync },
    { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`, reason: sync },
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: `${why}cloudfront:CreateInvalidation (after a deployment, of the entry files) supports no resource-level scoping in the policy aws-s3-deployment writes.` },
  );
}
