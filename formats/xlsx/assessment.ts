import { writeWorkbook } from './write';
import { WorkbookError, openWorkbook, type Cell, type CellValue } from './workbook';
import { DEFAULT_ZIP_LIMITS, ZipError } from './zip';
import { columnLetters } from './cells';

/**
 * The annual review's assessment sheet (X-UNITS, M-TERM): a unit downloads its members to
 * assess with empty grade and score columns, fills them in Excel, and uploads the file back.
 * Both directions are pure (bytes in, bytes out) so the console builds and reads the sheet in
 * the browser. The reader guesses nothing: a row with any problem carries it, located at its
 * cell ("考核表!C3"), and the caller sends only rows without one.
 */

export const ASSESSMENT_SHEET = '考核表';
/** A 人员编号 B 姓名 C 考核等次 D 考核分数 E 考核主体 F 梯队 (for reading only). */
export const ASSESSMENT_HEADERS = ['人员编号', '姓名', '考核等次', '考核分数', '考核主体', '梯队'] as const;
const COL = { personId: 0, name: 1, grade: 2, score: 3, assessedBy: 4 } as const;

export interface AssessmentSheetMember {
  personId: string;
  name: string;
  /** The tier in words ("第二梯队"), shown for reading only. */
  tier: string;
}

export interface AssessmentRules {
  /** The plan's grades (优秀, 合格, 基本合格, 不合格). */
  grades: readonly string[];
  score: { min: number; max: number };
  /** The longest 考核主体 the API accepts. */
  assessedByMax: number;
}

/** The sheet to fill: the members, grade as a drop-down of the plan's grades, score and assessor empty. */
export function buildAssessmentSheet(members: readonly AssessmentSheetMember[], rules: AssessmentRules, assessedBy = ''): Uint8Array {
  const rows = [
    [...ASSESSMENT_HEADERS],
    ...members.map((m) => [m.personId, m.name, '', null, assessedBy, m.tier]),
  ];
  return writeWorkbook([
    {
      name: ASSESSMENT_SHEET,
      rows,
      header: true,
      textColumns: [COL.personId],
      widths: [16, 12, 12, 12, 20, 14],
      lists: members.length ? [{ col: COL.grade, values: [...rules.grades], fromRow: 2, toRow: members.length + 1 }] : [],
    },
    {
      name: '填写说明',
      wrap: true,
      widths: [80],
      rows: [
        ['填写说明'],
        [`“考核等次”从下拉列表中选择：${rules.grades.join('、')}。`],
        [`“考核分数”填 ${rules.score.min}–${rules.score.max} 之间的数字。`],
        ['“考核主体”填实施考核的组织（如：学校党组织）。'],
        ['请勿修改“人员编号”“姓名”两列，也不要增加人员；不在本次考核名单中的人员不能报送。'],
      ],
    },
  ]);
}

export interface SheetProblem {
  code: string;
  /** "考核表!C3"; absent for a problem with the whole file. */
  cell?: string;
  zh: string;
  en: string;
}

export interface AssessmentRow {
  /** The row as Excel numbers it. */
  row: number;
  personId: string;
  name: string;
  grade?: string;
  score?: number;
  assessedBy?: string;
  problems: SheetProblem[];
}

export interface AssessmentSheetRead {
  rows: AssessmentRow[];
  /** Problems with the file itself (not a workbook, no 考核表 sheet). */
  problems: SheetProblem[];
}

const text = (c: Cell | undefined): string => (c === undefined ? '' : String(c.value).trim());
const at = (row: number, col: number) => `${ASSESSMENT_SHEET}!${columnLetters(col)}${row}`;

function scoreOf(v: CellValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/**
 * Reads a filled sheet against the members it was made for (personId → name): each row
 * with a person, its grade, score and assessor, and every problem at its cell. Blank rows
 * are skipped; a row left entirely unfilled (no grade, score or assessor) is not a problem —
 * it is not sent.
 */
export function readAssessmentSheet(bytes: Uint8Array, members: ReadonlyMap<string, string>, rules: AssessmentRules): AssessmentSheetRead {
  let sheet;
  try {
    const book = openWorkbook(bytes, DEFAULT_ZIP_LIMITS);
    sheet = book.sheet(ASSESSMENT_SHEET);
  } catch (e) {
    if (e instanceof WorkbookError || e instanceof ZipError) {
      return { rows: [], problems: [{ code: 'NOT_WORKBOOK', zh: '文件不是有效的 Excel 工作簿（.xlsx），请使用下载的考核表填写后上传', en: 'not an .xlsx workbook' }] };
    }
    throw e;
  }
  if (!sheet) return { rows: [], problems: [{ code: 'SHEET_MISSING', zh: `工作簿中没有“${ASSESSMENT_SHEET}”工作表，请使用下载的考核表`, en: `no sheet named ${ASSESSMENT_SHEET}` }] };

  const rows: AssessmentRow[] = [];
  const seen = new Map<string, number>();
  for (const [rowNo, cells] of [...sheet.rows.entries()].sort((a, b) => a[0] - b[0])) {
    if (rowNo === 1) continue;
    const personId = text(cells.get(COL.personId));
    const name = text(cells.get(COL.name));
    const gradeText = text(cells.get(COL.grade));
    const scoreCell = cells.get(COL.score);
    const assessedBy = text(cells.get(COL.assessedBy));
    const problems: SheetProblem[] = [];
    const known = members.get(personId);
    if (!personId) {
      problems.push({ code: 'PERSON_MISSING', cell: at(rowNo, COL.personId), zh: `${at(rowNo, COL.personId)}：缺少人员编号`, en: 'no person id' });
    } else if (known === undefined) {
      problems.push({ code: 'NOT_ON_LIST', cell: at(rowNo, COL.personId), zh: `${at(rowNo, COL.personId)}：人员“${name || personId}”不在本次考核名单中`, en: `${personId} is not on this review's list` });
    } else if (seen.has(personId)) {
      problems.push({ code: 'DUPLICATE_PERSON', cell: at(rowNo, COL.personId), zh: `${at(rowNo, COL.personId)}：“${known}”已在第 ${seen.get(personId)} 行出现`, en: `${personId} repeats row ${seen.get(personId)}` });
    }
    if (personId && !seen.has(personId)) seen.set(personId, rowNo);
    const unfilled = !gradeText && scoreCell === undefined && !assessedBy;
    let grade: string | undefined;
    let score: number | undefined;
    if (!unfilled) {
      if (!gradeText) problems.push({ code: 'GRADE_MISSING', cell: at(rowNo, COL.grade), zh: `${at(rowNo, COL.grade)}：未填写考核等次`, en: 'no grade' });
      else if (!rules.grades.includes(gradeText)) {
        problems.push({ code: 'GRADE_UNKNOWN', cell: at(rowNo, COL.grade), zh: `${at(rowNo, COL.grade)}：考核等次“${gradeText}”不是方案规定的等次（${rules.grades.join('、')}）`, en: `unknown grade ${gradeText}` });
      } else grade = gradeText;
      const n = scoreOf(scoreCell?.value);
      if (scoreCell === undefined) problems.push({ code: 'SCORE_MISSING', cell: at(rowNo, COL.score), zh: `${at(rowNo, COL.score)}：未填写考核分数`, en: 'no score' });
      else if (n === undefined) problems.push({ code: 'SCORE_NOT_NUMBER', cell: at(rowNo, COL.score), zh: `${at(rowNo, COL.score)}：考核分数“${String(scoreCell.value)}”不是数字`, en: 'score is not a number' });
      else if (n < rules.score.min || n > rules.score.max) {
        problems.push({ code: 'SCORE_OUT_OF_RANGE', cell: at(rowNo, COL.score), zh: `${at(rowNo, COL.score)}：考核分数 ${n} 超出范围（${rules.score.min}–${rules.score.max}）`, en: `score ${n} outside ${rules.score.min}-${rules.score.max}` });
      } else score = n;
      if (!assessedBy) problems.push({ code: 'ASSESSOR_MISSING', cell: at(rowNo, COL.assessedBy), zh: `${at(rowNo, COL.assessedBy)}：未填写考核主体`, en: 'no assessor' });
      else if (assessedBy.length > rules.assessedByMax) {
        problems.push({ code: 'ASSESSOR_TOO_LONG', cell: at(rowNo, COL.assessedBy), zh: `${at(rowNo, COL.assessedBy)}：考核主体超过 ${rules.assessedByMax} 个字`, en: 'assessor too long' });
      }
    }
    rows.push({
      row: rowNo, personId, name: known ?? name,
      ...(grade !== undefined ? { grade } : {}), ...(score !== undefined ? { score } : {}),
      ...(assessedBy && assessedBy.length <= rules.assessedByMax ? { assessedBy } : {}),
      problems,
    });
  }
  return { rows, problems: [] };
}

/** A row ready to send: a known person, all three values, no problem. */
export function isComplete(r: AssessmentRow): r is AssessmentRow & { grade: string; score: number; assessedBy: string } {
  return r.problems.length === 0 && r.grade !== undefined && r.score !== undefined && r.assessedBy !== undefined;
}
