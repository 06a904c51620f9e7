import * as z from 'zod';
import { isIsoDate } from '../dates';
import type { Result } from '../problem';
import { parseWith } from '../issues';

/**
 * The records kept per member under 四 (D-TRAIN, D-ROTATE) and 五(三) (C-TALK). Validated
 * with zod at the edge (API) and again inside member events, so a bad record never reaches
 * a member's history.
 */

export const IsoDateSchema = z.string().refine(isIsoDate, {
  message: 'a real date YYYY-MM-DD',
  params: { zh: '不是有效日期（格式 YYYY-MM-DD，且须为真实日期）', en: 'is not a real date in YYYY-MM-DD form' },
});
/**
 * A unit code as the district assigns it (JT-XYXX): capital letters, digits and dashes, 2–32
 * characters, starting with a letter or digit — the same rule the API applies to every unit
 * code it is given (functions/api/contracts.ts, UnitCodeSchema).
 */
export const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
export const UnitCodeSchema = z.string().refine((v) => UNIT_CODE.test(v), {
  message: 'a unit code like JT-XYXX',
  params: {
    zh: '不是有效的单位代码（如 JT-XYXX：大写字母、数字和连字符，2 至 32 位）',
    en: 'is not a valid unit code (like JT-XYXX: capital letters, digits and dashes, 2 to 32 characters)',
  },
});

const TO_NOT_BEFORE_FROM = { path: ['to'], message: 'to must not be before from', params: { zh: '早于开始日期 from', en: 'is before from' } };

/** The four must-talks (四必谈): post change, promotion, setback, after an inspection/assessment. */
export const TalkTrigger = z.enum(['post-change', 'promotion', 'setback', 'assessment']);
export type TalkTrigger = z.infer<typeof TalkTrigger>;

export const TALK_TRIGGER_NAMES: Record<TalkTrigger, { zh: string; en: string }> = {
  'post-change': { zh: '调整岗位时必谈', en: 'talk on a post change' },
  promotion: { zh: '提拔重用时必谈', en: 'talk on promotion' },
  setback: { zh: '遇到挫折时必谈', en: 'talk after a setback' },
  assessment: { zh: '考察考核后必谈', en: 'talk after an inspection or assessment' },
};

/** C-TALK: a talk held, by whoever holds management authority (根据人才管理权限). */
export const TalkRecordSchema = z.object({
  id: z.string().min(1).optional(),
  on: IsoDateSchema,
  by: z.string().min(1),
  /** organisational: the 组织谈话 owed on a removal (M-WARN, M-VETO, M-FAIL) — also counts as a talk. */
  kind: z.enum(['regular', 'organisational']).default('regular'),
  /** Which must-talks it answers (informational; any talk on/after a trigger discharges it). */
  triggers: z.array(TalkTrigger).default([]),
  notes: z.string().max(2000).optional(),
});
export type TalkRecord = z.infer<typeof TalkRecordSchema>;

/**
 * D-TRAIN (四(一)): a training class held by the bureau per tier, or study at a higher
 * party school / cadre institute / other provider (选送上级党校、行政干部教育学院…学习培训).
 */
export const TrainingRecordSchema = z
  .object({
    id: z.string().min(1).optional(),
    kind: z.enum(['training-class', 'course', 'secondment-study']),
    title: z.string().min(1).max(200),
    provider: z.string().min(1).max(200),
    hours: z.number().positive().max(2000),
    from: IsoDateSchema,
    to: IsoDateSchema,
  })
  .refine((r) => r.to >= r.from, TO_NOT_BEFORE_FROM);
export type TrainingRecord = z.infer<typeof TrainingRecordSchema>;

/**
 * D-ROTATE (四(二)): 挂职锻炼, 跟岗实践, exchange among group schools (集团校), exchange among
 * schools, bureau offices and institutions (坛教党字〔2017〕3号), on key posts.
 */
export const RotationKind = z.enum(['temporary-posting', 'shadowing', 'group-school-exchange', 'school-office-exchange']);
export type RotationKind = z.infer<typeof RotationKind>;

export const ROTATION_KIND_NAMES: Record<RotationKind, string> = {
  'temporary-posting': '挂职锻炼',
  shadowing: '跟岗实践',
  'group-school-exchange': '集团校之间交流轮岗',
  'school-office-exchange': '学校、机关科室、事业单位之间交流',
};

export const RotationRecordSchema = z
  .object({
    id: z.string().min(1).optional(),
    kind: RotationKind,
    hostUnit: z.object({ code: UnitCodeSchema.optional(), name: z.string().min(1) }),
    /** The plan names teaching and moral education as the key (重点、难点) posts. */
    postArea: z.enum(['teaching', 'moral-education', 'management', 'other']),
    from: IsoDateSchema,
    /** null = still under way. */
    to: IsoDateSchema.nullable(),
  })
  .refine((r) => r.to === null || r.to >= r.from, TO_NOT_BEFORE_FROM);
export type RotationRecord = z.infer<typeof RotationRecordSchema>;

export function parseTalkRecord(input: unknown): Result<TalkRecord> {
  return parseWith(TalkRecordSchema, input, 'TALK_RECORD_INVALID');
}

export function parseTrainingRecord(input: unknown): Result<TrainingRecord> {
  return parseWith(TrainingRecordSchema, input, 'TRAINING_RECORD_INVALID');
}

export function parseRotationRecord(input: unknown): Result<RotationRecord> {
  return parseWith(RotationRecordSchema, input, 'ROTATION_RECORD_INVALID');
}
