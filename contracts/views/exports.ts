import * as z from 'zod';
import { DOCUMENT_KINDS, EXPORT_KINDS } from '../exports';

/** POST /exports (functions/exports/handler.ts): a download link that lives a few minutes, the file named in Chinese. */
export const ExportLinkAnswer = z.object({
  url: z.string(),
  expiresAt: z.string(),
  fileName: z.string(),
  kind: z.enum([...EXPORT_KINDS, ...DOCUMENT_KINDS]),
  contentType: z.string(),
  /** Rows of a workbook (a document has none). */
  rows: z.number().optional(),
  /** Whether ID numbers are in the file in full (always for .lrmx). */
  fullIds: z.boolean(),
});
