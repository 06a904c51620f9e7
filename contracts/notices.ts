import * as z from 'zod';
import { NOTICE_CHANNELS, NOTICE_KINDS } from '../domain/notices/notice';
import { CLAUSES, type ClauseId } from '../domain/clauses';

/**
 * What the notice queue carries and what the outbox shows (DESIGN §7, notifications): shared by
 * the use case that enqueues (app/notices), the notifier Lambda that delivers
 * (functions/notifier), the CDK app (the secrets prefix its role may read) and the local stack.
 */

/** Every group robot's webhook secret lives under this name prefix; the notifier reads only these. */
export const NOTICE_SECRET_PREFIX = 'talent-pool/notify/';
export const NOTICE_SECRET_NAME = /^talent-pool\/notify\/[A-Za-z0-9/_+=.@-]{1,150}$/;

/** Deliveries of one notice the notifier attempts before the message goes to the DLQ. */
export const NOTICE_MAX_RECEIVES = 4;
/** How long one webhook call may take before it counts as failed. */
export const NOTICE_WEBHOOK_TIMEOUT_MS = 5_000;
/** Notices per SendMessageBatch (SQS's own limit). */
export const NOTICE_BATCH = 10;

const Bilingual = z.object({ zh: z.string().min(1).max(4000), en: z.string().min(1).max(4000) }).strict();

export const DeliverySchema = z.object({
  id: z.string().min(1).max(40),
  channel: z.enum(NOTICE_CHANNELS),
  to: z.string().min(1).max(320),
  contact: z.string().max(100),
}).strict();

/** The queue's message body: one notice (its key, its texts, its deliveries). */
export const NoticeSchema = z.object({
  key: z.string().min(1).max(600),
  kind: z.enum(NOTICE_KINDS),
  unit: z.string().min(1).max(64),
  entity: z.string().min(1).max(400),
  clause: z.string().refine((c): c is ClauseId => Object.hasOwn(CLAUSES, c)),
  subject: Bilingual,
  body: Bilingual,
  link: z.string().max(500),
  at: z.string().min(1),
  deliveries: z.array(DeliverySchema).max(40),
}).strict();

/** A delivery's state in the outbox: 待发送 (pending), 已发送 (sent), 发送失败 (failed). */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_NAMES: Readonly<Record<DeliveryStatus, string>> = { pending: '待发送', sent: '已发送', failed: '发送失败' };

export interface DeliveryState {
  status: DeliveryStatus;
  attempts: number;
  lastAttemptAt?: string;
  sentAt?: string;
  /** Why the last attempt failed (an error name and a short message: never a webhook URL). */
  error?: string;
  /** Locally: `outbox` when an e-mail was recorded, not sent; `delivered` for a real call. */
  mode?: 'delivered' | 'outbox';
}
