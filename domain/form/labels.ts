/**
 * Chinese names of the form's fields, for messages a school office reads. Keyed by the path
 * with array indices dropped (`candidate.posts[].to`); the item number is added back.
 */
const LABELS: Record<string, string> = {
  '': '推荐表',
  formVersion: '表格版本',
  roundId: '遴选批次',
  unit: '推荐单位',
  'unit.code': '单位代码',
  'unit.name': '单位名称',
  'unit.type': '单位类型',
  tier: '推荐梯队',
  source: '人选来源',
  candidate: '人选信息',
  'candidate.name': '姓名',
  'candidate.gender': '性别',
  'candidate.idNumber': '身份证号',
  'candidate.birthDate': '出生日期',
  'candidate.education': '学历',
  'candidate.education[]': '学历',
  'candidate.education[].level': '学历层次',
  'candidate.education[].fullTime': '是否全日制',
  'candidate.education[].institution': '毕业院校',
  'candidate.education[].graduated': '毕业日期',
  'candidate.education[].major': '专业',
  'candidate.posts': '任职经历',
  'candidate.posts[]': '任职经历',
  'candidate.posts[].kind': '岗位类别',
  'candidate.posts[].title': '职务',
  'candidate.posts[].unit': '任职单位',
  'candidate.posts[].from': '任职起始日期',
  'candidate.posts[].to': '任职结束日期',
  'candidate.honours': '荣誉称号',
  'candidate.honours[]': '荣誉称号',
  'candidate.honours[].title': '称号名称',
  'candidate.honours[].awarded': '获评日期',
  'candidate.lessonAwards': '优质课评比获奖',
  'candidate.lessonAwards[]': '优质课评比获奖',
  'candidate.lessonAwards[].level': '评比级别',
  'candidate.lessonAwards[].prize': '获奖等次',
  'candidate.lessonAwards[].year': '获奖年份',
  'candidate.lessonAwards[].title': '评比名称',
  'candidate.studentRoles': '学生干部经历',
  'candidate.studentRoles[]': '学生干部经历',
  'candidate.studentRoles[].role': '学生干部职务',
  'candidate.studentRoles[].level': '学生干部层级',
  'candidate.scholarships': '奖学金',
  'candidate.scholarships[]': '奖学金',
  'candidate.scholarships[].class': '奖学金等级',
  'candidate.scholarships[].year': '获奖学金年份',
  attestation: '党组织鉴定',
  'attestation.basicConditions': '基本条件鉴定',
  'attestation.by': '鉴定党组织',
  'attestation.date': '鉴定日期',
  'attestation.teachingAchievement': '教学业绩条件',
  'attestation.teachingAchievement.met': '是否符合教学业绩条件',
  'attestation.teachingAchievement.condition': '教学业绩条件内容',
  ageExemption: '年龄放宽审批',
  'ageExemption.reason': '放宽理由',
  'ageExemption.approvedBy': '批准人',
  'ageExemption.date': '批准日期',
};

/** `candidate.posts[0].to` — the field path every Problem carries. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out === '' ? String(k) : `.${String(k)}`;
  }
  return out;
}

/** 「任职经历第 1 条·任职结束日期」 for candidate.posts[0].to; the raw key for unknown fields. */
export function labelOf(path: readonly PropertyKey[]): string {
  const key = formatPath(path.map((k) => (typeof k === 'number' ? -1 : k))).replace(/\[-1\]/g, '[]');
  const label = LABELS[key];
  const index = path.find((k): k is number => typeof k === 'number');
  const name = label ?? String(path[path.length - 1] ?? '推荐表');
  if (index === undefined) return name;
  // The first list index names the item ("第 2 条"); the leaf names the field within it.
  const listKey = key.slice(0, key.indexOf('[]') + 2);
  const listLabel = LABELS[listKey] ?? '';
  return name === listLabel ? `${listLabel}第 ${index + 1} 条` : `${listLabel}第 ${index + 1} 条·${name}`;
}
