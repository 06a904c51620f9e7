import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Tier } from '../../../domain/tier';
import { Conflict } from '../../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { MemberEvent, MemberSnapshot, MemberStore } from '../../../app/ports/members';
import { fromItem, queryAll, queryPage, type Page, type PageRequest, type TableRef } from './table';

export type { MemberEvent, MemberSnapshot };

const metaKey = (personId: string) => ({ pk: `MEMBER#${personId}`, sk: 'META' });
const eventSk = (e: Pick<MemberEvent, 'at' | 'seq'>) => `EVENT#${e.at}#${String(e.seq).padStart(6, '0')}`;

/** A snapshot less its write-side attributes (outbox, writeKeys, termLog): what a listing of states reads. */
const LEAN_SNAPSHOT = ['personId', 'version', 'tier', 'unitCode', 'name', 'state', 'updatedAt'] as const;

export class MemberRepository implements MemberStore {
  constructor(private readonly ref: TableRef) {}

  async get<S = Record<string, unknown>>(personId: string): Promise<MemberSnapshot<S> | undefined> {
    try {
      const res = await this.ref.doc.send(new GetCommand({ TableName: this.ref.table, Key: metaKey(personId), ConsistentRead: true }));
      return res.Item ? fromItem<MemberSnapshot<S>>(res.Item) : undefined;
    } catch (e) {
      throw classifyAwsError(e);
    }
  }

  /**
   * Writes the snapshot if the stored version is still `prevVersion` (null: must not exist
   * yet). Throws Conflict (MEMBER_VERSION) otherwise: re-read, re-reduce, retry.
   */
  async put<S>(snapshot: MemberSnapshot<S>, prevVersion: number | null): Promise<void> {
    const inPool = snapshot.tier !== null;
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: {
          ...snapshot,
          ...metaKey(snapshot.personId),
          // In the pool by tier; once left, under DEPARTED (a removal still owes its 组织谈话).
          ...(inPool ? { gsi1pk: 'POOL', gsi1sk: `T${snapshot.tier}#${snapshot.personId}` } : { gsi1pk: 'DEPARTED', gsi1sk: snapshot.personId }),
        },
        ConditionExpression: prevVersion === null ? 'attribute_not_exists(pk)' : 'version = :prev',
        ...(prevVersion === null ? {} : { ExpressionAttributeValues: { ':prev': prevVersion } }),
      }));
    } catch (e) {
      if (isConditionalCheckFailed(e)) {
        throw new Conflict('MEMBER_VERSION', '成员信息已被他人修改，请重试', 'the member changed meanwhile; retry');
      }
      throw classifyAwsError(e);
    }
  }

  /** Appends an event; false when that (at, seq) is already there (a retried step). */
  async appendEvent<P>(event: MemberEvent<P>): Promise<boolean> {
    try {
      await this.ref.doc.send(new PutCommand({
        TableName: this.ref.table,
        Item: { ...event, pk: `MEMBER#${event.personId}`, sk: eventSk(event) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  /**
   * A member's events as committed, oldest first (by date, then seq): the reducer's input.
   *
   * The snapshot is the commit point (writeMemberEvents), so the log is read against it: the
   * snapshot first, then the stored events, plus its outbox (events committed but maybe not
   * copied yet), less any event past its version (written by a writer that then lost the
   * race, under the old order of writes). Reading the snapshot first matters: every event up
   * to its version was either copied before it was written or is in its outbox, so nothing
   * in between is missed; events committed after it are left out, as the snapshot does.
   */
  async events<P = Record<string, unknown>>(personId: string): Promise<MemberEvent<P>[]> {
    const snap = await this.get(personId);
    if (!snap) return this.stored<P>(personId);
    return this.eventsOf<P>(snap);
  }

  /** The log against a snapshot already read (a pool listing's): the same rule as events(), one Query. */
  async eventsOf<P = Record<string, unknown>>(snap: MemberSnapshot<unknown>): Promise<MemberEvent<P>[]> {
    const stored = await this.stored<P>(snap.personId);
    const bySk = new Map(stored.map((e) => [eventSk(e), e]));
    for (const e of (snap.outbox ?? []) as MemberEvent<P>[]) if (!bySk.has(eventSk(e))) bySk.set(eventSk(e), e);
    return [...bySk.entries()]
      .filter(([, e]) => e.seq <= snap.version)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => e);
  }

  /** The `EVENT#…` items as stored (without the snapshot's outbox or version). */
  private stored<P>(personId: string): Promise<MemberEvent<P>[]> {
    return queryAll<MemberEvent<P>>(this.ref, {
      partition: `MEMBER#${personId}`, sort: { op: 'begins_with', value: 'EVENT#' }, consistent: true,
    });
  }

  /** Members who have left the pool, by person id. */
  listDeparted<S = Record<string, unknown>>(opts: PageRequest = {}): Promise<Page<MemberSnapshot<S>>> {
    return queryPage<MemberSnapshot<S>>(this.ref, { index: 'gsi1', partition: 'DEPARTED' }, opts);
  }

  /** Members in the pool (a tier, or all tiers in tier order). */
  listPool<S = Record<string, unknown>>(opts: PageRequest & { tier?: Tier; lean?: boolean } = {}): Promise<Page<MemberSnapshot<S>>> {
    const { tier, lean, ...page } = opts;
    return queryPage<MemberSnapshot<S>>(this.ref, {
      index: 'gsi1', partition: 'POOL', sort: { op: 'begins_with', value: tier ? `T${tier}#` : 'T' },
      ...(lean ? { attributes: LEAN_SNAPSHOT } : {}),
    }, page);
  }
}
