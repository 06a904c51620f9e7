import * as z from 'zod';
import { isIsoDate } from '../domain/dates';
import { PersonIdSchema, ReviewIdSchema, RoundIdSchema, UnitCodeSchema } from './ids';

/**
 * POST /exports (DESIGN.md §8): which list, for which round / review / period, which columns,
 * and whether the bureau wants ID numbers in full (audited) — or which document (the 公示
 * notice, a member's 干部任免审批表 as .docx or as .lrmx). Answered with a short-lived
 * download link (`ExportLink`). The bureau CLI (`bureau export`) and the console speak this.
 */
export const EXPORT_KINDS = ['roster', 'intake', 'shortlist', 'publicity', 'review', 'talks', 'development', 'x-use'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The documents (DESIGN.md §8): one file each, not a workbook. */
export const DOCUMENT_KINDS = ['publicity-notice', 'appointment-form', 'lrmx'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Everything POST /exports makes. */
export type ExportRequestKind = ExportKind | DocumentKind;

const IsoDate = z.string().refine(isIsoDate, {
  message: 'a real date, YYYY-MM-DD',
  params: { zh: '不是有效日期（格式 YYYY-MM-DD，且须为真实日期）', en: 'is not a real date in YYYY-MM-DD form' },
});

/** Free text a document prints (a post, a reason, a phone): bounded, as the use cases bound it. */
const Text = (max: number) => z.string().trim().min(1).max(max);

/** An Excel list (formats/export). */
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

/** The 公示 notice of a round (app/documents/publicity-notice.ts): the bureau's, after approval. */
export const PublicityNoticeBody = z
  .object({
    kind: z.literal('publicity-notice'),
    roundId: RoundIdSchema,
    /**
     * 公示期 (at least five working days; the use case checks the span). Optional once the round's
     * 公示 has started: the stored period (S-PUBLICITY), which a given one must then equal.
     */
    period: z.object({ from: IsoDate, to: IsoDate }).strict().optional(),
    /** 成文日期 (default today in Beijing). */
    issuedOn: IsoDate.optional(),
    /** 发文机关署名 (default the education working committee). */
    issuer: Text(60).optional(),
    /** Where objections go, printed in the closing paragraph. */
    contact: Text(200).optional(),
  })
  .strict();
export type PublicityNoticeBody = z.infer<typeof PublicityNoticeBody>;

/** A member's 干部任免审批表 as .docx (app/documents/appointment-form.ts): the bureau, or a school for its own. */
export const AppointmentFormBody = z
  .object({
    kind: z.literal('appointment-form'),
    personId: PersonIdSchema,
    /** 拟任职务, 拟免职务, 任免理由: what the table is made for, when known. */
    proposedPost: Text(500).optional(),
    postToLeave: Text(500).optional(),
    reason: Text(500).optional(),
  })
  .strict();
export type AppointmentFormBody = z.infer<typeof AppointmentFormBody>;

/** A member's 任免表 as the editor's .lrmx (app/exports/lrmx.ts): the bureau only (it carries the ID number, audited). */
export const LrmxBody = z
  .object({
    kind: z.literal('lrmx'),
    personId: PersonIdSchema,
  })
  .strict();
export type LrmxBody = z.infer<typeof LrmxBody>;

export type DocumentBody = PublicityNoticeBody | AppointmentFormBody | LrmxBody;

/** The body of POST /exports, told apart by `kind`: an unknown kind is refused at `kind`. */
export const ExportRequest = z.discriminatedUnion('kind', [ExportBody, PublicityNoticeBody, AppointmentFormBody, LrmxBody]);
export type ExportRequest = z.infer<typeof ExportRequest>;

export const isDocumentRequest = (r: ExportRequest): r is DocumentBody => (DOCUMENT_KINDS as readonly string[]).includes(r.kind);

/** The answer: where to fetch the file, until when, under which name. */
export interface ExportLink {
  url: string;
  expiresAt: string;
  fileName: string;
  kind: ExportRequestKind;
  /** The content type the download is served with. */
  contentType: string;
  /** Rows of a workbook (a document has none). */
  rows?: number;
  /** Whether ID numbers are in the file in full (always for .lrmx: the editor's 身份证号 box). */
  fullIds: boolean;
}

/** How long a download link lives (seconds): long enough to click, short enough not to be passed on. */
export const EXPORT_LINK_SECONDS = 300;
/** Exported files expire from the bucket after this many days (the bucket's lifecycle rule). */
export const EXPORT_RETENTION_DAYS = 1;
/** Key prefix of exported files in the uploads bucket. */
export const EXPORT_PREFIX = 'exports/';
