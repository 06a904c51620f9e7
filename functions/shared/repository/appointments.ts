import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AppointmentRecord, AppointmentStore } from '../../../app/ports/appointments';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import { fromItem, queryAll, type TableRef } from './table';

export type { AppointmentRecord };

const key = (id: string) => ({ pk: `APPOINTMENT#${id}`, sk: 'META' });

/** Appointments (X-USE) over the pool table: `APPOINTMENT#{id}` / `META`, by date on gsi1 `APPOINTMENTS` / `{on}#{id}`. */
export class AppointmentRepository implements AppointmentStore {
  constructor(private readonly ref: TableRef) {}

  async add(a: AppointmentRecord): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...a, ...key(a.id), gsi1pk: 'APPOINTMENTS', gsi1sk: `${a.on}#${a.id}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  async get(id: string): Promise<AppointmentRecord | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: key(id), ConsistentRead: true }));
      return res.Item ? fromItem<AppointmentRecord>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  between(from: string, to: string): Promise<AppointmentRecord[]> {
    // `{on}#…`: every key of a day sorts after `{on}#` and before `{on}#\uffff`.
    return queryAll<AppointmentRecord>(this.ref, { index: 'gsi1', partition: 'APPOINTMENTS', sort: { op: 'between', low: `${from}#`, high: `${to}#\uffff` } });
  }
}
