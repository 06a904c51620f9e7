/**
 * The one rule for text a spreadsheet would execute (DESIGN.md §8): a cell whose text starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula (or a DDE command)
 * by Excel, WPS and LibreOffice when someone edits it or the sheet is re-saved as CSV.
 *
 * The full-width forms `＝ ＋ － ＠` are included too: Excel and WPS in Chinese (and Japanese)
 * locales turn a full-width operator typed at the start of a cell into its half-width form and
 * so into a formula (the IME's 全角 input is the default in a Chinese office), so a cell that is
 * edited and confirmed could come alive. Marking a harmless text inert costs nothing; missing a
 * live one costs a HYPERLINK that phones home with the neighbouring cells.
 *
 * What "inert" means is the writer's business (write.ts: the cell is a string with the
 * `quotePrefix` style — Excel's own leading-apostrophe flag — so it shows exactly as stored
 * and stays text when edited); this module only decides which texts need it.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

export function isFormulaLike(text: string): boolean {
  // Leading spaces and line feeds do not disarm a formula in every reader: look past them.
  const first = text.replace(/^[ \n\u3000]+/, '').charAt(0);
  return TRIGGERS.has(first) || TRIGGERS.has(text.charAt(0));
}
