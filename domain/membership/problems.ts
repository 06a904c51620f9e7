import { problem, rejection, type Rejection } from '../problem';

/** One rejected member event: a stable code, the field at fault, Chinese first. */
export function refuse(code: string, path: string, zh: string, en: string): Rejection {
  return rejection([problem(code, path, zh, en)]);
}
