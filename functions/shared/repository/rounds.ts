import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TIERS, isTier, type Tier } from '../../../domain/tier';
import { Conflict, NotFound, classifyAwsError, isConditionalCheckFailed } from '../errors';
import { fromItem, queryPage, type Page, type PageRequest, type TableRef } from './table';

/** A selection round's life (S-ROUND): intake open → closed → scored → ranked → decided. */
export type RoundStatus =
  | 'open'
  | 'closed'
  | 'scoring'
  | 'ranked'
  | 'awaiting-decision'
  | 'admitting'
  | 'completed'
  | 'rejected'
  | 'approval-timed-out'
  | 'failed';

export interface Round {
  roundId: string;
  status: RoundStatus;
  /** The date ages and years of service are counted on (周岁 on this day). */
  referenceDate: string;
  openedAt: string;
  intakeClosesAt: string;
  scoringClosesAt?: string;
  tiers?: Tier[];
  title?: string;
  /** Anything the round's notice adds (scoring scheme, task token, failure, outcome …). */
  [extra: string]: unknown;
}

/**
 * The tiers the round's notice opened (S-ROUND): only these are taken at intake, ranked and
 * admitted. A round stored without `tiers` (before the field existed) opened all three.
 */
export function openTiers(round: Pick<Round, 'tiers'>): Tier[] {
  const tiers = Array.isArray(round.tiers) ? round.tiers.filter(isTier) : [];
  return tiers.length > 0 ? [...new Set(tiers)].sort((a, b) => a - b) : [...TIERS];
}

const key = (roundId: string) => ({ pk: `ROUND#${roundId}`, sk: 'META' });

export class RoundRepository {
  constructor(private readonly ref: TableRef) {}

  async get(roundId: string): Promise<Round | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: key(roundId), ConsistentRead: true }));
      return res.Item ? fromItem<Round>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  async require(roundId: string): Promise<Round> {
    const r = await this.get(roundId);
    if (!r) throw new NotFound({ zh: `遴选批次 ${roundId}`, en: `round ${roundId}` }, 'ROUND_NOT_FOUND');
    return r;
  }

  /** Creates a round; a second create of the same id is a Conflict. */
  async create(round: Round): Promise<void> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...round, ...key(round.roundId), gsi1pk: 'ROUNDS', gsi1sk: `${round.openedAt}#${round.roundId}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw new Conflict('ROUND_EXISTS', `遴选批次 ${round.roundId} 已存在`, `round ${round.roundId} already exists`);
      throw classifyAwsError(e);
    }
  }

  /**
   * Sets fields of a round, only while its status is one of `from` (when given) — how a
   * step moves the round along without overtaking another. Returns the new round.
   */
  async update(roundId: string, set: Partial<Round>, from?: readonly RoundStatus[]): Promise<Round> {
    const names: Record<string, string> = { '#pk': 'pk' };
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    Object.entries(set).forEach(([k, v], i) => {
      if (k === 'roundId' || v === undefined) return;
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      sets.push(`#f${i} = :f${i}`);
    });
    if (sets.length === 0) return this.require(roundId);
    let condition = 'attribute_exists(#pk)';
    if (from && from.length > 0) {
      names['#status'] = 'status';
      const alts = from.map((s, i) => {
        values[`:from${i}`] = s;
        return `:from${i}`;
      });
      condition += ` AND #status IN (${alts.join(', ')})`;
    }
    try {
      const res = await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: key(roundId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }));
      return fromItem<Round>(res.Attributes ?? {});
    } catch (e) {
      if (isConditionalCheckFailed(e)) {
        const current = await this.get(roundId);
        if (!current) throw new NotFound({ zh: `遴选批次 ${roundId}`, en: `round ${roundId}` }, 'ROUND_NOT_FOUND');
        throw new Conflict('ROUND_STATE', `遴选批次当前状态为 ${current.status}，不能进行此操作`, `round is ${current.status}; not allowed now`);
      }
      throw classifyAwsError(e);
    }
  }

  /** Rounds, newest first. */
  list(page: PageRequest = {}): Promise<Page<Round>> {
    return queryPage<Round>(this.ref, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'ROUNDS' },
      ScanIndexForward: false,
    }, page);
  }
}
