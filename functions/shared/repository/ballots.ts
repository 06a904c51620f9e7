import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Ballot, BallotCode, BallotStore, ClaimOutcome } from '../../../app/ports/ballots';
import { MARKS, type Mark, type Marks, type UnitTally } from '../../../domain/selection/ballot';
import { Conflict } from '../../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import { fromItem, queryInput, queryPage, type Page, type PageRequest, type TableRef } from './table';

/**
 * 民主推荐's items (S-RECOMMEND) on the pool table:
 *
 *   ballot  ROUND#{roundId} / BALLOT#{unitCode}       the candidates, deadline, counters, tally
 *   code    BCODE#{hmac}    / META                     roundId, unitCode, issuedOn (a day),
 *           gsi1 BALLOT#{roundId}#{unitCode} / {hmac}  usedOn (a day) and claim once used
 *   vote    ROUND#{roundId} / VOTE#{unitCode}#{voteId} marks — and nothing else
 *
 * Why a vote cannot be traced to its code: the two are separate items written by separate
 * requests; the vote carries no code, no code hash, no claim tag, no time of any grain, and
 * its id is an HMAC of the browser's random submission id under its own tag, while the code
 * item keeps a different tag of it (claim) — neither computes the other without the random id,
 * which is never stored. Vote ids are uniformly random, so their order says nothing of the
 * order votes were cast; the code item's usedOn is a day, no finer than the ballot. What the
 * two share is the round and the unit, which every code and vote of that ballot share.
 * The code is keyed by its HMAC alone (not per round): the voter types only the code.
 */
const ballotKey = (roundId: string, unitCode: string) => ({ pk: `ROUND#${roundId}`, sk: `BALLOT#${unitCode}` });
const codeKey = (hash: string) => ({ pk: `BCODE#${hash}`, sk: 'META' });
const voteKey = (roundId: string, unitCode: string, voteId: string) => ({ pk: `ROUND#${roundId}`, sk: `VOTE#${unitCode}#${voteId}` });
const codesOf = (roundId: string, unitCode: string) => `BALLOT#${roundId}#${unitCode}`;

/** Code writes in flight at once. */
const PARALLEL = 16;

function marksOf(item: Record<string, unknown>): Marks {
  const raw = (item.marks ?? {}) as Record<string, unknown>;
  const out: Record<string, Mark> = {};
  for (const [k, v] of Object.entries(raw)) if (MARKS.includes(v as Mark)) out[k] = v as Mark;
  return out;
}

export class BallotRepository implements BallotStore {
  constructor(private readonly ref: TableRef) {}

  async createBallot(b: Ballot): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...b, ...ballotKey(b.roundId, b.unitCode) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  async getBallot(roundId: string, unitCode: string): Promise<Ballot | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: ballotKey(roundId, unitCode), ConsistentRead: true }));
      return res.Item ? fromItem<Ballot>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  listBallots(roundId: string, page: PageRequest = {}): Promise<Page<Ballot>> {
    return queryPage<Ballot>(this.ref, { partition: `ROUND#${roundId}`, sort: { op: 'begins_with', value: 'BALLOT#' }, consistent: true }, page);
  }

  async addCodes(roundId: string, unitCode: string, hashes: readonly string[], issuedOn: string): Promise<string[]> {
    // One conditional put per code (a batch write cannot carry a condition): a code drawn
    // twice — p ≈ n² / 2^60, never in practice — is reported back, not overwritten.
    const taken: string[] = [];
    for (let i = 0; i < hashes.length; i += PARALLEL) {
      await Promise.all(hashes.slice(i, i + PARALLEL).map(async (h) => {
        try {
          await this.ref.doc.send(new PutCommand({
            TableName: this.ref.table,
            Item: { ...codeKey(h), gsi1pk: codesOf(roundId, unitCode), gsi1sk: h, roundId, unitCode, issuedOn },
            ConditionExpression: 'attribute_not_exists(pk)',
          }));
        } catch (e) {
          if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
          taken.push(h);
        }
      }));
    }
    const written = hashes.length - taken.length;
    if (written > 0) await this.add(roundId, unitCode, 'issued', written);
    return taken;
  }

  async findCode(hash: string): Promise<BallotCode | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: codeKey(hash), ConsistentRead: true }));
      if (!res.Item) return undefined;
      const i = res.Item;
      return { roundId: String(i.roundId), unitCode: String(i.unitCode), used: i.usedOn !== undefined, ...(typeof i.claim === 'string' ? { claim: i.claim } : {}) };
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  async claimCode(hash: string, claim: string, usedOn: string): Promise<ClaimOutcome> {
    try {
      // The one write that decides: of any number of concurrent submissions, one finds usedOn absent.
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: codeKey(hash),
        UpdateExpression: 'SET usedOn = :d, claim = :c',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedOn)',
        ExpressionAttributeValues: { ':d': usedOn, ':c': claim },
      }));
      return 'claimed';
    } catch (e) {
      if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
    }
    const code = await this.findCode(hash);
    return code?.claim === claim ? 'claimed-by-this-submission' : 'used';
  }

  countUse(roundId: string, unitCode: string): Promise<void> {
    return this.add(roundId, unitCode, 'used', 1);
  }

  async putVote(roundId: string, unitCode: string, voteId: string, marks: Marks): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...voteKey(roundId, unitCode, voteId), marks },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  listVotes(roundId: string, unitCode: string, page: PageRequest = {}): Promise<Page<Marks>> {
    return queryPage<Marks>(this.ref, { partition: `ROUND#${roundId}`, sort: { op: 'begins_with', value: `VOTE#${unitCode}#` }, consistent: true, parse: marksOf }, page);
  }

  async countCodes(roundId: string, unitCode: string): Promise<{ issued: number; used: number }> {
    const count = async (usedOnly: boolean): Promise<number> => {
      let total = 0;
      let start: Record<string, unknown> | undefined;
      // Bounded: a unit holds at most MAX_CODES_PER_UNIT codes; a page of COUNT reads up to 1 MB.
      for (let pages = 0; pages < 1000; pages += 1) {
        const q = queryInput({ index: 'gsi1', partition: codesOf(roundId, unitCode) });
        let res;
        try {
          res = await this.ref.doc.send(new QueryCommand({
            ...q,
            TableName: this.ref.table,
            Select: 'COUNT',
            ...(usedOnly ? { FilterExpression: 'attribute_exists(usedOn)' } : {}),
            ExclusiveStartKey: start,
          }));
        } catch (e) {
          throw classifyAwsError(e);
        }
        total += res.Count ?? 0;
        start = res.LastEvaluatedKey;
        if (!start) return total;
      }
      throw new Error('ballot code count did not end');
    };
    return { issued: await count(false), used: await count(true) };
  }

  async setTally(roundId: string, unitCode: string, tally: UnitTally, at: string): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: ballotKey(roundId, unitCode),
        UpdateExpression: 'SET tally = :t, talliedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(tally)',
        ExpressionAttributeValues: { ':t': tally, ':at': at },
      }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) return; // tallied by an earlier try: the first count stands
      throw classifyAwsError(e);
    }
  }

  private async add(roundId: string, unitCode: string, field: 'issued' | 'used', n: number): Promise<void> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: ballotKey(roundId, unitCode),
        UpdateExpression: 'ADD #f :n',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#f': field },
        ExpressionAttributeValues: { ':n': n },
      }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) throw new Conflict('BALLOT_NOT_OPEN', '该单位的民主推荐尚未开始', 'this unit has no ballot open', { clause: 'S-RECOMMEND' });
      throw classifyAwsError(e);
    }
  }
}
