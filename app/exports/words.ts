/** The Chinese an office reads in the exported lists (the API's codes stay English). */
export const MEMBER_STATUS_ZH: Record<string, string> = {
  active: '在库', 'removal-pending': '待调整出库', removed: '已调整出库', 'term-ended': '任期届满', appointed: '已使用（提拔任用）',
  withdrawn: '导入撤回（未生效）',
};
export const NOMINATION_STATUS_ZH: Record<string, string> = { accepted: '已受理', rejected: '退回', superseded: '已被替代' };
export const PROPOSAL_ZH: Record<string, string> = {
  admit: '拟入库', waitlist: '候补', 'admitted-elsewhere': '已入其他梯队', 'in-pool': '已在库', removed: '曾被调整出库',
  'tier-not-open': '该梯队本批次未开放', ineligible: '不符合条件', incomplete: '评分未完成',
};
export const ADMISSION_ZH: Record<string, string> = { admitted: '已入库', 'cap-reached': '名额已满', refused: '未能入库' };
export const OUTCOME_ZH: Record<string, string> = {
  satisfactory: '合格', warned: '警示', removed: '调整出库', recommended: '优先推荐', 'term-ended': '任期届满', 'missing-assessment': '未报送考核',
};
export const REVIEW_KIND_ZH: Record<string, string> = { annual: '年度考核', summative: '任期考核' };
export const TRAINING_KIND_ZH: Record<string, string> = { 'training-class': '分层培训班', course: '课程学习', 'secondment-study': '选送学习' };
export const POST_AREA_ZH: Record<string, string> = { teaching: '教学', 'moral-education': '德育', management: '管理', other: '其他' };
export const TALK_KIND_ZH: Record<string, string> = { regular: '谈心谈话', organisational: '组织谈话' };
export const yesNo = (b: boolean | undefined): string => (b === undefined ? '' : b ? '是' : '否');
export const tierZh = (t: number | undefined): string => (t === 1 ? '第一梯队' : t === 2 ? '第二梯队' : t === 3 ? '第三梯队' : '');
