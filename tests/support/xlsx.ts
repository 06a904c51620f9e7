import { strToU8, zipSync } from 'fflate';
import { templateHeaders } from '../../formats/xlsx/columns';
import { writeWorkbook, type WriteValue } from '../../formats/xlsx/write';

/**
 * Fills the template's 推荐表 the way a school office would: a row per candidate, values by
 * header (the short name, e.g. "学历1", "身份证号"). Shared strings, as Excel saves.
 */
export function fillNominationWorkbook(rows: Array<Record<string, WriteValue>>, opts: { sharedStrings?: boolean; headers?: string[]; sheetName?: string } = {}): Uint8Array {
  const headers = opts.headers ?? templateHeaders();
  const short = headers.map((h) => h.replace(/[（(].*$/, ''));
  const body = rows.map((r) => short.map((h) => r[h] ?? null));
  return writeWorkbook(
    [{ name: '填写说明', rows: [['说明']] }, { name: opts.sheetName ?? '推荐表', rows: [headers, ...body] }],
    { sharedStrings: opts.sharedStrings ?? true },
  );
}

/** A template row for a form like tests/support/forms.ts validForm(). */
export function rowFor(id: string, over: Record<string, WriteValue> = {}): Record<string, WriteValue> {
  return {
    序号: 1,
    遴选批次: '2026-R1',
    单位代码: 'JT-XYXX',
    单位名称: '金坛区西旸小学',
    单位类型: '小学',
    推荐梯队: '第三梯队',
    人选来源: '遴选',
    姓名: '张三',
    性别: '女',
    身份证号: id,
    出生日期: '1992-05-01',
    学历1: '本科/是/南京师范大学/2014-06-30',
    任职1: '班主任/三年级班主任/金坛区西旸小学/2015-09-01/至今',
    荣誉1: '常州市教学能手/2019-09-10',
    优质课1: '区级/二等奖/2021',
    学生干部1: '学生会副主席/院系级',
    奖学金1: '二等/2012',
    奖学金2: '二等/2013',
    基本条件鉴定: '是',
    鉴定党组织: '西旸小学党支部',
    鉴定日期: '2026-03-01',
    ...over,
  };
}

/**
 * A zip bomb: one entry of `mb` megabytes of zeros (compresses ~1000:1). With `lie`, the
 * sizes in the headers are patched to claim 1 KB, so only the inflate limit can catch it.
 */
export function zipBomb(mb: number, lie = false): Uint8Array {
  const zeros = new Uint8Array(mb * 1024 * 1024);
  const zip = zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="推荐表" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': zeros,
  }, { level: 9 });
  if (!lie) return zip;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const declared = 1024;
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint32(i + 22, true) === zeros.length) view.setUint32(i + 22, declared, true);
    if (sig === 0x02014b50 && view.getUint32(i + 24, true) === zeros.length) view.setUint32(i + 24, declared, true);
  }
  return zip;
}
