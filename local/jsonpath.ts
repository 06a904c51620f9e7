// The few reference paths local/ evaluates itself (Wait Timestamp/SecondsPath, a task's
// TimeoutSecondsPath): `$`, `$.a.b`, `$['a'].b[0]`, and `$$.…` against the context object.
// Anything fancier (filters, wildcards) is refused with a clear error.

export function readPath(path: string, input: unknown, context: unknown): unknown {
  const fromContext = path.startsWith('$$');
  let rest = fromContext ? path.slice(2) : path.startsWith('$') ? path.slice(1) : null;
  if (rest === null) throw new Error(`'${path}' is not a reference path`);
  let value: unknown = fromContext ? context : input;
  const token = /^(?:\.([A-Za-z_$][\w$-]*)|\['([^']*)'\]|\["([^"]*)"\]|\[(\d+)\])/;
  while (rest.length > 0) {
    const m = token.exec(rest);
    if (!m) throw new Error(`'${path}': only simple reference paths are supported locally`);
    const key = m[1] ?? m[2] ?? m[3] ?? Number(m[4]);
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
    rest = rest.slice(m[0].length);
  }
  if (value === undefined) throw new Error(`'${path}' does not point to a value`);
  return value;
}
