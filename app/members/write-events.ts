import { applyMemberEvent } from '../../domain/membership/reducer';
import { MemberEventSchema, type MemberEventInput } from '../../domain/membership/events';
import type { Member } from '../../domain/membership/member';
import type { Policy } from '../../domain/policy/schema';
import type { Rejection } from '../../domain/problem';
import { Conflict, TransientError } from '../errors';
import type { MemberEvent as StoredEvent, MemberSnapshot, MemberStore } from '../ports';
import { termLogAfter } from './term-log';

/** The outcome of writing a member's events: the state before and after. */
export type MemberWrite =
  | { ok: true; written: boolean; before: Member | undefined; after: Member }
  | Rejection;

export interface MemberWriterDeps {
  members: MemberStore;
  policy: Pick<Policy, 'term' | 'review'>;
  now: () => Date;
}

/**
 * How many times a write re-reads and re-reduces after losing the version race. Each loss
 * means another writer committed in between (a different one each time: the re-read sees
 * the last commit), so N writers racing on one member all land within N tries; 10 covers a
 * burst of simultaneous records to one member with room to spare, and stays bounded.
 */
export const MEMBER_WRITE_ATTEMPTS = 10;
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 200;

/** "Full jitter": racing writers spread out instead of colliding again in lockstep. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Copies committed events to their `EVENT#{on}#{seq}` items; a copy already there is a no-op. */
async function flush(members: MemberStore, outbox: readonly StoredEvent[] | undefined): Promise<void> {
  for (const e of outbox ?? []) await members.appendEvent(e);
}

/**
 * Folds `events` into a member through the domain reducer and persists them.
 *
 * The snapshot's conditional put (`version = :prev`) is the one commit point: DynamoDB
 * Local has no transactions, so the events travel inside the snapshot (`outbox`) and are
 * copied to their `EVENT#{on}#{seq}` items (seq = the member's version after each) only once
 * the put has won. Writing the events first, as this did, let a writer that lost the race
 * leave its events behind — at a seq the winner also used, under another date, so the log
 * showed a talk twice — or find the winner's event on the same key and commit its own state
 * over it, so the log lost one. Now a losing writer has written nothing; the next writer
 * (or the log's reader, MemberStore.events) completes a winner that died before copying.
 *
 * `key` makes the write idempotent across requests: it is stored in the snapshot with the
 * events, so of any number of writes with one key exactly one commits; the others (and a
 * retry of a write that committed and then died) find it and write nothing. `applied(state)`
 * says the same from the domain state (e.g. "this year's assessment is recorded") for a
 * retried step. Either way the answer is `written: false` with the current state.
 *
 * A refused event returns the reducer's Problems; a lost version race is re-read and
 * re-reduced after a jittered backoff, up to MEMBER_WRITE_ATTEMPTS, then surfaces as a
 * TransientError (503; the state machine's Retry).
 */
export async function writeMemberEvents(
  deps: MemberWriterDeps,
  personId: string,
  events: readonly MemberEventInput[],
  opts: { applied: (state: Member | undefined) => boolean; name?: string; key?: string; actor?: string },
): Promise<MemberWrite> {
  for (let attempt = 0; attempt < MEMBER_WRITE_ATTEMPTS; attempt++) {
    if (attempt > 0) await backoff(attempt);
    const snap = await deps.members.get<Member>(personId);
    // The last write's events may not be copied yet (its writer died): complete them first,
    // so the log is whole before anything reads it as "already written" or writes past it.
    await flush(deps.members, snap?.outbox);
    const before = snap?.state;
    if ((opts.key !== undefined && snap?.writeKeys?.includes(opts.key)) || opts.applied(before)) {
      if (!before) throw new Error('applied() accepted a member that does not exist');
      return { ok: true, written: false, before, after: before };
    }
    let state = before;
    const outbox: StoredEvent[] = [];
    for (const input of events) {
      const r = applyMemberEvent(state, input, deps.policy);
      if (!r.ok) return r;
      state = r.value;
      const event = MemberEventSchema.parse(input);
      outbox.push({
        personId, at: event.on, seq: state.version, type: event.type, clause: event.clause, payload: event,
        recordedAt: deps.now().toISOString(), ...(opts.actor !== undefined ? { actor: opts.actor } : {}),
      });
    }
    if (!state) throw new Error('no events to write');
    const writeKeys = opts.key === undefined ? snap?.writeKeys : [...(snap?.writeKeys ?? []), opts.key];
    const termLog = await termLogAfter(deps.members, snap, outbox);
    const snapshot: MemberSnapshot<Member> = {
      personId,
      version: state.version,
      tier: state.holdsSeat ? state.tier : null,
      unitCode: state.unit,
      ...(snap?.name ?? opts.name ? { name: snap?.name ?? opts.name } : {}),
      state,
      updatedAt: deps.now().toISOString(),
      outbox,
      ...(writeKeys ? { writeKeys } : {}),
      ...(termLog ? { termLog } : {}),
    };
    try {
      await deps.members.put(snapshot, snap?.version ?? null);
    } catch (e) {
      if (e instanceof Conflict && e.code === 'MEMBER_VERSION') continue;
      throw e;
    }
    await flush(deps.members, outbox);
    return { ok: true, written: true, before, after: state };
  }
  throw new TransientError(undefined, `成员 ${personId} 正被同时修改，稍后重试`, `member ${personId} is being changed concurrently; retry`);
}
