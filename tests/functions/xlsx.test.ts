import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseNominationForm } from '../../domain/form/parse';
import { NOMINATION_SHEET, INSTRUCTIONS_SHEET, templateHeaders } from '../../formats/xlsx/columns';
import { cellFor, readNominationWorkbook, toIsoDate } from '../../formats/xlsx/nomination';
import { buildNominationTemplate } from '../../formats/xlsx/template';
import { openWorkbook } from '../../formats/xlsx/workbook';
import { DEFAULT_ZIP_LIMITS } from '../../formats/xlsx/zip';
import { idNumberFor, validForm } from '../support/forms';
import { fillNominationWorkbook, rowFor, zipBomb } from '../support/xlsx';

const ID = idNumberFor('1992-05-01');

function codes(r: { ok: boolean; problems?: { code: string }[] }): string[] {
  return r.ok ? [] : (r.problems ?? []).map((p) => p.code);
}

describe('nomination template', () => {
  const template = buildNominationTemplate();

  it('is a workbook with the instructions first and the form sheet second', () => {
    const wb = openWorkbook(template, DEFAULT_ZIP_LIMITS);
    expect(wb.sheetNames).toEqual([INSTRUCTIONS_SHEET, NOMINATION_SHEET]);
    const header = [...(wb.sheet(NOMINATION_SHEET)?.rows.get(1)?.values() ?? [])].map((c) => c.value);
    expect(header).toEqual(templateHeaders());
    expect(header).toEqual(expect.arrayContaining(['单位代码', '单位名称', '单位类型', '推荐梯队', '姓名', '性别', '身份证号', '出生日期']));
    const instructions = [...(wb.sheet(INSTRUCTIONS_SHEET)?.rows.values() ?? [])].flatMap((r) => [...r.values()].map((c) => String(c.value))).join('\n');
    expect(instructions).toContain('层次/全日制/院校/毕业日期');
    expect(instructions).toContain('类别/职务/单位/起/止');
  });

  it('has the parts Excel and LibreOffice require (checked by an independent zip reader)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
    const path = join(dir, 'template.xlsx');
    writeFileSync(path, template);
    const script = [
      'import sys, zipfile, xml.dom.minidom as m',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'names = z.namelist()',
      'assert names[0] == "[Content_Types].xml", names',
      'for n in ["_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]: assert n in names, n',
      'for n in names: m.parseString(z.read(n))',
      'print("ok")',
    ].join('\n');
    let out = '';
    try {
      out = execFileSync('python3', ['-c', script, path], { encoding: 'utf8' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // no python here: the re-read test above still holds
      throw e;
    }
    expect(out.trim()).toBe('ok');
  });

  it('an empty template reads as no rows', () => {
    expect(readNominationWorkbook(template)).toEqual({ ok: true, value: [] });
  });
});

describe('readNominationWorkbook', () => {
  it('round-trips: a filled row parses into the same form as the JSON example', () => {
    const bytes = fillNominationWorkbook([rowFor(ID), { 序号: 2, 备注: ' ' }, rowFor(idNumberFor('1990-01-02', '451'), { 姓名: '李四', 性别: '男', 出生日期: 32875 }), { 序号: 4 }]);
    const read = readNominationWorkbook(bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.map((r) => r.row)).toEqual([2, 4]);
    const first = read.value[0];
    const parsed = parseNominationForm(first?.form);
    expect(codes(parsed)).toEqual([]);
    const expected = validForm();
    expected.candidate.scholarships.push({ class: 2, year: 2013 });
    if (parsed.ok) expect(parsed.value).toEqual(expected);
    // An Excel date serial becomes an ISO date (32875 = 1990-01-02).
    const second = parseNominationForm(read.value[1]?.form);
    expect(codes(second)).toEqual([]);
    if (second.ok) expect(second.value.candidate.birthDate).toBe('1990-01-02');
  });

  it('reads inline strings as well as shared strings', () => {
    const read = readNominationWorkbook(fillNominationWorkbook([rowFor(ID)], { sharedStrings: false }));
    expect(read.ok && parseNominationForm(read.value[0]?.form).ok).toBe(true);
  });

  it('maps a bad field back to its cell', () => {
    const read = readNominationWorkbook(fillNominationWorkbook([rowFor(ID, { 学历1: '高中/是/某中学/2010-06-30' }), rowFor(ID, { 出生日期: '1992-05-02' })]));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const row = read.value[0];
    if (!row) throw new Error('no row');
    const parsed = parseNominationForm(row.form);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const headers = templateHeaders();
    const col = (h: string) => String.fromCharCode(65 + headers.findIndex((x) => x.startsWith(h)));
    const level = parsed.problems.find((p) => p.path === 'candidate.education[0].level');
    expect(level).toBeDefined();
    expect(cellFor(row, level?.path ?? '')).toBe(`推荐表!${col('学历1')}2`);
    const row3 = read.value[1];
    const parsed3 = parseNominationForm(row3?.form);
    const birth = parsed3.ok ? undefined : parsed3.problems.find((p) => p.path === 'candidate.birthDate');
    expect(birth?.code).toBe('FORM_ID_BIRTHDATE_MISMATCH');
    expect(row3 && cellFor(row3, birth?.path ?? '')).toBe(`推荐表!${col('出生日期')}3`);
  });

  it('flags an ID number Excel stored as a number', () => {
    const read = readNominationWorkbook(fillNominationWorkbook([rowFor(ID, { 身份证号: 320482199205014500 })]));
    expect(read.ok && read.value[0]?.problems.map((p) => p.code)).toEqual(['XLSX_ID_AS_NUMBER']);
  });

  it('flags a cell with too many parts', () => {
    const read = readNominationWorkbook(fillNominationWorkbook([rowFor(ID, { 荣誉1: '常州市教学能手/2019-09-10/多余/多余' })]));
    expect(read.ok && read.value[0]?.problems.map((p) => p.code)).toEqual(['XLSX_CELL_FORMAT']);
  });

  it('rejects what is not a workbook, with stable codes', () => {
    expect(codes(readNominationWorkbook(new Uint8Array([1, 2, 3, 4, 5])))).toEqual(['XLSX_NOT_ZIP']);
    expect(codes(readNominationWorkbook(strToU8('PK\u0003\u0004 but not really a zip at all ...')))).toEqual(['XLSX_NOT_ZIP']);
    expect(codes(readNominationWorkbook(zipSync({ 'a.txt': strToU8('hello') })))).toEqual(['XLSX_CORRUPT']);
    expect(codes(readNominationWorkbook(fillNominationWorkbook([rowFor(ID)], { sheetName: 'Sheet1' })))).toEqual(['XLSX_NO_SHEET']);
    expect(codes(readNominationWorkbook(fillNominationWorkbook([rowFor(ID)], { headers: ['姓名', '身份证号', '奇怪的列'] })))).toEqual(['XLSX_HEADER', 'XLSX_HEADER']);
  });

  it('refuses zip bombs: by the declared size, and by inflating no further than declared', () => {
    expect(codes(readNominationWorkbook(zipBomb(30)))).toEqual(['XLSX_TOO_LARGE']);
    // 5 MB of zeros: under the total limit, over the ratio limit.
    expect(codes(readNominationWorkbook(zipBomb(5)))).toEqual(['XLSX_TOO_LARGE']);
    // Headers that lie (claim 1 KB): inflation stops at the declared size.
    expect(codes(readNominationWorkbook(zipBomb(30, true)))).toEqual(['XLSX_TOO_LARGE']);
  });

  it('refuses XML with a DOCTYPE (entity expansion)', () => {
    const bytes = zipSync({
      'xl/workbook.xml': strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook><sheets/></workbook>'),
    });
    expect(codes(readNominationWorkbook(bytes))).toEqual(['XLSX_CORRUPT']);
  });
});

describe('dates', () => {
  it('converts Excel serials and common written forms', () => {
    expect(toIsoDate(45748)).toBe('2025-04-01');
    expect(toIsoDate(1, true)).toBe('1904-01-02');
    expect(toIsoDate('2014.6.30')).toBe('2014-06-30');
    expect(toIsoDate('2014年6月3日')).toBe('2014-06-03');
    expect(toIsoDate('去年')).toBe('去年');
  });
});

describe('XML text', () => {
  it('decodes entities and numeric character references once', async () => {
    const { decodeXml } = await import('../../formats/xlsx/workbook');
    expect(decodeXml('a&#10;b&amp;c&#x4E2D;&lt;')).toBe('a\nb&c中<');
    expect(decodeXml('&amp;#10;')).toBe('&#10;');
  });
});
