import { strToU8, zipSync } from 'fflate';
import { isFormulaLike } from './inert';

/**
 * The export workbook writer (DESIGN.md §8): rows + column specs → .xlsx bytes. Pure, small
 * (fflate only, like formats/xlsx/write.ts, so the exports Lambda does not carry a
 * spreadsheet library), and it writes what an office expects of a list it will filter and
 * print: Chinese headers in bold, the header row frozen, an autofilter over the table, dates
 * as real dates (serial numbers with a `yyyy-mm-dd` format, so they sort and filter as
 * dates), ID-like text as text (`@`, never 3.2E+17), and every text a spreadsheet would
 * execute written inert (inert.ts). No formula is ever written: a cell is a number, a date,
 * a boolean or an inline string.
 *
 * The exports are a district's lists (hundreds of rows, a few thousand at most), so the
 * workbook is built in memory and handed over as bytes; a stream would buy nothing here.
 */

export type ColumnType = 'text' | 'number' | 'date' | 'datetime';

export interface ColumnSpec {
  /** The row field this column shows. */
  key: string;
  /** The header, Chinese first (it is what the office reads). */
  header: string;
  type: ColumnType;
  /** Width in characters (default from the header and type). */
  width?: number;
}

export type CellValue = string | number | boolean | null | undefined;
export type Row = Readonly<Record<string, CellValue>>;

export interface ExportSheet {
  /** Sheet name (Chinese allowed); cut to Excel's 31 characters and cleaned of `[]:*?/\`. */
  name: string;
  columns: readonly ColumnSpec[];
  rows: readonly Row[];
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** cellXfs indexes (styles.xml below). */
const STYLE = { normal: 0, header: 1, text: 2, inert: 3, date: 4, datetime: 5 } as const;

/** A1-style column letters for a 0-based index. */
export function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Text for element content: XML's five, CR kept as a reference (a parser would fold it into LF). */
function xmlText(s: string): string {
  return s
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;
/** Excel's day 0 (1899-12-30, after its 1900 leap-year bug), as epoch ms. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Times are shown on the bureau's calendar, Asia/Shanghai (UTC+8, no daylight saving). */
const BEIJING_MS = 8 * 3_600_000;

/** An ISO date (or timestamp) as an Excel serial day number; undefined when it is not one. */
export function excelSerial(value: string, type: 'date' | 'datetime'): number | undefined {
  const d = ISO_DATE.exec(value);
  if (d) {
    const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    const back = new Date(ms);
    if (back.getUTCMonth() !== Number(d[2]) - 1) return undefined;
    return (ms - EXCEL_EPOCH) / DAY_MS;
  }
  if (!ISO_TIME.test(value)) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const local = ms + BEIJING_MS;
  // A date column given a timestamp shows the Beijing day.
  const serial = (local - EXCEL_EPOCH) / DAY_MS;
  return type === 'date' ? Math.floor(serial) : Math.round(serial * 86_400) / 86_400;
}

function cellXml(ref: string, value: CellValue, type: ColumnType): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    const style = type === 'date' ? STYLE.date : type === 'datetime' ? STYLE.datetime : STYLE.normal;
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
  }
  if (type === 'date' || type === 'datetime') {
    const serial = excelSerial(value, type);
    if (serial !== undefined) return `<c r="${ref}" s="${type === 'date' ? STYLE.date : STYLE.datetime}"><v>${serial}</v></c>`;
  }
  if (type === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return `<c r="${ref}"><v>${Number(value)}</v></c>`;
  // Everything else is text, an inline string: never a formula, and inert when it looks like one.
  const style = isFormulaLike(value) ? STYLE.inert : STYLE.text;
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

/** Display width of a string: CJK characters take two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

function widthOf(col: ColumnSpec, rows: readonly Row[]): number {
  if (col.width !== undefined) return col.width;
  const base = col.type === 'datetime' ? 17 : col.type === 'date' ? 12 : 8;
  const longest = rows.slice(0, 200).reduce((m, r) => {
    const v = r[col.key];
    return typeof v === 'string' && col.type === 'text' ? Math.max(m, displayWidth(v)) : m;
  }, 0);
  return Math.min(60, Math.max(base, displayWidth(col.header) + 2, longest + 2));
}

export function sheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet';
  let out = [...clean].slice(0, 31).join('');
  for (let i = 2; taken.has(out); i++) out = `${[...clean].slice(0, 31 - String(i).length - 1).join('')}_${i}`;
  return out;
}

function sheetXml(sheet: ExportSheet, selected: boolean): string {
  const cols = sheet.columns;
  const lastCol = columnName(Math.max(cols.length, 1) - 1);
  const lastRow = sheet.rows.length + 1;
  const header = `<row r="1">${cols.map((c, i) => `<c r="${columnName(i)}1" s="${STYLE.header}" t="inlineStr"><is><t xml:space="preserve">${xmlText(c.header)}</t></is></c>`).join('')}</row>`;
  const body = sheet.rows.map((row, r) => {
    const n = r + 2;
    return `<row r="${n}">${cols.map((c, i) => cellXml(`${columnName(i)}${n}`, row[c.key], c.type)).join('')}</row>`;
  }).join('');
  const widths = cols.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${widthOf(c, sheet.rows)}" customWidth="1"/>`).join('');
  return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (widths ? `<cols>${widths}</cols>` : '') +
    `<sheetData>${header}${body}</sheetData>` +
    (cols.length ? `<autoFilter ref="A1:${lastCol}${lastRow}"/>` : '') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup orientation="landscape" paperSize="9"/></worksheet>';
}

const STYLES = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  // quotePrefix: Excel's leading-apostrophe flag — shown as stored, kept as text when edited.
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The workbook's bytes. `created` (an ISO timestamp) goes into the document properties. */
export function writeExportWorkbook(sheets: readonly ExportSheet[], opts: { created?: string; title?: string } = {}): Uint8Array {
  if (sheets.length === 0) throw new Error('an export has at least one sheet');
  const names: string[] = [];
  for (const s of sheets) names.push(sheetName(s.name, new Set(names)));
  const files: Record<string, Uint8Array> = {};
  files['[Content_Types].xml'] = strToU8(`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`).join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '</Types>');
  files['_rels/.rels'] = strToU8(`${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '</Relationships>');
  const created = opts.created ?? '2026-01-01T00:00:00Z';
  files['docProps/core.xml'] = strToU8(`${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(opts.title ?? names[0] ?? '')}</dc:title><dc:creator>talent-pool</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${xmlText(created)}</dcterms:created></cp:coreProperties>`);
  // The autofilter's range as Excel names it (_xlnm._FilterDatabase), one per sheet.
  const defined = sheets.map((s, i) => {
    const ref = `$A$1:$${columnName(Math.max(s.columns.length, 1) - 1)}$${s.rows.length + 1}`;
    return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlText((names[i] ?? '').replace(/'/g, "''"))}'!${ref}</definedName>`;
  }).join('');
  files['xl/workbook.xml'] = strToU8(`${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
    names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets><definedNames>${defined}</definedNames></workbook>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(`${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`);
  files['xl/styles.xml'] = strToU8(STYLES);
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, i === 0));
  });
  return zipSync(files, { level: 6, mtime: new Date(Date.parse(created) || Date.UTC(2026, 0, 1)) });
}
