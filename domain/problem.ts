/**
 * A problem with an input: a stable code scripts can match on, the path of the field at
 * fault, and a message in Chinese first with English alongside. Every bad input the system
 * sees is answered with a list of these — never a crash, never a guess.
 */
export interface Problem {
  code: string;
  path: string;
  zh: string;
  en: string;
}

/** The answer to a malformed input (a form, a request): not a verdict, a rejection. */
export interface Rejection {
  ok: false;
  kind: 'rejection';
  problems: Problem[];
}

export function problem(code: string, path: string, zh: string, en: string): Problem {
  return { code, path, zh, en };
}

export function rejection(problems: Problem[]): Rejection {
  return { ok: false, kind: 'rejection', problems };
}

export type Result<T> = { ok: true; value: T } | Rejection;

/**
 * What a rejection may repeat of its input, so the rejection itself always stores (a
 * DynamoDB item holds 400 KB) and reads: at most `max` problems, each text cut to
 * `textMax` characters with a mark, and for the rest one problem that counts them. A form
 * with 100 unknown keys of 1,500 characters, or one key of 300,000, is still answered —
 * with the first problems in full enough to act on, and how many more there were.
 */
export const PROBLEMS_KEPT = 50;
export const PROBLEM_TEXT_MAX = 300;

const CUT_MARK = '…（已截断 / cut）';

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}${CUT_MARK}`;
}

export function boundedProblems<P extends Problem>(problems: readonly P[], max = PROBLEMS_KEPT, textMax = PROBLEM_TEXT_MAX): P[] {
  const kept = problems.slice(0, max).map((p) => {
    const out: Record<string, unknown> = { ...(p as object) };
    for (const [k, v] of Object.entries(p)) if (typeof v === 'string') out[k] = cut(v, textMax);
    return out as P;
  });
  const more = problems.length - kept.length;
  if (more <= 0) return kept;
  return [...kept, problem('PROBLEMS_TRUNCATED', '', `另有 ${more} 个问题未逐一列出，请先修改以上问题后重新上传`, `${more} more problems are not listed one by one; fix the ones above and upload again`) as P];
}
