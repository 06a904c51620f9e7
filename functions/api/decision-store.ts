import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../shared/aws-errors';
import type { ApiDeps } from './deps';

/**
 * The approver's decision on the round item (`decision`), claimed with one conditional write
 * — the round still awaits a decision with this very token and has none yet — so a double
 * submit gets 409 instead of a second SendTaskSuccess. `state` says how delivery went:
 * `sending` → `delivered` | `too-late`; a failure worth retrying removes the claim.
 */
export interface StoredDecision {
  decision: 'approve' | 'approve-with-edits' | 'reject';
  edits?: { add: string[]; remove: string[] };
  admit?: { id: string; tier: number }[];
  note?: string;
  by: string;
  at: string;
  state: 'sending' | 'delivered' | 'too-late';
  deliveredAt?: string;
}

const key = (roundId: string) => ({ pk: `ROUND#${roundId}`, sk: 'META' });

export async function claimDecision(deps: ApiDeps, roundId: string, taskToken: string, d: StoredDecision): Promise<void> {
  try {
    await deps.doc.send(new UpdateCommand({
      TableName: deps.table,
      Key: key(roundId),
      UpdateExpression: 'SET #d = :d',
      ConditionExpression: 'attribute_exists(pk) AND #s = :awaiting AND #t = :token AND attribute_not_exists(#d)',
      ExpressionAttributeNames: { '#d': 'decision', '#s': 'status', '#t': 'taskToken' },
      ExpressionAttributeValues: { ':d': d, ':awaiting': 'awaiting-decision', ':token': taskToken },
    }));
  } catch (e) {
    if (isConditionalCheckFailed(e)) {
      throw new Conflict('DECISION_EXISTS', '该批次已有审批决定', 'this round already has a decision', { clause: 'S-ROUND' });
    }
    throw classifyAwsError(e);
  }
}

export async function settleDecision(deps: ApiDeps, roundId: string, at: string, state: 'delivered' | 'too-late', now: string): Promise<void> {
  try {
    await deps.doc.send(new UpdateCommand({
      TableName: deps.table,
      Key: key(roundId),
      UpdateExpression: state === 'delivered' ? 'SET #d.#st = :s, #d.#da = :now' : 'SET #d.#st = :s',
      ConditionExpression: '#d.#at = :at',
      ExpressionAttributeNames: { '#d': 'decision', '#st': 'state', '#at': 'at', ...(state === 'delivered' ? { '#da': 'deliveredAt' } : {}) },
      ExpressionAttributeValues: { ':s': state, ':at': at, ...(state === 'delivered' ? { ':now': now } : {}) },
    }));
  } catch (e) {
    // The step functions may have moved the round on (and rewritten it): nothing to settle.
    if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
  }
}

/** Gives the claim back (delivery failed in a way worth retrying). */
export async function releaseDecision(deps: ApiDeps, roundId: string, at: string): Promise<void> {
  try {
    await deps.doc.send(new UpdateCommand({
      TableName: deps.table,
      Key: key(roundId),
      UpdateExpression: 'REMOVE #d',
      ConditionExpression: '#d.#at = :at AND #d.#st = :sending',
      ExpressionAttributeNames: { '#d': 'decision', '#at': 'at', '#st': 'state' },
      ExpressionAttributeValues: { ':at': at, ':sending': 'sending' },
    }));
  } catch (e) {
    if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
  }
}
