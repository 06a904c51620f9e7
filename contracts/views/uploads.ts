import * as z from 'zod';

/** A presigned POST for one nomination file (functions/api/uploads.ts): post `fields` and the file to `url`. */
export const UploadLinkAnswer = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  key: z.string(),
  expiresAt: z.string(),
  maxBytes: z.number(),
  contentType: z.string(),
});

/** GET /template answers the workbook itself, not JSON. */
export const XlsxFile = z.string().meta({ contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description: 'the .xlsx workbook' });
