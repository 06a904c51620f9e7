/**
 * Personal data that must never leave the table: the ID number and the birth date. Logs and
 * audit details pass through `redact()`, which drops those fields by name and masks anything
 * shaped like an 18-digit ID number wherever it appears (a message, a file name, an error).
 */

export const REDACTED = '[REDACTED]';

/** Field names whose values are personal data, compared case-insensitively. */
const SENSITIVE_KEYS = new Set(['idnumber', 'birthdate', 'person_id_key', 'personidkey']);

/** 17 digits and a digit or X, not inside a longer run of digits. */
const ID_LIKE = /(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/g;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.toLowerCase());
}

export function redactString(s: string): string {
  return s.replace(ID_LIKE, REDACTED);
}

/**
 * The value a JSON serialiser should write for `key`: the hook for Powertools Logger's
 * `jsonReplacerFn`, applied to every key and value of a log line, messages included.
 */
export function redactReplacer(key: string, value: unknown): unknown {
  if (key !== '' && isSensitiveKey(key)) return REDACTED;
  if (typeof value === 'string') return redactString(value);
  return value;
}

/** A deep copy of a value with personal data removed (for audit details and anything stored beside logs). */
export function redact<T>(value: T): T {
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactString(v);
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return undefined;
    seen.add(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Error) return { name: v.name, message: redactString(v.message) };
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = isSensitiveKey(k) ? REDACTED : walk(x);
    return out;
  };
  return walk(value) as T;
}
