import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import recommendedFlags from 'aws-cdk-lib/recommended-feature-flags.json' with { type: 'json' };
import { DEFAULT_REVIEW_SCHEDULE, TalentPoolStack } from './stack';
import type { Stage, TalentPoolStackProps } from './stack';

export interface BuildOptions {
  /** Bundle the Lambda code with esbuild (slow). Default true; tests and the local runner skip it. */
  readonly bundling?: boolean;
  /** Register cdk-nag AwsSolutions checks (synth fails on an unacknowledged finding). Default false. */
  readonly nag?: boolean;
  /**
   * Run CDK's built-in CloudFormation validation (schema + default rules, a WASM engine)
   * at synth, with its errors as errors. Default false: its first run in a process costs
   * ~10 s and it changes nothing in the template; the CLI synth (infra/app.ts) turns it on.
   */
  readonly validate?: boolean;
  /** Overrides of the stack props (otherwise from context, then defaults). */
  readonly props?: Partial<TalentPoolStackProps>;
  /** Cloud assembly directory. Default: the CLI's, or a temp dir. */
  readonly outdir?: string;
  /** Extra context (e.g. `stage`), as `cdk -c key=value` would give. */
  readonly context?: Record<string, unknown>;
}

/**
 * Builds the app exactly once, for the CLI (infra/app.ts), the tests and the local
 * runner (infra/synth.ts), so all three synthesize the same template. Feature flags are
 * set here rather than in cdk.json so the in-process synth cannot drift from `cdk synth`.
 */
export function buildTalentPool(options: BuildOptions = {}): { app: App; stack: TalentPoolStack } {
  const app = new App({
    outdir: options.outdir,
    builtinCloudFormationValidation: options.validate ?? false,
    context: {
      ...recommendedFlags,
      // Keeps the template free of analytics metadata.
      '@aws-cdk/core:enableAdditionalMetadataCollection': false,
      '@aws-cdk/core:validateAgainstDefaultRules': options.validate ?? false,
      ...(options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      ...options.context,
    },
  });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const props = { ...propsFromContext(app), ...options.props };
  const stack = new TalentPoolStack(app, `TalentPool-${props.stage}`, {
    description: `talent-pool (${props.stage}): district reserve pool of school leaders`,
    ...props,
  });
  return { app, stack };
}

/** `cdk synth -c stage=prod -c reviewSchedule='cron(0 9 1 9 ? *)' …` */
function propsFromContext(app: App): TalentPoolStackProps {
  const ctx = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const num = (key: string): number | undefined => {
    const value = ctx(key);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`context ${key} must be a positive integer, got ${value}`);
    return n;
  };
  const stage = ctx('stage') ?? 'dev';
  if (stage !== 'dev' && stage !== 'prod') throw new Error(`context stage must be dev or prod, got ${stage}`);
  return {
    stage: stage as Stage,
    reviewSchedule: ctx('reviewSchedule') ?? DEFAULT_REVIEW_SCHEDULE,
    termEndSchedule: ctx('termEndSchedule'),
    approvalTimeoutSeconds: num('approvalTimeoutSeconds'),
    reviewWindowDays: num('reviewWindowDays'),
    confirmationTimeoutSeconds: num('confirmationTimeoutSeconds'),
    stepTimeoutSeconds: num('stepTimeoutSeconds'),
    batchSize: num('batchSize'),
    tallyBatchSize: num('tallyBatchSize'),
    allowedOrigins: ctx('allowedOrigins')?.split(',').map((o) => o.trim()),
    personIdKeySecretName: ctx('personIdKeySecretName'),
    alarmEmail: ctx('alarmEmail'),
    consoleIdleMinutes: num('consoleIdleMinutes'),
    cognitoDomainPrefix: ctx('cognitoDomainPrefix'),
    // -c noticeEmailFrom=notice@jtedu.gov.cn [-c noticeEmailIdentity=jtedu.gov.cn]: the SES identity is the From's domain unless named.
    ...(ctx('noticeEmailFrom') ? { noticeEmail: { from: ctx('noticeEmailFrom')!, identity: ctx('noticeEmailIdentity') ?? ctx('noticeEmailFrom')!.split('@').pop()! } } : {}),
    ...identityFromContext(ctx),
  };
}

/** `-c jwtIssuer=https://… -c jwtAudience=id1,id2 [-c jwtGroupsClaim=… -c jwtUnitClaim=… -c jwtUsernameClaim=…]` */
function identityFromContext(ctx: (key: string) => string | undefined): Pick<TalentPoolStackProps, 'identity'> {
  const issuer = ctx('jwtIssuer');
  const others = ['jwtAudience', 'jwtGroupsClaim', 'jwtUnitClaim', 'jwtUsernameClaim', 'jwtConsoleClientId'].filter((k) => ctx(k) !== undefined);
  if (issuer === undefined) {
    if (others.length) throw new Error(`context ${others.join(', ')} needs jwtIssuer`);
    return {};
  }
  const groupsClaim = ctx('jwtGroupsClaim');
  const unitClaim = ctx('jwtUnitClaim');
  const usernameClaim = ctx('jwtUsernameClaim');
  const consoleClientId = ctx('jwtConsoleClientId');
  return {
    identity: {
      issuer,
      audience: (ctx('jwtAudience') ?? '').split(','),
      ...(groupsClaim ? { groupsClaim } : {}),
      ...(unitClaim ? { unitClaim } : {}),
      ...(usernameClaim ? { usernameClaim } : {}),
      ...(consoleClientId ? { consoleClientId } : {}),
    },
  };
}
