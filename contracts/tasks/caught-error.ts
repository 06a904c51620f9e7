import * as z from 'zod';

/** What a Catch puts at `$.error`: Step Functions' `{ Error, Cause }`. */
export const CaughtErrorSchema = z
  .object({ Error: z.string().optional(), Cause: z.string().optional() })
  .loose()
  .nullish();
export type CaughtError = z.infer<typeof CaughtErrorSchema>;
