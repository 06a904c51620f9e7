import { createHash, randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll, queryPage, type Page, type PageRequest } from './repository/table';
import { wallClock } from './clock';
import { classifyAwsError, isConditionalCheckFailed } from './aws-errors';
import { redact } from '../../app/redact';
import type { AuditEntry, AuditItem, AuditTrail } from '../../app/ports/audit';

export type { AuditEntry, AuditItem };

/**
 * The append-only audit log: one PutItem per state change, never an update or a delete
 * (the only permission on the table is PutItem with `attribute_not_exists(pk)`).
 * Details never hold personal data: they pass through redact() on the way in.
 */

export class AuditLog implements AuditTrail {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly now: () => Date = wallClock,
  ) {}

  /** Appends an entry; returns false when the same idempotent entry is already there. */
  async append(entry: AuditEntry): Promise<boolean> {
    const at = entry.at ?? this.now().toISOString();
    const id = entry.idempotencyKey
      ? createHash('sha256').update(entry.idempotencyKey).digest('hex').slice(0, 32)
      : randomUUID();
    const item: AuditItem = {
      pk: `AUDIT#${entry.entity}`,
      sk: `${at}#${id}`,
      at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      ...(entry.clause ? { clause: entry.clause } : {}),
      details: redact(entry.details ?? {}),
    };
    try {
      await this.doc.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  /** The entries of one entity, oldest first. */
  list(entity: string): Promise<AuditItem[]> {
    return queryAll<AuditItem>({ doc: this.doc, table: this.table }, { partition: `AUDIT#${entity}`, parse: (item) => item as unknown as AuditItem });
  }

  /** A page of one entity's entries, oldest first (a cursor of another entity is CURSOR_INVALID). */
  page(entity: string, page: PageRequest = {}): Promise<Page<AuditItem>> {
    return queryPage<AuditItem>({ doc: this.doc, table: this.table }, { partition: `AUDIT#${entity}`, parse: (item) => item as unknown as AuditItem }, page);
  }
}
