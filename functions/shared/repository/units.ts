import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UnitRecord, UnitStore } from '../../../app/ports/units';
import { classifyAwsError } from '../aws-errors';
import { fromItem, queryPage, type Page, type PageRequest, type TableRef } from './table';

export type { UnitRecord };

const key = (code: string) => ({ pk: `UNIT#${code}`, sk: 'META' });

/** The unit registry over the pool table: `UNIT#{code}` / `META`, listed on gsi1 `UNITS` / `{code}`. */
export class UnitRepository implements UnitStore {
  constructor(private readonly ref: TableRef) {}

  async get(code: string): Promise<UnitRecord | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: key(code), ConsistentRead: true }));
      return res.Item ? fromItem<UnitRecord>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  async put(unit: UnitRecord): Promise<{ created: boolean }> {
    try {
      const res = await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...unit, ...key(unit.code), gsi1pk: 'UNITS', gsi1sk: unit.code },
        ReturnValues: 'ALL_OLD',
      }));
      return { created: res.Attributes === undefined };
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  list(page: PageRequest = {}): Promise<Page<UnitRecord>> {
    return queryPage<UnitRecord>(this.ref, { index: 'gsi1', partition: 'UNITS' }, page);
  }
}
