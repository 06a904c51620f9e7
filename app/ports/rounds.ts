import type { Nomination, UploadRef } from '../../domain/round/nomination';
import type { Round, RoundDecision } from '../../domain/round/round';
import type { RoundStatus } from '../../domain/round/lifecycle';
import type { Problem } from '../../domain/problem';
import type { Page, PageRequest } from './page';

/** The outcome of one uploaded object, whatever happened to it. */
export interface UploadStatus {
  bucket: string;
  key: string;
  versionId: string;
  sequencer?: string;
  roundId?: string;
  unitCode?: string;
  status: 'accepted' | 'partially-accepted' | 'rejected';
  /** File-level problems (the key, the size, not a workbook, round closed …). */
  problems: Problem[];
  nominationIds: string[];
  counts: { accepted: number; rejected: number };
  receivedAt: string;
  processedAt: string;
}

/**
 * One live nomination per person per round: an item `ROUND#{round}` / `PERSON#{personId}`
 * naming the nomination that holds it. Single-item conditional writes (no transactions):
 * a retry by the holder is harmless; a second nomination has to take it over explicitly.
 */
export interface PersonClaim {
  roundId: string;
  personId: string;
  nominationId: string;
  unitCode: string;
  receivedAt: string;
}

/** The rounds (`ROUND#{roundId}` / `META`). */
export interface RoundStore {
  get(roundId: string): Promise<Round | undefined>;
  /** The round, or NotFound ROUND_NOT_FOUND. */
  require(roundId: string): Promise<Round>;
  /** Creates a round; a second create of the same id is a Conflict ROUND_EXISTS. */
  create(round: Round): Promise<void>;
  /**
   * Sets fields, only while the status is one of `from` (when given: the lifecycle table's
   * sources, domain/round/lifecycle.ts) — Conflict ROUND_STATE otherwise. The new round.
   */
  update(roundId: string, set: Partial<Round>, from?: readonly RoundStatus[]): Promise<Round>;
  /** Newest first. */
  list(page?: PageRequest): Promise<Page<Round>>;
  /**
   * Claims the approver's decision on the round: only while it awaits one with this task
   * token and has none (Conflict DECISION_EXISTS otherwise), with `state: 'sending'`.
   */
  claimDecision(roundId: string, taskToken: string, d: RoundDecision): Promise<void>;
  /** Records how delivery went (a round moved on since is left alone). */
  settleDecision(roundId: string, at: string, state: 'delivered' | 'too-late', now: string): Promise<void>;
  /** Gives a claim still `sending` back (delivery failed in a way worth retrying). */
  releaseDecision(roundId: string, at: string): Promise<void>;
  /**
   * Claims the close of the round's 考察 (S-INSPECT): only while it is inspecting with this
   * task token and not closed (Conflict INSPECTION_CLOSED otherwise); sets inspection.closedAt.
   */
  claimInspectionClose(roundId: string, taskToken: string, at: string, by: string): Promise<void>;
  settleInspectionClose(roundId: string, at: string, state: 'delivered' | 'too-late'): Promise<void>;
  releaseInspectionClose(roundId: string, at: string): Promise<void>;
}

/** A round's nominations and the outcome of each uploaded object. */
export interface NominationStore {
  /** Stores unless one with the same id exists (ids derive from the upload): true when created. */
  putIfAbsent(n: Nomination): Promise<boolean>;
  get(roundId: string, nominationId: string): Promise<Nomination | undefined>;
  /** Sets fields on an existing nomination (NotFound otherwise). */
  update(roundId: string, nominationId: string, set: Partial<Nomination>): Promise<Nomination>;
  /** In id order, a page at a time. */
  listByRound(roundId: string, page?: PageRequest): Promise<Page<Nomination>>;
  /** One unit's (in one round when given): what a school sees. */
  listByUnit(unitCode: string, opts?: PageRequest & { roundId?: string }): Promise<Page<Nomination>>;
  putUploadStatus(s: UploadStatus): Promise<boolean>;
  getUploadStatus(ref: Pick<UploadRef, 'bucket' | 'key' | 'versionId' | 'sequencer'>): Promise<UploadStatus | undefined>;
}

export interface PersonClaimStore {
  /** Claims the person for the nomination; or who holds them already. */
  claim(c: PersonClaim): Promise<{ held: true } | { held: false; holder: PersonClaim }>;
  /** Moves the claim from nomination `from` to `c`; false when `from` no longer holds it. */
  takeOver(from: string, c: PersonClaim): Promise<boolean>;
  get(roundId: string, personId: string): Promise<PersonClaim | undefined>;
}

export type { Problem };
