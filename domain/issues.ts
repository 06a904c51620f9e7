import type * as z from 'zod';
import { problem, rejection, type Problem, type Result } from './problem';

/**
 * zod issues as Problems for records other than the nomination form (which has its own
 * labels, domain/form/issues.ts): request bodies, scoring models, talks, training, rotations,
 * member events. One stable code per kind of record, the dotted path of the field at fault,
 * and a message per kind of fault written here in Chinese and English — zod's own wording is
 * English and not a contract, so it reaches a user only as the detail of a format or custom
 * rule that gave no Chinese of its own. A refinement supplies both with `params: { zh, en }`,
 * each saying what is wrong with the field (「to」早于开始日期 / to is before from).
 */

const TYPE_ZH: Record<string, string> = {
  string: '文本', number: '数字', int: '整数', boolean: '是/否（true/false）', object: '对象', array: '列表', null: 'null', date: '日期',
};

const FORMAT_ZH: Record<string, string> = {
  datetime: '带时区的时间（如 2026-12-04T17:00:00+08:00）',
  date: '日期（YYYY-MM-DD）',
  email: '电子邮箱地址',
  url: '网址',
};

const list = (values: readonly unknown[], sep: string) => values.map((v) => JSON.stringify(v)).join(sep);

/**
 * The values a union accepts, when that is all it accepts: every branch a literal or enum
 * (each refused the input with an invalid_value issue of its own values), or the options of
 * a discriminated union whose discriminator matched none. Otherwise undefined.
 */
function unionValues(issue: z.core.$ZodIssueInvalidUnion): readonly unknown[] | undefined {
  if (issue.errors.length === 0) {
    return 'options' in issue && Array.isArray(issue.options) && issue.options.length > 0 ? issue.options : undefined;
  }
  const values: unknown[] = [];
  for (const branch of issue.errors) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (only?.code !== 'invalid_value' || only.path.length !== 0) return undefined;
    for (const v of only.values) if (!values.includes(v)) values.push(v);
  }
  return values;
}

function messages(issue: z.core.$ZodIssue, path: string): Array<[path: string, zh: string, en: string]> {
  const field = path === '' ? '记录' : `「${path}」`;
  const name = path || 'the record';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return [[path, `缺少必填字段${field}`, `${name} is required`]];
      return [[path, `${field}类型错误，应为${TYPE_ZH[issue.expected] ?? issue.expected}`, `${name} must be of type ${issue.expected}`]];
    case 'invalid_value':
      if (issue.input === undefined) return [[path, `缺少必填字段${field}`, `${name} is required`]];
      return [[path, `${field}取值无效，可选：${list(issue.values, '、')}`, `${name} must be one of ${list(issue.values, ', ')}`]];
    case 'invalid_union': {
      if (issue.input === undefined) return [[path, `缺少必填字段${field}`, `${name} is required`]];
      const values = unionValues(issue);
      if (values) return [[path, `${field}取值无效，可选：${list(values, '、')}`, `${name} must be one of ${list(values, ', ')}`]];
      return [[path, `${field}取值无效`, `${name} is not one of the accepted values`]];
    }
    case 'unrecognized_keys':
      return issue.keys.map((k) => {
        const p = [...issue.path, k].map(String).join('.');
        return [p, `未知字段「${p}」（是否拼写错误？）`, `unknown field ${p} (a typo?)`];
      });
    case 'too_small':
      if (issue.origin === 'string') return [[path, `${field}不能为空${Number(issue.minimum) > 1 ? `，至少 ${String(issue.minimum)} 个字符` : ''}`, `${name} must have at least ${String(issue.minimum)} character(s)`]];
      if (issue.origin === 'array' || issue.origin === 'set') return [[path, `${field}至少需要 ${String(issue.minimum)} 项`, `${name} needs at least ${String(issue.minimum)} entries`]];
      return [[path, `${field}应${issue.inclusive ? '不小于' : '大于'} ${String(issue.minimum)}`, `${name} must be ${issue.inclusive ? 'at least' : 'above'} ${String(issue.minimum)}`]];
    case 'too_big':
      if (issue.origin === 'string') return [[path, `${field}过长（不超过 ${String(issue.maximum)} 个字符）`, `${name} is too long (at most ${String(issue.maximum)} characters)`]];
      if (issue.origin === 'array' || issue.origin === 'set') return [[path, `${field}条目过多（不超过 ${String(issue.maximum)} 项）`, `${name} has too many entries (at most ${String(issue.maximum)})`]];
      return [[path, `${field}应${issue.inclusive ? '不大于' : '小于'} ${String(issue.maximum)}`, `${name} must be ${issue.inclusive ? 'at most' : 'below'} ${String(issue.maximum)}`]];
    case 'invalid_format': {
      const want = FORMAT_ZH[issue.format];
      return [[path, want ? `${field}格式不正确，应为${want}` : `${field}格式不正确`, `${name}: ${issue.message}`]];
    }
    case 'custom': {
      const p = issue.params as { zh?: unknown; en?: unknown } | undefined;
      // A refinement's params say what is wrong with the field: 「on」 + 不是有效日期 …
      if (typeof p?.zh === 'string' && typeof p.en === 'string') return [[path, `${field}${p.zh}`, `${name} ${p.en}`]];
      return [[path, `${field}不符合要求`, `${name}: ${issue.message}`]];
    }
    default:
      return [[path, `${field}格式不正确`, `${name}: ${issue.message}`]];
  }
}

/**
 * Parse with a schema; a failure is a rejection listing every problem. `reportInput` lets a
 * missing field ("required") be told from one of the wrong type; the input itself never
 * leaves here (problems carry our messages only, no values).
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, code: string): Result<z.output<S>> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = issuesToProblems(parsed.error, code);
  return rejection(problems.length > 0 ? problems : [problem(code, '', '记录无效', 'invalid record')]);
}

/** The issues of a parse made with `{ reportInput: true }` (parseWith does) as problems. */
export function issuesToProblems(error: z.ZodError, code: string): Problem[] {
  return error.issues.flatMap((issue) => messages(issue, issue.path.map(String).join('.')).map(([p, zh, en]) => problem(code, p, zh, en)));
}
