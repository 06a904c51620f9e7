/**
 * The one ID-number mask of the exports (DESIGN.md §8): the first six digits (the region of
 * issue) and the last four stay, everything between becomes `*` — `320482********4521`, as
 * Chinese offices print it. Shorter than eleven characters (a malformed number), every
 * character is masked: a short string could be all of someone's number. Full numbers only when the bureau asks, and the audit records that
 * (app/exports/authorize.ts).
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length === 0) return '';
  if (s.length < 11) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}
