import * as z from 'zod';
import { isIsoDate } from '../domain/dates';
import { OBJECTION_MATTER_MAX, OBJECTION_REASON_MAX } from '../domain/selection/publicity';
import { NOMINATION_ID_PATTERN } from './ids';

/**
 * The 公示 routes' bodies (S-PUBLICITY): the bureau records an objection against a candidate
 * on the published list and resolves it with a reason. The objector may be named (实名,
 * preferred) or not (anonymous: no `from`, or `from` without a name or unit).
 */

/** `OBJ-001`: numbered per round. */
export const OBJECTION_ID_PATTERN = /^OBJ-\d{3,6}$/;

const IsoDate = z.string().refine(isIsoDate, {
  message: 'a real date, YYYY-MM-DD',
  params: { zh: '不是有效日期（格式 YYYY-MM-DD，且须为真实日期）', en: 'is not a real date in YYYY-MM-DD form' },
});

export const ObjectionBody = z
  .object({
    /** The nomination id of the candidate on the published list. */
    against: z.string().regex(NOMINATION_ID_PATTERN, 'a nomination id like N0123456789abcdef0123'),
    /** The day the bureau received it (Beijing date; default today): within the period. */
    receivedOn: IsoDate.optional(),
    from: z
      .object({
        name: z.string().trim().min(1).max(60).optional(),
        contact: z.string().trim().min(1).max(200).optional(),
        unit: z.string().trim().min(1).max(60).optional(),
      })
      .strict()
      .optional(),
    matter: z.string().trim().min(1).max(OBJECTION_MATTER_MAX),
  })
  .strict();
export type ObjectionBody = z.infer<typeof ObjectionBody>;

export const ResolveObjectionBody = z
  .object({
    status: z.enum(['upheld', 'dismissed']),
    /** Why: kept on the objection, and on the nomination when upheld. */
    reason: z.string().trim().min(1).max(OBJECTION_REASON_MAX),
  })
  .strict();
export type ResolveObjectionBody = z.infer<typeof ResolveObjectionBody>;
