import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RoundStatus } from '../../../domain/round/lifecycle';
import { RoundSchema, openTiers, type Round, type RoundDecision } from '../../../domain/round/round';
import type { RoundStore } from '../../../app/ports/rounds';
import { Conflict, NotFound } from '../../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import { fromItem, queryPage, type Page, type PageRequest, type TableRef } from './table';
import { AnswerClaim } from './answer-claim';
import { InspectionClose } from './inspection-close';

export type { Round, RoundStatus };
export { openTiers };

/**
 * A stored round, parsed (domain/round/round.ts): a field the schema does not know is
 * dropped, one of the wrong shape is a fault of ours, not the caller's — it throws rather
 * than pass a malformed round on to a step.
 */
function roundOf(item: Record<string, unknown>): Round {
  return RoundSchema.parse(fromItem<unknown>(item));
}

const key = (roundId: string) => ({ pk: `ROUND#${roundId}`, sk: 'META' });

export class RoundRepository implements RoundStore {
  private readonly decisions: AnswerClaim;
  private readonly inspectionClose: InspectionClose;

  constructor(private readonly ref: TableRef) {
    this.inspectionClose = new InspectionClose(ref);
    this.decisions = new AnswerClaim(ref, 'decision', 'awaiting-decision',
      () => new Conflict('DECISION_EXISTS', '该批次已有审批决定', 'this round already has a decision', { clause: 'S-ROUND' }));
  }

  async get(roundId: string): Promise<Round | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: key(roundId), ConsistentRead: true }));
      return res.Item ? roundOf(res.Item) : undefined;
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
      return roundOf(res.Attributes ?? {});
    } catch (e) {
      if (isConditionalCheckFailed(e)) {
        const current = await this.get(roundId);
        if (!current) throw new NotFound({ zh: `遴选批次 ${roundId}`, en: `round ${roundId}` }, 'ROUND_NOT_FOUND');
        throw new Conflict('ROUND_STATE', `遴选批次当前状态为 ${current.status}，不能进行此操作`, `round is ${current.status}; not allowed now`);
      }
      throw classifyAwsError(e);
    }
  }

  /** The approver's decision, claimed on the round with the task token (see AnswerClaim). */
  claimDecision(roundId: string, taskToken: string, d: RoundDecision): Promise<void> {
    return this.decisions.claim(key(roundId), taskToken, d);
  }

  settleDecision(roundId: string, at: string, state: 'delivered' | 'too-late', now: string): Promise<void> {
    return this.decisions.settle(key(roundId), at, state, now);
  }

  /** Gives the claim back (delivery failed in a way worth retrying). */
  releaseDecision(roundId: string, at: string): Promise<void> {
    return this.decisions.release(key(roundId), at);
  }

  /** The bureau's close of the 考察 (S-INSPECT), claimed with AwaitInspection's task token (see InspectionClose). */
  claimInspectionClose(roundId: string, taskToken: string, at: string, by: string): Promise<void> {
    return this.inspectionClose.claim(key(roundId), taskToken, at, by);
  }

  settleInspectionClose(roundId: string, at: string, state: 'delivered' | 'too-late'): Promise<void> {
    return this.inspectionClose.settle(key(roundId), at, state);
  }

  releaseInspectionClose(roundId: string, at: string): Promise<void> {
    return this.inspectionClose.release(key(roundId), at);
  }

  /** Rounds, newest first. */
  list(page: PageRequest = {}): Promise<Page<Round>> {
    return queryPage<Round>(this.ref, { index: 'gsi1', partition: 'ROUNDS', descending: true, parse: roundOf }, page);
  }
}
