import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NominationSchema, uploadVersion, type Nomination, type UploadRef } from '../../../domain/round/nomination';
import type { NominationStore } from '../../../app/ports/rounds';
import { NotFound } from '../../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { UploadStatus } from '../../../app/ports/rounds';
import { fromItem, queryPage, type Page, type PageRequest, type TableRef } from './table';

export type { UploadStatus };

export type { Nomination, UploadRef };
export { uploadVersion };

/** A stored nomination, parsed (domain/round/nomination.ts): unknown fields dropped, a malformed one throws. */
function nominationOf(item: Record<string, unknown>): Nomination {
  return NominationSchema.parse(fromItem<unknown>(item));
}

const nomKey = (roundId: string, nominationId: string) => ({ pk: `ROUND#${roundId}`, sk: `NOM#${nominationId}` });


const uploadKey = (ref: Pick<UploadRef, 'bucket' | 'key' | 'versionId' | 'sequencer'>) => ({
  pk: `UPLOAD#${ref.bucket}/${ref.key}`,
  sk: `V#${uploadVersion(ref)}`,
});

export class NominationRepository implements NominationStore {
  constructor(private readonly ref: TableRef) {}

  /**
   * Stores a nomination unless one with the same id exists. Ids are derived from the
   * upload (bucket, key, version, row), so a redelivered event stores nothing new.
   * Returns true when this call created it.
   */
  async putIfAbsent(n: Nomination): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: {
          ...n,
          ...nomKey(n.roundId, n.nominationId),
          gsi1pk: `UNIT#${n.unitCode}`,
          gsi1sk: `ROUND#${n.roundId}#NOM#${n.nominationId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  async get(roundId: string, nominationId: string): Promise<Nomination | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: nomKey(roundId, nominationId), ConsistentRead: true }));
      return res.Item ? nominationOf(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  /** Sets fields (e.g. `scores`) on an existing nomination. */
  async update(roundId: string, nominationId: string, set: Partial<Nomination>): Promise<Nomination> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(set)
      .filter(([k, v]) => v !== undefined && !['nominationId', 'roundId', 'unitCode', 'pk', 'sk', 'gsi1pk', 'gsi1sk'].includes(k))
      .map(([k, v], i) => {
        names[`#f${i}`] = k;
        values[`:f${i}`] = v;
        return `#f${i} = :f${i}`;
      });
    if (sets.length === 0) {
      const n = await this.get(roundId, nominationId);
      if (!n) throw notFound(nominationId);
      return n;
    }
    try {
      const res = await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: nomKey(roundId, nominationId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }));
      return nominationOf(res.Attributes ?? {});
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw notFound(nominationId);
      throw classifyAwsError(e);
    }
  }

  /** A round's nominations, in id order, a page at a time (scoring walks this with the cursor). */
  listByRound(roundId: string, page: PageRequest = {}): Promise<Page<Nomination>> {
    return queryPage<Nomination>(this.ref, { partition: `ROUND#${roundId}`, sort: { op: 'begins_with', value: 'NOM#' }, parse: nominationOf }, page);
  }

  /** One unit's nominations (in one round when given): what a school sees. */
  listByUnit(unitCode: string, opts: PageRequest & { roundId?: string } = {}): Promise<Page<Nomination>> {
    return queryPage<Nomination>(this.ref, {
      index: 'gsi1', partition: `UNIT#${unitCode}`, sort: { op: 'begins_with', value: opts.roundId ? `ROUND#${opts.roundId}#NOM#` : 'ROUND#' }, parse: nominationOf,
    }, opts);
  }

  /** Records what happened to an uploaded object; false when it was already recorded. */
  async putUploadStatus(s: UploadStatus): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...s, ...uploadKey(s) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  async getUploadStatus(ref: Pick<UploadRef, 'bucket' | 'key' | 'versionId' | 'sequencer'>): Promise<UploadStatus | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: uploadKey(ref), ConsistentRead: true }));
      return res.Item ? fromItem<UploadStatus>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }
}

function notFound(nominationId: string): NotFound {
  return new NotFound({ zh: `推荐 ${nominationId}`, en: `nomination ${nominationId}` }, 'NOMINATION_NOT_FOUND');
}

