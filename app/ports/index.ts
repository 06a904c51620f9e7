import type { Policy } from '../../domain/policy/schema';
import type { AppointmentStore } from './appointments';
import type { AuditTrail } from './audit';
import type { MemberStore, RecordStore, SeatStore } from './members';
import type { NominationStore, PersonClaimStore, RoundStore } from './rounds';
import type { ReviewItemStore, ReviewStore } from './reviews';
import type { UnitStore } from './units';
import type { BallotStore } from './ballots';
import type { Notices } from './notices';
import type { ObjectionStore } from './objections';

/**
 * The ports the use cases (app/) run over. The adapters behind them live in
 * functions/shared (DynamoDB, S3, Step Functions, Powertools); tests run the same use cases
 * over the same adapters on the local emulators. Each port is as small as its callers need.
 */
export type * from './appointments';
export type * from './audit';
export type * from './members';
export type * from './page';
export type * from './reviews';
export type * from './rounds';
export type * from './units';
export type * from './ballots';
export type * from './notices';
export type * from './objections';

/** Every store over the pool table. */
export interface Stores {
  rounds: RoundStore;
  nominations: NominationStore;
  members: MemberStore;
  seats: SeatStore;
  reviews: ReviewStore;
  reviewItems: ReviewItemStore;
  records: RecordStore;
  personClaims: PersonClaimStore;
  units: UnitStore;
  appointments: AppointmentStore;
  /** 民主推荐: ballots, codes, votes (S-RECOMMEND). */
  ballots: BallotStore;
  /** 公示 objections (S-PUBLICITY). */
  objections: ObjectionStore;
}

/** Where "recorded at" stamps come from (a decision takes its date from its input, never from here). */
export type Clock = () => Date;

/** Structured logging; never personal data (the adapters redact, the use cases pass ids). */
export interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** Deployment settings the use cases act on (read once by the wiring, functions/shared/config.ts). */
export interface Settings {
  /** Days units have to submit assessments once a review opens. */
  reviewWindowDays: number;
}

/** What a use case needs: the stores, the audit trail, the policy, the clock, a log and the settings. */
export interface UseCaseContext {
  repos: Stores;
  audit: AuditTrail;
  policy: Policy;
  now: Clock;
  logger: Log;
  /** An ID number's person id (an HMAC under the deployment's key; the number itself is never a key). */
  personIdOf: (idNumber: string) => string;
  settings: Settings;
  /**
   * Notices to units (app/notices): absent where the deployment has no notice queue (a handler
   * that sends none, a test that needs none); then nothing is announced.
   */
  notices?: Notices;
}
