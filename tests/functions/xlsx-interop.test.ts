import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseNominationForm } from '../../domain/form/parse';
import { INSTRUCTIONS_SHEET, NOMINATION_SHEET, templateHeaders } from '../../formats/xlsx/columns';
import { readNominationWorkbook } from '../../formats/xlsx/nomination';
import { buildNominationTemplate } from '../../formats/xlsx/template';
import { idNumberFor, validForm } from '../support/forms';
import { rowFor } from '../support/xlsx';

/**
 * The template against an independent spreadsheet implementation (ExcelJS, a test-only
 * dependency): a school office opens what the API hands out in its own software, fills it
 * and saves. ExcelJS saves as Excel does (shared strings, styles, dates as serials with a
 * date format), so this is the round trip our own writer cannot prove by itself. A file
 * LibreOffice saved is kept as a fixture (its README says how it was made).
 */

const ID = idNumberFor('1992-05-01');

async function openInExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return v === null || v === undefined ? '' : String(v as string | number);
}

/** One candidate in row 2 (rowFor(ID)), reading as tests/support/forms.ts validForm() plus its second scholarship. */
function expectTheExampleFormInRow2(bytes: Uint8Array): void {
  const read = readNominationWorkbook(bytes);
  expect(read.ok).toBe(true);
  if (!read.ok) return;
  expect(read.value.map((r) => r.row)).toEqual([2]);
  const parsed = parseNominationForm(read.value[0]?.form);
  expect(parsed.ok ? [] : parsed.problems.map((p) => `${p.code} ${p.path}`)).toEqual([]);
  const expected = validForm();
  expected.candidate.scholarships.push({ class: 2, year: 2013 });
  if (parsed.ok) expect(parsed.value).toEqual(expected);
}

describe('the template in another spreadsheet implementation', () => {
  it('opens with the instructions and the form sheet, Chinese headers intact', async () => {
    const wb = await openInExcelJs(buildNominationTemplate());
    expect(wb.worksheets.map((w) => w.name)).toEqual([INSTRUCTIONS_SHEET, NOMINATION_SHEET]);
    const sheet = wb.getWorksheet(NOMINATION_SHEET)!;
    const header = templateHeaders().map((_, i) => cellText(sheet.getRow(1).getCell(i + 1).value));
    expect(header).toEqual(templateHeaders());
  });

  it('filled and saved there (shared strings, a real date cell), intake reads the same form as the JSON example', async () => {
    const wb = await openInExcelJs(buildNominationTemplate());
    const sheet = wb.getWorksheet(NOMINATION_SHEET)!;
    const short = templateHeaders().map((h) => h.replace(/[（(].*$/, ''));
    const values = rowFor(ID);
    short.forEach((h, i) => {
      const v = values[h];
      if (v === undefined || v === null) return;
      // The birth date typed into a date-formatted cell: Excel stores a serial number.
      sheet.getRow(2).getCell(i + 1).value = h === '出生日期' ? new Date(Date.UTC(1992, 4, 1)) : (v as ExcelJS.CellValue);
    });
    sheet.getRow(2).commit();
    const saved = new Uint8Array(await wb.xlsx.writeBuffer());

    expectTheExampleFormInRow2(saved);
  });
});

describe('a workbook saved by LibreOffice (tests/fixtures/xlsx)', () => {
  it('intake reads the candidate LibreOffice 7.4 saved, the same form as the JSON example', () => {
    expectTheExampleFormInRow2(new Uint8Array(readFileSync(new URL('../fixtures/xlsx/libreoffice-7.4-filled.xlsx', import.meta.url))));
  });
});
