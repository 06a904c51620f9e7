import type { AwardLevel, EducationLevel, PostKind, UnitType } from '../policy/schema';

/** The words a school office uses, for reasons' Chinese messages. */
export const EDUCATION_ZH: Record<EducationLevel, string> = {
  associate: '大专', bachelor: '本科', master: '硕士研究生', doctor: '博士研究生',
};
export const EDUCATION_EN: Record<EducationLevel, string> = {
  associate: "associate's degree", bachelor: "bachelor's degree", master: "master's degree", doctor: 'doctorate',
};
export const POST_KIND_ZH: Record<PostKind, string> = {
  principal: '党政正职', deputy: '党政副职', middle: '中层管理', 'class-teacher': '班主任',
  team: '团队（少先队、共青团）工作', teacher: '教师', other: '其他',
};
export const UNIT_TYPE_ZH: Record<UnitType, string> = {
  primary: '小学', middle: '中学', kindergarten: '幼儿园', 'bureau-office': '局机关科室', institution: '局属事业单位',
};
export const AWARD_LEVEL_ZH: Record<AwardLevel, string> = {
  district: '区级', city: '市级', province: '省级', national: '国家级',
};
export const PRIZE_ZH = ['', '一等奖', '二等奖', '三等奖'] as const;
export const SCHOLARSHIP_ZH = ['', '一等', '二等', '三等'] as const;

export function kindsZh(kinds: readonly PostKind[]): string {
  return kinds.map((k) => POST_KIND_ZH[k]).join('或');
}
export function kindsEn(kinds: readonly PostKind[]): string {
  return kinds.join(' or ');
}
