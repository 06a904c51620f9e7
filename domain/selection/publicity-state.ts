import * as z from 'zod';

/**
 * What StartPublicity, ClosePublicity and AwaitObjections keep on the round (`round.publicity`,
 * S-PUBLICITY; the rules are domain/selection/publicity.ts). Apart from them so that reading a
 * stored round pulls in no calendar data.
 */
export const PublicityStateSchema = z.object({
  /** First and last day of the period, both counted (Beijing dates). */
  startsOn: z.string(),
  endsOn: z.string(),
  /** The end of the last working day in Beijing: what WaitForPublicityEnd waits for. */
  endsAt: z.string(),
  workingDays: z.number().int(),
  /** The approval's Beijing date the period follows. */
  approvedOn: z.string().optional(),
  startedAt: z.string(),
  /** Never shown: the callback that answers AwaitObjections (null once nothing answers it). */
  taskToken: z.string().nullable().optional(),
  awaitingObjectionsSince: z.string().optional(),
  /** Set when ClosePublicity found the period over with nothing pending. */
  closedAt: z.string().optional(),
  /** Upheld objections when it closed: who is kept out. */
  excluded: z.array(z.string()).optional(),
});
export type PublicityState = z.infer<typeof PublicityStateSchema>;
