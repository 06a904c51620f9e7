import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClauseId } from '../../domain/clauses';
import type { Outcome } from '../../domain/review/outcome';
import type { Problem } from '../../domain/problem';
import type { Tier } from '../../domain/tier';
import { classifyAwsError, isConditionalCheckFailed } from '../shared/errors';
import { queryAll, type TableRef } from '../shared/repository/table';

/**
 * The review's own items beside `REVIEW#{reviewId}` / `META` and the units' `ASSESS#…`
 * (a small adapter over table.ts; the API reads these):
 *
 *   EXPECT#{personId}   an assessment the member's unit is expected to submit (open-window);
 *                       also the review's frozen roster. gsi1: UNIT#{unit} / EXPECT#{reviewId}#{personId}
 *   OUTCOME#{personId}  what the review decided for the member and whether it is applied.
 *                       gsi1: UNIT#{unit} / OUTCOME#{reviewId}#{personId}
 *   TALKDUE#{personId}#{trigger}#{triggeredOn}  a talk due (C-TALK).
 *                       gsi1: UNIT#{unit} / TALKDUE#{reviewId}#{personId}#…
 */
export interface ExpectedAssessment {
  reviewId: string;
  personId: string;
  unitCode: string;
  name?: string;
  tier: Tier;
  cohortId: string;
  termStart: string;
  /** The year of the member's term this review falls in, and so the kind of review. */
  termYear: number;
  kind: 'annual' | 'summative';
  clause: 'X-UNITS';
  /** What to submit: a grade and a score; for tier 1/2 summative also meetsPostConditions. */
  needs: string[];
  dueBy: string;
}

export interface OutcomeItem {
  reviewId: string;
  personId: string;
  unitCode: string;
  name?: string;
  tier: Tier;
  cohortId: string;
  reviewKind: 'annual' | 'summative';
  outcome: Outcome;
  applied: boolean;
  /** The reducer refused the outcome's events (e.g. the member left meanwhile): nothing applied. */
  refused?: Problem[];
  seatReleased?: boolean;
}

export interface DueTalk {
  reviewId: string;
  personId: string;
  unitCode: string;
  name?: string;
  tier: Tier;
  cohortId: string;
  clause: ClauseId;
  /** A must-talk trigger (四必谈), or the yearly minimum (每年不少于1次). */
  trigger: string;
  triggeredBy: string;
  triggeredOn: string;
  due: string;
  overdue: boolean;
  organisational: boolean;
  zh: string;
  en: string;
}

const pk = (reviewId: string) => `REVIEW#${reviewId}`;

export class ReviewItems {
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

  async markApplied(reviewId: string, personId: string, set: { seatReleased?: boolean; refused?: Problem[] }): Promise<void> {
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
    return queryAll<T>(this.ref, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': pk(reviewId), ':p': prefix },
      ConsistentRead: true,
    });
  }
}
