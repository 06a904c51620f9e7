import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { DueTalk, ExpectedAssessment, OutcomeItem, ReviewItemStore } from '../../../app/ports/reviews';
import { queryAll, type TableRef } from './table';

export type { DueTalk, ExpectedAssessment, OutcomeItem };

const pk = (reviewId: string) => `REVIEW#${reviewId}`;

export class ReviewItems implements ReviewItemStore {
  constructor(private readonly ref: TableRef) {}

  putExpected(e: ExpectedAssessment): Promise<void> {
    return this.put({ ...e, pk: pk(e.reviewId), sk: `EXPECT#${e.personId}`, gsi1pk: `UNIT#${e.unitCode}`, gsi1sk: `EXPECT#${e.reviewId}#${e.personId}` });
  }

  expected(reviewId: string): Promise<ExpectedAssessment[]> {
    return this.list<ExpectedAssessment>(reviewId, 'EXPECT#');
  }

  /** Stores an outcome unless the stored one is already applied (then it stays as applied). */
  async putOutcome(o: OutcomeItem): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...o, pk: pk(o.reviewId), sk: `OUTCOME#${o.personId}`, gsi1pk: `UNIT#${o.unitCode}`, gsi1sk: `OUTCOME#${o.reviewId}#${o.personId}` },
        ConditionExpression: 'attribute_not_exists(pk) OR applied = :no',
        ExpressionAttributeValues: { ':no': false },
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  outcomes(reviewId: string): Promise<OutcomeItem[]> {
    return this.list<OutcomeItem>(reviewId, 'OUTCOME#');
  }

  async markApplied(reviewId: string, personId: string, set: Parameters<ReviewItemStore['markApplied']>[2]): Promise<void> {
    const fields: Record<string, unknown> = { applied: true, ...set };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      return `#f${i} = :f${i}`;
    });
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: { pk: pk(reviewId), sk: `OUTCOME#${personId}` },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }));
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  putDueTalk(t: DueTalk): Promise<void> {
    const rest = `${t.personId}#${t.trigger}#${t.triggeredOn}`;
    return this.put({ ...t, pk: pk(t.reviewId), sk: `TALKDUE#${rest}`, gsi1pk: `UNIT#${t.unitCode}`, gsi1sk: `TALKDUE#${t.reviewId}#${rest}` });
  }

  dueTalks(reviewId: string): Promise<DueTalk[]> {
    return this.list<DueTalk>(reviewId, 'TALKDUE#');
  }

  private async put(item: Record<string, unknown>): Promise<void> {
    try {
      await this.ref.doc.send(new PutCommand({ TableName: this.ref.table, Item: item }));
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  private list<T>(reviewId: string, prefix: string): Promise<T[]> {
    return queryAll<T>(this.ref, { partition: pk(reviewId), sort: { op: 'begins_with', value: prefix }, consistent: true });
  }
}
