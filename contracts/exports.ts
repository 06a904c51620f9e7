import * as z from 'zod';
import { isIsoDate } from '../domain/dates';
import { ReviewIdSchema, RoundIdSchema, UnitCodeSchema } from './ids';

/**
 * POST /exports (DESIGN.md §8): which list, for which round / review / period, which columns,
 * and whether the bureau wants ID numbers in full (audited). Answered with a short-lived
 * download link (`ExportLink`). The bureau CLI (`bureau export`) and the console speak this.
 */
export const EXPORT_KINDS = ['roster', 'intake', 'shortlist', 'publicity', 'review', 'talks', 'development', 'x-use'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const IsoDate = z.string().refine(isIsoDate, {
  message: 'a real date, YYYY-MM-DD',
  params: { zh: '不是有效日期（格式 YYYY-MM-DD，且须为真实日期）', en: 'is not a real date in YYYY-MM-DD form' },
});

export const ExportBody = z
  .object({
    kind: z.enum(EXPORT_KINDS),
    roundId: RoundIdSchema.optional(),
    reviewId: ReviewIdSchema.optional(),
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    /** A school's own unit (the default for a school); the bureau may name any. */
    unit: UnitCodeSchema.optional(),
    /** Column keys of the kind, in the order wanted (roster: the column choice); default all. */
    columns: z.array(z.string().min(1).max(40)).min(1).max(40).optional(),
    /** ID numbers in full instead of masked: the bureau only, and audited. */
    fullIds: z.boolean().optional(),
    /** x-use: the period; talks: the day talks due are judged on (today by default). */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    asOf: IsoDate.optional(),
  })
  .strict();
export type ExportBody = z.infer<typeof ExportBody>;

/** The answer: where to fetch the workbook, until when, under which name. */
export interface ExportLink {
  url: string;
  expiresAt: string;
  fileName: string;
  kind: ExportKind;
  rows: number;
  fullIds: boolean;
}

/** How long a download link lives (seconds): long enough to click, short enough not to be passed on. */
export const EXPORT_LINK_SECONDS = 300;
/** Exported workbooks expire from the bucket after this many days (the bucket's lifecycle rule). */
export const EXPORT_RETENTION_DAYS = 1;
/** Key prefix of exported workbooks in the uploads bucket. */
export const EXPORT_PREFIX = 'exports/';
