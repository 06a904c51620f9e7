import type * as z from 'zod';
import { problem, type Problem } from '../problem';
import { formatPath, labelOf } from './labels';

/**
 * zod issues → Problems with stable codes. The codes are a public contract (schools and
 * scripts match on them); zod's own messages are not, so none of them reaches a school.
 */

const TYPE_ZH: Record<string, string> = {
  string: '文本', number: '数字', int: '整数', boolean: '是/否（true/false）', object: '对象', array: '列表', null: 'null',
};

function describe(values: readonly unknown[], sep: string): string {
  return values.map((v) => JSON.stringify(v)).join(sep);
}

export function issueToProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = formatPath(issue.path);
  const label = labelOf(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        const hint = path.endsWith('.to') ? '（现任请填 null）' : '';
        return [problem('FORM_REQUIRED', path, `缺少必填项「${label}」${hint}`, `${path || 'the form'} is required`)];
      }
      if (issue.expected === 'int') {
        return [problem('FORM_TYPE', path, `「${label}」应为整数`, `${path} must be an integer`)];
      }
      const want = TYPE_ZH[issue.expected] ?? issue.expected;
      return [problem('FORM_TYPE', path, `「${label}」类型错误，应为${want}`, `${path || 'the form'} must be ${issue.expected === 'object' && path === '' ? 'a JSON object' : `of type ${issue.expected}`}`)];
    }
    case 'invalid_value':
      if (issue.input === undefined) return [problem('FORM_REQUIRED', path, `缺少必填项「${label}」`, `${path} is required`)];
      if (path === 'formVersion') return [versionProblem()];
      return [problem('FORM_ENUM', path, `「${label}」取值无效，可选：${describe(issue.values, '、')}`, `${path} must be one of ${describe(issue.values, ', ')}`)];
    case 'unrecognized_keys':
      return issue.keys.map((k) => {
        const p = formatPath([...issue.path, k]);
        return problem('FORM_UNKNOWN_FIELD', p, `未知字段「${p}」（是否拼写错误？表格第 1 版无此项）`, `unknown field ${p} (a typo? form v1 has no such field)`);
      });
    case 'too_small':
      if (issue.origin === 'string') return [problem('FORM_EMPTY', path, `「${label}」不能为空`, `${path} must not be blank`)];
      return [problem('FORM_RANGE', path, `「${label}」不能小于 ${String(issue.minimum)}`, `${path} must be at least ${String(issue.minimum)}`)];
    case 'too_big':
      if (issue.origin === 'string') return [problem('FORM_TOO_LONG', path, `「${label}」过长（不超过 ${String(issue.maximum)} 字）`, `${path} is too long (at most ${String(issue.maximum)} characters)`)];
      if (issue.origin === 'array') return [problem('FORM_TOO_MANY', path, `「${label}」条目过多（不超过 ${String(issue.maximum)} 条）`, `${path} has too many entries (at most ${String(issue.maximum)})`)];
      return [problem('FORM_RANGE', path, `「${label}」不能大于 ${String(issue.maximum)}`, `${path} must be at most ${String(issue.maximum)}`)];
    case 'custom':
      return [customProblem(path, label, issue.params)];
    default:
      return [problem('FORM_INVALID', path, `「${label}」格式不正确`, `${path || 'the form'} is not valid`)];
  }
}

export function versionProblem(): Problem {
  return problem('FORM_VERSION', 'formVersion', '表格版本应为 1（本系统只接受第 1 版推荐表）', 'formVersion must be 1 (only nomination form v1 is accepted)');
}

const CUSTOM: Record<string, (label: string, path: string) => [string, string]> = {
  FORM_DATE_INVALID: (l, p) => [`「${l}」不是有效日期（格式 YYYY-MM-DD，且须为真实日期）`, `${p} is not a real date in YYYY-MM-DD form`],
  FORM_ID_FORMAT: (l, p) => [`「${l}」应为 18 位（前 17 位为数字，末位为数字或 X）`, `${p} must be 18 characters: 17 digits then a digit or X`],
  FORM_ID_CHECKSUM: (l, p) => [`「${l}」校验位错误（GB 11643），请核对号码`, `${p} fails the GB 11643 check digit; check the number`],
  FORM_PERIOD_ORDER: (l, p) => [`「${l}」早于起始日期`, `${p} is before the period's start`],
  FORM_EMPTY: (l, p) => [`「${l}」不能为空（只含不可见字符，如零宽空格）`, `${p} must not be blank (it holds only invisible characters, such as zero-width spaces)`],
  FORM_TEXT_BIDI: (l, p) => [
    `「${l}」含有改变文字显示方向的控制字符（U+202A–U+202E、U+2066–U+2069），显示的内容会与实际内容不同，请删除后重新填写`,
    `${p} contains bidirectional control characters (U+202A–U+202E, U+2066–U+2069), which make the text display differently from what it is; remove them`,
  ],
};

function customProblem(path: string, label: string, params: Record<string, unknown> | undefined): Problem {
  const code = typeof params?.code === 'string' ? params.code : 'FORM_INVALID';
  if (typeof params?.zh === 'string' && typeof params.en === 'string') return problem(code, path, params.zh, params.en);
  const [zh, en] = CUSTOM[code]?.(label, path) ?? [`「${label}」不符合要求`, `${path} is not valid`];
  return problem(code, path, zh, en);
}
