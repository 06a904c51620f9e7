import { XMLParser } from 'fast-xml-parser';
import { strFromU8 } from 'fflate';
import { openZip, type ZipArchive, type ZipLimits } from './zip';
import { columnIndex, columnLetters } from './cells';

export { columnIndex, columnLetters };

/**
 * Just enough of SpreadsheetML to read cell values: the workbook's sheet list, its
 * relationships, shared strings, and one worksheet's cells. Values come back as what the
 * cell holds — string, number or boolean — and the caller decides what a number means
 * (an Excel date serial, a year, a tier).
 */

export type CellValue = string | number | boolean;

export interface Cell {
  /** "F7" */
  ref: string;
  row: number;
  /** 0-based column index (A = 0). */
  col: number;
  value: CellValue;
}

export interface Sheet {
  name: string;
  /** Non-empty rows by row number (1-based), each a map from column index to cell. */
  rows: Map<number, Map<number, Cell>>;
}

export interface Workbook {
  sheetNames: string[];
  /** The 1904 date system (old Mac workbooks): serial 0 is 1904-01-01. */
  date1904: boolean;
  sheet(name: string): Sheet | null;
}

export class WorkbookError extends Error {
  constructor(readonly reason: 'not-workbook' | 'bad-xml', message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

const ARRAYS = new Set(['sheet', 'Relationship', 'si', 'r', 'row', 'c']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded by decodeXml in one pass, numeric references included.
  processEntities: false,
  trimValues: false,
  isArray: (name, _jpath, _leaf, isAttribute) => !isAttribute && ARRAYS.has(name),
});

type Node = Record<string, unknown>;

function parseXml(bytes: Uint8Array, part: string): Node {
  const text = strFromU8(bytes);
  // No document type declarations: they are how entity-expansion bombs get in, and no
  // spreadsheet application writes one.
  if (/<!DOCTYPE/i.test(text)) throw new WorkbookError('bad-xml', `${part}: DOCTYPE not allowed`);
  try {
    return parser.parse(text) as Node;
  } catch (e) {
    throw new WorkbookError('bad-xml', `${part}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const obj = (v: unknown): Node => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five XML entities and numeric character references (&#10; &#x4E2D;), in one pass. */
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (whole, ent: string) => {
    if (ent[0] !== '#') return NAMED[ent] ?? whole;
    const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of a <t> element, with or without xml:space. */
function textOf(t: unknown): string {
  if (typeof t === 'string') return decodeXml(t);
  if (typeof t === 'number') return String(t);
  const n = obj(t);
  const v = n['#text'];
  return typeof v === 'string' ? decodeXml(v) : v === undefined ? '' : String(v);
}

/** A shared or inline string item: plain <t>, or rich-text runs <r><t>…</t></r> (phonetic runs skipped). */
function stringItem(si: unknown): string {
  const n = obj(si);
  if (n.t !== undefined) return textOf(n.t);
  return arr(n.r).map((run) => textOf(obj(run).t)).join('');
}

function resolveTarget(target: string): string {
  // Targets are relative to xl/ unless absolute ("/xl/worksheets/sheet1.xml").
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function openWorkbook(bytes: Uint8Array, limits: ZipLimits): Workbook {
  const zip = openZip(bytes, limits);
  const wbBytes = zip.read('xl/workbook.xml');
  if (!wbBytes) throw new WorkbookError('not-workbook', 'no xl/workbook.xml');
  const wb = obj(parseXml(wbBytes, 'workbook.xml').workbook);
  const date1904 = ['1', 'true'].includes(String(obj(wb.workbookPr)['@_date1904'] ?? ''));
  const sheets = arr(obj(wb.sheets).sheet).map((s) => ({ name: decodeXml(String(obj(s)['@_name'] ?? '')), rid: String(obj(s)['@_id'] ?? '') }));

  const relBytes = zip.read('xl/_rels/workbook.xml.rels');
  const rels = new Map<string, string>();
  if (relBytes) {
    for (const r of arr(obj(parseXml(relBytes, 'workbook.xml.rels').Relationships).Relationship)) {
      const n = obj(r);
      rels.set(String(n['@_Id'] ?? ''), resolveTarget(decodeXml(String(n['@_Target'] ?? ''))));
    }
  }

  let shared: string[] | undefined;
  const sharedStrings = (): string[] => {
    if (shared) return shared;
    const target = [...rels.values()].find((t) => t.endsWith('sharedStrings.xml')) ?? 'xl/sharedStrings.xml';
    const ss = zip.read(target);
    shared = ss ? arr(obj(parseXml(ss, 'sharedStrings.xml').sst).si).map(stringItem) : [];
    return shared;
  };

  return {
    sheetNames: sheets.map((s) => s.name),
    date1904,
    sheet(name) {
      const s = sheets.find((x) => x.name.trim() === name);
      if (!s) return null;
      const path = rels.get(s.rid);
      if (!path) return null;
      return readSheet(zip, path, name, sharedStrings);
    },
  };
}

function readSheet(zip: ZipArchive, path: string, name: string, sharedStrings: () => string[]): Sheet | null {
  const bytes = zip.read(path);
  if (!bytes) return null;
  const ws = obj(parseXml(bytes, path).worksheet);
  const rows = new Map<number, Map<number, Cell>>();
  let lastRow = 0;
  for (const r of arr(obj(ws.sheetData).row)) {
    const rn = obj(r);
    const rowNo = Number(rn['@_r'] ?? lastRow + 1);
    lastRow = rowNo;
    const cells = new Map<number, Cell>();
    let lastCol = -1;
    for (const c of arr(rn.c)) {
      const cn = obj(c);
      const ref = typeof cn['@_r'] === 'string' ? cn['@_r'] : undefined;
      const m = ref ? /^([A-Z]+)(\d+)$/i.exec(ref) : null;
      const col = m?.[1] ? columnIndex(m[1]) : lastCol + 1;
      lastCol = col;
      const value = cellValue(cn, sharedStrings);
      if (value === undefined || value === '') continue;
      cells.set(col, { ref: `${columnLetters(col)}${rowNo}`, row: rowNo, col, value });
    }
    if (cells.size > 0) rows.set(rowNo, cells);
  }
  return { name, rows };
}

function cellValue(c: Node, sharedStrings: () => string[]): CellValue | undefined {
  const type = String(c['@_t'] ?? 'n');
  const v = c.v === undefined ? undefined : textOf(c.v);
  switch (type) {
    case 's': {
      const i = Number(v);
      return Number.isInteger(i) ? (sharedStrings()[i] ?? '') : undefined;
    }
    case 'inlineStr':
      return stringItem(c.is);
    case 'str':
    case 'e':
    case 'd':
      return v;
    case 'b':
      return v === undefined ? undefined : v === '1' || v === 'true';
    default: {
      if (v === undefined || v.trim() === '') return undefined;
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
  }
}
