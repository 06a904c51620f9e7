import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound } from '../../../app/errors';
import type { ObjectionStore } from '../../../app/ports/objections';
import { ObjectionSchema, type Objection } from '../../../domain/selection/publicity';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import { fromItem, queryAll, type TableRef } from './table';

const key = (roundId: string, objectionId: string) => ({ pk: `ROUND#${roundId}`, sk: `OBJECTION#${objectionId}` });
const objectionOf = (item: Record<string, unknown>): Objection => ObjectionSchema.parse(fromItem<unknown>(item));

/** The 公示 objections beside their round's item (S-PUBLICITY). */
export class ObjectionRepository implements ObjectionStore {
  constructor(private readonly ref: TableRef) {}

  async add(o: Objection): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...o, ...key(o.roundId, o.objectionId) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  async get(roundId: string, objectionId: string): Promise<Objection | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: key(roundId, objectionId), ConsistentRead: true }));
      return res.Item ? objectionOf(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  async resolve(roundId: string, objectionId: string, resolution: NonNullable<Objection['resolution']>): Promise<Objection> {
    try {
      const res = await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: key(roundId, objectionId),
        UpdateExpression: 'SET #status = :to, #resolution = :r',
        ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status', '#resolution': 'resolution' },
        ExpressionAttributeValues: { ':to': resolution.status, ':r': resolution, ':pending': 'pending' },
        ReturnValues: 'ALL_NEW',
      }));
      return objectionOf(res.Attributes ?? {});
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
      const current = await this.get(roundId, objectionId);
      if (!current) throw new NotFound({ zh: `异议 ${objectionId}`, en: `objection ${objectionId}` }, 'OBJECTION_NOT_FOUND');
      throw new Conflict('OBJECTION_RESOLVED', `该异议已处理（${current.status === 'upheld' ? '异议成立' : '异议不成立'}），不能再次处理`,
        `the objection is already resolved (${current.status})`, { clause: 'S-PUBLICITY' });
    }
  }

  list(roundId: string): Promise<Objection[]> {
    return queryAll<Objection>(this.ref, { partition: `ROUND#${roundId}`, sort: { op: 'begins_with', value: 'OBJECTION#' }, consistent: true, parse: objectionOf });
  }
}
