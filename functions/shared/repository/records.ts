import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { MemberRecord, RecordKind, RecordStore } from '../../../app/ports/members';
import { queryAll, queryPage, type Page, type PageRequest, type TableRef } from './table';

export type { MemberRecord, RecordKind };

const PREFIX: Record<RecordKind, string> = { talk: 'TALK', training: 'TRAIN', rotation: 'ROTATE' };

export class RecordRepository implements RecordStore {
  constructor(private readonly ref: TableRef) {}

  /** Adds a record; false when a record with the same id and date is already there. */
  async add(r: MemberRecord): Promise<boolean> {
    const sk = `${PREFIX[r.recordType]}#${r.date}#${r.id}`;
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...r, pk: `MEMBER#${r.personId}`, sk, gsi1pk: `UNIT#${r.unitCode}`, gsi1sk: `MEMBER#${r.personId}#${sk}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  /** A member's records of one kind, oldest first. */
  list(personId: string, kind: RecordKind): Promise<MemberRecord[]> {
    return queryAll<MemberRecord>(this.ref, { partition: `MEMBER#${personId}`, sort: { op: 'begins_with', value: `${PREFIX[kind]}#` } });
  }

  /** One unit's records of its members (optionally of one member). */
  listByUnit(unitCode: string, opts: PageRequest & { personId?: string } = {}): Promise<Page<MemberRecord>> {
    return queryPage<MemberRecord>(this.ref, {
      index: 'gsi1', partition: `UNIT#${unitCode}`, sort: { op: 'begins_with', value: opts.personId ? `MEMBER#${opts.personId}#` : 'MEMBER#' },
    }, opts);
  }
}
