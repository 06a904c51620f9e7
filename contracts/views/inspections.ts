import * as z from 'zod';
import { InspectionStateSchema } from '../../domain/selection/inspection';
import { InspectionRecordSchema } from '../../domain/selection/inspection-record';
import { Text, TierNo } from './common';

/** 考察 (S-INSPECT): the 考察对象 per tier with their records (app/selection/inspection/list.ts). */
export const InspectionsAnswer = z.object({
  roundId: z.string(),
  /** The round's status (domain/round/lifecycle.ts ROUND_STATUSES). */
  status: z.string(),
  /** The round's inspection state (without the per-tier id lists); null before the preliminary ranking. */
  inspection: InspectionStateSchema.omit({ shortlisted: true }).nullable(),
  rules: z.object({
    gate: z.boolean(),
    component: z.object({ id: z.string(), min: z.number(), max: z.number(), name: Text }).optional(),
  }).nullable(),
  tiers: z.array(z.object({
    tier: TierNo,
    name: Text,
    quota: z.number(),
    candidates: z.array(z.object({
      nominationId: z.string(), name: z.string().optional(), unit: z.string(), rank: z.number().nullable(), score: z.number().nullable(),
      proposed: z.string().optional(), record: InspectionRecordSchema.optional(),
    })),
  })),
  counts: z.object({ shortlisted: z.number(), recorded: z.number(), missing: z.number() }),
});

export const InspectionAnswer = z.object({ roundId: z.string(), nominationId: z.string(), inspection: InspectionRecordSchema });
export const InspectionCloseAnswer = z.object({ roundId: z.string(), closedAt: z.string(), shortlisted: z.number() });
