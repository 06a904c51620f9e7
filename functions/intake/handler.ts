import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parse } from '@aws-lambda-powertools/parser';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context, S3Event } from 'aws-lambda';
import { PersonClaims } from '../shared/repository/person-claims';
import { AuditLog } from '../shared/audit';
import { docClient, dynamoClient } from '../shared/clients/dynamo';
import { s3Client } from '../shared/clients/s3';
import { readConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { personIdOf } from '../shared/person-id';
import { NominationRepository } from '../shared/repository/nominations';
import { RoundRepository } from '../shared/repository/rounds';
import { UnitRepository } from '../shared/repository/units';
import { S3NotificationSchema, objectRefs, type ObjectRef } from './event';
import { PowertoolsIntakeMetrics } from './metrics';
import { wallClock } from '../shared/clock';
import { S3UploadStore } from '../shared/upload-store';

const intakeMetrics = new PowertoolsIntakeMetrics();
import { createIntake, type IntakeSummary } from '../../app/intake/take-upload';
import { onRewire } from '../shared/wiring';
import { noticesOf } from '../shared/notices';

/**
 * Intake (S3 ObjectCreated under rounds/): each uploaded object → parse → verdict → store.
 * Thin: the event is parsed, each object goes through `createIntake` once (Powertools
 * idempotency on bucket + key + version + sequencer), and the wiring is built on first use
 * so the environment is read inside the invocation.
 */

const idempotencyConfig = new IdempotencyConfig({
  // The object's identity, not the notification: a redelivery may differ in other fields.
  eventKeyJmesPath: '[bucket, key, versionId, sequencer]',
  // Lambda retries an async event for up to 6 hours; S3 may redeliver later still.
  expiresAfterSeconds: 7 * 24 * 60 * 60,
});

let processOnce: ((ref: ObjectRef) => Promise<IntakeSummary>) | undefined;

async function wiring(): Promise<(ref: ObjectRef) => Promise<IntakeSummary>> {
  if (processOnce) return processOnce;
  const env = readConfig(['POOL_TABLE', 'AUDIT_TABLE', 'IDEMPOTENCY_TABLE', 'PERSON_ID_KEY']);
  const pool = { doc: docClient(), table: env.POOL_TABLE };
  const processUpload = createIntake({
    uploads: new S3UploadStore(await s3Client()),
    rounds: new RoundRepository(pool),
    nominations: new NominationRepository(pool),
    personClaims: new PersonClaims(pool),
    audit: new AuditLog(docClient(), env.AUDIT_TABLE),
    personId: (id) => personIdOf(id, env.PERSON_ID_KEY),
    logger,
    now: wallClock,
    metrics: intakeMetrics,
    units: new UnitRepository(pool),
    ...noticesOf(pool.doc, env.POOL_TABLE),
  });
  processOnce = makeIdempotent(
    (ref: ObjectRef) => processUpload(ref),
    {
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: env.IDEMPOTENCY_TABLE, awsSdkV3Client: dynamoClient() }),
      config: idempotencyConfig,
    },
  ) as (ref: ObjectRef) => Promise<IntakeSummary>;
  return processOnce;
}

async function intake(event: S3Event, context: Context): Promise<{ processed: IntakeSummary[] }> {
  // A malformed notification is a wiring fault, not a school's file: it throws (→ retries, DLQ).
  const notification = parse(event, undefined, S3NotificationSchema);
  idempotencyConfig.registerLambdaContext(context);
  const run = await wiring();
  const processed: IntakeSummary[] = [];
  try {
    for (const ref of objectRefs(notification)) {
      logger.appendKeys({ objectKey: ref.key });
      processed.push(await run(ref));
      logger.removeKeys(['objectKey']);
    }
  } finally {
    // What was stored is counted even when a later object of the event throws (and is retried).
    intakeMetrics.flush();
  }
  return { processed };
}

export const handler = middy(intake).use(injectLambdaContext(logger, { resetKeys: true }));

/** Tests: forget the wiring so a new environment is read. */
export function resetIntakeWiring(): void {
  processOnce = undefined;
}

onRewire(resetIntakeWiring);
