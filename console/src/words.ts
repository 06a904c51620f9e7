/**
 * The words the console shows for the API's codes — never the raw code in text. Round
 * statuses and tier names come from the domain itself (plain data modules with no imports).
 */
import { ROUND_STATUS_NAMES, type RoundStatus } from '../../domain/round/lifecycle';
import { TIER_NAMES } from '../../domain/tier';
import { CLAUSES } from '../../domain/clauses';
import { REVIEW_STATUS_NAMES } from '../../domain/review/lifecycle';
import type { Role, Tier } from './types';

export function roundStatusZh(status: string): string {
  return (ROUND_STATUS_NAMES as Record<string, { zh: string } | undefined>)[status]?.zh ?? '状态未知';
}

export const ROUND_STATUS_COLOR: Partial<Record<RoundStatus, string>> = {
  open: 'green', closed: 'default', recommending: 'processing', recommended: 'blue', scoring: 'processing', ranked: 'blue',
  inspecting: 'processing', 'awaiting-decision': 'orange', publicising: 'gold',
  admitting: 'processing', completed: 'success', rejected: 'red', 'approval-timed-out': 'red', failed: 'error',
};

/** 第三梯队 (short) or 第三梯队（学校中层后备）(full). */
export function tierZh(tier: number | undefined, full = false): string {
  const t = TIER_NAMES[tier as Tier] as { zh: string } | undefined;
  if (!t) return '—';
  return full ? t.zh : t.zh.replace(/（.*$/, '');
}

export const ROLE_ZH: Record<Role, string> = { bureau: '区教育局', approver: '区委组织部', school: '学校' };

export const NOMINATION_STATUS_ZH: Record<string, string> = {
  accepted: '已受理',
  rejected: '退回（未受理）',
  superseded: '已被替代',
};

export const PROPOSED_ZH: Record<string, string> = {
  admit: '拟入库',
  waitlist: '候补',
  'admitted-elsewhere': '已入其他梯队',
  'in-pool': '已在库',
  removed: '已出库',
  ineligible: '不符合条件',
  incomplete: '评分未完成',
  'tier-not-open': '本轮未开该梯队',
  'not-inspected': '未列为考察对象',
  'inspection-failed': '考察不合格',
  'below-threshold': '民主推荐未达推荐率要求（不参与排名）',
};

export const ADMISSION_ZH: Record<string, string> = {
  admitted: '已入库',
  'cap-reached': '名额已满',
  refused: '未能入库',
  'not-admitted': '未入库',
  'objection-upheld': '公示异议成立，不予入库',
};

export const DECISION_ZH: Record<string, string> = {
  approve: '批准',
  'approve-with-edits': '调整后批准',
  reject: '退回',
};

export const DERIVE_ZH: Record<string, string> = {
  honour: '学术称号', education: '学历', experience: '任职年限', 'lesson-awards': '优质课获奖',
};

/** "E-T3（方案 三(二)2）": the clause id with where it sits in the plan. */
export function clauseZh(clause: string): string {
  const at = (CLAUSES as Record<string, string | undefined>)[clause];
  return at ? `${clause}（方案第${at}条）` : clause;
}

const FIELD_ZH: Record<string, string> = {
  roundId: '批次编号', title: '批次名称', referenceDate: '资格计算基准日', intakeClosesAt: '收表截止时间',
  scoringClosesAt: '评分截止时间', tiers: '遴选梯队', orgDeptApproval: '组织部批复', 'orgDeptApproval.ref': '组织部批复文号',
  'orgDeptApproval.date': '组织部批复日期', scoringModel: '评分方案', 'scoringModel.components': '评分项',
  edits: '调整名单', unit: '单位', fileName: '文件名', decision: '审批意见', note: '备注',
};

/** A problem's field path in words where the console knows it, else the path itself. */
export function fieldZh(path: string): string {
  if (path === '' || path === '$') return '';
  const known = FIELD_ZH[path];
  if (known) return `${known}（${path}）`;
  const comp = /^scoringModel\.components[.[](\d+)\]?\.?(\w+)?$/.exec(path);
  if (comp) return `评分项第 ${Number(comp[1]) + 1} 项${comp[2] ? ` ${comp[2]}` : ''}（${path}）`;
  return poolFieldZh(path);
}

// ---- time: always Beijing time, whatever the browser's zone ----

const PARTS = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function parts(iso: string): Record<string, string> | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return Object.fromEntries(PARTS.formatToParts(d).map((p) => [p.type, p.value]));
}

/** "2026年12月20日 17:00" (Beijing time), "2026年1月5日 09:00". */
export function beijingTime(iso: string | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  if (!p) return '—';
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

/** "2026年12月1日" for a plain date (YYYY-MM-DD, no zone). */
export function chineseDate(date: string | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) return date ?? '—';
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** How long until a deadline, in words ("还有 3 天 4 小时", "已截止"). */
export function timeLeft(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (!(ms > 0)) return '已截止';
  const h = Math.floor(ms / 3_600_000);
  if (h >= 24) return `还有 ${Math.floor(h / 24)} 天 ${h % 24} 小时`;
  if (h >= 1) return `还有 ${h} 小时`;
  return `还有 ${Math.max(1, Math.floor(ms / 60_000))} 分钟`;
}

/** The Beijing wall time a person typed ("YYYY-MM-DD HH:mm") as an ISO timestamp at +08:00. */
export function beijingIso(wall: { year: number; month: number; day: number; hour: number; minute: number }): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:00+08:00`;
}

const ISO_STAMP = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * The API's Chinese messages may carry ISO time stamps (UTC); shown to a person they read
 * as Beijing time: "2026-12-01T20:24:21.612Z" → "北京时间 2026年12月2日 04:24".
 */
export function localizeText(text: string): string {
  return text.replace(ISO_STAMP, (stamp) => `北京时间 ${beijingTime(stamp)}`);
}

// ---- the pool, members, talks and reviews (the bureau's pages) ----

/** A plain date inside a message ("任期将于 2029-12-12 届满") read as 2029年12月12日. */
export function localizeDates(text: string): string {
  return localizeText(text).replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_m, y: string, mo: string, d: string) => `${y}年${Number(mo)}月${Number(d)}日`);
}

export const MEMBER_STATUS_ZH: Record<string, string> = {
  active: '在库', 'removal-pending': '待出库', removed: '不再列入', 'term-ended': '任期届满', appointed: '已使用（任用）',
};

export const SOURCE_ZH: Record<string, string> = {
  selection: '遴选入库', 'org-dept-list': '组织部备案名单', 'legacy-young-cadre': '原优秀中青年干部', 'imported-talent': '引进人才',
};

export const WARNING_ZH: Record<string, string> = {
  WARNED: '已提醒', REMOVAL_PENDING: '待出库', TERM_ENDING: '任期将满', TERM_OVER: '任期已满', TALK_YEAR_MISSED: '年度谈话不足',
};

export const UNIT_TYPE_ZH: Record<string, string> = {
  primary: '小学', middle: '中学', kindergarten: '幼儿园', 'bureau-office': '机关科室', institution: '事业单位',
};

export const FLAG_ZH: Record<string, string> = { warned: '已提醒', recommended: '推荐使用', 'talk-overdue': '谈话逾期' };

/** The policy's honour ladder (domain/policy/plan-2020.ts), lowest first: "X or above" includes X. */
export const HONOUR_LADDER = [
  '金坛区教坛新秀', '常州市教坛新秀', '金坛区教学能手', '常州市教学能手', '金坛区骨干教师', '常州市骨干教师', '金坛区学科带头人',
  '常州市学科带头人', '常州市特级教师后备', '江苏省特级教师', '正高级教师', '江苏省人民教育家培养对象',
];

/** Member events (domain/membership/events.ts). */
export const EVENT_ZH: Record<string, string> = {
  admitted: '入库', assessed: '年度考核', warned: '提醒', vetoed: '一票否决', removed: '不再列入后备人才', recommended: '推荐使用',
  appointed: '任用', 'term-ended': '任期届满', 'moved-tier': '调整梯队', rotated: '轮岗锻炼', trained: '培训', talked: '谈心谈话',
  renewed: '续任', exempted: '破格',
};

/** Audit actions (app/, functions/): "member.talk-recorded" → 记录谈话. */
export const ACTION_ZH: Record<string, string> = {
  'member.admitted': '入库', 'member.vetoed': '记录一票否决', 'member.term-ended': '任期届满', 'member.talk-recorded': '记录谈话',
  'member.training-recorded': '记录培训', 'member.rotation-recorded': '记录轮岗', 'member.filed': '按备案名单入库',
  'assessment.submitted': '单位报送考核', 'appointment.recorded': '记录任用', 'review.outcome-changed': '校准修改考核结论',
  'review.satisfactory': '考核结论：合格', 'review.warned': '考核结论：提醒', 'review.removed': '考核结论：不再列入',
  'review.recommended': '考核结论：推荐使用', 'review.term-ended': '考核结论：任期届满', 'review.missing-assessment': '考核结论：未报送考核',
  'pool.imported': '备案名单导入',
};
export function actionZh(action: string): string {
  return ACTION_ZH[action] ?? (action.startsWith('review.') ? '年度考核' : action.startsWith('member.') ? '成员记录' : '操作');
}

export const ACTOR_ZH = (actor: string): string => {
  if (actor.startsWith('system:review')) return '系统（年度考核）';
  if (actor.startsWith('system:round')) return '系统（遴选）';
  if (actor.startsWith('system')) return '系统';
  if (actor.includes('bureau')) return '区教育局';
  if (actor.includes('approver')) return '区委组织部';
  if (actor.startsWith('user:school-')) return '学校';
  return '用户';
};

export const TALK_KIND_ZH: Record<string, string> = { regular: '谈心谈话', organisational: '组织谈话' };
export const TALK_TRIGGER_ZH: Record<string, string> = {
  'post-change': '调整岗位时必谈', promotion: '提拔重用时必谈', setback: '遇到挫折时必谈', assessment: '考察考核后必谈', removal: '不再列入时组织谈话',
  'yearly-minimum': '每年至少一次谈心谈话',
};
export const TRAINING_KIND_ZH: Record<string, string> = { 'training-class': '培训班', course: '课程学习', 'secondment-study': '选送上级党校等学习' };
export const ROTATION_KIND_ZH: Record<string, string> = {
  'temporary-posting': '挂职锻炼', shadowing: '跟岗实践', 'group-school-exchange': '集团校之间交流轮岗', 'school-office-exchange': '学校、机关科室、事业单位之间交流',
};
export const POST_AREA_ZH: Record<string, string> = { teaching: '教学', 'moral-education': '德育', management: '管理', other: '其他' };
export const POST_KIND_ZH: Record<string, string> = {
  principal: '党政正职（校长、书记）', deputy: '党政副职', middle: '中层', 'class-teacher': '班主任', team: '团队工作', teacher: '教师', other: '其他',
};

export const EDUCATION_LEVEL_ZH: Record<string, string> = { associate: '大专', bachelor: '本科', master: '硕士研究生', doctor: '博士研究生' };
export const SCORE_COMPONENT_ZH: Record<string, string> = { honour: '学术称号', experience: '任职年限', interview: '面试', written: '笔试', ballot: '民主推荐' };

export const OUTCOME_ZH: Record<string, string> = {
  satisfactory: '合格', warned: '提醒', removed: '不再列入', recommended: '推荐使用', 'term-ended': '任期届满', 'missing-assessment': '未报送考核',
};
export const REVIEW_KIND_ZH: Record<string, string> = { annual: '年度考核', summative: '总结性考核' };

export function reviewStatusZh(status: string): string {
  return (REVIEW_STATUS_NAMES as Record<string, { zh: string } | undefined>)[status]?.zh ?? '状态未知';
}

const POOL_FIELD_ZH: Record<string, string> = {
  on: '日期', by: '谈话人', kind: '类别', triggers: '必谈情形', notes: '备注', title: '名称', provider: '举办单位', hours: '学时',
  from: '开始日期', to: '结束日期', hostUnit: '接收单位', 'hostUnit.name': '接收单位', 'hostUnit.code': '接收单位代码', postArea: '岗位类别',
  matter: '事项', reportedBy: '报告单位', documentNo: '文号', personId: '人员', 'post.kind': '职务类别', 'post.title': '职务名称',
  'post.unitCode': '任职单位', maxAge: '年龄上限', termYear: '任期年度', honourAtLeast: '学术称号', unitType: '单位类型', tier: '梯队',
  unit: '单位', flag: '情形', changes: '校准修改', outcome: '结论', reason: '理由',
};
/** A field path in words for the pool's forms ("post.kind" → 职务类别). */
export function poolFieldZh(path: string): string {
  const m = /^changes\.(\d+)\.(\w+)$/.exec(path);
  if (m) return `第 ${Number(m[1]) + 1} 项修改的${POOL_FIELD_ZH[m[2] ?? ''] ?? m[2]}`;
  return POOL_FIELD_ZH[path] ?? path;
}
/** The API's message about a field ("「by」不能为空") with the field named in Chinese. */
export function fieldMessageZh(zh: string): string {
  return localizeDates(zh
    .replace(/「([\w.]+)」/g, (_m, p: string) => `「${poolFieldZh(p)}」`)
    .replace(/^(\w+)：/, (_m, p: string) => `${poolFieldZh(p)}：`)
    // "早于开始日期 from": the field's name after its Chinese one says it twice; dropped.
    .replace(/\s([a-zA-Z][\w.]*)(?=$|[，。；）])/g, (m, p: string) => (POOL_FIELD_ZH[p] ? '' : m)));
}

/** What each clause is about, in a few words (DESIGN §2), shown beside its id. */
export const CLAUSE_TOPIC_ZH: Record<string, string> = {
  'T-CAP': '梯队名额', 'E-BASIC': '基本条件', 'E-T1': '第一梯队条件', 'E-T2': '第二梯队条件', 'E-T3': '第三梯队条件', 'E-EXEMPT': '破格',
  'E-OFFICE': '机关事业单位推荐', 'S-ORGLIST': '组织部备案名单', 'S-ROUND': '遴选', 'D-TRAIN': '培训', 'D-ROTATE': '轮岗锻炼',
  'M-TERM': '滚动管理', 'M-WARN': '考核提醒', 'M-VETO': '一票否决', 'M-FAIL': '总结性考核不合格', 'M-TOP': '推荐使用',
  'C-TALK': '谈心谈话', 'C-PRIORITY': '优先选用', 'X-LEGACY': '原优秀中青年干部', 'X-UNITS': '各单位培养考核', 'X-USE': '任用',
  'X-TALENT': '引进人才',
};
/** "谈心谈话（C-TALK，方案第五(三)条）". */
export function clauseLabel(clause: string | undefined): string {
  if (!clause) return '—';
  const at = (CLAUSES as Record<string, string | undefined>)[clause];
  const topic = CLAUSE_TOPIC_ZH[clause];
  return `${topic ?? '条款'}（${clause}${at ? `，方案第${at}条` : ''}）`;
}
