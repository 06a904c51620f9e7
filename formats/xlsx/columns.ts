/**
 * The nomination template's columns, field for field onto form v1 (DESIGN §6). One table
 * drives the template writer, the instructions sheet and the reader, so they cannot drift.
 *
 * Repeated groups (学历, 任职, 荣誉, 优质课, 学生干部, 奖学金) are numbered columns, one
 * entry per cell, fields separated by "/" in a fixed order, e.g. 学历1 =
 * "本科/是/南京师范大学/2014-06-30". More numbered columns (学历4 …) may be added.
 */

export const NOMINATION_SHEET = '推荐表';
export const INSTRUCTIONS_SHEET = '填写说明';
export const TEMPLATE_VERSION = 'v1';

export type FieldKind = 'text' | 'date' | 'date-or-current' | 'enum' | 'bool' | 'int' | 'id';

export interface FieldSpec {
  /** Form property (within the group's item, or a dotted path for a scalar column). */
  key: string;
  label: string;
  kind: FieldKind;
  /** Chinese (and accepted alternative) spellings → form values. */
  values?: Record<string, string | number | boolean>;
  /** Values not in `values` are kept as written (studentRoles[].role allows any text). */
  open?: boolean;
  optional?: boolean;
  example: string;
  help?: string;
}

export interface ScalarColumn extends FieldSpec {
  header: string;
  aliases?: string[];
  width: number;
}

export interface GroupSpec {
  header: string;
  /** candidate.{list} */
  list: 'education' | 'posts' | 'honours' | 'lessonAwards' | 'studentRoles' | 'scholarships';
  count: number;
  fields: FieldSpec[];
  width: number;
  help: string;
}

export const UNIT_TYPES = { 小学: 'primary', 中学: 'middle', 初中: 'middle', 高中: 'middle', 幼儿园: 'kindergarten', 局机关科室: 'bureau-office', 机关科室: 'bureau-office', 直属事业单位: 'institution', 直属单位: 'institution' } as const;
export const TIERS = { 第一梯队: 1, 第二梯队: 2, 第三梯队: 3, 一: 1, 二: 2, 三: 3, 1: 1, 2: 2, 3: 3 } as const;
export const SOURCES = { 遴选: 'selection', 组织部备案名单: 'org-dept-list', 原优秀中青年干部: 'legacy-young-cadre', 引进人才: 'imported-talent' } as const;
export const GENDERS = { 男: 'M', 女: 'F' } as const;
export const EDUCATION_LEVELS = { 专科: 'associate', 大专: 'associate', 本科: 'bachelor', 大学本科: 'bachelor', 硕士: 'master', 硕士研究生: 'master', 博士: 'doctor', 博士研究生: 'doctor' } as const;
export const POST_KINDS = { 党政正职: 'principal', 正职: 'principal', 党政副职: 'deputy', 副职: 'deputy', 中层: 'middle', 中层干部: 'middle', 班主任: 'class-teacher', 团队: 'team', 少先队: 'team', 团委: 'team', 教师: 'teacher', 其他: 'other' } as const;
export const AWARD_LEVELS = { 区级: 'district', 市级: 'city', 省级: 'province', 国家级: 'national' } as const;
export const PRIZES = { 一等奖: 1, 二等奖: 2, 三等奖: 3, 一等: 1, 二等: 2, 三等: 3, 1: 1, 2: 2, 3: 3 } as const;
export const STUDENT_ROLES = { 学生会副主席: 'student-union-vice-chair', 团委副书记: 'youth-league-deputy-secretary', 团总支副书记: 'youth-league-deputy-secretary' } as const;
export const ROLE_LEVELS = { 院系级: 'department', 院系: 'department', 校级: 'university', 学校: 'university' } as const;
export const SCHOLARSHIP_CLASSES = { 一等: 1, 二等: 2, 三等: 3, 一等奖学金: 1, 二等奖学金: 2, 三等奖学金: 3, 1: 1, 2: 2, 3: 3 } as const;
export const YES_NO = { 是: true, 否: false } as const;

export const SCALAR_COLUMNS: ScalarColumn[] = [
  { header: '遴选批次', key: 'roundId', label: '遴选批次', kind: 'text', width: 12, example: '2026-R1', help: '局发布的遴选通知中的批次编号' },
  { header: '单位代码', key: 'unit.code', label: '单位代码', kind: 'text', width: 12, example: 'JT-XYXX', help: '须与上传链接所属单位一致' },
  { header: '单位名称', key: 'unit.name', label: '单位名称', kind: 'text', width: 18, example: '金坛区西旸小学' },
  { header: '单位类型', key: 'unit.type', label: '单位类型', kind: 'enum', values: UNIT_TYPES, width: 12, example: '小学' },
  { header: '推荐梯队', key: 'tier', label: '推荐梯队', kind: 'enum', values: TIERS, width: 12, example: '第三梯队' },
  { header: '人选来源', key: 'source', label: '人选来源', kind: 'enum', values: SOURCES, aliases: ['推荐来源'], width: 14, example: '遴选' },
  { header: '姓名', key: 'candidate.name', label: '姓名', kind: 'text', width: 10, example: '张三' },
  { header: '性别', key: 'candidate.gender', label: '性别', kind: 'enum', values: GENDERS, width: 6, example: '女' },
  { header: '身份证号', key: 'candidate.idNumber', label: '身份证号', kind: 'id', width: 22, example: '18 位，末位可为 X', help: '本列已设为文本格式；请勿改为数字格式，否则末几位会丢失' },
  { header: '出生日期', key: 'candidate.birthDate', label: '出生日期', kind: 'date', width: 12, example: '1992-05-01', help: '须与身份证号一致' },
  { header: '基本条件鉴定', key: 'attestation.basicConditions', label: '基本条件鉴定', kind: 'bool', values: YES_NO, width: 12, example: '是', help: '方案三(二)1 的基本条件，由单位党组织鉴定' },
  { header: '鉴定党组织', key: 'attestation.by', label: '鉴定党组织', kind: 'text', width: 16, example: '西旸小学党支部' },
  { header: '鉴定日期', key: 'attestation.date', label: '鉴定日期', kind: 'date', width: 12, example: '2026-03-01' },
  { header: '教学业绩条件', key: 'attestation.teachingAchievement.met', label: '是否符合教学业绩条件', kind: 'bool', values: YES_NO, optional: true, width: 12, example: '是', help: '仅幼儿园推荐第二梯队时填写（方案三(二)2）' },
  { header: '教学业绩条件内容', key: 'attestation.teachingAchievement.condition', label: '教学业绩条件内容', kind: 'text', optional: true, width: 24, example: '近三年获区级及以上保教成果奖' },
  { header: '年龄放宽理由', key: 'ageExemption.reason', label: '年龄放宽理由', kind: 'text', optional: true, width: 20, example: '（一般不填）', help: '特别优秀者放宽年龄须经批准（方案三(二)）；三项都填或都不填' },
  { header: '放宽批准人', key: 'ageExemption.approvedBy', label: '放宽批准人', kind: 'text', optional: true, width: 12, example: '' },
  { header: '放宽批准日期', key: 'ageExemption.date', label: '放宽批准日期', kind: 'date', optional: true, width: 12, example: '' },
];

export const GROUPS: GroupSpec[] = [
  {
    header: '学历', list: 'education', count: 3, width: 34,
    help: '每格一条学历：层次/是否全日制/毕业院校/毕业日期[/专业]',
    fields: [
      { key: 'level', label: '层次', kind: 'enum', values: EDUCATION_LEVELS, example: '本科' },
      { key: 'fullTime', label: '全日制', kind: 'bool', values: YES_NO, example: '是' },
      { key: 'institution', label: '院校', kind: 'text', example: '南京师范大学' },
      { key: 'graduated', label: '毕业日期', kind: 'date', example: '2014-06-30' },
      { key: 'major', label: '专业', kind: 'text', optional: true, example: '汉语言文学' },
    ],
  },
  {
    header: '任职', list: 'posts', count: 6, width: 40,
    help: '每格一段任职经历：类别/职务/单位/起始日期/结束日期（至今可写“至今”或留空）',
    fields: [
      { key: 'kind', label: '类别', kind: 'enum', values: POST_KINDS, example: '班主任' },
      { key: 'title', label: '职务', kind: 'text', example: '三年级班主任' },
      { key: 'unit', label: '单位', kind: 'text', example: '金坛区西旸小学' },
      { key: 'from', label: '起', kind: 'date', example: '2015-09-01' },
      { key: 'to', label: '止', kind: 'date-or-current', example: '至今' },
    ],
  },
  {
    header: '荣誉', list: 'honours', count: 4, width: 26,
    help: '每格一项荣誉称号：称号全称/获评日期，称号按证书原文填写（如 常州市骨干教师）',
    fields: [
      { key: 'title', label: '称号', kind: 'text', example: '常州市教学能手' },
      { key: 'awarded', label: '获评日期', kind: 'date', example: '2019-09-10' },
    ],
  },
  {
    header: '优质课', list: 'lessonAwards', count: 3, width: 24,
    help: '优质课评比获奖：级别/等次/年份[/评比名称]',
    fields: [
      { key: 'level', label: '级别', kind: 'enum', values: AWARD_LEVELS, example: '区级' },
      { key: 'prize', label: '等次', kind: 'enum', values: PRIZES, example: '二等奖' },
      { key: 'year', label: '年份', kind: 'int', example: '2021' },
      { key: 'title', label: '评比名称', kind: 'text', optional: true, example: '' },
    ],
  },
  {
    header: '学生干部', list: 'studentRoles', count: 2, width: 22,
    help: '大学期间学生干部经历：职务/层级（院系级或校级）',
    fields: [
      { key: 'role', label: '职务', kind: 'enum', values: STUDENT_ROLES, open: true, example: '学生会副主席' },
      { key: 'level', label: '层级', kind: 'enum', values: ROLE_LEVELS, example: '院系级' },
    ],
  },
  {
    header: '奖学金', list: 'scholarships', count: 3, width: 16,
    help: '大学期间奖学金：等级/年份',
    fields: [
      { key: 'class', label: '等级', kind: 'enum', values: SCHOLARSHIP_CLASSES, example: '二等' },
      { key: 'year', label: '年份', kind: 'int', example: '2012' },
    ],
  },
];

/** Columns the reader ignores (a school's own numbering, remarks). */
export const IGNORED_HEADERS = ['序号', '备注'];

/** "学历1（层次/全日制/院校/毕业日期）" → "学历1": what a header means, without its hint. */
export function normaliseHeader(raw: string): string {
  return raw.replace(/[（(【[].*$/s, '').replace(/[\s*＊]/g, '');
}

export function groupHeader(g: GroupSpec, n: number): string {
  return `${g.header}${n}（${g.fields.map((f) => (f.optional ? `[${f.label}]` : f.label)).join('/')}）`;
}

/** The header row of the template, in order. */
export function templateHeaders(): string[] {
  const scalars = (keys: string[]) => SCALAR_COLUMNS.filter((c) => keys.includes(c.key)).map((c) => c.header);
  const head = scalars(['roundId', 'unit.code', 'unit.name', 'unit.type', 'tier', 'source', 'candidate.name', 'candidate.gender', 'candidate.idNumber', 'candidate.birthDate']);
  const groups = GROUPS.flatMap((g) => Array.from({ length: g.count }, (_, i) => groupHeader(g, i + 1)));
  const tail = SCALAR_COLUMNS.filter((c) => c.key.startsWith('attestation') || c.key.startsWith('ageExemption')).map((c) => c.header);
  return ['序号', ...head, ...groups, ...tail];
}

/**
 * What a school office may write in an enum column, as the template shows it (第一梯队, not
 * 1): per value the first word in Chinese. For a message that lists the choices in the
 * workbook's own terms; undefined when the path is not a single enum column.
 */
export function excelChoices(path: string): { label: string; choices: string[] } | undefined {
  const column = SCALAR_COLUMNS.find((c) => c.key === path && c.kind === 'enum');
  if (!column?.values) return undefined;
  const byValue = new Map<unknown, string>();
  // Integer-like keys ('1') come first in a JS object: prefer a word that is not ASCII.
  for (const [word, value] of Object.entries(column.values)) {
    const held = byValue.get(value);
    if (held === undefined || (/^[\x20-\x7e]+$/.test(held) && !/^[\x20-\x7e]+$/.test(word))) byValue.set(value, word);
  }
  return { label: column.label, choices: [...byValue.values()] };
}

/** The cell for a problem's form path: the longest path prefix with a known cell. */
export function cellFor(row: { cells: Readonly<Record<string, string>> }, path: string): string | undefined {
  let p = path;
  while (p !== '') {
    const hit = row.cells[p];
    if (hit) return hit;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return undefined;
}
