import * as z from 'zod';
import { isIsoDate } from '../dates';
import { AwardLevel, EducationLevel, PostKind, UnitType } from '../policy/schema';
import { birthDateFromIdNumber, genderFromIdNumber, hasIdNumberShape, isValidIdNumber } from './id-number';
import { hasBidiControl, hasVisibleText } from './visible-text';

/**
 * Nomination form, version 1 (DESIGN §6), field for field as the Excel template fills it.
 *
 * Every object is strict: an unknown field is a rejection (FORM_UNKNOWN_FIELD), at the top
 * level and inside. A school office that types `fulltime` for `fullTime` or `honors` for
 * `honours` must hear about it; silently dropping the field would judge the candidate on
 * less than the school wrote.
 *
 * Extensions to v1 are new OPTIONAL fields only:
 * - `attestation.teachingAchievement` — a kindergarten's own teaching-achievement condition
 *   (三(二)2: 幼儿园依据实际情况制定教学业绩条件要求), attested by its party organisation; it
 *   replaces the honour for the tier 2 unit types the policy lists.
 * - `lessonAwards[].title`, `education[].major`: free text, kept for the record.
 * - `lessonAwards`, `studentRoles`, `scholarships` may be left out (= none); `ageExemption`
 *   may be left out (= null). `education`, `posts`, `honours` are required (empty allowed):
 *   every tier reads them, so a missing list is more likely a mapping error than "none".
 *
 * Custom checks carry `params.code` (a stable problem code) and may carry `params.zh` /
 * `params.en`; parse.ts turns every zod issue into a Problem.
 */

const MAX_TEXT = 200;
const MAX_ITEMS = 50;

/**
 * A required piece of text: trimmed (Excel cells carry stray spaces), not blank — and text
 * that shows as nothing (only zero-width, format or filler characters) is blank too
 * (FORM_EMPTY); bidirectional overrides / embeddings / isolates are refused (FORM_TEXT_BIDI):
 * see visible-text.ts.
 */
const text = z.string().trim().min(1).max(MAX_TEXT)
  // '' is min(1)'s FORM_EMPTY already.
  .refine((s) => s === '' || hasVisibleText(s), { params: { code: 'FORM_EMPTY' }, abort: true })
  .refine((s) => !hasBidiControl(s), { params: { code: 'FORM_TEXT_BIDI' }, abort: true });

/** A real calendar date, ISO YYYY-MM-DD. */
export const FormDate = z.string().refine(isIsoDate, { params: { code: 'FORM_DATE_INVALID' }, abort: true });

const year = z.number().int().min(1900).max(2200);

const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_ITEMS);

/** The 18-digit ID number: shape, then GB 11643 checksum; a lower-case x is written as X. */
const IdNumber = z
  .string()
  .trim()
  .refine(hasIdNumberShape, { params: { code: 'FORM_ID_FORMAT' }, abort: true })
  .refine(isValidIdNumber, { params: { code: 'FORM_ID_CHECKSUM' }, abort: true })
  .refine((id) => birthDateFromIdNumber(id) !== null, {
    params: { code: 'FORM_ID_FORMAT', zh: '身份证号中的出生日期不是有效日期', en: 'the birth date inside the ID number is not a real date' },
    abort: true,
  })
  .toUpperCase();

export const NominationSource = z.enum(['selection', 'org-dept-list', 'legacy-young-cadre', 'imported-talent']);
export type NominationSource = z.infer<typeof NominationSource>;

export const Gender = z.enum(['M', 'F']);

export const Education = z.strictObject({
  level: EducationLevel,
  fullTime: z.boolean(),
  institution: text,
  graduated: FormDate,
  major: text.optional(),
});
export type Education = z.infer<typeof Education>;

export const Post = z
  .strictObject({
    kind: PostKind,
    title: text,
    unit: text,
    from: FormDate,
    /** null = still in post. Required, so that "current" is always said, never assumed. */
    to: FormDate.nullable(),
  })
  .refine((p) => p.to === null || p.to >= p.from, { path: ['to'], params: { code: 'FORM_PERIOD_ORDER' } });
export type Post = z.infer<typeof Post>;

export const Honour = z.strictObject({ title: text, awarded: FormDate });
export type Honour = z.infer<typeof Honour>;

export const LessonAward = z.strictObject({
  level: AwardLevel,
  prize: z.literal([1, 2, 3]),
  year,
  title: text.optional(),
});
export type LessonAward = z.infer<typeof LessonAward>;

export const StudentRole = z.strictObject({
  /** `student-union-vice-chair` | `youth-league-deputy-secretary` | any other role as written. */
  role: text,
  level: z.enum(['department', 'university']),
});
export type StudentRole = z.infer<typeof StudentRole>;

export const Scholarship = z.strictObject({ class: z.literal([1, 2, 3]), year });
export type Scholarship = z.infer<typeof Scholarship>;

export const Candidate = z
  .strictObject({
    name: text,
    gender: Gender,
    idNumber: IdNumber,
    birthDate: FormDate,
    education: list(Education),
    posts: list(Post),
    honours: list(Honour),
    lessonAwards: list(LessonAward).default([]),
    studentRoles: list(StudentRole).default([]),
    scholarships: list(Scholarship).default([]),
  })
  .superRefine((c, ctx) => {
    // The ID number is the person's identity; the birth date and gender written beside it
    // must agree with it, or one of them is a typo that would change the age rule.
    const embedded = birthDateFromIdNumber(c.idNumber);
    if (embedded !== null && embedded !== c.birthDate) {
      ctx.addIssue({
        code: 'custom', path: ['birthDate'],
        params: {
          code: 'FORM_ID_BIRTHDATE_MISMATCH',
          zh: `出生日期 ${c.birthDate} 与身份证号中的 ${embedded} 不一致`,
          en: `birth date ${c.birthDate} disagrees with ${embedded} in the ID number`,
        },
      });
    }
    const g = genderFromIdNumber(c.idNumber);
    if (g !== null && g !== c.gender) {
      ctx.addIssue({
        code: 'custom', path: ['gender'],
        params: {
          code: 'FORM_ID_GENDER_MISMATCH',
          zh: `性别 ${c.gender === 'M' ? '男' : '女'} 与身份证号（第 17 位）不一致`,
          en: `gender ${c.gender} disagrees with the ID number (17th digit)`,
        },
      });
    }
  });
export type Candidate = z.infer<typeof Candidate>;

export const TeachingAchievement = z.strictObject({
  /** Whether the candidate meets the unit's own condition, as the party organisation attests. */
  met: z.boolean(),
  /** The condition as the unit set it (e.g. "近三年获区级及以上保教成果奖"). */
  condition: text,
});
export type TeachingAchievement = z.infer<typeof TeachingAchievement>;

export const Attestation = z.strictObject({
  /** The basic conditions of 三(二)1, attested by the nominating unit's party organisation. */
  basicConditions: z.boolean(),
  by: text,
  date: FormDate,
  teachingAchievement: TeachingAchievement.optional(),
});
export type Attestation = z.infer<typeof Attestation>;

export const AgeExemption = z.strictObject({ reason: text, approvedBy: text, date: FormDate });
export type AgeExemption = z.infer<typeof AgeExemption>;

export const NominationFormSchema = z.strictObject({
  formVersion: z.literal(1),
  roundId: text,
  unit: z.strictObject({ code: text, name: text, type: UnitType }),
  tier: z.literal([1, 2, 3]),
  source: NominationSource,
  candidate: Candidate,
  attestation: Attestation,
  ageExemption: AgeExemption.nullable().default(null),
});

export type NominationForm = z.output<typeof NominationFormSchema>;
/** What a school may send (optional lists may be left out). */
export type NominationFormInput = z.input<typeof NominationFormSchema>;
