import { problem } from '../../domain/problem';
import { ValidationError } from '../errors';
import type { ColumnSpec } from './table';

/**
 * The column choice (issue #13: "pool roster by tier (column choice)"): the keys asked for,
 * in the order asked, each one a column the kind has; an unknown key is refused with its
 * place and the keys there are, never ignored (a script asking for `idNo` should hear it).
 */
export function selectColumns(all: readonly ColumnSpec[], keys: readonly string[] | undefined): ColumnSpec[] {
  if (keys === undefined) return [...all];
  const byKey = new Map(all.map((c) => [c.key, c]));
  const known = all.map((c) => c.key).join(', ');
  const problems = keys.flatMap((k, i) => byKey.has(k) ? [] : [problem('EXPORT_COLUMN_UNKNOWN', `columns.${i}`,
    `没有名为 ${k} 的列；可选：${known}`, `no column ${k}; the columns are: ${known}`)]);
  if (problems.length > 0) throw new ValidationError(problems);
  return [...new Set(keys)].map((k) => byKey.get(k) as ColumnSpec);
}
