/**
 * Defensive reading of API answers: the demo checks what it relies on and fails loudly
 * (DemoError) when an answer lacks it, rather than carrying on with undefined.
 */
export type Obj = Record<string, unknown>;

export class DemoError extends Error {
  constructor(readonly zh: string, readonly en: string, readonly detail?: unknown) {
    super(`${zh} / ${en}`);
    this.name = 'DemoError';
  }
}

export function isObj(x: unknown): x is Obj {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

export function obj(x: unknown, what: string): Obj {
  if (!isObj(x)) throw new DemoError(`响应中缺少 ${what}`, `the answer lacks ${what}`, x);
  return x;
}

export function arr(x: unknown, what: string): unknown[] {
  if (!Array.isArray(x)) throw new DemoError(`响应中缺少列表 ${what}`, `the answer lacks the list ${what}`, x);
  return x;
}

export function str(x: unknown, what: string): string {
  if (typeof x !== 'string' || x === '') throw new DemoError(`响应中缺少 ${what}`, `the answer lacks ${what}`, x);
  return x;
}

export const optStr = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
export const optNum = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
export const optArr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
export const optObj = (x: unknown): Obj => (isObj(x) ? x : {});
