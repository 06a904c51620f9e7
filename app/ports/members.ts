import type { ClauseId } from '../../domain/clauses';
import type { Tier } from '../../domain/tier';
import type { Page, PageRequest } from './page';

/**
 * A member's current state (`MEMBER#{personId}` / `META`): the domain reducer's snapshot
 * over the member's events, written with a version check so two writers cannot both win.
 * `tier` null means not in the pool now (left, removed): then the item drops out of the
 * POOL index.
 */
export interface MemberSnapshot<S = Record<string, unknown>> {
  personId: string;
  /** Number of events folded into `state`; the optimistic-lock counter. */
  version: number;
  tier: Tier | null;
  unitCode: string;
  /** Display name (not personal data in the sense of redaction; the ID number is never here). */
  name?: string;
  state: S;
  updatedAt: string;
  /**
   * The events of the write that produced this snapshot, committed with it in its one
   * conditional put (an outbox): the writer copies them to `EVENT#…` items only after the put
   * has won, and the next writer copies them again (idempotently) before it writes, so a
   * writer that dies between the two leaves no hole, and a writer that loses leaves nothing.
   */
  outbox?: MemberEvent[];
  /**
   * Idempotency keys of the writes folded into `state` (e.g. `talk:{recordId}`): set in the
   * same conditional put as the events they guard, so one key is one write whatever the
   * concurrency. One short string per keyed write; a member has a few records a year.
   */
  writeKeys?: string[];
  /**
   * The current term's events (from the latest admission, by seq), written with the
   * snapshot: what pool-wide reads (talks due) need of the log, without reading it
   * (app/members/term-log.ts). Absent on snapshots written before it, or past its size bound.
   */
  termLog?: MemberEvent[];
}

/** One lifecycle event (`EVENT#{at}#{seq}`): admitted, warned, removed, moved, term ended … */
export interface MemberEvent<P = Record<string, unknown>> {
  personId: string;
  /** ISO timestamp of the event. */
  at: string;
  /** The member's event number (1, 2, …): makes the key unique and a retried append a no-op. */
  seq: number;
  type: string;
  clause?: ClauseId;
  payload?: P;
  /** When it was written (ISO timestamp): the day the fact became known (talk due dates count from it). */
  recordedAt?: string;
  /** Who made it happen: `user:{username}` or `system:review`, `system:round` … (the audit trail says the same). */
  actor?: string;
}

/**
 * Caps (三(一), T-CAP) as one item per place in a tier: `SEAT#T{tier}` / `01`…`{cap}`.
 * A member is admitted by claiming a free seat with a single-item conditional write, so the
 * cap holds without transactions (dynalite has none) and under any concurrency: a 21st
 * claim on tier 1 finds every seat held. A retry by the same member finds its own seat.
 */
export interface Seat {
  tier: Tier;
  seat: string;
  holder?: string;
  claimedAt?: string;
}

/**
 * A member's development records: talks (C-TALK), training (D-TRAIN), rotations
 * (D-ROTATE). `MEMBER#{personId}` / `TALK#{date}#{id}` …, indexed by unit for the school.
 */
export type RecordKind = 'talk' | 'training' | 'rotation';

export interface MemberRecord {
  /** Which collection; the record's own `kind` (regular / organisational talk, course, shadowing …) is kept as sent. */
  recordType: RecordKind;
  id: string;
  personId: string;
  unitCode: string;
  /** ISO date the talk was held / the course started / the rotation began. */
  date: string;
  recordedBy: string;
  recordedAt: string;
  /** Talk reason (post change, promotion, setback, assessment), course, posting … */
  [extra: string]: unknown;
}

/** Members: the reduced snapshot and the event log (`MEMBER#{personId}`). */
export interface MemberStore {
  get<S = Record<string, unknown>>(personId: string): Promise<MemberSnapshot<S> | undefined>;
  /** Writes the snapshot if the stored version is still `prevVersion` (null: none yet); Conflict MEMBER_VERSION otherwise. */
  put<S>(snapshot: MemberSnapshot<S>, prevVersion: number | null): Promise<void>;
  /** Appends one event; false when that seq is already there (a retried copy). */
  appendEvent<P>(event: MemberEvent<P>): Promise<boolean>;
  /** The member's events as the snapshot commits them, oldest first. */
  events<P = Record<string, unknown>>(personId: string): Promise<MemberEvent<P>[]>;
  /**
   * The events as a snapshot the caller has already read commits them (e.g. one of a pool
   * listing): one Query, no second read of the snapshot. A listing's snapshot may be a write
   * behind (an index): the log then stops where that snapshot does, as the listing does.
   */
  eventsOf<P = Record<string, unknown>>(snapshot: MemberSnapshot<unknown>): Promise<MemberEvent<P>[]>;
  /**
   * Members holding a seat (the POOL index), in a tier when given. `lean`: without what only
   * writers and the term's reads use (outbox, writeKeys, termLog) — a listing of states, lighter
   * to read; a lean snapshot's log is then read from the log (termEvents).
   */
  listPool<S = Record<string, unknown>>(opts?: PageRequest & { tier?: Tier; lean?: boolean }): Promise<Page<MemberSnapshot<S>>>;
  /**
   * Members who have left the pool (removed, term ended, appointed out: no seat), for what
   * they may still be owed (a removal's organisational talk). The DEPARTED index.
   */
  listDeparted<S = Record<string, unknown>>(opts?: PageRequest): Promise<Page<MemberSnapshot<S>>>;
}

/** The seats of each tier's cap (T-CAP). */
export interface SeatStore {
  /** Creates seats 1…cap; existing ones are left alone. How many were created. */
  ensureSeats(tier: Tier, cap: number): Promise<number>;
  list(tier: Tier): Promise<Seat[]>;
  occupancy(tier: Tier): Promise<{ held: number; total: number }>;
  /** A free seat for the person (their own again on a retry), or CapReached. */
  claimSeat(tier: Tier, personId: string): Promise<Seat>;
  /** Frees the seats the person holds in the tier; how many. */
  releaseSeat(tier: Tier, personId: string): Promise<number>;
}

/** Talks, training and rotations. */
export interface RecordStore {
  /** False when a record with the same id and date is already there. */
  add(r: MemberRecord): Promise<boolean>;
  list(personId: string, kind: RecordKind): Promise<MemberRecord[]>;
  listByUnit(unitCode: string, opts?: PageRequest & { personId?: string }): Promise<Page<MemberRecord>>;
}
