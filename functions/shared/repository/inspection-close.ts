import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { TableRef } from './table';

/**
 * The bureau's close of a round's 考察 (S-INSPECT), claimed on the round with one conditional
 * write: the round is inspecting, with this very task token, and its inspection is not closed
 * yet — so a double click gets a 409 instead of a second SendTaskSuccess. The claim writes
 * `inspection.closedAt` before AwaitInspection is answered: the final Rank, which runs once it
 * is, can never find the round still open for inspection. `closeState` says how delivery went.
 */
export class InspectionClose {
  constructor(private readonly ref: TableRef) {}

  async claim(key: Record<string, string>, taskToken: string, at: string, by: string): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: key,
        UpdateExpression: 'SET #i.#c = :at, #i.#b = :by, #i.#st = :sending',
        ConditionExpression: 'attribute_exists(pk) AND #s = :inspecting AND #t = :token AND attribute_exists(#i) AND attribute_not_exists(#i.#c)',
        ExpressionAttributeNames: { '#i': 'inspection', '#c': 'closedAt', '#b': 'closedBy', '#st': 'closeState', '#s': 'status', '#t': 'taskToken' },
        ExpressionAttributeValues: { ':at': at, ':by': by, ':sending': 'sending', ':inspecting': 'inspecting', ':token': taskToken },
      }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw new Conflict('INSPECTION_CLOSED', '该批次的考察已结束', 'this round\'s inspection is already closed', { clause: 'S-INSPECT' });
      throw classifyAwsError(e);
    }
  }

  /** Records how delivery went (only on the close that was claimed at `at`). */
  async settle(key: Record<string, string>, at: string, state: 'delivered' | 'too-late'): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: key,
        UpdateExpression: 'SET #i.#st = :s',
        ConditionExpression: '#i.#c = :at',
        ExpressionAttributeNames: { '#i': 'inspection', '#c': 'closedAt', '#st': 'closeState' },
        ExpressionAttributeValues: { ':s': state, ':at': at },
      }));
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
    }
  }

  /** Gives a claim still `sending` back (delivery failed in a way worth retrying): the inspection is open again. */
  async release(key: Record<string, string>, at: string): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: key,
        UpdateExpression: 'REMOVE #i.#c, #i.#b, #i.#st',
        ConditionExpression: '#i.#c = :at AND #i.#st = :sending',
        ExpressionAttributeNames: { '#i': 'inspection', '#c': 'closedAt', '#b': 'closedBy', '#st': 'closeState' },
        ExpressionAttributeValues: { ':at': at, ':sending': 'sending' },
      }));
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
    }
  }
}
