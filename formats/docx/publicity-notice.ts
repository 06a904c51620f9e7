import {
  AlignmentType, Document, HeightRule, LineRuleType, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlign,
} from 'docx';
import type { Tier } from '../../domain/tier';
import { withAltNames } from './font-table';
import {
  BODY_CONDENSE, CELL_BORDERS, dxa, ems, FONT, gbDate, gbt9704Section, LINE_PITCH, onGrid, run, SIZE, tableMonth, TEXT_WIDTH,
} from './layout';

/**
 * The 公示 notice (DESIGN §7, §8) as a GB/T 9704-2012 document: the title in 2号小标宋
 * centred, a blank line, the body in 3号仿宋 (first lines indented two characters, on the
 * 22 × 28 grid), the list as a table, then the issuing office centred over the date, the
 * date in Arabic numerals right-indented four characters (7.3.5.1, 7.3.5.3).
 *
 * The list carries exactly what §7 publishes — name, gender, year and month of birth, unit
 * and post, tier — and nothing else: an entry is copied field by field, so an ID number (or
 * anything else) a caller's object happens to hold never reaches the document.
 */
export interface PublicityEntry {
  name: string;
  gender: 'M' | 'F';
  /** Year and month of birth, `YYYY-MM` (or a full ISO date: only year and month are printed). */
  birth: string;
  /** 工作单位及职务, as the form says it (e.g. 金坛区西旸小学三年级班主任). */
  unitAndPost: string;
  tier: Tier;
}

export interface PublicityNoticeData {
  title: string;
  /** The body before the list, one string a paragraph. */
  paragraphs: readonly string[];
  entries: readonly PublicityEntry[];
  /** Paragraphs after the list (how to object, the contact). */
  closing?: readonly string[];
  /** 发文机关署名. */
  issuer: string;
  /** 成文日期, ISO. */
  issuedOn: string;
}

/** Two short lines, so the column stays narrow (the words of domain/tier.ts TIER_NAMES). */
const TIER_WORDS: Record<Tier, string> = { 1: '第一梯队\n党政正职后备', 2: '第二梯队\n党政副职后备', 3: '第三梯队\n学校中层后备' };
const GENDER: Record<'M' | 'F', string> = { M: '男', F: '女' };

/** 序号 · 姓名 · 性别 · 出生年月 · 工作单位及职务 · 拟入库梯队: the widths fill the 156 mm line. */
const COLUMNS: ReadonlyArray<{ head: string; share: number }> = [
  { head: '序号', share: 0.08 },
  { head: '姓名', share: 0.14 },
  { head: '性别', share: 0.08 },
  { head: '出生年月', share: 0.16 },
  { head: '工作单位及职务', share: 0.32 },
  { head: '拟入库梯队', share: 0.22 },
];

function columnWidths(): number[] {
  const widths = COLUMNS.map((c) => Math.floor(TEXT_WIDTH * c.share));
  widths[4]! += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

const body = (text: string) => new Paragraph({
  spacing: onGrid,
  indent: { firstLine: SIZE.san * 20 * 2 },
  alignment: AlignmentType.JUSTIFIED,
  children: run(text, { font: FONT.body, size: SIZE.san, condense: BODY_CONDENSE }),
});

const blank = () => new Paragraph({ spacing: onGrid, children: run('', { font: FONT.body, size: SIZE.san }) });

function cell(text: string, width: number, head: boolean, align: 'center' | 'left' = 'center'): TableCell {
  return new TableCell({
    width: dxa(width),
    borders: CELL_BORDERS,
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 50, right: 50, top: 40, bottom: 40 },
    children: [new Paragraph({
      alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
      // Off the grid inside the table (its 28.95 pt pitch would double-space 4号 text), at a fixed 22 pt.
      spacing: { before: 0, after: 0, line: 440, lineRule: LineRuleType.EXACT },
      children: run(text, { font: head ? FONT.heading : FONT.body, size: SIZE.si, offGrid: true }),
    })],
  });
}

function list(entries: readonly PublicityEntry[]): Table {
  const widths = columnWidths();
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: { value: Math.round(LINE_PITCH * 1.2), rule: HeightRule.ATLEAST },
    children: COLUMNS.map((c, i) => cell(c.head, widths[i]!, true)),
  });
  const rows = entries.map((e, k) => new TableRow({
    cantSplit: true,
    height: { value: LINE_PITCH, rule: HeightRule.ATLEAST },
    children: [
      String(k + 1), e.name, GENDER[e.gender], tableMonth(e.birth), e.unitAndPost, TIER_WORDS[e.tier],
    ].map((text, i) => cell(text, widths[i]!, false, i === 4 ? 'left' : 'center')),
  }));
  return new Table({ columnWidths: widths, width: dxa(TEXT_WIDTH), layout: TableLayoutType.FIXED, rows: [header, ...rows] });
}

/**
 * 7.3.5.1 (加盖印章的公文): 成文日期右空四字; 发文机关署名以成文日期为准居中. The office's right
 * indent centres it over the date: 4 characters + half the difference of their widths.
 */
function signature(issuer: string, issuedOn: string): Paragraph[] {
  const date = gbDate(issuedOn);
  const em = SIZE.san * 20;
  const officeRight = Math.max(0, Math.round((4 + (ems(date) - ems(issuer)) / 2) * em));
  const line = (text: string, right: number) => new Paragraph({
    spacing: onGrid, alignment: AlignmentType.RIGHT, indent: { right },
    children: run(text, { font: FONT.body, size: SIZE.san }),
  });
  return [line(issuer, officeRight), line(date, 4 * em)];
}

/** The notice as .docx bytes. */
export async function publicityNotice(data: PublicityNoticeData): Promise<Uint8Array> {
  const entries = data.entries.map((e): PublicityEntry => ({ name: e.name, gender: e.gender, birth: e.birth, unitAndPost: e.unitAndPost, tier: e.tier }));
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    // Off the grid, at a fixed 35 pt (a 2号 line on the 28.95 pt grid would take two).
    spacing: { before: 0, after: 0, line: 700, lineRule: LineRuleType.EXACT },
    children: run(data.title, { font: FONT.title, latin: FONT.title, size: SIZE.er, offGrid: true }),
  });
  const doc = new Document({
    creator: data.issuer,
    title: data.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: FONT.body }, size: SIZE.san * 2 } } } },
    sections: [gbt9704Section([
      title,
      blank(),
      ...data.paragraphs.map(body),
      list(entries),
      ...(data.closing ?? []).map(body),
      blank(),
      ...signature(data.issuer, data.issuedOn),
    ])],
  });
  return withAltNames(await Packer.toBuffer(doc));
}
