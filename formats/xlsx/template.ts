import {
  GROUPS, INSTRUCTIONS_SHEET, NOMINATION_SHEET, SCALAR_COLUMNS, TEMPLATE_VERSION, groupHeader, normaliseHeader, templateHeaders,
  type FieldSpec,
} from './columns';
import { writeWorkbook, type SheetSpec } from './write';

/** The .xlsx a school office downloads (GET /template): instructions, then the form sheet. */

const MAX_TEMPLATE_ROW = 500;

function choices(f: FieldSpec): string {
  if (!f.values) return '';
  return `可填：${Object.keys(f.values).filter((k) => !/^[\d一二三]$/.test(k)).join('、')}${f.open ? '，或按实际职务填写' : ''}`;
}

function instructionRows(): (string | null)[][] {
  const rows: (string | null)[][] = [
    [`金坛区教育系统党政干部后备人才梯队推荐表（模板 ${TEMPLATE_VERSION}）填写说明`],
    [],
    ['1. 在「推荐表」工作表中每行填写一名人选，第 1 行为表头，请勿修改、删除或调换表头；空行会被跳过。'],
    ['2. 日期一律写作 2014-06-30（也可写 2014.06.30 或 2014年6月30日）；年份写 4 位数字。'],
    ['3. 学历、任职、荣誉、优质课、学生干部、奖学金各列每格只填一条，各项之间用“/”分隔，顺序见下表；条目不够可在右侧按编号增加列（如 学历4）。'],
    ['4. 身份证号列为文本格式，请勿改为数字格式；出生日期、性别须与身份证号一致。'],
    ['5. 上传后系统逐行校验，每一行的结果（受理、资格审查结论或退回原因及单元格位置）可在平台查看。'],
    ['6. 依据：《常州市金坛区教育系统党政干部后备人才梯队建设方案》（2020 年）。'],
    [],
    ['列名', '填写内容', '示例', '说明'],
  ];
  for (const c of SCALAR_COLUMNS) {
    rows.push([c.header, [c.optional ? '选填' : '必填', choices(c)].filter(Boolean).join('；'), c.example || null, c.help ?? null]);
  }
  for (const g of GROUPS) {
    const example = g.fields.filter((f) => !f.optional || f.example).map((f) => f.example).join('/');
    const detail = g.fields.filter((f) => f.values).map((f) => `${f.label}${choices(f)}`).join('；');
    rows.push([`${g.header}1 … ${g.header}${g.count}`, `${g.fields.map((f) => (f.optional ? `[${f.label}]` : f.label)).join('/')}${detail ? `；${detail}` : ''}`, example, g.help]);
  }
  return rows;
}

/**
 * `prefilled`: rows under the header, in templateHeaders() order (an .lrmx import's exact
 * values, formats/lrmx/prefill.ts), for the school to complete the blanks; `remarks` adds a
 * 备注 column (which the reader reads past) saying what each row still needs.
 */
export function buildNominationTemplate(prefilled: ReadonlyArray<ReadonlyArray<string>> = [], opts: { remarks?: boolean } = {}): Uint8Array {
  const headers = [...templateHeaders(), ...(opts.remarks ? ['备注'] : [])];
  const widths = headers.map((h) => {
    const name = normaliseHeader(h);
    const scalar = SCALAR_COLUMNS.find((c) => c.header === name);
    if (scalar) return scalar.width;
    if (name === '备注') return 60;
    const group = GROUPS.find((g) => name.startsWith(g.header) && /\d+$/.test(name));
    return group?.width ?? 6;
  });
  const lists: SheetSpec['lists'] = [];
  headers.forEach((h, col) => {
    const c = SCALAR_COLUMNS.find((s) => s.header === normaliseHeader(h));
    if (c?.values) {
      const values = Object.keys(c.values).filter((k) => !/^[\d一二三]$/.test(k));
      lists.push({ col, values, fromRow: 2, toRow: MAX_TEMPLATE_ROW });
    }
  });
  const form: SheetSpec = {
    name: NOMINATION_SHEET,
    rows: [headers, ...prefilled.map((r) => [...r])],
    header: true,
    widths,
    // Every column is text: ID numbers keep their digits, dates stay as typed.
    textColumns: headers.map((_, i) => i),
    lists,
  };
  const instructions: SheetSpec = { name: INSTRUCTIONS_SHEET, rows: instructionRows(), widths: [22, 60, 30, 50], wrap: true };
  return writeWorkbook([instructions, form]);
}

export { groupHeader };
