import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { NOTICE_MAX_RECEIVES, NoticeSchema } from '../../contracts/notices';
import type { Notice } from '../../domain/notices/notice';
import type { NoticeStore } from '../../app/ports/notices';
import { docClient } from '../shared/clients/dynamo';
import { wallClock } from '../shared/clock';
import { readConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { NoticeRepository } from '../shared/repository/notices';
import { onRewire } from '../shared/wiring';
import { deliver, forgetSecrets, type DeliveryConfig } from './deliver';

/**
 * The notifier (DESIGN §7, notifications): drains the notice queue. Per message, each of the
 * notice's deliveries not yet sent is attempted and its outcome recorded in the outbox (the
 * notice's record); a message with a failed delivery is reported back (partial batch
 * response) so SQS redelivers it alone, and only its unsent deliveries are tried again —
 * until NOTICE_MAX_RECEIVES, after which it waits in the dead-letter queue (alarmed). Nothing
 * here touches a round: a channel that fails fails only its own delivery.
 *
 * Environment: POOL_TABLE; NOTICE_EMAIL_FROM (the SES identity); NOTICE_DELIVERY (aws | local);
 * CONSOLE_URL (links).
 */
interface Wiring { store: NoticeStore; cfg: DeliveryConfig }
let wired: Wiring | undefined;

function wiring(): Wiring {
  if (wired) return wired;
  const env = readConfig(['POOL_TABLE', 'NOTICE_EMAIL_FROM', 'NOTICE_DELIVERY', 'CONSOLE_URL']);
  wired = {
    store: new NoticeRepository({ doc: docClient(), table: env.POOL_TABLE }),
    cfg: {
      mode: env.NOTICE_DELIVERY, now: wallClock,
      ...(env.NOTICE_EMAIL_FROM ? { emailFrom: env.NOTICE_EMAIL_FROM } : {}),
      ...(env.CONSOLE_URL ? { consoleUrl: env.CONSOLE_URL } : {}),
    },
  };
  return wired;
}
onRewire(() => { wired = undefined; forgetSecrets(); });

/** Delivers one notice's unsent deliveries; whether all of them are sent now. */
export async function deliverNotice(store: NoticeStore, cfg: DeliveryConfig, notice: Notice): Promise<boolean> {
  // The record exists (the use case wrote it before queueing); created here only if it was lost.
  const { record } = await store.create(notice, cfg.now().toISOString());
  let allSent = true;
  for (const d of record.deliveries) {
    const previous = record.states[d.id];
    if (previous?.status === 'sent') continue;
    const state = await deliver(record, d, previous, cfg);
    await store.recordAttempt(record.key, d.id, state);
    if (state.status !== 'sent') {
      allSent = false;
      logger.warn('notice delivery failed', { key: record.key, kind: record.kind, unit: record.unit, channel: d.channel, attempts: state.attempts, error: state.error });
    }
  }
  return allSent;
}

async function processRecord(w: Wiring, r: SQSRecord): Promise<boolean> {
  let body: unknown;
  try {
    body = JSON.parse(r.body);
  } catch {
    body = undefined;
  }
  const parsed = NoticeSchema.safeParse(body);
  if (!parsed.success) {
    // Not a notice: retrying will not make it one; it goes to the DLQ for a person to read.
    logger.error('notice message malformed', { messageId: r.messageId, issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')) });
    return false;
  }
  return deliverNotice(w.store, w.cfg, parsed.data as Notice);
}

async function notifier(event: SQSEvent): Promise<SQSBatchResponse> {
  const w = wiring();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const r of event.Records) {
    let ok = false;
    try {
      ok = await processRecord(w, r);
    } catch (e) {
      logger.error('notice not processed', { messageId: r.messageId, error: e instanceof Error ? e.name : 'Error' });
    }
    if (!ok) {
      batchItemFailures.push({ itemIdentifier: r.messageId });
      const receives = Number(r.attributes?.ApproximateReceiveCount ?? '1');
      if (receives >= NOTICE_MAX_RECEIVES) logger.error('notice gives up to the dead-letter queue', { messageId: r.messageId, receives });
    }
  }
  return { batchItemFailures };
}

export const handler = middy(notifier).use(injectLambdaContext(logger, { resetKeys: true }));
