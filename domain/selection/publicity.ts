import * as z from 'zod';

/**
 * 公示 on the round (DESIGN §7): the period (first and last day, both counted, Beijing dates),
 * the instant it ends (the end of the last working day in Beijing), and when the round began
 * waiting on pending objections.
 */
export const PublicityStateSchema = z.object({
  startsOn: z.string(),
  endsOn: z.string(),
  endsAt: z.string(),
  workingDays: z.number().int(),
  startedAt: z.string(),
  /** Never shown: the callback that answers AwaitObjections (null once answered). */
  taskToken: z.string().nullable().optional(),
  awaitingObjectionsSince: z.string().optional(),
  closedAt: z.string().optional(),
});
export type PublicityState = z.infer<typeof PublicityStateSchema>;

