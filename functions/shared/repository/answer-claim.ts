import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Conflict } from '../../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { TableRef } from './table';

/**
 * A person's answer to a waiting state machine — the approver's decision on a round, the
 * bureau's confirmation of a review — kept on the waiting item under `field` and claimed
 * with one conditional write: the item still awaits an answer (`awaitingStatus`) with this
 * very task token and has none yet. So a double submit gets a 409 instead of a second
 * SendTaskSuccess. `state` on the answer says how delivery went: `sending` → `delivered` |
 * `too-late`; a failure worth retrying gives the claim back.
 */
export class AnswerClaim {
  constructor(
    private readonly ref: TableRef,
    private readonly field: string,
    private readonly awaitingStatus: string,
    private readonly exists: () => Conflict,
  ) {}

  async claim(key: Record<string, string>, taskToken: string, answer: object): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: key,
        UpdateExpression: 'SET #a = :a',
        ConditionExpression: 'attribute_exists(pk) AND #s = :awaiting AND #t = :token AND attribute_not_exists(#a)',
        ExpressionAttributeNames: { '#a': this.field, '#s': 'status', '#t': 'taskToken' },
        ExpressionAttributeValues: { ':a': answer, ':awaiting': this.awaitingStatus, ':token': taskToken },
      }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw this.exists();
      throw classifyAwsError(e);
    }
  }

  /** Records how delivery went; an item the state machine has moved on since is left alone. */
  async settle(key: Record<string, string>, at: string, state: 'delivered' | 'too-late', now: string): Promise<void> {
    const delivered = state === 'delivered';
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: key,
        UpdateExpression: delivered ? 'SET #a.#st = :s, #a.#da = :now' : 'SET #a.#st = :s',
        ConditionExpression: '#a.#at = :at',
        ExpressionAttributeNames: { '#a': this.field, '#st': 'state', '#at': 'at', ...(delivered ? { '#da': 'deliveredAt' } : {}) },
        ExpressionAttributeValues: { ':s': state, ':at': at, ...(delivered ? { ':now': now } : {}) },
      }));
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
    }
  }

  /** Gives a claim still `sending` back. */
  async release(key: Record<string, string>, at: string): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: key,
        UpdateExpression: 'REMOVE #a',
        ConditionExpression: '#a.#at = :at AND #a.#st = :sending',
        ExpressionAttributeNames: { '#a': this.field, '#at': 'at', '#st': 'state' },
        ExpressionAttributeValues: { ':at': at, ':sending': 'sending' },
      }));
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
    }
  }
}
