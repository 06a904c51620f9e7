import {
  AlignmentType, BorderStyle, Footer, LineRuleType, PageNumber, Paragraph, TextRun, WidthType,
  type IRunOptions, type ISectionOptions, type ITableCellBorders,
} from 'docx';

/**
 * What both documents share: units, the fonts they name, the run and paragraph helpers, and
 * GB/T 9704-2012's page (A4, 版心 156 mm × 225 mm, 22 lines of 28 characters, the page
 * number "— 1 —" outside). Fonts are named, never embedded (DESIGN §8): every run names its
 * East Asian font (`w:eastAsia`) beside a Latin one, so Word and WPS pick the office's
 * installed 仿宋_GB2312 / 方正小标宋简体 / 黑体, and LibreOffice substitutes a CJK font it has.
 */

/** Twentieths of a point ("twips") in a millimetre: 1440 to the inch, 25.4 mm to the inch. */
export const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

/** Half-points, as `w:sz` counts them. */
export const pt = (points: number): number => points * 2;

/** Chinese type sizes (字号) in points. */
export const SIZE = { er: 22, san: 16, si: 14, xiaosi: 12 } as const;

/** The fonts GB/T 9704 names; Latin text (digits, dates) in Times New Roman as offices set it. */
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  song: '宋体',
  latin: 'Times New Roman',
} as const;

/**
 * What LibreOffice / WPS may fall back to when the named font is missing (the font table's
 * `w:altName`): 方正小标宋简体 is also installed as "小标宋" on many office machines.
 */
export const ALT_NAMES: Readonly<Record<string, string>> = {
  [FONT.title]: '小标宋',
  [FONT.body]: '仿宋',
};

/** Run fonts: the East Asian one named for `w:eastAsia`, Latin for the rest. */
export function fonts(eastAsia: string, latin: string = FONT.latin) {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia };
}

/**
 * A run of text. Characters XML 1.0 cannot carry (control characters a pasted form may hold)
 * are dropped here: the docx package escapes `&`, `<`, `>` and quotes, but writes control
 * characters as they are, which would make the part unreadable (Word refuses the file).
 * A line feed becomes a line break inside the paragraph.
 */
export function run(text: string, opts: { font: string; size: number; bold?: boolean; latin?: string; condense?: number; offGrid?: boolean }): TextRun[] {
  const lines = xmlText(text).split('\n');
  return lines.map((line, i) => new TextRun({
    text: line,
    ...(i > 0 ? { break: 1 } : {}),
    font: fonts(opts.font, opts.latin),
    size: pt(opts.size),
    ...(opts.bold ? { bold: true } : {}),
    ...(opts.condense ? { characterSpacing: opts.condense } : {}),
    ...(opts.offGrid ? { snapToGrid: false } : {}),
    language: { value: 'en-US', eastAsia: 'zh-CN' },
  } satisfies IRunOptions));
}

/** Text as XML 1.0 can carry it: control characters, lone surrogates and U+FFFE/U+FFFF removed; CR LF → LF. */
export function xmlText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    // The characters XML 1.0 forbids (matching them is the point of this pattern); tab and LF stay.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

/**
 * Width of text in em (one Chinese character = 1): half-width ASCII counts ½. Used to place
 * the issuing office centred over the date (GB/T 9704 7.3.5.1) and to size nothing else.
 */
export function ems(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x7f ? 0.5 : 1;
  return n;
}

/** GB/T 9704-2012 7.3.5: 成文日期 in Arabic numerals, the year in full, no padding zeros (2027年3月5日). */
export function gbDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The 任免审批表's dates: YYYY.MM (from an ISO date or a YYYY-MM). */
export function tableMonth(iso: string): string {
  return `${iso.slice(0, 4)}.${iso.slice(5, 7)}`;
}

/** GB/T 9704-2012 5.2.1 / 5.2.2: A4; 天头 37 mm, 订口 28 mm; 版心 156 mm × 225 mm. */
export const GBT9704_PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  /** 5.2.2: 一般每面排 22 行，每行排 28 个字，并撑满版心. */
  lines: 22,
  chars: 28,
} as const;

/** The text block (版心) in twips. */
export const TEXT_WIDTH = GBT9704_PAGE.width - GBT9704_PAGE.margin.left - GBT9704_PAGE.margin.right;
export const TEXT_HEIGHT = GBT9704_PAGE.height - GBT9704_PAGE.margin.top - GBT9704_PAGE.margin.bottom;

/** One line of the 22-line grid (≈ 28.95 pt), the fixed line spacing of the body. */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / GBT9704_PAGE.lines);

/**
 * 28 characters of 3号 (16 pt) are 158 mm, 2 mm more than the line: the body's runs are
 * condensed by the difference (`w:spacing`, in twips per character, about −0.2 pt), so 28
 * fill the 156 mm line. (Word's character grid — `linesAndChars` with `charSpace` −849 —
 * does the same in Word, but LibreOffice spreads the characters of a grid far wider, to 16
 * a line, tables included: measured with LibreOffice 7.4, so the grid here is lines only.)
 */
export const BODY_CONDENSE = Math.floor(TEXT_WIDTH / GBT9704_PAGE.chars - SIZE.san * 20);

/** Exact line spacing on the grid. */
export const onGrid = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

/**
 * GB/T 9704-2012 7.5: 页码 4号半角宋体阿拉伯数字, with a 一字线 on each side, about 7 mm under
 * the text block; odd pages on the right, even pages on the left, one character in.
 */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const size = SIZE.si;
  const dash = (text: string) => new TextRun({ text, font: fonts(FONT.song, FONT.song), size: pt(size) });
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      indent: side === 'odd' ? { right: size * 20 } : { left: size * 20 },
      children: [
        dash('— '),
        new TextRun({ children: [PageNumber.CURRENT], font: fonts(FONT.song, FONT.song), size: pt(size) }),
        dash(' —'),
      ],
    })],
  });
}

/** The section of a GB/T 9704 document: page, grid, page numbers outside. */
export function gbt9704Section(children: ISectionOptions['children']): ISectionOptions {
  const p = GBT9704_PAGE;
  return {
    properties: {
      page: {
        size: { width: p.width, height: p.height },
        // Footer distance: the number's line sits about 7 mm under the text block (7.5).
        margin: { ...p.margin, header: mm(15), footer: p.margin.bottom - mm(7) - SIZE.si * 20 },
      },
      grid: { type: 'lines', linePitch: LINE_PITCH },
    },
    footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
    children,
  };
}

/** Single black lines round every cell (the list, the 任免审批表). */
export const CELL_BORDERS: ITableCellBorders = Object.fromEntries(
  (['top', 'bottom', 'left', 'right'] as const).map((side) => [side, { style: BorderStyle.SINGLE, size: 6, color: '000000' }]),
) as ITableCellBorders;

export const dxa = (size: number) => ({ size, type: WidthType.DXA });
