import { addDays, addYears } from '../domain/dates';
import {
  CLASS_TITLES, DEPUTY_TITLES, DFC_UNIVERSITIES, LADDER, MIDDLE_TITLES, OTHER_UNIVERSITIES, TEAM_TITLES, UNKNOWN_TITLES,
  atLeastYearsBefore, chain, degrees, earlierUnit, firstJobDate, honourPath, lessThanYearsBefore, someLessonAwards, teacherTitle,
  termStartOnOrBefore, type CareerCtx, type Education, type Honour, type LessonAward, type Post,
} from './career';

/**
 * The candidate part of a form (education, posts, honours, awards, student roles,
 * scholarships) for each tier and each intended outcome. Each builder changes exactly one
 * thing from an eligible candidate, so the verdict fails on the intended rule alone.
 */

export type IneligibleKind = 'over-age' | 'experience' | 'honour-low' | 'honour-unknown' | 'no-class-work' | 'no-route' | 'achievement-unmet';

export interface CandidateRecord {
  education: Education[];
  posts: Post[];
  honours: Honour[];
  lessonAwards: LessonAward[];
  studentRoles: { role: string; level: 'department' | 'university' }[];
  scholarships: { class: 1 | 2 | 3; year: number }[];
  teachingAchievement?: { met: boolean; condition: string };
  /** Tier 3: the routes the candidate was built to meet. */
  routes?: ('a' | 'b' | 'c')[];
}

const BEST_T1 = [['常州市骨干教师', 5], ['常州市学科带头人', 3], ['金坛区学科带头人', 2], ['常州市特级教师后备', 1], ['江苏省特级教师', 0.3]] as const;
const LOW_T1 = ['金坛区骨干教师', '常州市教学能手', '金坛区教学能手'] as const;
const BEST_T2 = [['金坛区骨干教师', 4], ['常州市教学能手', 3], ['金坛区学科带头人', 1.5], ['常州市骨干教师', 1]] as const;
const LOW_T2 = ['金坛区教学能手', '常州市教坛新秀', '金坛区教坛新秀'] as const;
const ACHIEVEMENTS = ['近三年获区级及以上保教成果奖或主持区级及以上课题', '近三年在区级及以上优质活动评比中获二等奖及以上', '近三年指导青年教师获区级及以上奖项'] as const;

/** Sometimes written with the ladder's alias or in quotes, as offices do. */
function spelled(ctx: CareerCtx, title: string): string {
  if (title === '常州市骨干教师' && ctx.rng.chance(0.2)) return '常州市学科骨干教师';
  if (ctx.rng.chance(0.05)) return `“${title}”`;
  return title;
}

function uni(ctx: CareerCtx): string {
  return ctx.rng.chance(0.3) ? ctx.rng.pick(DFC_UNIVERSITIES) : ctx.rng.pick(OTHER_UNIVERSITIES);
}

const empty = { lessonAwards: [], studentRoles: [], scholarships: [] };

/** Tier 1 (E-T1): a deputy (党政副职) of ≥ 2 years with 常州市骨干教师 or above. */
export function tier1(ctx: CareerCtx, birthDate: string, kind?: IneligibleKind): CandidateRecord {
  const { rng, unit } = ctx;
  const education = degrees(ctx, birthDate, { institution: uni(ctx), master: rng.chance(0.45) });
  const start = firstJobDate(education);
  const deputyFrom = kind === 'experience' ? lessThanYearsBefore(ctx, 2) : maxDate(atLeastYearsBefore(ctx, 2, 5), addYears(start, 8));
  const middleFrom = termStartOnOrBefore(maxDate(addYears(deputyFrom, -rng.int(3, 6)), addYears(start, 3)));
  const first = earlierUnit(ctx);
  const posts = chain([
    { kind: 'class-teacher', title: rng.pick(CLASS_TITLES[first.type]), unit: first.name, from: start },
    { kind: 'middle', title: rng.pick(MIDDLE_TITLES[unit.type]), unit: unit.name, from: middleFrom },
    { kind: 'deputy', title: rng.pick(DEPUTY_TITLES[unit.type]), unit: unit.name, from: deputyFrom },
  ]);
  const best = kind === 'honour-low' ? rng.pick(LOW_T1) : kind === 'honour-unknown' ? rng.pick(['金坛区教学能手', '常州市教坛新秀']) : rng.weighted(BEST_T1);
  const extra = kind === 'honour-unknown' ? [rng.pick(UNKNOWN_TITLES)] : rng.chance(0.1) ? [rng.pick(UNKNOWN_TITLES)] : [];
  const honours = honourPath(ctx, start, best, extra).map((h) => ({ ...h, title: spelled(ctx, h.title) }));
  return { ...empty, education, posts, honours, lessonAwards: someLessonAwards(ctx, start) };
}

/** Tier 2 (E-T2): ≥ 3 years in middle management, 金坛区骨干教师 / 常州市教学能手 or above (kindergartens: their own condition). */
export function tier2(ctx: CareerCtx, birthDate: string, kind?: IneligibleKind): CandidateRecord {
  const { rng, unit } = ctx;
  const education = degrees(ctx, birthDate, { institution: uni(ctx), master: rng.chance(0.25) });
  const start = firstJobDate(education);
  const middleFrom = kind === 'experience' ? lessThanYearsBefore(ctx, 3) : maxDate(atLeastYearsBefore(ctx, 3, 4), addYears(start, 2));
  const office = unit.type === 'bureau-office' || unit.type === 'institution';
  const school = office ? earlierUnit(ctx, rng.pick(['primary', 'middle'] as const)) : earlierUnit(ctx);
  const steps: Omit<Post, 'to'>[] = [
    { kind: 'class-teacher', title: rng.pick(CLASS_TITLES[school.type]), unit: school.name, from: start },
  ];
  const middleTitles = MIDDLE_TITLES[unit.type];
  // Two steps in middle management (副主任 → 主任) for some; the periods join up.
  const second = addYears(middleFrom, rng.int(2, 4));
  if (rng.chance(0.4) && second < addYears(ctx.ref, -1)) {
    steps.push({ kind: 'middle', title: middleTitles[0] as string, unit: unit.name, from: middleFrom });
    steps.push({ kind: 'middle', title: middleTitles[1] ?? (middleTitles[0] as string), unit: unit.name, from: termStartOnOrBefore(second) });
  } else {
    steps.push({ kind: 'middle', title: rng.pick(middleTitles), unit: unit.name, from: middleFrom });
  }
  if (office && middleFrom > addYears(start, 3)) {
    steps.push({ kind: 'other', title: teacherTitle(ctx, unit), unit: unit.name, from: termStartOnOrBefore(addYears(middleFrom, -1)) });
  }
  const posts = chain(steps);
  const out: CandidateRecord = { ...empty, education, posts, honours: [], lessonAwards: someLessonAwards(ctx, start) };
  if (unit.type === 'kindergarten') {
    // 三(二)2: a kindergarten's own teaching-achievement condition replaces the honour.
    out.honours = honourPath(ctx, start, rng.chance(0.5) ? rng.pick(['金坛区教坛新秀', '金坛区教学能手']) : null);
    out.teachingAchievement = { met: kind !== 'achievement-unmet', condition: rng.pick(ACHIEVEMENTS) };
    return out;
  }
  const best = kind === 'honour-low' ? rng.pick(LOW_T2) : kind === 'honour-unknown' ? (rng.chance(0.5) ? '金坛区教坛新秀' : null) : rng.weighted(BEST_T2);
  const extra = kind === 'honour-unknown' ? [rng.pick(UNKNOWN_TITLES)] : rng.chance(0.1) ? [rng.pick(UNKNOWN_TITLES)] : [];
  out.honours = honourPath(ctx, start, best, extra).map((h) => ({ ...h, title: spelled(ctx, h.title) }));
  return out;
}

/**
 * Tier 3 (E-T3): route (a) Double First-Class graduate, (b) student-union vice chair or
 * league deputy secretary with two second-class scholarships, (c) a district lesson prize
 * (second or better); and in every case class-teacher or team work.
 */
export function tier3(ctx: CareerCtx, birthDate: string, kind?: IneligibleKind): CandidateRecord {
  const { rng, unit } = ctx;
  const route = rng.weighted([['a', 4], ['b', 3], ['c', 3]] as const);
  const noRoute = kind === 'no-route';
  let institution: string;
  let fullTime = true;
  if (noRoute && rng.chance(0.3)) {
    // A listed university, but a part-time (函授) degree: route (a) asks for full-time.
    institution = rng.pick(DFC_UNIVERSITIES);
    fullTime = false;
  } else {
    institution = route === 'a' && !noRoute ? rng.pick(DFC_UNIVERSITIES) : rng.pick(OTHER_UNIVERSITIES);
  }
  const education = degrees(ctx, birthDate, { institution, fullTime, master: route === 'a' && rng.chance(0.25) });
  const start = firstJobDate(education);
  const gradYear = Number((education[0] as Education).graduated.slice(0, 4));
  const routes: ('a' | 'b' | 'c')[] = [];
  if (route === 'a' && !noRoute) routes.push('a');

  const out: CandidateRecord = { ...empty, education, posts: [], honours: [] };
  if ((route === 'b' && !noRoute) || rng.chance(0.15)) {
    out.studentRoles = [{ role: rng.pick(['student-union-vice-chair', 'youth-league-deputy-secretary']), level: rng.chance(0.8) ? 'department' : 'university' }];
    const years = rng.shuffle([gradYear - 3, gradYear - 2, gradYear - 1]).slice(0, 2).sort();
    out.scholarships = years.map((year) => ({ class: 2 as const, year }));
    if (noRoute) {
      // One second-class scholarship short.
      out.scholarships = [{ class: 2, year: years[0] as number }, { class: 3, year: years[1] as number }];
    } else {
      routes.push('b');
    }
  }
  const lessonYear = rng.int(Math.min(gradYear + 1, Number(ctx.att.slice(0, 4))), Number(ctx.att.slice(0, 4)));
  if (route === 'c' && !noRoute) {
    out.lessonAwards = [{ level: rng.weighted([['district', 4], ['city', 1]] as const), prize: rng.pick([1, 2] as const), year: lessonYear, title: '金坛区中小学优质课评比' }];
    routes.push('c');
  } else if (noRoute || rng.chance(0.2)) {
    out.lessonAwards = [{ level: 'district', prize: 3, year: lessonYear, title: '金坛区中小学优质课评比' }];
  }

  const office = unit.type === 'bureau-office' || unit.type === 'institution';
  const school = office ? earlierUnit(ctx, rng.pick(['primary', 'middle'] as const)) : unit;
  const steps: Omit<Post, 'to'>[] = [];
  if (kind === 'no-class-work') {
    steps.push({ kind: 'teacher', title: teacherTitle(ctx, school), unit: school.name, from: start });
  } else if (rng.chance(0.25)) {
    steps.push({ kind: 'team', title: rng.pick(TEAM_TITLES[school.type]), unit: school.name, from: start });
  } else {
    steps.push({ kind: 'class-teacher', title: rng.pick(CLASS_TITLES[school.type]), unit: school.name, from: start });
  }
  const moved = termStartOnOrBefore(maxDate(addYears(start, 2), addYears(ctx.ref, -1)));
  if (office && moved > start && moved <= addDays(ctx.att, -30)) steps.push({ kind: 'other', title: teacherTitle(ctx, unit), unit: unit.name, from: moved });
  out.posts = chain(steps);
  out.honours = rng.chance(0.35) ? honourPath(ctx, start, rng.pick(LADDER[0] as readonly string[])) : [];
  out.routes = routes;
  return out;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
