import * as z from 'zod';

/**
 * The API's error answer (functions/shared/http.ts maps app/errors.ts onto it, once): a stable
 * code, Chinese first with English alongside, and for a bad input one problem per field with
 * its path (and, for a workbook, its cell). As a schema so the OpenAPI document and the
 * console read the one shape the handlers write.
 */
export const ProblemSchema = z
  .object({
    code: z.string().meta({ description: '稳定的错误代码，供脚本匹配 / a stable code scripts match on', examples: ['DATE_INVALID'] }),
    path: z.string().meta({ description: '出错字段的路径 / the field path, e.g. candidate.birthDate' }),
    zh: z.string(),
    en: z.string(),
    /** A workbook's cell, e.g. "推荐表!H7" (intake of an Excel upload). */
    cell: z.string().optional(),
    /** An .lrmx element, e.g. "Person/JianLi" (intake of a 任免审批表 file). */
    element: z.string().optional(),
  });
export type Problem = z.infer<typeof ProblemSchema>;

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ examples: ['BODY_INVALID', 'FORBIDDEN', 'NOT_FOUND'] }),
      zh: z.string(),
      en: z.string(),
      problems: z.array(ProblemSchema).optional(),
    }),
  });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
