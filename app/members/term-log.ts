import type { MemberEvent as StoredEvent, MemberSnapshot, MemberStore } from '../ports';

/**
 * The current term's events kept in the member's snapshot (`termLog`): a projection of the
 * event log for the reads that go over the whole pool — talks due (C-TALK) and the
 * `talk-overdue` filter — so they read the members' snapshots (two index queries) instead
 * of every member's log (one query a member, issue #10). What those reads use of a history is
 * the part from the latest admission on (talks/obligations.ts), so that is what is kept: the
 * events from the latest `admitted` by seq, with the day each became known (recordedAt).
 *
 * The log stays the record; the projection is written with the snapshot, in its one
 * conditional put (write-events.ts), so it is exactly the log up to the snapshot's version.
 * A snapshot written before the projection existed has none and is read from its log
 * (termEvents); the next write of that member fills it. A term whose events would make the
 * snapshot too large keeps none either (an item is at most 400 KB, and every pool listing
 * carries the snapshots), and is read from its log: slower, never wrong.
 */
export const TERM_LOG_MAX_BYTES = 64 * 1024;

/** The projection after a write: the term's events so far and the write's own, from the latest admission. */
export async function termLogAfter(members: MemberStore, snap: MemberSnapshot<unknown> | undefined, written: readonly StoredEvent[]): Promise<StoredEvent[] | undefined> {
  const earlier = snap === undefined ? [] : snap.termLog ?? await members.eventsOf(snap);
  const all = [...earlier, ...written].sort((a, b) => a.seq - b.seq);
  const start = all.map((e) => e.type).lastIndexOf('admitted');
  const term = start < 0 ? all : all.slice(start);
  return new TextEncoder().encode(JSON.stringify(term)).length <= TERM_LOG_MAX_BYTES ? term : undefined;
}

/** The member's events from the latest admission on, oldest first by seq: the projection, or the log when there is none. */
export async function termEvents(members: MemberStore, snap: MemberSnapshot<unknown>): Promise<StoredEvent[]> {
  return snap.termLog ?? await members.eventsOf(snap);
}
