import type { DeliveryState, DeliveryStatus } from '../../contracts/notices';
import type { Notice } from '../../domain/notices/notice';
import type { Page, PageRequest } from './page';

/**
 * Notices to units (DESIGN §7): a store that keeps one record per notice key (the outbox the
 * console and the control port show) and a queue the notifier Lambda drains (SQS on AWS, the
 * local queue in the embedded default).
 */

/** A notice as stored: the notice, when it was recorded and queued, and each delivery's state. */
export interface NoticeRecord extends Notice {
  recordedAt: string;
  /** Set once the notice is on the queue; a record without it is queued again by the next attempt. */
  enqueuedAt?: string;
  states: Record<string, DeliveryState>;
  /** The notice as a whole: sent when every delivery is, failed when any failed, else pending. */
  status: DeliveryStatus;
}

export interface NoticeStore {
  /** Records the notice unless its key is stored already; the stored record either way. */
  create(notice: Notice, at: string): Promise<{ record: NoticeRecord; created: boolean }>;
  get(key: string): Promise<NoticeRecord | undefined>;
  markEnqueued(key: string, at: string): Promise<void>;
  /** One delivery's outcome (the notifier, after each attempt). */
  recordAttempt(key: string, deliveryId: string, state: DeliveryState): Promise<void>;
  /** Newest first; a unit's own when `unit` is given. */
  list(filter: { unit?: string }, page?: PageRequest): Promise<Page<NoticeRecord>>;
}

/** Hands notices to the notifier. May throw: the caller's boundary (app/notices/announce.ts) catches. */
export interface NoticeQueue {
  enqueue(notices: readonly Notice[]): Promise<void>;
}

export interface Notices {
  store: NoticeStore;
  queue: NoticeQueue;
}
