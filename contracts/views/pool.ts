import * as z from 'zod';
import { NominationSource, RecommendationKind, MemberEventSchema } from '../../domain/membership/events';
import { Clause, TalkObligationView, Text, TierNo } from './common';
import { MemberRecordView } from './records';

/** The pool (functions/api/pool.ts): members with their terms, warnings and last grade; tiers against caps. */
export const MemberStatus = z.enum(['active', 'removal-pending', 'removed', 'term-ended', 'appointed', 'withdrawn']);

export const MemberWarningView = z.object({
  code: z.enum(['WARNED', 'REMOVAL_PENDING', 'TERM_ENDING', 'TERM_OVER', 'TALK_YEAR_MISSED']),
  clause: Clause, zh: z.string(), en: z.string(),
});

export const MemberView = z.object({
  personId: z.string(),
  name: z.string().optional(),
  unit: z.string(),
  tier: TierNo,
  tierName: z.string(),
  cohort: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  status: MemberStatus,
  holdsSeat: z.boolean(),
  source: NominationSource,
  roundId: z.string().optional(),
  warnings: z.array(MemberWarningView),
  lastGrade: z.object({ year: z.number(), review: z.enum(['annual', 'summative']), grade: z.string(), score: z.number().optional() }).nullable(),
  /** How many talks, trainings (and hours) and rotations are recorded. */
  talks: z.number(),
  trainings: z.number(),
  trainingHours: z.number(),
  rotations: z.number(),
});

/** Seats of a tier against its cap (functions/api/occupancy.ts). */
export const TierSeatsView = z.object({
  tier: TierNo, cap: z.number(), held: z.number(), seatsHeld: z.number(), activeMembers: z.number(), free: z.number(), name: Text,
});

export const PoolAnswer = z.object({
  asOf: z.string(),
  /** The C-PRIORITY query as understood (domain/membership/priority.ts), `asOf` always. */
  query: z.object({
    asOf: z.string(),
    tier: TierNo.optional(),
    unit: z.string().optional(),
    unitType: z.string().optional(),
    maxAge: z.number().optional(),
    honourAtLeast: z.string().optional(),
    termYear: z.number().optional(),
    flag: z.string().optional(),
  }),
  tiers: z.array(TierSeatsView),
  members: z.array(MemberView),
  warnings: z.array(MemberWarningView.extend({ personId: z.string(), name: z.string().optional(), unit: z.string(), tier: TierNo })),
});

const Exit = z.object({
  on: z.string(), status: z.enum(['removed', 'term-ended', 'appointed', 'withdrawn']), clause: Clause, reason: z.string().optional(), adjustment: z.string().optional(),
});

export const MemberDetailView = MemberView.extend({
  since: z.string(),
  assessments: z.array(z.object({ year: z.number(), review: z.enum(['annual', 'summative']), grade: z.string(), score: z.number().optional(), on: z.string() })),
  recommendations: z.array(z.object({ kind: RecommendationKind, on: z.string() })),
  appointments: z.array(z.object({ post: z.string(), unit: z.string(), level: z.string(), on: z.string(), exitsPool: z.boolean() })),
  tierHistory: z.array(z.object({ tier: TierNo, from: z.string(), to: z.string().optional() })),
  previousTerms: z.array(z.object({ cohortId: z.string(), tier: TierNo, termStart: z.string(), exit: Exit.optional(), renewedOn: z.string().optional() })),
  veto: z.object({ on: z.string(), reason: z.string(), reportedBy: z.string().optional(), documentNo: z.string().optional() }).optional(),
  pendingRemoval: z.object({ clause: z.enum(['M-VETO', 'M-FAIL']), since: z.string() }).optional(),
  exit: Exit.optional(),
  version: z.number(),
});

export const MemberAnswer = z.object({
  asOf: z.string(),
  member: MemberDetailView,
  /** The member's history, oldest first: each event with its payload as the reducer reads it (domain/membership/events.ts). */
  events: z.array(z.object({
    at: z.string(), seq: z.number(), type: z.string(), clause: Clause.optional(), payload: MemberEventSchema.optional(),
    recordedAt: z.string().optional(), actor: z.string().optional(),
  })),
  talks: z.array(MemberRecordView),
  training: z.array(MemberRecordView),
  rotations: z.array(MemberRecordView),
  /** C-TALK: the must-talks owed and each term year's minimum. */
  dueTalks: z.object({
    mustTalks: z.array(TalkObligationView),
    years: z.array(z.object({ clause: z.literal('C-TALK'), from: z.string(), to: z.string(), held: z.number(), required: z.number(), overdue: z.boolean(), open: z.boolean() })),
    overdue: z.boolean(),
  }),
});

/** The seats checked against the members, tier by tier (functions/api/consistency.ts). */
export const ConsistencyAnswer = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  tiers: z.array(z.object({
    tier: TierNo, name: Text, cap: z.number(), seats: z.number(), seatsHeld: z.number(), activeMembers: z.number(), activeMembersWithSeat: z.number(),
    seatsWithoutMember: z.array(z.object({
      seat: z.string(), personId: z.string(), claimedAt: z.string().optional(),
      member: z.object({ status: MemberStatus, tier: TierNo, holdsSeat: z.boolean() }).nullable(),
    })),
    membersWithoutSeat: z.array(z.object({ personId: z.string(), name: z.string().optional(), unit: z.string(), status: MemberStatus })),
    extraSeats: z.array(z.object({ personId: z.string(), seats: z.array(z.string()) })),
    overCap: z.boolean(),
    ok: z.boolean(),
  })),
  note: Text,
});
