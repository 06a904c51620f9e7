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
