import type { IsoDate } from '../dates';
import type { Tier } from '../tier';
import type { NominationSource, RecommendationKind } from './events';

/**
 * active           — in the pool, holding a seat.
 * removal-pending  — between a veto and its removal, inside one write (M-VETO); a snapshot from
 *                    before the one removal rule may also be in it under M-FAIL.
 * removed          — 不再列入: terminal (M-WARN, M-VETO, M-FAIL, M-TERM): seat freed; only the
 *                    organisational talk (组织谈话) the removal made due may still be recorded.
 * term-ended       — the term is over (M-TERM); may be admitted again in a later round.
 * appointed        — left the pool on appointment (X-USE); may be admitted again.
 * withdrawn        — filed by an import that was then refused whole (S-ORGLIST, X-LEGACY):
 *                    never served, no seat, owes nothing; may be filed or admitted again.
 */
export type MemberStatus = 'active' | 'removal-pending' | 'removed' | 'term-ended' | 'appointed' | 'withdrawn';

export interface Assessment {
  year: number;
  review: 'annual' | 'summative';
  grade: string;
  score?: number;
  on: IsoDate;
}

export interface Member {
  personId: string;
  tier: Tier;
  unit: string;
  cohortId: string;
  termStart: IsoDate;
  /** termStart + policy.term.years (the day the term is over). */
  termEnd: IsoDate;
  source: NominationSource;
  policyRef: string;
  roundId?: string;
  status: MemberStatus;
  /** Whether the member occupies one of the tier's seats (T-CAP). */
  holdsSeat: boolean;
  /** First admission date (records may not predate it). */
  since: IsoDate;
  /** Date of the last lifecycle event: lifecycle dates never go backwards. */
  lastEventOn: IsoDate;
  /** This term's assessments, warnings and recommendations (reset on a new admission). */
  assessments: Assessment[];
  /** M-WARN, with the review's reason (a low rank, or a low grade) as it was given. */
  warnings: { year: number; on: IsoDate; reason?: string }[];
  veto?: { on: IsoDate; reason: string; reportedBy?: string; documentNo?: string };
  pendingRemoval?: { clause: 'M-VETO' | 'M-FAIL'; since: IsoDate };
  recommendations: { kind: RecommendationKind; on: IsoDate }[];
  appointments: { post: string; unit: string; level: string; on: IsoDate; exitsPool: boolean }[];
  talks: { on: IsoDate; kind: 'regular' | 'organisational' }[];
  trainings: number;
  trainingHours: number;
  rotations: number;
  tierHistory: { tier: Tier; from: IsoDate; to?: IsoDate }[];
  /** How the member left, if they have. */
  exit?: { on: IsoDate; status: 'removed' | 'term-ended' | 'appointed' | 'withdrawn'; clause: string; reason?: string; adjustment?: string };
  /** Earlier terms, newest last (`renewedOn`: the term was followed by a renewal, M-TERM). */
  previousTerms: { cohortId: string; tier: Tier; termStart: IsoDate; exit?: Member['exit']; renewedOn?: IsoDate }[];
  /** Events applied: the optimistic-concurrency version of the stored snapshot. */
  version: number;
}

export function seatHolding(status: MemberStatus): boolean {
  return status === 'active' || status === 'removal-pending';
}
