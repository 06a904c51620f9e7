import type { Page, PageRequest } from './page';
import type { ClauseId } from '../../domain/clauses';

/**
 * The append-only audit log: one PutItem per state change, never an update or a delete
 * (the only permission on the table is PutItem with `attribute_not_exists(pk)`).
 * Details never hold personal data: they pass through redact() on the way in.
 */
export interface AuditEntry {
  /** `nomination/2026-R1/N…`, `member/P…`, `round/2026-R1` … */
  entity: string;
  action: string;
  /** Who: a user's sub / username, or `system:intake`, `system:round` … */
  actor: string;
  clause?: ClauseId;
  details?: Record<string, unknown>;
  /** ISO timestamp; defaults to now. */
  at?: string;
  /**
   * A stable id for the change (e.g. derived from the nomination id and the action): a
   * retried step then writes the same key, and the conditional put makes it a no-op.
   */
  idempotencyKey?: string;
}

export interface AuditItem {
  pk: string;
  sk: string;
  at: string;
  actor: string;
  action: string;
  entity: string;
  clause?: ClauseId;
  details: Record<string, unknown>;
}

/** The append-only trail: one entry per change; an entry with a known idempotency key is written once. */
export interface AuditTrail {
  /** False when the same idempotent entry is already there. */
  append(entry: AuditEntry): Promise<boolean>;
  /** One entity's entries, oldest first. */
  list(entity: string): Promise<AuditItem[]>;
  /** One entity's entries, oldest first, a page at a time (the API's ?limit / ?cursor). */
  page(entity: string, page?: PageRequest): Promise<Page<AuditItem>>;
}
