import * as z from 'zod';
import { ROUND_STATUSES } from '../../domain/round/lifecycle';
import { ObjectionSchema } from '../../domain/selection/publicity';
import { TierNo } from './common';

/** 公示 (S-PUBLICITY, app/selection/publicity/view.ts): the period, the published list, the objections. */
const PeriodView = z.object({
  from: z.string(), to: z.string(), workingDays: z.number(), endsAt: z.string(), running: z.boolean(), workingDaysElapsed: z.number(), closed: z.boolean(),
});

const Published = {
  tier: TierNo, name: z.string(), gender: z.enum(['男', '女']),
  /** YYYY-MM: never the birth date or an ID number. */
  birthMonth: z.string(),
  unitAndPost: z.string(),
  tierName: z.string(),
};

/** The public page: §7's fields only. */
export const PublicityAnswer = z.object({
  publicity: z.object({
    roundId: z.string(), title: z.string(), clause: z.literal('S-PUBLICITY'), period: PeriodView,
    entries: z.array(z.object({ no: z.number(), ...Published })),
    office: z.string(), contact: z.string().optional(), zh: z.string(),
  }),
});

export const ObjectionsAnswer = z.object({
  roundId: z.string(),
  status: z.enum(ROUND_STATUSES),
  period: PeriodView,
  entries: z.array(z.object({ nominationId: z.string(), ...Published, objections: z.number(), upheld: z.boolean() })),
  objections: z.array(ObjectionSchema),
  pending: z.number(),
  /** The round waits for the last pending objection (the period is over). */
  awaitingObjections: z.boolean(),
});

export const ObjectionAnswer = z.object({ objection: ObjectionSchema });
export const ResolvedObjectionAnswer = z.object({ objection: ObjectionSchema, pending: z.number(), resumed: z.boolean() });
