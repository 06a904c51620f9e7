import type { Policy } from './schema';

/**
 * 《常州市金坛区教育系统党政干部后备人才梯队建设方案》 (2020-04-14) as data.
 * Each number is the plan's; each interpretation where the plan is silent is DESIGN §2's
 * default and is named here so a deployment can change it without touching the rules.
 * A literal, not parsed at import (a cold start would pay for building the schema): the test
 * tests/domain/policy.test.ts checks it is exactly what `policySchema()` makes of it.
 */
export const PLAN_2020: Policy = {
  id: 'jintan-2020',
  version: 1,
  title: '常州市金坛区教育系统党政干部后备人才梯队建设方案',
  publishedOn: '2020-04-14',
  source: 'policy/plan-2020.zh.txt (教育工委, 2020-04-14)',
  tiers: {
    // 三(一) caps; 三(二)2 basic qualifications.
    1: {
      clause: 'E-T1', cap: 20, maxAge: 45, minEducation: 'bachelor',
      experience: { kinds: ['deputy'], years: 2 },
      minHonour: '常州市骨干教师',
    },
    2: {
      clause: 'E-T2', cap: 35, maxAge: 40, minEducation: 'bachelor',
      experience: { kinds: ['middle'], years: 3 },
      minHonourAnyOf: ['金坛区骨干教师', '常州市教学能手'],
      ownAchievementConditionUnitTypes: ['kindergarten'],
    },
    3: {
      clause: 'E-T3', cap: 50, maxAge: 35,
      routes: {
        a: { minEducation: 'bachelor', fullTime: true, list: 'double-first-class' },
        b: {
          minEducation: 'bachelor',
          roles: ['student-union-vice-chair', 'youth-league-deputy-secretary'],
          roleLevels: ['department', 'university'],
          scholarshipClass: 2,
          scholarshipCount: 2,
        },
        c: { minLevel: 'district', worstPrize: 2 },
      },
      workExperienceKinds: ['class-teacher', 'team'],
    },
  },
  // Changzhou's five-level ladder; a district title sits one rung below the city title of
  // the same name (金坛区骨干教师 ≈ 常州市教学能手); provincial titles outrank every city title.
  honourLadder: [
    { title: '金坛区教坛新秀', rank: 0, scope: 'district', aliases: [] },
    { title: '常州市教坛新秀', rank: 1, scope: 'city', aliases: [] },
    { title: '金坛区教学能手', rank: 1, scope: 'district', aliases: [] },
    { title: '常州市教学能手', rank: 2, scope: 'city', aliases: [] },
    { title: '金坛区骨干教师', rank: 2, scope: 'district', aliases: ['金坛区学科骨干教师'] },
    { title: '常州市骨干教师', rank: 3, scope: 'city', aliases: ['常州市学科骨干教师'] },
    { title: '金坛区学科带头人', rank: 3, scope: 'district', aliases: [] },
    { title: '常州市学科带头人', rank: 4, scope: 'city', aliases: [] },
    { title: '常州市特级教师后备', rank: 5, scope: 'city', aliases: ['常州市特级教师后备人才'] },
    { title: '江苏省特级教师', rank: 6, scope: 'province', aliases: [] },
    { title: '正高级教师', rank: 6, scope: 'province', aliases: ['江苏省正高级教师'] },
    { title: '江苏省人民教育家培养对象', rank: 7, scope: 'province', aliases: [] },
  ],
  honourValidityYears: null,
  daysPerYear: 365,
  ageExemptionAllowed: true,
  // 三(二): 机关科室、局属事业单位…择优推荐年龄范围内的科室人员 — no relaxation for them.
  ageExemptionUnitTypes: ['primary', 'middle', 'kindergarten'],
  nominatingUnitTypes: ['primary', 'middle', 'kindergarten', 'bureau-office', 'institution'],
  term: { years: 3 },
  review: {
    bottomShare: 0.1,
    lowGrades: ['基本合格', '不合格'],
    grades: ['优秀', '合格', '基本合格', '不合格'],
    warningFollowUpYears: 1,
    topShare: 0.3,
    summativeFailGrades: ['不合格'],
  },
  talks: { minPerYear: 1, dueWithinDays: 30, removalTalkWithinDays: 30 },
};
