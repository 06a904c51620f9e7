import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { PersonClaim, PersonClaimStore } from '../../../app/ports/rounds';
import { fromItem, queryAll, type TableRef } from './table';

export type { PersonClaim };

const claimKey = (roundId: string, personId: string) => ({ pk: `ROUND#${roundId}`, sk: `PERSON#${personId}` });

export class PersonClaims implements PersonClaimStore {
  constructor(private readonly ref: TableRef) {}

  /** Claims the person for this nomination; returns the current holder when it is another. */
  async claim(c: PersonClaim): Promise<{ held: true } | { held: false; holder: PersonClaim }> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...c, ...claimKey(c.roundId, c.personId) },
        ConditionExpression: 'attribute_not_exists(pk) OR nominationId = :id',
        ExpressionAttributeValues: { ':id': c.nominationId },
      }));
      return { held: true };
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
    }
    const holder = await this.get(c.roundId, c.personId);
    if (!holder) return this.claim(c); // released meanwhile: try again
    return holder.nominationId === c.nominationId ? { held: true } : { held: false, holder };
  }

  /** Moves the claim from `from` to `c`; false when someone else moved it first. */
  async takeOver(from: string, c: PersonClaim): Promise<boolean> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: claimKey(c.roundId, c.personId),
        UpdateExpression: 'SET nominationId = :id, unitCode = :u, receivedAt = :at',
        ConditionExpression: 'nominationId = :from',
        ExpressionAttributeValues: { ':id': c.nominationId, ':u': c.unitCode, ':at': c.receivedAt, ':from': from },
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  /** The round's claims (`ROUND#{roundId}` / `PERSON#…`), every page. */
  listRound(roundId: string): Promise<PersonClaim[]> {
    return queryAll<PersonClaim>(this.ref, { partition: `ROUND#${roundId}`, sort: { op: 'begins_with', value: 'PERSON#' }, consistent: true });
  }

  async get(roundId: string, personId: string): Promise<PersonClaim | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: claimKey(roundId, personId), ConsistentRead: true }));
      return res.Item ? fromItem<PersonClaim>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }
}
