import * as z from 'zod';
/** An instant with its offset (contracts/ids.ts TimestampSchema; the domain keeps its own copy of the rule). */
const TimestampSchema = z.iso.datetime({ offset: true });

/**
 * The selection steps a round's notice may turn on (DESIGN §7, 《党政领导干部选拔任用工作条例》
 * as the plan's 三(三) runs it): 民主推荐, 考察 and 公示. Each is a state of the round state
 * machine (infra/constructs/round-machine.ts); absent means the round runs without it, as rounds
 * opened before these steps existed did.
 *
 * How a step counts is said here and in the scoring model: a component with
 * `source: 'recommendation'` (the 推荐 share × 100) or `source: 'inspection'` (the 考察 score)
 * makes the step a scoring component; `threshold` and `gate` make it a bar. The checks that
 * join the two (a component of a step that is off, a step that counts for nothing) are in
 * domain/selection/notice-checks.ts, so the API and the console's form say the same.
 */

/** 民主推荐: a ballot per unit of that unit's nominees, open from intake's close to `closesAt`. */
export const RecommendationNoticeSchema = z
  .object({
    /** The ballot's deadline: after intake closes, not after scoring closes. */
    closesAt: TimestampSchema,
    /** 0..1: the share of 推荐 among votes cast below which a candidate is not ranked. */
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();

/** 考察: the bureau inspects the top of the preliminary ranking and records each result. */
export const InspectionNoticeSchema = z
  .object({
    /** 考察对象 per tier = ceil(free seats × ratio) from the top (差额考察 when above 1). */
    ratio: z.number().min(1).max(3).default(1),
    /** 不合格 keeps a candidate out. */
    gate: z.boolean().default(true),
  })
  .strict();

/** 公示: after approval, before admission, for at least five working days (条例 art. 41). */
export const MIN_PUBLICITY_WORKING_DAYS = 5;
export const MAX_PUBLICITY_WORKING_DAYS = 30;
export const PublicityNoticeSchema = z
  .object({
    workingDays: z.number().int().min(MIN_PUBLICITY_WORKING_DAYS).max(MAX_PUBLICITY_WORKING_DAYS).default(MIN_PUBLICITY_WORKING_DAYS),
  })
  .strict();

export const SelectionNoticeSchema = z
  .object({
    recommendation: RecommendationNoticeSchema.optional(),
    inspection: InspectionNoticeSchema.optional(),
    publicity: PublicityNoticeSchema.optional(),
  })
  .strict();

export type RecommendationNotice = z.infer<typeof RecommendationNoticeSchema>;
export type InspectionNotice = z.infer<typeof InspectionNoticeSchema>;
export type PublicityNotice = z.infer<typeof PublicityNoticeSchema>;
export type SelectionNotice = z.infer<typeof SelectionNoticeSchema>;
/** What the console's form sends (defaults not yet filled). */
export type SelectionNoticeInput = z.input<typeof SelectionNoticeSchema>;

/** Which steps run, as the round's execution input carries them (the machine's Choice states). */
export interface SelectionSteps {
  recommendation: boolean;
  inspection: boolean;
  publicity: boolean;
}

export function selectionSteps(selection: SelectionNotice | undefined): SelectionSteps {
  return {
    recommendation: selection?.recommendation !== undefined,
    inspection: selection?.inspection !== undefined,
    publicity: selection?.publicity !== undefined,
  };
}
