import {
  AlignmentType, Document, HeightRule, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlign,
} from 'docx';
import { withAltNames } from './font-table';
import { CELL_BORDERS, dxa, FONT, mm, run, SIZE, tableMonth } from './layout';

/**
 * A member's 干部任免审批表 in the 中组部 layout (DESIGN §8): two A4 pages, one table each.
 * Page one: 姓名 性别 出生年月（岁） 照片 / 民族 籍贯 出生地 / 入党时间 参加工作时间 健康状况 /
 * 专业技术职务 熟悉专业有何专长 / 学历学位 (全日制教育, 在职教育, each with 毕业院校系及专业) /
 * 现任职务 拟任职务 拟免职务 / 简历. Page two: 奖惩情况 年度考核结果 任免理由 /
 * 家庭主要成员及重要社会关系 (称谓 姓名 年龄 政治面貌 工作单位及职务) / 呈报单位 / 审批机关意见
 * 行政机关任免意见. Dates as the table writes them (YYYY.MM).
 *
 * Every field is optional: what the caller does not know is left blank for the office to
 * fill — never guessed. (There is no ID number on the printed table; the .lrmx carries one.)
 */
export interface Education {
  /** 学历（学位） as written, e.g. 大学本科 / 硕士研究生. */
  degree: string;
  /** 毕业院校系及专业. */
  school: string;
}

export interface FamilyMember {
  relation: string;
  name: string;
  age?: number;
  politicalStatus?: string;
  workplace?: string;
}

export interface AppointmentFormData {
  name?: string;
  gender?: 'M' | 'F';
  /** ISO date or YYYY-MM; printed YYYY.MM with the age beside it. */
  birth?: string;
  /** Completed years (周岁) on the day the table is made. */
  age?: number;
  ethnicity?: string;
  nativePlace?: string;
  birthPlace?: string;
  /** 入党时间 / 参加工作时间, ISO date or YYYY-MM. */
  partyJoined?: string;
  workStarted?: string;
  health?: string;
  professionalTitle?: string;
  expertise?: string;
  fullTime?: Education;
  partTime?: Education;
  currentPost?: string;
  proposedPost?: string;
  postToLeave?: string;
  /** 简历: one line a period. */
  resume?: ReadonlyArray<{ from: string; to: string | null; what: string }>;
  rewardsAndPenalties?: readonly string[];
  /** 年度考核结果 as written (e.g. 2027年度合格；2028年度优秀). */
  annualReviews?: string;
  reason?: string;
  family?: readonly FamilyMember[];
  submittingUnit?: string;
}

const GENDER: Record<'M' | 'F', string> = { M: '男', F: '女' };

/** The text block: A4 with 25 mm top and left (the binding side), 20 mm bottom and right. */
const MARGIN = { top: mm(25), bottom: mm(20), left: mm(25), right: mm(20) };
const WIDTH = mm(210) - MARGIN.left - MARGIN.right;

/** Page one's grid: label, value, label, value, label, value, and two columns under the photo. */
const GRID_1 = fill([1250, 1250, 1250, 1250, 1250, 1250, 950], WIDTH);
/** Page two's grid: label, then 称谓 姓名 年龄 政治面貌 工作单位及职务 (the approvals split it in two). */
const GRID_2 = fill([1250, 900, 1603, 900, 1300], WIDTH);

function fill(widths: number[], total: number): number[] {
  return [...widths, total - widths.reduce((a, b) => a + b, 0)];
}

const span = (grid: readonly number[], from: number, n: number) => grid.slice(from, from + n).reduce((a, b) => a + b, 0);

interface CellSpec {
  text: string;
  /** Grid columns spanned (1 when not given). */
  cols?: number;
  rows?: number;
  label?: boolean;
  align?: 'center' | 'left' | 'right';
  top?: boolean;
}

function row(grid: readonly number[], height: number, cells: CellSpec[], rule: (typeof HeightRule)[keyof typeof HeightRule] = HeightRule.ATLEAST): TableRow {
  let col = 0;
  const children = cells.map((c) => {
    const cols = c.cols ?? 1;
    const width = span(grid, col, cols);
    col += cols;
    const align = c.align ?? (c.label ? 'center' : 'left');
    return new TableCell({
      width: dxa(width),
      ...(cols > 1 ? { columnSpan: cols } : {}),
      ...(c.rows && c.rows > 1 ? { rowSpan: c.rows } : {}),
      borders: CELL_BORDERS,
      verticalAlign: c.top ? VerticalAlign.TOP : VerticalAlign.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: [new Paragraph({
        alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { before: 0, after: 0, line: 300 },
        children: run(c.text, { font: c.label ? FONT.song : FONT.body, size: SIZE.xiaosi }),
      })],
    });
  });
  return new TableRow({ cantSplit: true, height: { value: height, rule }, children });
}

const opt = (s: string | undefined) => s ?? '';
const month = (s: string | undefined) => (s ? tableMonth(s) : '');

/** 1992.05 (34岁): the age in brackets under the month, as the table prints it. */
function birthText(d: AppointmentFormData): string {
  if (!d.birth) return '';
  return d.age === undefined ? tableMonth(d.birth) : `${tableMonth(d.birth)}\n(${d.age}岁)`;
}

/** 简历: `YYYY.MM--YYYY.MM  post` a line; a period still running ends in `--` and blanks. */
function resumeText(lines: AppointmentFormData['resume']): string {
  return (lines ?? []).map((l) => `${tableMonth(l.from)}--${l.to ? tableMonth(l.to) : '       '}  ${l.what}`).join('\n');
}

const TITLE_SIZE = SIZE.er;

function pageOne(d: AppointmentFormData): Table {
  const g = GRID_1;
  const H = 620;
  const rows = [
    row(g, H, [
      { text: '姓  名', label: true }, { text: opt(d.name), align: 'center' },
      { text: '性  别', label: true }, { text: d.gender ? GENDER[d.gender] : '', align: 'center' },
      { text: '出生年月\n(  岁)', label: true }, { text: birthText(d), align: 'center' },
      { text: '照片', cols: 2, rows: 4, label: true },
    ]),
    row(g, H, [
      { text: '民  族', label: true }, { text: opt(d.ethnicity), align: 'center' },
      { text: '籍  贯', label: true }, { text: opt(d.nativePlace), align: 'center' },
      { text: '出 生 地', label: true }, { text: opt(d.birthPlace), align: 'center' },
    ]),
    row(g, H, [
      { text: '入党时间', label: true }, { text: month(d.partyJoined), align: 'center' },
      { text: '参加工作\n时间', label: true }, { text: month(d.workStarted), align: 'center' },
      { text: '健康状况', label: true }, { text: opt(d.health), align: 'center' },
    ]),
    row(g, H, [
      { text: '专业技术\n职务', label: true }, { text: opt(d.professionalTitle), cols: 2 },
      { text: '熟悉专业\n有何专长', label: true }, { text: opt(d.expertise), cols: 2 },
    ]),
    row(g, H, [
      { text: '学  历\n学  位', label: true, rows: 2 }, { text: '全日制\n教  育', label: true },
      { text: opt(d.fullTime?.degree), cols: 2 }, { text: '毕业院校\n系及专业', label: true }, { text: opt(d.fullTime?.school), cols: 3 },
    ]),
    row(g, H, [
      { text: '在  职\n教  育', label: true },
      { text: opt(d.partTime?.degree), cols: 2 }, { text: '毕业院校\n系及专业', label: true }, { text: opt(d.partTime?.school), cols: 3 },
    ]),
    row(g, H, [{ text: '现任职务', label: true, cols: 2 }, { text: opt(d.currentPost), cols: 6 }]),
    row(g, H, [{ text: '拟任职务', label: true, cols: 2 }, { text: opt(d.proposedPost), cols: 6 }]),
    row(g, H, [{ text: '拟免职务', label: true, cols: 2 }, { text: opt(d.postToLeave), cols: 6 }]),
    row(g, mm(130), [{ text: '简\n\n\n\n历', label: true }, { text: resumeText(d.resume), cols: 7, top: true }]),
  ];
  return new Table({ columnWidths: g, width: dxa(WIDTH), layout: TableLayoutType.FIXED, rows });
}

const SEAL = '\n\n（盖章）\n年    月    日';

function pageTwo(d: AppointmentFormData): Table {
  const g = GRID_2;
  const familyRows = 7;
  const family = [...(d.family ?? [])].slice(0, familyRows - 1);
  const blankRows = familyRows - 1 - family.length;
  const member = (f: FamilyMember | undefined): CellSpec[] => [
    { text: opt(f?.relation), align: 'center' }, { text: opt(f?.name), align: 'center' },
    { text: f?.age === undefined ? '' : String(f.age), align: 'center' }, { text: opt(f?.politicalStatus), align: 'center' },
    { text: opt(f?.workplace) },
  ];
  const rows = [
    row(g, mm(42), [{ text: '奖\n惩\n情\n况', label: true }, { text: (d.rewardsAndPenalties ?? []).join('\n'), cols: 5, top: true }]),
    row(g, mm(22), [{ text: '年度考核\n结    果', label: true }, { text: opt(d.annualReviews), cols: 5, top: true }]),
    row(g, mm(26), [{ text: '任\n免\n理\n由', label: true }, { text: opt(d.reason), cols: 5, top: true }]),
    row(g, mm(10), [
      { text: '家庭主要\n成员及重\n要社会关\n系', label: true, rows: familyRows },
      { text: '称  谓', label: true }, { text: '姓  名', label: true }, { text: '年龄', label: true },
      { text: '政治\n面貌', label: true }, { text: '工作单位及职务', label: true },
    ]),
    ...family.map((f) => row(g, mm(10), member(f))),
    ...Array.from({ length: blankRows }, () => row(g, mm(10), member(undefined))),
    row(g, mm(30), [{ text: '呈\n报\n单\n位', label: true }, { text: `${opt(d.submittingUnit)}${SEAL}`, cols: 5, align: 'right' }]),
    row(g, mm(42), [
      { text: '审批机关\n意    见', label: true }, { text: SEAL, cols: 3, align: 'right' },
      { text: '行政机关\n任免意见', label: true }, { text: SEAL, align: 'right' },
    ]),
  ];
  return new Table({ columnWidths: g, width: dxa(WIDTH), layout: TableLayoutType.FIXED, rows });
}

/** The 任免审批表 as .docx bytes. */
export async function appointmentForm(data: AppointmentFormData): Promise<Uint8Array> {
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: 200 },
    children: run('干部任免审批表', { font: FONT.title, latin: FONT.title, size: TITLE_SIZE }),
  });
  const doc = new Document({
    title: `干部任免审批表${data.name ? `（${data.name}）` : ''}`,
    styles: { default: { document: { run: { font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: FONT.body }, size: SIZE.xiaosi * 2 } } } },
    sections: [{
      properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { ...MARGIN, header: mm(12), footer: mm(10) } } },
      children: [title, pageOne(data), new Paragraph({ pageBreakBefore: true, children: [] }), pageTwo(data)],
    }],
  });
  return withAltNames(await Packer.toBuffer(doc));
}
