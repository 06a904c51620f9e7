import { NOTICE_BATCH } from '../../contracts/notices';
import type { Notice } from '../../domain/notices/notice';
import type { UseCaseContext } from '../ports';
import type { NoticeRecord, Notices } from '../ports/notices';

/** What announcing did: new notices queued, notices already handled, notices that could not be queued. */
export interface Announced {
  queued: number;
  already: number;
  failed: number;
  /** No contact can be reached (recorded, nothing to send). */
  unreachable: number;
}

export type AnnounceContext = Pick<UseCaseContext, 'logger' | 'now'> & { notices?: Notices };

/** Records written at once (each a conditional put). */
const CONCURRENCY = 8;

/**
 * Records and queues notices, once each (their key: kind, unit, subject). **Never throws**:
 * a notice is a courtesy to the units, so a store or a queue that fails is logged — with the
 * metric name `NoticesNotEnqueued`, the kinds and the count, never the texts — and swallowed
 * here, at the one boundary between the round's work and its notices ("a failed channel
 * never blocks the round"). A notice recorded but not queued (the queue failed after the
 * store) is queued by the next attempt that builds it again, since its record carries no
 * `enqueuedAt`; one queued already is skipped, so a retried step never sends twice.
 */
export async function announce(ctx: AnnounceContext, notices: readonly Notice[]): Promise<Announced> {
  const out: Announced = { queued: 0, already: 0, failed: 0, unreachable: 0 };
  const { notices: port } = ctx;
  if (!port || notices.length === 0) return out;
  const at = ctx.now().toISOString();
  const toQueue: NoticeRecord[] = [];
  const failed = (n: number, stage: string, e: unknown) => {
    out.failed += n;
    ctx.logger.error('notices not enqueued', {
      metric: 'NoticesNotEnqueued', count: n, stage,
      kinds: [...new Set(notices.map((x) => x.kind))],
      error: e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e).slice(0, 200),
    });
  };
  for (let i = 0; i < notices.length; i += CONCURRENCY) {
    const slice = notices.slice(i, i + CONCURRENCY);
    const results = await Promise.allSettled(slice.map((n) => port.store.create(n, at)));
    results.forEach((r) => {
      if (r.status === 'rejected') return failed(1, 'record', r.reason);
      const { record } = r.value;
      if (record.enqueuedAt !== undefined) out.already += 1;
      else if (record.deliveries.length === 0) out.unreachable += 1;
      else toQueue.push(record);
    });
  }
  for (let i = 0; i < toQueue.length; i += NOTICE_BATCH) {
    const batch = toQueue.slice(i, i + NOTICE_BATCH);
    try {
      await port.queue.enqueue(batch.map(noticeOf));
    } catch (e) {
      failed(batch.length, 'queue', e);
      continue;
    }
    out.queued += batch.length;
    // Queued: a failure to say so only means a later attempt may queue it again, and the
    // notifier skips deliveries already sent.
    const marks = await Promise.allSettled(batch.map((r) => port.store.markEnqueued(r.key, at)));
    const unmarked = marks.filter((m) => m.status === 'rejected').length;
    if (unmarked > 0) ctx.logger.warn('notices queued but not marked', { count: unmarked });
  }
  if (out.failed === 0 && (out.queued > 0 || out.unreachable > 0)) ctx.logger.info('notices announced', { ...out, kinds: [...new Set(notices.map((x) => x.kind))] });
  return out;
}

/** The notice a record holds (what the queue carries: no states, no stamps). */
export function noticeOf(r: NoticeRecord | Notice): Notice {
  return { key: r.key, kind: r.kind, unit: r.unit, entity: r.entity, clause: r.clause, subject: r.subject, body: r.body, link: r.link, at: r.at, deliveries: r.deliveries };
}

/**
 * Runs `build` and announces what it returns, swallowing any failure of `build` itself (the
 * registry read it makes) the same way: the triggers' one entry point.
 */
export async function announceSafely(ctx: AnnounceContext, what: string, build: () => Promise<readonly Notice[]>): Promise<Announced> {
  if (!ctx.notices) return { queued: 0, already: 0, failed: 0, unreachable: 0 };
  let notices: readonly Notice[];
  try {
    notices = await build();
  } catch (e) {
    ctx.logger.error('notices not enqueued', { metric: 'NoticesNotEnqueued', stage: 'build', what, error: e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e).slice(0, 200) });
    return { queued: 0, already: 0, failed: 1, unreachable: 0 };
  }
  return announce(ctx, notices);
}
