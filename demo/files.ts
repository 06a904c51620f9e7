import { NOMINATION_SHEET, INSTRUCTIONS_SHEET, templateHeaders } from '../formats/xlsx/columns';
import { writeWorkbook, type WriteValue } from '../formats/xlsx/write';
import type { DemoNomination } from './forms';
import type { Unit } from './district';

/**
 * What each unit uploads: a JSON file per candidate, or the Excel template filled in with a
 * row per candidate (Chinese words, dates as text, "至今" for a current post) — the way a
 * school office fills it.
 */

export interface UploadFile {
  unit: Unit;
  fileName: string;
  bytes: Uint8Array;
  kind: 'json' | 'xlsx';
  /** The nominations in the file; for a workbook, in row order from row 2. */
  refs: string[];
}

const UNIT_TYPE_WORD = { primary: '小学', middle: '中学', kindergarten: '幼儿园', 'bureau-office': '局机关科室', institution: '直属事业单位' } as const;
const TIER_WORD = { 1: '第一梯队', 2: '第二梯队', 3: '第三梯队' } as const;
const SOURCE_WORD: Record<string, string> = { selection: '遴选', 'org-dept-list': '组织部备案名单', 'legacy-young-cadre': '原优秀中青年干部', 'imported-talent': '引进人才' };
const LEVEL_WORD: Record<string, string> = { associate: '大专', bachelor: '本科', master: '硕士', doctor: '博士' };
const KIND_WORD: Record<string, string> = { principal: '党政正职', deputy: '党政副职', middle: '中层', 'class-teacher': '班主任', team: '团队', teacher: '教师', other: '其他' };
const AWARD_WORD: Record<string, string> = { district: '区级', city: '市级', province: '省级', national: '国家级' };
const PRIZE_WORD = ['', '一等奖', '二等奖', '三等奖'];
const ROLE_WORD: Record<string, string> = { 'student-union-vice-chair': '学生会副主席', 'youth-league-deputy-secretary': '团委副书记' };
const ROLE_LEVEL_WORD: Record<string, string> = { department: '院系级', university: '校级' };
const CLASS_WORD = ['', '一等', '二等', '三等'];

type Obj = Record<string, unknown>;
const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);
const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
const yesNo = (x: unknown): WriteValue => (x === true ? '是' : x === false ? '否' : str(x));
const word = (words: Record<string, string>, x: unknown): string => words[str(x)] ?? str(x);

/** One template row (values by the header's short name, e.g. "学历1") for a form. */
export function formToRow(form: Obj, n: number): Record<string, WriteValue> {
  const unit = (form.unit ?? {}) as Obj;
  const c = (form.candidate ?? {}) as Obj;
  const att = (form.attestation ?? {}) as Obj;
  const ta = att.teachingAchievement as Obj | undefined;
  const ex = form.ageExemption as Obj | null | undefined;
  const row: Record<string, WriteValue> = {
    序号: n,
    遴选批次: str(form.roundId),
    单位代码: str(unit.code),
    单位名称: str(unit.name),
    单位类型: word(UNIT_TYPE_WORD, unit.type),
    推荐梯队: TIER_WORD[form.tier as 1 | 2 | 3] ?? str(form.tier),
    人选来源: word(SOURCE_WORD, form.source),
    姓名: str(c.name),
    性别: c.gender === 'M' ? '男' : c.gender === 'F' ? '女' : str(c.gender),
    身份证号: str(c.idNumber),
    出生日期: str(c.birthDate),
    基本条件鉴定: yesNo(att.basicConditions),
    鉴定党组织: str(att.by),
    鉴定日期: str(att.date),
  };
  list(c.education).forEach((e, i) => {
    row[`学历${i + 1}`] = [word(LEVEL_WORD, e.level), yesNo(e.fullTime), str(e.institution), str(e.graduated), ...(e.major ? [str(e.major)] : [])].join('/');
  });
  list(c.posts).forEach((p, i) => {
    row[`任职${i + 1}`] = [word(KIND_WORD, p.kind), str(p.title), str(p.unit), str(p.from), p.to === null ? '至今' : str(p.to)].join('/');
  });
  list(c.honours).forEach((h, i) => {
    row[`荣誉${i + 1}`] = `${str(h.title)}/${str(h.awarded)}`;
  });
  list(c.lessonAwards).forEach((a, i) => {
    row[`优质课${i + 1}`] = [word(AWARD_WORD, a.level), PRIZE_WORD[a.prize as number] ?? str(a.prize), str(a.year), ...(a.title ? [str(a.title)] : [])].join('/');
  });
  list(c.studentRoles).forEach((r, i) => {
    row[`学生干部${i + 1}`] = `${word(ROLE_WORD, r.role)}/${word(ROLE_LEVEL_WORD, r.level)}`;
  });
  list(c.scholarships).forEach((s, i) => {
    row[`奖学金${i + 1}`] = `${CLASS_WORD[s.class as number] ?? str(s.class)}/${str(s.year)}`;
  });
  if (ta) {
    row.教学业绩条件 = yesNo(ta.met);
    row.教学业绩条件内容 = str(ta.condition);
  }
  if (ex) {
    row.年龄放宽理由 = str(ex.reason);
    row.放宽批准人 = str(ex.approvedBy);
    row.放宽批准日期 = str(ex.date);
  }
  return row;
}

/** The filled template: instructions sheet, then 推荐表 with the template's headers. */
export function nominationWorkbook(forms: readonly Obj[]): Uint8Array {
  const headers = templateHeaders();
  const short = headers.map((h) => h.replace(/[（(].*$/, ''));
  const rows = forms.map((f, i) => {
    const r = formToRow(f, i + 1);
    return short.map((h) => r[h] ?? null);
  });
  const idCol = short.indexOf('身份证号');
  return writeWorkbook([
    { name: INSTRUCTIONS_SHEET, rows: [['按模板填写，每行一名人选。']] },
    { name: NOMINATION_SHEET, rows: [headers, ...rows], header: true, textColumns: idCol >= 0 ? [idCol] : [] },
  ], { sharedStrings: true });
}

/** The files each unit uploads, in a stable order. */
export function uploadFiles(nominations: readonly DemoNomination[]): UploadFile[] {
  const byUnit = new Map<string, DemoNomination[]>();
  for (const n of nominations) byUnit.set(n.unit.code, [...(byUnit.get(n.unit.code) ?? []), n]);
  const files: UploadFile[] = [];
  for (const [, noms] of [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const unit = (noms[0] as DemoNomination).unit;
    const rows = noms.filter((n) => n.excel);
    if (rows.length > 0) {
      files.push({
        unit, kind: 'xlsx', fileName: `${unit.short}后备人才推荐表.xlsx`,
        bytes: nominationWorkbook(rows.map((n) => n.form)), refs: rows.map((n) => n.ref),
      });
    }
    for (const n of noms.filter((x) => !x.excel)) {
      files.push({
        unit, kind: 'json', fileName: `推荐表-${n.person.name}-第${n.tier}梯队.json`,
        bytes: new TextEncoder().encode(`${JSON.stringify(n.form, null, 2)}\n`), refs: [n.ref],
      });
    }
  }
  return files;
}
