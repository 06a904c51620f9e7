import { GROUPS, SCALAR_COLUMNS, normaliseHeader, templateHeaders, type FieldSpec } from '../xlsx/columns';
import { buildNominationTemplate } from '../xlsx/template';

/**
 * The Excel template prefilled with what .lrmx imports mapped exactly (DESIGN §8: "for the
 * school to complete in the console or the template"): one row per person, every value the
 * mapping filled written as the template writes it (小学, 第三梯队, 女, 本科/是/院校/…), every
 * value it reported left blank — a blank segment inside a 学历 / 任职 cell too — so the
 * school completes exactly the reported blanks and uploads the workbook through the same
 * link. Nothing is added that the mapping did not fill.
 */

type Form = Record<string, unknown>;

const at = (form: Form, path: string): unknown =>
  path.split('.').reduce<unknown>((node, k) => (node !== null && typeof node === 'object' ? (node as Form)[k] : undefined), form);

/** A value as the template writes it: the first Chinese word of an enum (第三梯队, not 3). */
function cellText(value: unknown, f: Pick<FieldSpec, 'kind' | 'values'>): string {
  if (value === undefined) return '';
  if (f.kind === 'date-or-current' && value === null) return '至今';
  if (value === null) return '';
  if (f.values) {
    const word = Object.entries(f.values).find(([k, v]) => v === value && !/^[\d一二三]$/.test(k))?.[0];
    if (word !== undefined) return word;
  }
  return String(value);
}

/** One template row for a (partial) form v1, in templateHeaders() order. */
export function templateRow(form: Form, n: number): string[] {
  return templateHeaders().map((h) => {
    const name = normaliseHeader(h);
    if (name === '序号') return String(n);
    const scalar = SCALAR_COLUMNS.find((c) => c.header === name);
    if (scalar) return cellText(at(form, scalar.key), scalar);
    const m = /^(.+?)(\d+)$/.exec(name);
    const g = m ? GROUPS.find((x) => x.header === m[1]) : undefined;
    if (!g || !m) return '';
    const item = (at(form, `candidate.${g.list}`) as Form[] | undefined)?.[Number(m[2]) - 1];
    if (!item) return '';
    const parts = g.fields.map((f) => cellText(item[f.key], f));
    // Trailing optional fields left out ("本科/是/院校/2014-06-30", not "…/").
    while (parts.length > 0 && parts[parts.length - 1] === '' && g.fields[parts.length - 1]?.optional) parts.pop();
    return parts.join('/');
  });
}

/** The template with one row per mapped person, and in 备注 what the import reported for that person. */
export function prefilledTemplate(people: ReadonlyArray<{ form: Form; problems: ReadonlyArray<{ zh: string; element?: string }> }>): Uint8Array {
  const remarks = (problems: ReadonlyArray<{ zh: string; element?: string }>) => problems.map((q) => `${q.element ? `${q.element}：` : ''}${q.zh}`).join('；');
  return buildNominationTemplate(people.map((p, i) => [...templateRow(p.form, i + 1), remarks(p.problems)]), { remarks: true });
}
