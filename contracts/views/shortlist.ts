import * as z from 'zod';
import { CutoffTieSchema, RoundDecisionSchema } from '../../domain/round/round';
import { ROUND_STATUSES } from '../../domain/round/lifecycle';
import { Clause, Text, TierNo, VerdictView } from './common';

/**
 * The ranked shortlist the approver decides on (functions/api/shortlist.ts): per open tier the
 * cap, the free seats, the ranked candidates each with the form's summary (never the ID number
 * or the birth date), the verdict, the score's parts and the 考察 record; who is not ranked and why.
 */
const FormSummaryView = z.object({
  name: z.string(),
  gender: z.enum(['M', 'F']),
  birthYear: z.number(),
  unit: z.object({ code: z.string(), name: z.string(), type: z.string() }),
  tier: TierNo,
  source: z.string(),
  currentPost: z.object({ kind: z.string(), title: z.string(), unit: z.string(), from: z.string() }).nullable(),
  education: z.array(z.object({ level: z.string(), fullTime: z.boolean(), institution: z.string(), graduated: z.string(), major: z.string().optional() })),
  honours: z.array(z.object({ title: z.string(), awarded: z.string(), rank: z.number().nullable() })),
  ageExemption: z.boolean(),
});

export const InspectionShown = z.object({
  clause: Clause, team: z.array(z.string()), from: z.string(), to: z.string(), talks: z.number(), conclusion: z.string(),
  result: z.enum(['合格', '不合格']).optional(), score: z.number().optional(),
});

const CandidateDetail = {
  candidate: FormSummaryView.optional(),
  verdict: VerdictView.optional(),
  scoring: z.object({
    clause: Clause, score: z.number(),
    components: z.array(z.object({ id: z.string(), source: z.string(), value: z.number(), normalised: z.number(), points: z.number() })),
  }).optional(),
  inspection: InspectionShown.optional(),
};

export const ShortlistEntryView = z.object({
  nominationId: z.string(), rank: z.number(), position: z.number(), name: z.string().optional(), unit: z.string(),
  score: z.number().optional(), proposed: z.string(), ...CandidateDetail,
});

const Named = { nominationId: z.string(), name: z.string().optional(), unit: z.string() };

export const ShortlistTierView = z.object({
  tier: TierNo,
  name: Text,
  cap: z.number(),
  /** The free seats the proposal was drawn up with (at ranking), and now. */
  freeSeats: z.number(),
  freeSeatsNow: z.number(),
  ranked: z.array(ShortlistEntryView),
  cutoffTie: CutoffTieSchema.optional(),
  counts: z.record(z.string(), z.number()),
  inspectionFailed: z.array(z.object({ ...Named, ...CandidateDetail })),
  belowThreshold: z.array(z.object({ ...Named, clause: z.literal('S-RECOMMEND'), share: z.number().nullable() })),
  removed: z.array(z.object({ ...Named, removed: z.object({ clause: Clause }).optional() })),
  inPool: z.array(z.object({ ...Named, inPool: z.object({ clause: z.literal('T-CAP'), tier: TierNo }).optional() })),
});

export const ShortlistAnswer = z.object({
  roundId: z.string(),
  status: z.enum(ROUND_STATUSES),
  rankedAt: z.string().optional(),
  tiers: z.array(ShortlistTierView),
  rejected: z.number(),
  decision: RoundDecisionSchema.optional(),
});

export const DecisionAnswer = z.object({ roundId: z.string(), decision: RoundDecisionSchema });
