// Local S3: s3rver with its object-created events delivered, asynchronously like S3 → Lambda,
// as real-shaped notifications. Delivery failures are recorded (as an async invoke's failure
// would land in a DLQ), never thrown into the server.
//
// s3rver checks no signature and no POST policy, so it has no TCP port: it listens on a Unix
// socket in a private folder, and the only way in is the front (local/s3-front.ts) on
// 127.0.0.1, which lets through only what S3 itself would accept — requests SigV4-signed with
// the local credentials, and browser uploads whose signed policy the form satisfies.
import S3rverModule from 's3rver';
import type { S3Event } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3rverConstructor, S3rverEventRecord } from './emulator-types';
import type { LocalCredentials } from './s3-auth';
import { startS3Front } from './s3-front';
import { ruleMatches, toS3Event, type S3NotificationRule } from './s3-notification';
import { keepIdleConnections } from './keep-alive';

const S3rver = S3rverModule as unknown as S3rverConstructor;

/**
 * The credentials of this process's local system: random, made when the module loads, held
 * only in memory (and in the environment of the handlers it runs). One pair per process, so
 * an SDK client that cached them keeps working across stacks started in one test file.
 */
export const LOCAL_S3_CREDENTIALS: Readonly<LocalCredentials> = {
  accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
  secretAccessKey: randomBytes(30).toString('base64url'),
};

interface S3rverAccounts { DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void } }

/**
 * s3rver looks the access key up in its own account list (it checks nothing else): the front
 * forwards verified requests as they came, so s3rver must know the local key.
 */
function registerWithS3rver(credentials: LocalCredentials): void {
  const accounts = createRequire(import.meta.url)('s3rver/lib/models/account') as S3rverAccounts;
  accounts.DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
}

export type S3Delivery = (event: S3Event, rule: S3NotificationRule | undefined) => Promise<unknown> | unknown;

export interface DeliveryFailure {
  event: S3Event;
  rule: S3NotificationRule | undefined;
  error: unknown;
  at: Date;
}

export interface StartS3Options {
  buckets: string[];
  /** 0 (default) = a free port. */
  port?: number;
  /** Where objects live; a fresh temp dir (removed on stop) when absent. */
  directory?: string;
  region?: string;
  /**
   * Which objects notify whom (see s3NotificationsFromTemplate). Without rules every
   * ObjectCreated event is delivered, with rule undefined.
   */
  notifications?: S3NotificationRule[];
  /** Called once per matching rule, like an async Lambda invoke. */
  deliver?: S3Delivery;
  /**
   * The time S3 stamps on the event (eventTime: when the object arrived). s3rver stamps the
   * wall clock; the local stack passes its simulated clock, so an upload is judged against
   * deadlines on the same timeline as the API and the state machines.
   */
  now?: () => Date;
  /** The keys requests must be signed with (default LOCAL_S3_CREDENTIALS). */
  credentials?: LocalCredentials;
  /**
   * The clock signatures, presigned URLs and POST policies are judged on. Default the wall
   * clock: the SDK signs on it (createPresignedPost stamps the policy's expiration from it), not
   * on the simulated one.
   */
  signatureClock?: () => Date;
  /**
   * Bucket name → its CORS rules as CloudFormation writes them (CorsConfiguration.CorsRules),
   * so a browser may POST to the bucket from the origins the stack allows, as on AWS.
   */
  cors?: Record<string, CfnCorsRule[]>;
}

/** One rule of AWS::S3::Bucket CorsConfiguration.CorsRules. */
export interface CfnCorsRule {
  AllowedMethods: string[];
  AllowedOrigins: string[];
  AllowedHeaders?: string[];
  ExposedHeaders?: string[];
  MaxAge?: number;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The bucket's CORS rules as the S3 API's CORSConfiguration XML (what s3rver reads). */
export function corsXml(rules: readonly CfnCorsRule[]): string {
  const tags = (name: string, values: readonly (string | number)[] | undefined) => (values ?? []).map((v) => `<${name}>${xmlText(String(v))}</${name}>`).join('');
  const body = rules.map((r) => `<CORSRule>${tags('AllowedOrigin', r.AllowedOrigins)}${tags('AllowedMethod', r.AllowedMethods)}${tags('AllowedHeader', r.AllowedHeaders)}${tags('ExposeHeader', r.ExposedHeaders)}${r.MaxAge === undefined ? '' : tags('MaxAgeSeconds', [r.MaxAge])}</CORSRule>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${body}</CORSConfiguration>`;
}

export interface LocalS3 {
  /** http://127.0.0.1:<port> (the front) — for AWS_ENDPOINT_URL_S3 (clients need forcePathStyle). */
  endpoint: string;
  port: number;
  directory: string;
  /** What clients must sign with (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY of the handlers). */
  credentials: LocalCredentials;
  /** Every event delivered so far (normalized). */
  delivered: S3Event[];
  failures: DeliveryFailure[];
  /** Resolves once every delivery started so far (and any they caused) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3(options: StartS3Options): Promise<LocalS3> {
  const ownDir = !options.directory;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'talent-pool-s3-')));
  const region = options.region ?? 'us-east-1';
  const credentials = { ...(options.credentials ?? LOCAL_S3_CREDENTIALS) };
  registerWithS3rver(credentials);
  const socketDir = await mkdtemp(join(tmpdir(), 'talent-pool-s3sock-'));
  const socketPath = join(socketDir, 's3rver.sock');
  const server = new S3rver({
    silent: true,
    directory,
    // Path-style only: vhost matching would read "127.0.0.1" hosts oddly.
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => {
      const rules = options.cors?.[name];
      return rules?.length ? { name, configs: [corsXml(rules)] } : { name };
    }),
  });

  const delivered: S3Event[] = [];
  const failures: DeliveryFailure[] = [];
  const inFlight = new Set<Promise<void>>();

  const deliverOne = (event: S3Event, rule: S3NotificationRule | undefined) => {
    delivered.push(event);
    // Start on a later tick, never inside s3rver's request handling.
    const p = (async () => {
      await Promise.resolve();
      try {
        await options.deliver?.(event, rule);
      } catch (error) {
        failures.push({ event, rule, error, at: new Date() });
      }
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  server.on('event', (raw: { Records: S3rverEventRecord[] }) => {
    for (const original of raw.Records) {
      if (!original.eventName.startsWith('ObjectCreated:')) continue;
      const record = options.now ? { ...original, eventTime: options.now().toISOString() } : original;
      const { name: bucket } = record.s3.bucket;
      const { key } = record.s3.object;
      if (!options.notifications) {
        deliverOne(toS3Event(record, { region }), undefined);
        continue;
      }
      for (const rule of options.notifications) {
        if (ruleMatches(rule, bucket, key, record.eventName)) {
          deliverOne(toS3Event(record, { region, configurationId: rule.id }), rule);
        }
      }
    }
  });

  // s3rver.run() would listen on TCP: configure the buckets, then listen on the socket only.
  await server.configureBuckets();
  server.httpServer = await server.listen(socketPath);
  // The front keeps its connections to s3rver alive: s3rver must outlast its idle timer (local/keep-alive.ts).
  keepIdleConnections(server.httpServer);
  let front;
  try {
    front = await startS3Front({
      socketPath,
      credentials,
      region,
      buckets: options.buckets,
      now: options.signatureClock ?? (() => new Date()),
      ...(options.port === undefined ? {} : { port: options.port }),
    });
  } catch (e) {
    await server.close().catch(() => {});
    await rm(socketDir, { recursive: true, force: true });
    throw e;
  }
  const endpoint = `http://127.0.0.1:${front.port}`;

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  return {
    endpoint,
    port: front.port,
    directory,
    credentials,
    delivered,
    failures,
    idle,
    async stop() {
      await idle();
      await front.close();
      // Keep-alive sockets would otherwise hold close() open.
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(socketDir, { recursive: true, force: true });
      if (ownDir) await rm(directory, { recursive: true, force: true });
    },
  };
}
