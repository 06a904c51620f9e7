import * as z from 'zod';

/**
 * 考察 on the round (DESIGN §7): when the round began waiting for the bureau's inspections
 * (AwaitInspection) and when the bureau closed them. Rank reads `closedAt`: inspection on and
 * not closed → the preliminary pass; closed → the final one.
 */
export const InspectionStateSchema = z.object({
  awaitingSince: z.string(),
  /** Never shown: the callback that answers AwaitInspection (null once answered). */
  taskToken: z.string().nullable().optional(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
});
export type InspectionState = z.infer<typeof InspectionStateSchema>;
