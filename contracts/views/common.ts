import * as z from 'zod';
import { ProblemSchema } from '../problem';

/**
 * Pieces every answer schema uses. The answers are plain JSON the handlers write; these
 * schemas say what is in them (contracts/views/index.ts, ANSWERS), for the OpenAPI document,
 * the console's types and the handlers' compile-time check — never parsed in production.
 */
export const Text = z.object({ zh: z.string(), en: z.string() });
export const TierNo = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const PerTier = <S extends z.ZodType>(s: S) => z.object({ 1: s, 2: s, 3: s });
/** The next page's key, as the previous page gave it (absent on the last page). */
export const Cursor = z.string().optional().meta({ description: '下一页的 cursor（最后一页没有）/ the next page, absent on the last' });
export const Clause = z.string().meta({ description: '方案条款编号 / the plan clause id (DESIGN §2), e.g. S-ROUND' });
export { ProblemSchema };

/** One reason of a verdict: the clause, the rule, passed or not, in words. */
export const ReasonView = z.object({
  clause: Clause, rule: z.string(), ok: z.boolean(), message: z.string(), messageEn: z.string().optional(),
  route: z.enum(['a', 'b', 'c']).optional(),
});

/** An eligibility verdict as shown (functions/api/views.ts verdictView; an import's verdict also names its source). */
export const VerdictView = z.object({
  tier: TierNo, eligible: z.boolean(), asOf: z.string(), policy: z.string(), source: z.string().optional(),
  reasons: z.array(ReasonView), unknownHonours: z.array(z.string()).optional(),
});

/** A talk owed (C-TALK, and the removal's 组织谈话): from when, due when, in words. */
export const TalkObligationView = z.object({
  clause: Clause, trigger: z.string(), triggeredBy: z.string(), triggeredOn: z.string(), knownOn: z.string(), due: z.string(),
  overdue: z.boolean(), organisational: z.boolean(), zh: z.string(), en: z.string(),
});
