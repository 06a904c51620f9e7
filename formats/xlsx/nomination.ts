import { problem, rejection, type Problem, type Result } from '../../domain/problem';
import {
  GROUPS, IGNORED_HEADERS, NOMINATION_SHEET, SCALAR_COLUMNS, normaliseHeader,
  type FieldSpec, type GroupSpec, type ScalarColumn,
} from './columns';
export { cellFor } from './columns';
import { WorkbookError, columnLetters, openWorkbook, type Cell, type CellValue } from './workbook';
import { DEFAULT_ZIP_LIMITS, ZipError, type ZipLimits } from './zip';

/**
 * Reads the nomination workbook: each non-blank row of 推荐表 becomes a raw form object for
 * parseNominationForm. The reader converts what a spreadsheet does differently (Chinese enum
 * words, Excel date serials, "至今", 是/否) and keeps anything it does not recognise as
 * written, so the form parser — the one judge of a form — reports it with its field path,
 * and `cells` turns that path back into the cell a school office can find.
 */

export interface ReadLimits extends ZipLimits {
  maxRows: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_ZIP_LIMITS, maxRows: 500 };

/** A problem in a workbook: the form path, and the cell ("推荐表!H7") when one is known. */
export type CellProblem = Problem & { cell?: string };

export interface WorkbookRow {
  /** Row number as Excel shows it. */
  row: number;
  form: unknown;
  /** Form path (or path prefix) → cell reference, e.g. "candidate.idNumber" → "推荐表!J7". */
  cells: Record<string, string>;
  /** What the reader itself found wrong in the row (before the form parser looks at it). */
  problems: CellProblem[];
}

const fileProblem = (code: string, zh: string, en: string) => rejection([problem(code, '', zh, en)]);

export function readNominationWorkbook(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): Result<WorkbookRow[]> {
  const lim: ReadLimits = { ...DEFAULT_READ_LIMITS, ...limits };
  let wb;
  let sheet;
  try {
    wb = openWorkbook(bytes, lim);
    sheet = wb.sheet(NOMINATION_SHEET);
  } catch (e) {
    if (e instanceof ZipError) {
      switch (e.reason) {
        case 'not-zip':
          return fileProblem('XLSX_NOT_ZIP', '文件不是 Excel 工作簿（.xlsx）；请用模板填写后另存为 .xlsx', 'not an Excel workbook (.xlsx); fill in the template and save as .xlsx');
        case 'too-large':
          return fileProblem('XLSX_TOO_LARGE', '工作簿解压后过大或压缩比异常，拒绝处理', 'the workbook is too large when unpacked (or suspiciously compressed)');
        case 'unsupported':
          return fileProblem('XLSX_UNSUPPORTED', '工作簿使用了不支持的格式（加密或超大文件），请另存为普通 .xlsx', 'unsupported workbook (encrypted or ZIP64); save as a plain .xlsx');
        default:
          return fileProblem('XLSX_CORRUPT', '工作簿已损坏，无法读取', 'the workbook is damaged');
      }
    }
    if (e instanceof WorkbookError) {
      return fileProblem('XLSX_CORRUPT', '工作簿内容无法解析，请用模板重新填写', 'the workbook\'s content cannot be read; use the template');
    }
    throw e;
  }
  if (!sheet) {
    return fileProblem('XLSX_NO_SHEET', `工作簿中没有名为「${NOMINATION_SHEET}」的工作表（现有：${wb.sheetNames.join('、') || '无'}）`, `no sheet named "${NOMINATION_SHEET}" (found: ${wb.sheetNames.join(', ') || 'none'})`);
  }

  // The header row: the first of the first ten rows that names 姓名.
  const rowNos = [...sheet.rows.keys()].sort((a, b) => a - b);
  const headerRowNo = rowNos.slice(0, 10).find((r) => [...(sheet.rows.get(r)?.values() ?? [])].some((c) => normaliseHeader(String(c.value)) === '姓名'));
  if (headerRowNo === undefined) {
    return fileProblem('XLSX_HEADER', `「${NOMINATION_SHEET}」缺少表头（应含“姓名”等列），请使用模板`, `"${NOMINATION_SHEET}" has no header row (with 姓名 …); use the template`);
  }
  const layout = readHeader(sheet.rows.get(headerRowNo) ?? new Map());
  if (!layout.ok) return layout;

  const dataRows = rowNos.filter((r) => r > headerRowNo);
  if (dataRows.length > lim.maxRows) {
    return fileProblem('XLSX_TOO_MANY_ROWS', `一个工作簿最多 ${lim.maxRows} 行人选，本表有 ${dataRows.length} 行`, `at most ${lim.maxRows} rows per workbook; found ${dataRows.length}`);
  }
  const rows: WorkbookRow[] = [];
  for (const r of dataRows) {
    const cells = sheet.rows.get(r);
    // Blank: nothing but spaces, or only a pre-filled 序号 (offices number the rows ahead).
    if (!cells || [...cells.values()].every((c) => layout.value.ignored.has(c.col) || (typeof c.value === 'string' && c.value.trim() === ''))) continue;
    rows.push(readRow(r, cells, layout.value, wb.date1904));
  }
  return { ok: true, value: rows };
}

interface Layout {
  /** 序号, 备注: read past, and a row with nothing else in it is blank. */
  ignored: Set<number>;
  scalars: Array<{ col: number; spec: ScalarColumn }>;
  groups: Array<{ col: number; n: number; spec: GroupSpec }>;
}

function readHeader(cells: Map<number, Cell>): Result<Layout> {
  const layout: Layout = { ignored: new Set(), scalars: [], groups: [] };
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const cell of [...cells.values()].sort((a, b) => a.col - b.col)) {
    const name = normaliseHeader(String(cell.value));
    if (name === '') continue;
    if (IGNORED_HEADERS.includes(name)) {
      layout.ignored.add(cell.col);
      continue;
    }
    const at = `${NOMINATION_SHEET}!${cell.ref}`;
    if (seen.has(name)) {
      problems.push(problem('XLSX_HEADER', at, `表头“${name}”重复（${at}）`, `duplicate header "${name}" (${at})`));
      continue;
    }
    seen.add(name);
    const scalar = SCALAR_COLUMNS.find((c) => c.header === name || c.aliases?.includes(name));
    if (scalar) {
      layout.scalars.push({ col: cell.col, spec: scalar });
      continue;
    }
    const m = /^(.+?)(\d+)$/.exec(name);
    const group = m ? GROUPS.find((g) => g.header === m[1]) : undefined;
    if (group && m) {
      layout.groups.push({ col: cell.col, n: Number(m[2]), spec: group });
      continue;
    }
    problems.push(problem('XLSX_HEADER', at, `无法识别的表头“${name}”（${at}），请使用模板的表头`, `unknown header "${name}" (${at}); use the template's headers`));
  }
  const missing = SCALAR_COLUMNS.filter((c) => !c.optional && !layout.scalars.some((s) => s.spec === c)).map((c) => c.header);
  if (missing.length > 0) {
    problems.push(problem('XLSX_HEADER', NOMINATION_SHEET, `「${NOMINATION_SHEET}」缺少列：${missing.join('、')}`, `"${NOMINATION_SHEET}" lacks column(s): ${missing.join(', ')}`));
  }
  if (problems.length > 0) return rejection(problems);
  layout.groups.sort((a, b) => (a.spec.list === b.spec.list ? a.n - b.n : a.col - b.col));
  return { ok: true, value: layout };
}

function readRow(rowNo: number, cells: Map<number, Cell>, layout: Layout, date1904: boolean): WorkbookRow {
  const form: Record<string, unknown> = { formVersion: 1 };
  const refs: Record<string, string> = {};
  const problems: CellProblem[] = [];
  const at = (cell: Cell) => `${NOMINATION_SHEET}!${cell.ref}`;

  for (const { col, spec } of layout.scalars) {
    const cell = cells.get(col);
    refs[spec.key] = `${NOMINATION_SHEET}!${columnLetters(col)}${rowNo}`;
    if (!cell) continue;
    if (spec.kind === 'id' && typeof cell.value === 'number') {
      problems.push({
        ...problem('XLSX_ID_AS_NUMBER', spec.key,
          `${at(cell)}：身份证号被存成了数字，末几位已丢失；请把该列设为文本格式后重新输入`,
          `${at(cell)}: the ID number was stored as a number and lost its last digits; format the column as text and retype it`),
        cell: at(cell),
      });
      continue;
    }
    setPath(form, spec.key, convert(cell.value, spec, date1904));
  }

  const candidate = (form.candidate ??= {}) as Record<string, unknown>;
  const lists: Record<string, unknown[]> = {};
  for (const g of GROUPS) lists[g.list] = [];
  for (const { col, spec } of layout.groups) {
    const cell = cells.get(col);
    if (!cell) continue;
    const text = String(cell.value).trim();
    if (text === '') continue;
    const parts = text.split(/\s*[/／]\s*/);
    const list = lists[spec.list] ?? [];
    const index = list.length;
    const path = `candidate.${spec.list}[${index}]`;
    refs[path] = at(cell);
    refs[`candidate.${spec.list}`] ??= at(cell);
    if (parts.length > spec.fields.length) {
      problems.push({
        ...problem('XLSX_CELL_FORMAT', path,
          `${at(cell)}：${spec.header}应为“${spec.fields.map((f) => f.label).join('/')}”，实际有 ${parts.length} 段`,
          `${at(cell)}: ${spec.header} should be "${spec.fields.map((f) => f.key).join('/')}", found ${parts.length} parts`),
        cell: at(cell),
      });
      continue;
    }
    const item: Record<string, unknown> = {};
    spec.fields.forEach((f, i) => {
      const raw = parts[i];
      if (raw === undefined || raw === '') {
        if (f.kind === 'date-or-current') item[f.key] = null;
        else if (!f.optional) item[f.key] = undefined;
        return;
      }
      item[f.key] = convert(raw, f, date1904);
    });
    list.push(item);
  }
  Object.assign(candidate, lists);

  // 教学业绩条件 and 年龄放宽 are optional blocks: left out when every cell of the block is
  // blank (setPath never ran); a half-filled block reaches the parser and is reported.
  if (form.ageExemption === undefined) form.ageExemption = null;
  return { row: rowNo, form, cells: refs, problems };
}


function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((k) => {
    node[k] ??= {};
    node = node[k] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1];
  if (last !== undefined) node[last] = value;
}

/** Converts a cell's value to the form's type; anything unrecognised is kept as written. */
export function convert(value: CellValue, f: FieldSpec, date1904 = false): unknown {
  const text = typeof value === 'string' ? value.trim() : value;
  switch (f.kind) {
    case 'text':
    case 'id':
      return typeof text === 'number' ? String(text) : text;
    case 'date':
      return toIsoDate(text, date1904);
    case 'date-or-current':
      return typeof text === 'string' && /^(至今|今|现在|现任|-|—)$/.test(text) ? null : toIsoDate(text, date1904);
    case 'bool': {
      if (typeof text === 'boolean') return text;
      const s = String(text).replace(/\s/g, '');
      if (/^(是|√|✓|Y|YES|TRUE|1)$/i.test(s)) return true;
      if (/^(否|×|✗|N|NO|FALSE|0)$/i.test(s)) return false;
      return text;
    }
    case 'int': {
      if (typeof text === 'number') return text;
      const s = String(text).replace(/年$/, '').trim();
      return /^\d{1,4}$/.test(s) ? Number(s) : text;
    }
    case 'enum': {
      const key = String(text).replace(/\s/g, '');
      const values = f.values ?? {};
      if (key in values) return values[key];
      // The form's own value (e.g. "bachelor") is accepted as well.
      const own = Object.values(values).find((v) => String(v) === key);
      return own ?? text;
    }
  }
}

/**
 * ISO date from what a spreadsheet holds: an Excel serial (1900 or 1904 system), or text
 * written 2014-06-30, 2014.6.30, 2014/6/30 or 2014年6月30日. Otherwise unchanged.
 */
export function toIsoDate(value: CellValue, date1904 = false): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 2_958_465) return value;
    // 1900 system: serial 1 = 1900-01-01, with Excel's phantom 1900-02-29 (serial 60):
    // day 0 is effectively 1899-12-30 for every date after February 1900.
    const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    const d = new Date(base + Math.floor(value) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return value;
  const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/.exec(value.trim());
  if (!m) return value;
  return `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
}

