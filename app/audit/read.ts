import { problem } from '../../domain/problem';
import { ValidationError } from '../errors';
import { redact } from '../redact';
import type { AuditItem, Page, PageRequest, UseCaseContext } from '../ports';

/**
 * The audit trail, readable (GET /audit?entity=…, GET /pool/members/{personId}/audit): who,
 * when, what, under which clause, with the entry's details — which never hold personal data
 * (they pass through redact() on the way in, and again on the way out). One entity at a time,
 * oldest first, a page at a time. The trail stays append-only: nothing here writes.
 */

/** `member/P…`, `round/2026-R1`, `review/REV-2027-09-01`, `nomination/2026-R1/N…`, `upload/…`. */
const ENTITY = /^(member|round|review|nomination|upload|unit|appointment|import|export)\/[A-Za-z0-9._\-/#]{1,300}$/;

export function parseEntity(raw: string | undefined): string {
  if (raw === undefined || raw === '') {
    throw new ValidationError([problem('QUERY_INVALID', 'entity', '须指明 entity（如 member/P…、round/2026-R1、review/REV-2027-09-01）', 'entity is required (member/P…, round/2026-R1, review/REV-2027-09-01 …)')]);
  }
  if (!ENTITY.test(raw)) {
    throw new ValidationError([problem('QUERY_INVALID', 'entity', 'entity 格式不正确（如 member/P…、round/2026-R1）', 'entity: a kind and an id, like member/P… or round/2026-R1')]);
  }
  return raw;
}

export interface AuditView {
  at: string;
  actor: string;
  action: string;
  entity: string;
  clause?: string;
  details: Record<string, unknown>;
}

export async function readAudit(deps: Pick<UseCaseContext, 'audit'>, entity: string, page: PageRequest): Promise<Page<AuditView>> {
  const { items, cursor } = await deps.audit.page(entity, page);
  return { items: items.map(view), ...(cursor ? { cursor } : {}) };
}

function view(a: AuditItem): AuditView {
  return { at: a.at, actor: a.actor, action: a.action, entity: a.entity, ...(a.clause ? { clause: a.clause } : {}), details: redact(a.details ?? {}) };
}
