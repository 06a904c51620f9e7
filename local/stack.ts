// The whole embedded default from one synthesized template: tables, bucket + notifications,
// Lambdas, state machines, the SFN endpoint, and the environment that points the handlers
// (functions/shared/clients.ts) at all of it. What `npm start` and end-to-end tests call.
import { join } from 'node:path';
import { setWallClock } from '../functions/shared/clock';
import { rewire } from '../functions/shared/wiring';
import { localLambdas, mergedEnvironment } from './asl';
import { SimulatedClock } from './clock';
import { createTablesFromTemplate, startDynamo, type LocalDynamo } from './dynamo';
import { LocalLambdas } from './lambdas';
import { startS3, type CfnCorsRule, type LocalS3 } from './s3';
import { s3NotificationsFromTemplate } from './s3-notification';
import { startSfnEndpoint, type LocalSfnEndpoint } from './sfn-endpoint';
import { LocalSqs } from './sqs';
import { LocalStepFunctions } from './stepfunctions';
import { envOf, resourcesOfType, physicalName, type CfnTemplate, type ResolveOptions } from './template';
import type { TemplateStateMachine } from './asl';

export interface LocalStackOptions extends ResolveOptions {
  /** Persist DynamoDB (./dynamo), S3 objects (./s3) and queued messages (./sqs) here; in memory / temp dir when absent. */
  dataDir?: string;
  /** Handler modules resolve against this (default process.cwd()). */
  rootDir?: string;
  clock?: SimulatedClock;
  retryIntervalMs?: number;
  /** Extra or overriding variables (e.g. PERSON_ID_KEY, which is a secret in AWS). */
  environment?: Record<string, string>;
  /**
   * Write the environment into process.env and install the simulated clock as the handlers'
   * wall clock (default true: the handlers read both).
   */
  applyEnvironment?: boolean;
}

export interface LocalStack {
  dynamo: LocalDynamo;
  s3: LocalS3;
  sfn: LocalStepFunctions;
  sfnEndpoint: LocalSfnEndpoint;
  lambdas: LocalLambdas;
  /** The template's queues drained by their event-source mappings (the notice queue), and the webhook secrets. */
  sqs: LocalSqs;
  /** logicalId → local table name. */
  tables: Record<string, string>;
  buckets: string[];
  stateMachines: TemplateStateMachine[];
  /** Functions' variables + AWS_ENDPOINT_URL_* + region and the local S3 credentials. */
  environment: Record<string, string>;
  /** Variables the template sets that have no local value (say secrets) → why. */
  unresolvedEnvironment: Record<string, string>;
  /** Waits for S3 deliveries and parks executions (see LocalStepFunctions.settled; default 20 s). */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalStack(template: CfnTemplate, options: LocalStackOptions = {}): Promise<LocalStack> {
  const { region } = envOf(options);
  const functions = localLambdas(template, options);
  const lambdas = new LocalLambdas(functions, { rootDir: options.rootDir });
  const started: { stop(): Promise<void> }[] = [];
  try {
    const dynamo = await startDynamo({ path: options.dataDir && join(options.dataDir, 'dynamo'), region });
    started.push(dynamo);
    const tables = await createTablesFromTemplate(dynamo.client, template, options);

    const clock = options.clock ?? new SimulatedClock({ followRealTime: true });
    const bucketResources = resourcesOfType(template, 'AWS::S3::Bucket');
    const buckets = bucketResources.map(([id]) => physicalName(template, id, options));
    // Each bucket's CORS rules from the template (the origins the stack allows a browser).
    const cors = Object.fromEntries(bucketResources.flatMap(([, r], i) => {
      // An origin that is a token (the deployed console's CloudFront domain) has no local meaning.
      const rules = (r.Properties?.CorsConfiguration as { CorsRules?: CfnCorsRule[] } | undefined)?.CorsRules
        ?.map((rule) => ({ ...rule, AllowedOrigins: rule.AllowedOrigins.filter((o): o is string => typeof o === 'string') }))
        .filter((rule) => rule.AllowedOrigins.length > 0);
      return rules?.length ? [[buckets[i] as string, rules]] : [];
    }));
    const s3 = await startS3({
      buckets,
      region,
      directory: options.dataDir && join(options.dataDir, 's3'),
      notifications: s3NotificationsFromTemplate(template, options),
      // S3 → Lambda is an async invoke: a failure lands in s3.failures, as in a DLQ.
      deliver: (event, rule) => lambdas.invoke(rule!.functionArn, event),
      now: () => clock.now(),
      cors,
    });
    started.push(s3);

    const sfn = new LocalStepFunctions({ ...options, lambdas, clock });
    const stateMachines = sfn.registerTemplate(template);
    const sfnEndpoint = await startSfnEndpoint(sfn);
    started.push({ stop: async () => { await sfn.stopAll(); await sfnEndpoint.stop(); } });

    // The notice queue and its notifier (constructs/notices.ts), and the robots' secrets.
    const sqs = new LocalSqs(template, {
      ...options, lambdas,
      ...(options.retryIntervalMs === undefined ? {} : { retryIntervalMs: options.retryIntervalMs }),
      ...(options.dataDir ? { directory: join(options.dataDir, 'sqs') } : {}),
    });
    await sqs.start();
    started.push(sqs);
    const noticeQueue = sqs.queueByLogicalIdPrefix('NoticesQueue');

    const merged = mergedEnvironment(functions);
    if (merged.conflicts.length) throw new Error(`Lambda environments disagree: ${merged.conflicts.join('; ')}`);
    const unresolvedEnvironment = Object.fromEntries(functions.flatMap((f) => Object.entries(f.unresolvedEnvironment))
      .filter(([name]) => !(name in (options.environment ?? {}))));
    const environment: Record<string, string> = {
      ...merged.environment,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      // The S3 front verifies SigV4 with these (local/s3.ts); dynalite and the SFN endpoint
      // accept anything.
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SFN: sfnEndpoint.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: sqs.endpoint,
      // Ref of a queue is its URL on AWS; the local one is the endpoint's.
      ...(noticeQueue ? { NOTICE_QUEUE_URL: noticeQueue.url } : {}),
      // Locally an e-mail is recorded in the outbox, never sent; a webhook is called only on 127.0.0.1.
      NOTICE_DELIVERY: 'local',
      ...options.environment,
    };
    if (options.applyEnvironment ?? true) {
      Object.assign(process.env, environment);
      // Handlers already loaded (a second stack in one process) forget clients and stores
      // built for the previous endpoints.
      rewire();
      // The handlers' "recorded at" stamps follow the simulated clock, as their dates do.
      setWallClock(() => clock.now());
      started.push({ stop: async () => setWallClock(undefined) });
    }

    // What an earlier run left queued goes out now that the functions reach the local services.
    sqs.resume();
    return {
      dynamo, s3, sfn, sfnEndpoint, lambdas, sqs, tables, buckets, stateMachines, environment, unresolvedEnvironment,
      async idle(timeoutMs?: number) {
        await s3.idle();
        await sfn.settled(undefined, timeoutMs);
        await s3.idle();
        await sqs.idle(timeoutMs);
      },
      async stop() {
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.stop().catch(() => {});
    throw err;
  }
}
