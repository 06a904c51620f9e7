import {
  AlignmentType, BorderStyle, Document, HeightRule, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlign,
  type ITableCellBorders,
} from 'docx';
import { withAltNames } from './font-table';
import { dxa, FONT, mm, run } from './layout';

/**
 * 民主推荐's slips (S-RECOMMEND): one one-time code per slip, eight slips to an A4 page (two
 * across, four down) with dashed cut lines between them, for the bureau to print and hand out
 * at a unit's staff meeting. Each slip says what it is for (the round, the unit), where to
 * vote (the ballot page's address), the code in large unambiguous type, and how (a phone's
 * browser, once, no sign-in). No QR code: no QR encoder is among the project's packages, and
 * a typed address is what a phone without a scanner falls back to anyway.
 *
 * Pure and portable: the bytes come from Packer.toArrayBuffer, so the console builds the
 * slips in the browser from the codes it was just given — the codes are never written to a
 * file on any server — and the bureau CLI writes the same document to disk.
 */
export interface BallotSlipsData {
  roundTitle: string;
  unitName: string;
  /** The public ballot page (the console's /vote), printed in full. */
  ballotUrl: string;
  /** The deadline as the slip prints it (e.g. 2026年4月10日 17:00). */
  closesAtText: string;
  /** Codes as printed: ABCD-EFGH-JKMN. */
  codes: readonly string[];
}

const PAGE = { width: mm(210), height: mm(297), margin: mm(10) } as const;
const COLS = 2;
const ROWS_PER_PAGE = 4;
const INNER_WIDTH = PAGE.width - 2 * PAGE.margin;
const SLIP_WIDTH = Math.floor(INNER_WIDTH / COLS);
// A little under a quarter of the height, so four rows never spill onto a fifth line of the page.
const SLIP_HEIGHT = Math.floor((PAGE.height - 2 * PAGE.margin) / ROWS_PER_PAGE) - mm(2);

/** Cut lines: dashed, grey, on every side (adjacent slips share theirs). */
const CUT: ITableCellBorders = Object.fromEntries(
  (['top', 'bottom', 'left', 'right'] as const).map((side) => [side, { style: BorderStyle.DASHED, size: 6, color: '808080' }]),
) as ITableCellBorders;

const para = (children: ReturnType<typeof run>, opts: { center?: boolean; after?: number } = {}) =>
  new Paragraph({ children, ...(opts.center ? { alignment: AlignmentType.CENTER } : {}), spacing: { before: 0, after: opts.after ?? mm(1) } });

function slip(data: BallotSlipsData, code: string | undefined): TableCell {
  if (code === undefined) return new TableCell({ borders: CUT, width: dxa(SLIP_WIDTH), children: [new Paragraph({})] });
  return new TableCell({
    borders: CUT,
    width: dxa(SLIP_WIDTH),
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: mm(5), right: mm(5), top: mm(3), bottom: mm(3) },
    children: [
      para(run('民主推荐投票码', { font: FONT.heading, size: 14 }), { center: true, after: mm(1.5) }),
      para(run(data.roundTitle, { font: FONT.song, size: 10.5 }), { center: true }),
      para(run(`单位：${data.unitName}`, { font: FONT.song, size: 10.5 }), { center: true, after: mm(2) }),
      // The code in a Latin monospace, bold and large: read aloud, typed on a phone.
      para(run(code, { font: FONT.song, latin: 'Courier New', size: 20, bold: true }), { center: true, after: mm(2) }),
      para(run(`手机浏览器打开：${data.ballotUrl}`, { font: FONT.song, size: 9 })),
      para(run(`输入上方投票码，对每位候选人选择“推荐”“不推荐”或“弃权”后提交。无需登录；每码只能投票一次，投票不记名，请勿转借。截止时间：${data.closesAtText}。`, { font: FONT.song, size: 9 }), { after: 0 }),
    ],
  });
}

export async function ballotSlipsDocx(data: BallotSlipsData): Promise<Uint8Array> {
  const rows: TableRow[] = [];
  for (let i = 0; i < data.codes.length; i += COLS) {
    rows.push(new TableRow({
      cantSplit: true,
      height: { value: SLIP_HEIGHT, rule: HeightRule.EXACT },
      children: Array.from({ length: COLS }, (_, j) => slip(data, data.codes[i + j])),
    }));
  }
  const doc = new Document({
    creator: 'talent-pool',
    title: `民主推荐投票码 ${data.unitName}`,
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
      children: rows.length > 0
        ? [new Table({ columnWidths: Array<number>(COLS).fill(SLIP_WIDTH), width: dxa(SLIP_WIDTH * COLS), layout: TableLayoutType.FIXED, rows })]
        : [new Paragraph({})],
    }],
  });
  return withAltNames(new Uint8Array(await Packer.toArrayBuffer(doc)));
}

/** The slips' file name: the unit first, as an office files it. */
export function ballotSlipsFileName(unitName: string, roundId: string): string {
  return `民主推荐投票码-${unitName}-${roundId}.docx`;
}
