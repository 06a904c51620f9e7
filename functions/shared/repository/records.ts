import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { classifyAwsError, isConditionalCheckFailed } from '../errors';
import { queryAll, queryPage, type Page, type PageRequest, type TableRef } from './table';

/**
 * A member's development records: talks (C-TALK), training (D-TRAIN), rotations
 * (D-ROTATE). `MEMBER#{personId}` / `TALK#{date}#{id}` …, indexed by unit for the school.
 */
export type RecordKind = 'talk' | 'training' | 'rotation';

const PREFIX: Record<RecordKind, string> = { talk: 'TALK', training: 'TRAIN', rotation: 'ROTATE' };

export interface MemberRecord {
  /** Which collection; the record's own `kind` (regular / organisational talk, course, shadowing …) is kept as sent. */
  recordType: RecordKind;
  id: string;
  personId: string;
  unitCode: string;
  /** ISO date the talk was held / the course started / the rotation began. */
  date: string;
  recordedBy: string;
  recordedAt: string;
  /** Talk reason (post change, promotion, setback, assessment), course, posting … */
  [extra: string]: unknown;
}

export class RecordRepository {
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
    return queryAll<MemberRecord>(this.ref, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :k)',
      ExpressionAttributeValues: { ':pk': `MEMBER#${personId}`, ':k': `${PREFIX[kind]}#` },
    });
  }

  /** One unit's records of its members (optionally of one member). */
  listByUnit(unitCode: string, opts: PageRequest & { personId?: string } = {}): Promise<Page<MemberRecord>> {
    return queryPage<MemberRecord>(this.ref, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :u AND begins_with(gsi1sk, :m)',
      ExpressionAttributeValues: { ':u': `UNIT#${unitCode}`, ':m': opts.personId ? `MEMBER#${opts.personId}#` : 'MEMBER#' },
    }, opts);
  }
}
