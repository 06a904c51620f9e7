import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Problem } from '../../../domain/problem';
import type { Tier } from '../../../domain/tier';
import { NotFound, classifyAwsError, isConditionalCheckFailed } from '../errors';
import { fromItem, queryPage, type Page, type PageRequest, type TableRef } from './table';

/** Where a nomination came from: the uploaded object, and the row for a workbook. */
export interface UploadRef {
  bucket: string;
  key: string;
  /** The object version, or 'null' for an unversioned bucket (then `sequencer` tells uploads apart). */
  versionId: string;
  sequencer?: string;
  /** Workbook row (1-based as Excel shows it); absent for a JSON file or a whole-file rejection. */
  row?: number;
  /**
   * How many nominations the file yields: its forms, or 1 for a file refused whole. Rows are
   * stored one by one, so a reader (the CLI's upload) knows from this when it has them all.
   */
  forms?: number;
}

/**
 * A nomination as intake stored it. `accepted` means a well-formed form: it carries its
 * verdict, eligible or not. `rejected` means the file or row could not be read as a form:
 * it carries the problems, in Chinese and English, for the school to fix and re-upload.
 */
export interface Nomination {
  nominationId: string;
  roundId: string;
  unitCode: string;
  /** superseded: a later upload from the same unit replaced it (one live nomination per person per round). */
  status: 'accepted' | 'rejected' | 'superseded';
  source: UploadRef;
  receivedAt: string;
  /** accepted only */
  personId?: string;
  tier?: Tier;
  candidateName?: string;
  /** The parsed form, personal data included (the table is KMS-encrypted; never logged). */
  form?: unknown;
  verdict?: unknown;
  policyRef?: string;
  /** rejected only */
  problems?: Problem[];
  /** Set later by scoring (entered components, total, rank …). */
  scores?: unknown;
  [extra: string]: unknown;
}

/** The outcome of one uploaded object, whatever happened to it. */
export interface UploadStatus {
  bucket: string;
  key: string;
  versionId: string;
  sequencer?: string;
  roundId?: string;
  unitCode?: string;
  status: 'accepted' | 'partially-accepted' | 'rejected';
  /** File-level problems (the key, the size, not a workbook, round closed …). */
  problems: Problem[];
  nominationIds: string[];
  counts: { accepted: number; rejected: number };
  receivedAt: string;
  processedAt: string;
}

const nomKey = (roundId: string, nominationId: string) => ({ pk: `ROUND#${roundId}`, sk: `NOM#${nominationId}` });

/** The version part of an upload's key: versionId, or 'null#{sequencer}' when unversioned. */
export function uploadVersion(ref: Pick<UploadRef, 'versionId' | 'sequencer'>): string {
  return ref.versionId === 'null' && ref.sequencer ? `null#${ref.sequencer}` : ref.versionId;
}

const uploadKey = (ref: Pick<UploadRef, 'bucket' | 'key' | 'versionId' | 'sequencer'>) => ({
  pk: `UPLOAD#${ref.bucket}/${ref.key}`,
  sk: `V#${uploadVersion(ref)}`,
});

export class NominationRepository {
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
      return res.Item ? fromItem<Nomination>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  /** Sets fields (e.g. `scores`) on an existing nomination. */
  async update(roundId: string, nominationId: string, set: Record<string, unknown>): Promise<Nomination> {
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
      return fromItem<Nomination>(res.Attributes ?? {});
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw notFound(nominationId);
      throw classifyAwsError(e);
    }
  }

  /** A round's nominations, in id order, a page at a time (scoring walks this with the cursor). */
  listByRound(roundId: string, page: PageRequest = {}): Promise<Page<Nomination>> {
    return queryPage<Nomination>(this.ref, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :nom)',
      ExpressionAttributeValues: { ':pk': `ROUND#${roundId}`, ':nom': 'NOM#' },
    }, page);
  }

  /** One unit's nominations (in one round when given): what a school sees. */
  listByUnit(unitCode: string, opts: PageRequest & { roundId?: string } = {}): Promise<Page<Nomination>> {
    return queryPage<Nomination>(this.ref, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :u AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':u': `UNIT#${unitCode}`, ':prefix': opts.roundId ? `ROUND#${opts.roundId}#NOM#` : 'ROUND#' },
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

