import type { BallotCandidate, Marks, UnitTally } from '../../domain/selection/ballot';
import type { Page, PageRequest } from './page';

/** A unit's 民主推荐 ballot in a round (`ROUND#{roundId}` / `BALLOT#{unitCode}`). */
export interface Ballot {
  roundId: string;
  unitCode: string;
  /** The unit's accepted nominations when the ballot opened, in the order the ballot lists them. */
  candidates: BallotCandidate[];
  openedAt: string;
  /** The ballot's deadline (the notice's selection.recommendation.closesAt). */
  closesAt: string;
  /** Codes issued and used so far, for the bureau's page: counters that may trail a failed write; the tally counts the codes themselves. */
  issued: number;
  used: number;
  /** Set by TallyBallot: from then on the ballot takes no vote. */
  tally?: UnitTally;
  talliedAt?: string;
}

/** A stored code: its HMAC (the key), whose ballot it opens, and whether it has voted. */
export interface BallotCode {
  roundId: string;
  unitCode: string;
  used: boolean;
  /** When used: the tag of the submission that used it (an HMAC of the browser's submission id, never the vote's id). */
  claim?: string;
}

export type ClaimOutcome = 'claimed' | 'claimed-by-this-submission' | 'used';

/**
 * The ballots, their codes and their votes. What makes a vote untraceable is here: a code
 * item (`BCODE#{hmac}`) and a vote item (`ROUND#…` / `VOTE#{unit}#{id}`) share nothing but the
 * round and unit every code of the ballot shares — no code, no hash, no time finer than a day,
 * no order (vote ids are HMACs of a random submission id).
 */
export interface BallotStore {
  /** Opens the ballot unless it exists (a retried OpenBallot leaves the first one): true when created. */
  createBallot(b: Ballot): Promise<boolean>;
  getBallot(roundId: string, unitCode: string): Promise<Ballot | undefined>;
  listBallots(roundId: string, page?: PageRequest): Promise<Page<Ballot>>;
  /**
   * Stores new codes by their HMACs, each conditional on being new, and counts them on the
   * ballot; answers the hashes that were taken already (a code drawn twice), not written.
   */
  addCodes(roundId: string, unitCode: string, hashes: readonly string[], issuedOn: string): Promise<string[]>;
  findCode(hash: string): Promise<BallotCode | undefined>;
  /**
   * The one conditional write that decides a code's one vote: marks it used unless it is.
   * 'claimed-by-this-submission' when an earlier try of the same submission claimed it.
   */
  claimCode(hash: string, claim: string, usedOn: string): Promise<ClaimOutcome>;
  /** Bumps the ballot's display counter (best effort: the tally recounts). */
  countUse(roundId: string, unitCode: string): Promise<void>;
  /** Stores a vote unless one with the id exists: true when created. */
  putVote(roundId: string, unitCode: string, voteId: string, marks: Marks): Promise<boolean>;
  /** Every vote of a unit, a page at a time (id order: random, never the order cast). */
  listVotes(roundId: string, unitCode: string, page?: PageRequest): Promise<Page<Marks>>;
  /** The unit's codes counted: issued, and used. */
  countCodes(roundId: string, unitCode: string): Promise<{ issued: number; used: number }>;
  /** Stores the tally; only once (a retried TallyBallot keeps the first). */
  setTally(roundId: string, unitCode: string, tally: UnitTally, at: string): Promise<void>;
}

/**
 * The secrets of the ballot (functions/shared/ballot-secrets.ts): codes from a CSPRNG, and
 * keyed hashes. Separate tags for the code, the claim and the vote id, so no stored value of
 * one equals or can be computed from another without the deployment's key.
 */
export interface BallotSecrets {
  newCode(): string;
  codeHash(code: string): string;
  claimTag(submissionId: string): string;
  voteId(submissionId: string): string;
}
