import * as z from 'zod';

/**
 * The plan as data. A Policy is versioned: every decision records `policyRef` (id@version)
 * and is never re-judged under a later policy. Deployments that interpret the plan
 * differently change this data, not the rules' code.
 */

export const EducationLevel = z.enum(['associate', 'bachelor', 'master', 'doctor']);
export type EducationLevel = z.infer<typeof EducationLevel>;
export const EDUCATION_ORDER: readonly EducationLevel[] = ['associate', 'bachelor', 'master', 'doctor'];

export const PostKind = z.enum(['principal', 'deputy', 'middle', 'class-teacher', 'team', 'teacher', 'other']);
export type PostKind = z.infer<typeof PostKind>;

export const UnitType = z.enum(['primary', 'middle', 'kindergarten', 'bureau-office', 'institution']);
export type UnitType = z.infer<typeof UnitType>;

export const AwardLevel = z.enum(['district', 'city', 'province', 'national']);
export type AwardLevel = z.infer<typeof AwardLevel>;
export const AWARD_LEVEL_ORDER: readonly AwardLevel[] = ['district', 'city', 'province', 'national'];

/**
 * The plan's schema, built on first use: the zod objects below cost a cold start ~10 ms of
 * CPU to construct (issue #12.7), and nothing parses a policy at run time — PLAN_2020 is a
 * literal checked against this schema by tests/domain/policy.test.ts.
 */
function buildPolicySchema() {
  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
  /** One rung of the honour ladder: a title exactly as written in Chinese, and its rank. */
  const HonourRung = z.object({
    title: z.string().min(1),
    rank: z.number().int(),
    scope: z.enum(['district', 'city', 'province', 'national']),
    /** Other spellings a school office writes for the same title. */
    aliases: z.array(z.string()).default([]),
  });

  const Experience = z.object({
    /** Post kinds whose dated periods count (union of periods, overlaps once). */
    kinds: z.array(PostKind).min(1),
    years: z.number().int().min(0),
  });

  const BaseTier = z.object({
    clause: z.enum(['E-T1', 'E-T2', 'E-T3']),
    cap: z.number().int().positive(),
    maxAge: z.number().int().positive(),
  });

  const Tier1Policy = BaseTier.extend({
    minEducation: EducationLevel,
    experience: Experience,
    /** Honour at or above this title's rank. */
    minHonour: z.string(),
  });

  const Tier2Policy = BaseTier.extend({
    minEducation: EducationLevel,
    experience: Experience,
    /** Any one of these titles or above (the plan: 金坛区骨干教师 或 常州市教学能手 及以上). */
    minHonourAnyOf: z.array(z.string()).min(1),
    /**
     * Unit types that replace the honour with a teaching-achievement condition of their own
     * (幼儿园依据实际情况制定教学业绩条件要求); the unit's party organisation attests it.
     */
    ownAchievementConditionUnitTypes: z.array(UnitType),
  });

  const Tier3Policy = BaseTier.extend({
    routes: z.object({
      /** (a) full-time bachelor's or above from a listed Double First-Class university. */
      a: z.object({ minEducation: EducationLevel, fullTime: z.boolean(), list: z.literal('double-first-class') }),
      /** (b) another bachelor-level graduate with a student-leader role and scholarships. */
      b: z.object({
        minEducation: EducationLevel,
        roles: z.array(z.string()).min(1),
        roleLevels: z.array(z.enum(['department', 'university'])).min(1),
        scholarshipClass: z.number().int().min(1).max(3),
        scholarshipCount: z.number().int().min(1),
      }),
      /** (c) a quality-lesson competition prize at this level or higher. */
      c: z.object({ minLevel: AwardLevel, worstPrize: z.number().int().min(1).max(3) }),
    }),
    /** In every case: class-teacher or team (少先队 / 团委) work experience. */
    workExperienceKinds: z.array(PostKind).min(1),
  });

  const PolicySchema = z.object({
    id: z.string().min(1),
    version: z.number().int().positive(),
    title: z.string(),
    publishedOn: isoDate,
    source: z.string(),
    tiers: z.object({ 1: Tier1Policy, 2: Tier2Policy, 3: Tier3Policy }),
    honourLadder: z.array(HonourRung).min(1),
    /** Years an honour stays valid after its award; null = no term of validity (default). */
    honourValidityYears: z.number().int().positive().nullable(),
    /** Separate periods add up by days, this many to the year. */
    daysPerYear: z.number().int().positive(),
    /** Whether a recorded exemption (reason, approver, date) may relax the age limit (E-EXEMPT). */
    ageExemptionAllowed: z.boolean(),
    /**
     * Unit types whose candidates may have the age limit relaxed; absent = every type. The plan
     * lets bureau offices and institutions recommend only staff 年龄范围内 (within the age range).
     */
    ageExemptionUnitTypes: z.array(UnitType).optional(),
    /** Unit types that may nominate (E-OFFICE adds bureau offices and institutions). */
    nominatingUnitTypes: z.array(UnitType).min(1),
    term: z.object({ years: z.number().int().positive() }),
    review: z.object({
      /** "Ranked low": bottom share of the tier by annual score (competition ranking)… */
      bottomShare: z.number().min(0).max(1),
      /** …or one of these annual grades. */
      lowGrades: z.array(z.string()),
      grades: z.array(z.string()).min(1),
      /** Years after a warning at which a member still not meeting requirements is removed. */
      warningFollowUpYears: z.number().int().positive(),
      /** Summative top share: rank r with r ≤ topShare × n. */
      topShare: z.number().min(0).max(1),
      /** Summative failure: these grades fail. */
      summativeFailGrades: z.array(z.string()),
    }),
    talks: z.object({
      minPerYear: z.number().int().min(0),
      /** Days within which a must-talk (四必谈) is due after its trigger. */
      dueWithinDays: z.number().int().positive(),
      /**
       * Days within which the organisational talk (组织谈话) is due after a removal (M-WARN,
       * M-VETO, M-FAIL: 进行组织谈话，不再列入后备人才培养对象), counted from the day the removal is
       * known. The plan sets no period; DESIGN §2 *Removal* defaults it to 30.
       */
      removalTalkWithinDays: z.number().int().positive().default(30),
    }),
  });
  return { HonourRung, PolicySchema };
}

let built: ReturnType<typeof buildPolicySchema> | undefined;

/** The policy schema (memoised): what a policy file must be. */
export function policySchema(): ReturnType<typeof buildPolicySchema>['PolicySchema'] {
  built ??= buildPolicySchema();
  return built.PolicySchema;
}

export type HonourRung = z.infer<ReturnType<typeof buildPolicySchema>['HonourRung']>;
export type Policy = z.infer<ReturnType<typeof policySchema>>;
export type PolicyRef = `${string}@${number}`;

export function policyRef(p: Pick<Policy, 'id' | 'version'>): PolicyRef {
  return `${p.id}@${p.version}`;
}
