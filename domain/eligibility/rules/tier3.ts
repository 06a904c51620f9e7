import { AWARD_LEVEL_ORDER, type Policy } from '../../policy/schema';
import { isDoubleFirstClass } from '../../policy/double-first-class';
import { reason, type RuleContext } from '../context';
import { experienceDetail } from '../experience';
import { RULES, type Reason } from '../types';
import { AWARD_LEVEL_ZH, EDUCATION_EN, EDUCATION_ZH, kindsEn, kindsZh, PRIZE_ZH, SCHOLARSHIP_ZH } from '../words';
import { levelAtLeast } from './education';

type Tier3 = Policy['tiers'][3];

/**
 * Tier 3 (三(二)2): one of three routes, each reported with its `route`, then a `route` rule
 * saying whether any is met, then the class-teacher / team work condition (in every case).
 *
 * What counts is what was done by the reference date: a degree graduated on or before it; a
 * lesson prize or a scholarship whose year is not after its year (the form gives years only).
 */
export function tier3Reasons(ctx: RuleContext): Reason[] {
  const t = ctx.policy.tiers[3];
  const routes = [routeA(ctx, t), routeB(ctx, t), routeC(ctx, t)];
  const met = routes.filter((r) => r.ok).map((r) => `(${r.route})`);
  const any = met.length > 0;
  return [
    ...routes,
    reason(t.clause, RULES.route, any,
      any ? `符合资格路径 ${met.join('')}` : '资格路径 (a)(b)(c) 均不符合',
      any ? `meets route ${met.join('')}` : 'meets none of routes (a), (b), (c)'),
    workReason(ctx, t),
  ];
}

/** (a) 全日制本科及以上学历的双一流院校（或相当）毕业生. */
function routeA(ctx: RuleContext, t: Tier3): Reason {
  const a = t.routes.a;
  const need = `${a.fullTime ? '全日制' : ''}${EDUCATION_ZH[a.minEducation]}及以上、双一流院校毕业`;
  const needEn = `${a.fullTime ? 'full-time ' : ''}${EDUCATION_EN[a.minEducation]} or higher from a Double First-Class university`;
  const degrees = ctx.form.candidate.education.filter(
    (e) => e.graduated <= ctx.asOf && levelAtLeast(e.level, a.minEducation) && (!a.fullTime || e.fullTime),
  );
  const hit = degrees.find((e) => isDoubleFirstClass(e.institution, ctx.universities));
  if (hit) {
    return reason(t.clause, RULES.routeA, true,
      `(a) ${hit.institution}${hit.fullTime ? '全日制' : ''}${EDUCATION_ZH[hit.level]}毕业（${hit.graduated}），属双一流院校`,
      `(a) ${hit.fullTime ? 'full-time ' : ''}${EDUCATION_EN[hit.level]} from ${hit.institution} (${hit.graduated}), a Double First-Class university`, 'a');
  }
  const why = degrees.length
    ? `${degrees.map((e) => e.institution).join('、')}不在双一流名单中`
    : `无${a.fullTime ? '全日制' : ''}${EDUCATION_ZH[a.minEducation]}及以上学历`;
  const whyEn = degrees.length
    ? `${degrees.map((e) => e.institution).join(', ')} not on the Double First-Class list`
    : `no ${a.fullTime ? 'full-time ' : ''}${EDUCATION_EN[a.minEducation]} or higher`;
  return reason(t.clause, RULES.routeA, false, `(a) ${why}，不符合“${need}”`, `(a) ${whyEn}; requires ${needEn}`, 'a');
}

/**
 * (b) 品学兼优、具有大学学生会副主席（院系）、团委副书记（院系）学生干部经历、获两次二等奖奖学金
 * 的其他本科院校毕业生. A role at university level is above the department level the plan
 * names (policy `roleLevels`); a first-class scholarship is a higher award than the second
 * class the plan asks for, so classes up to `scholarshipClass` count.
 */
function routeB(ctx: RuleContext, t: Tier3): Reason {
  const b = t.routes.b;
  const c = ctx.form.candidate;
  const asOfYear = Number(ctx.asOf.slice(0, 4));
  const degree = c.education.some((e) => e.graduated <= ctx.asOf && levelAtLeast(e.level, b.minEducation));
  const role = c.studentRoles.find((r) => b.roles.includes(r.role) && (b.roleLevels as string[]).includes(r.level));
  const scholarships = c.scholarships.filter((s) => s.class <= b.scholarshipClass && s.year <= asOfYear).length;
  const ok = degree && role !== undefined && scholarships >= b.scholarshipCount;
  const parts = [
    degree ? `${EDUCATION_ZH[b.minEducation]}及以上毕业` : `无${EDUCATION_ZH[b.minEducation]}及以上学历`,
    role ? `学生干部：${roleZh(role.role)}（${role.level === 'department' ? '院系' : '校级'}）` : '无学生会副主席或团委副书记（院系及以上）经历',
    `${SCHOLARSHIP_ZH[b.scholarshipClass]}及以上奖学金 ${scholarships} 次（要求 ${b.scholarshipCount} 次）`,
  ];
  const partsEn = [
    degree ? `${EDUCATION_EN[b.minEducation]} or higher` : `no ${EDUCATION_EN[b.minEducation]} or higher`,
    role ? `student role: ${role.role} (${role.level})` : 'no student-union vice-chair or youth-league deputy-secretary role (department level or above)',
    `${scholarships} scholarships of class ${b.scholarshipClass} or better (needs ${b.scholarshipCount})`,
  ];
  return reason(t.clause, RULES.routeB, ok, `(b) ${parts.join('；')}${ok ? '，符合' : '，不符合'}`,
    `(b) ${partsEn.join('; ')}${ok ? ': met' : ': not met'}`, 'b');
}

function roleZh(role: string): string {
  if (role === 'student-union-vice-chair') return '学生会副主席';
  if (role === 'youth-league-deputy-secretary') return '团委副书记';
  return role;
}

/** (c) 在区级及以上优质课评比中获二等奖及以上. */
function routeC(ctx: RuleContext, t: Tier3): Reason {
  const c = t.routes.c;
  const asOfYear = Number(ctx.asOf.slice(0, 4));
  const minLevel = AWARD_LEVEL_ORDER.indexOf(c.minLevel);
  const need = `${AWARD_LEVEL_ZH[c.minLevel]}及以上优质课评比${PRIZE_ZH[c.worstPrize]}及以上`;
  const needEn = `prize ${c.worstPrize} or better in a ${c.minLevel}-level-or-higher quality-lesson competition`;
  const hit = ctx.form.candidate.lessonAwards.find(
    (a) => AWARD_LEVEL_ORDER.indexOf(a.level) >= minLevel && a.prize <= c.worstPrize && a.year <= asOfYear,
  );
  if (hit) {
    return reason(t.clause, RULES.routeC, true,
      `(c) ${hit.year} 年${AWARD_LEVEL_ZH[hit.level]}优质课评比${PRIZE_ZH[hit.prize]}，达到${need}`,
      `(c) ${hit.level} quality-lesson competition prize ${hit.prize} (${hit.year}); meets ${needEn}`, 'c');
  }
  return reason(t.clause, RULES.routeC, false, `(c) 无${need}`, `(c) no ${needEn}`, 'c');
}

/** 具有学校班主任或团队工作经历: any time in those posts by the reference date. */
function workReason(ctx: RuleContext, t: Tier3): Reason {
  const d = experienceDetail(ctx.form.candidate.posts, t.workExperienceKinds, ctx.asOf, ctx.policy.daysPerYear);
  const ok = d.days > 0;
  const first = d.periods[0];
  return reason(t.clause, RULES.classOrTeamWork, ok,
    ok && first ? `具有${kindsZh(t.workExperienceKinds)}经历（自 ${first.from} 起，合计 ${d.days} 天）` : `无${kindsZh(t.workExperienceKinds)}经历`,
    ok && first ? `has ${kindsEn(t.workExperienceKinds)} experience (from ${first.from}, ${d.days} days)` : `no ${kindsEn(t.workExperienceKinds)} experience`);
}
