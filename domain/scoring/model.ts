import * as z from 'zod';
import type { Result } from '../problem';
import { parseWith } from '../issues';

/**
 * A selection round's scoring model (S-ROUND, 三(三)): the round's notice, approved by the
 * District Organization Department, names weighted components. There is no national
 * standard, so the model is data per round, validated here.
 *
 * Weights must be positive and sum to 1 (within 1e-9). We REJECT rather than normalise: the
 * weights are published in the notice, and silently rescaling 0.3/0.3/0.3 to thirds would
 * score candidates under rules nobody published.
 */

export const WEIGHT_SUM_TOLERANCE = 1e-9;

/**
 * A weight sum as a person would write it: 6 significant digits, so the float noise of
 * 0.3 + 0.3 + … (5.6000000000000005) is not shown — unless that would read "1" for a sum
 * that is not 1 (1.0000001): then as many digits as it takes, up to 15.
 */
function displaySum(sum: number): string {
  const short = Number(sum.toPrecision(6));
  return String(short === 1 ? Number(sum.toPrecision(15)) : short);
}

/** How a form component is derived from the nomination form's facts (see facts.ts). */
export const Derivation = z.enum(['honour', 'education', 'experience', 'lesson-awards']);
export type Derivation = z.infer<typeof Derivation>;

const Bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });

export const ScoringComponentSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'id: lower-case letters, digits and dashes'),
  name: Bilingual,
  weight: z.number().positive().finite(),
  min: z.number().finite(),
  max: z.number().finite(),
  /**
   * entered: the bureau enters a score per nomination; form: derived from the form's facts;
   * recommendation: the 民主推荐 share of 推荐 × 100 (DESIGN §7); inspection: the 考察 score.
   * The last two come from a selection step the notice turns on (domain/selection/notice-checks.ts).
   */
  source: z.enum(['entered', 'form', 'recommendation', 'inspection']),
  derive: Derivation.optional(),
});
export type ScoringComponent = z.infer<typeof ScoringComponentSchema>;

export const ScoringModelSchema = z
  .object({
    roundId: z.string().min(1).optional(),
    components: z.array(ScoringComponentSchema).min(1),
  })
  .superRefine((model, ctx) => {
    const seen = new Set<string>();
    model.components.forEach((c, i) => {
      if (seen.has(c.id)) {
        ctx.addIssue({ code: 'custom', path: ['components', i, 'id'], message: `duplicate component id "${c.id}"`, params: { zh: `与前面的评分项重复（"${c.id}"）`, en: `repeats an earlier component id ("${c.id}")` } });
      }
      seen.add(c.id);
      if (!(c.min < c.max)) {
        ctx.addIssue({ code: 'custom', path: ['components', i, 'max'], message: 'min must be below max', params: { zh: '应大于 min', en: 'must be above min' } });
      }
      if (c.source === 'form' && c.derive === undefined) {
        ctx.addIssue({ code: 'custom', path: ['components', i, 'derive'], message: 'a form component needs derive', params: { zh: '取自表格的评分项（source: form）必须填写', en: 'is required for a component taken from the form (source: form)' } });
      }
      if (c.source !== 'form' && c.derive !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['components', i, 'derive'], message: `a ${c.source} component takes no derive`, params: { zh: `非取自表格的评分项（source: ${c.source}）不应填写`, en: `must be absent for a component not taken from the form (source: ${c.source})` } });
      }
    });
    const sum = model.components.reduce((s, c) => s + c.weight, 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      const shown = displaySum(sum);
      ctx.addIssue({ code: 'custom', path: ['components'], message: `weights sum to ${shown}, not 1`, params: { zh: `的权重之和为 ${shown}，应为 1`, en: `have weights summing to ${shown}, not 1` } });
    }
  });
export type ScoringModel = z.infer<typeof ScoringModelSchema>;

/** Parse a round's scoring model; every fault is a Problem (code SCORING_MODEL_INVALID). */
export function parseScoringModel(input: unknown): Result<ScoringModel> {
  return parseWith(ScoringModelSchema, input, 'SCORING_MODEL_INVALID');
}
