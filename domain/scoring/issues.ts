import type { z } from 'zod';
import { problem, type Problem } from '../problem';

/**
 * zod issues as Problems: a stable code per kind of record, the dotted path of the field at
 * fault, Chinese first. zod's own message is English; the Chinese names the field so a school
 * office can still find it.
 */
export function issuesToProblems(error: z.ZodError, code: string): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const where = path === '' ? '记录' : `字段 ${path}`;
    return problem(code, path, `${where}不符合要求：${issue.message}`, `${path || 'record'}: ${issue.message}`);
  });
}
