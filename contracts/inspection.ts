import * as z from 'zod';
import { INSPECTION_RESULTS } from '../domain/selection/inspection-record';

/**
 * 考察 (S-INSPECT) request bodies. Only the shape is checked here (bounded, so a request
 * cannot be huge); the rules — a team of two or more, dates in order and not in the future, a
 * conclusion within 2,000 characters, the result the notice asks for — are the domain's
 * (domain/selection/inspection-record.ts), each a coded problem at its field.
 */
export const InspectionBody = z.object({
  /** 考察组成员 (names). */
  team: z.array(z.string().max(100)).max(50),
  /** 考察日期: from … to, YYYY-MM-DD, both days included. */
  from: z.string().max(40),
  to: z.string().max(40),
  /** 个别谈话人数. */
  talks: z.number(),
  /** 考察结论 (written). */
  conclusion: z.string().max(20_000),
  /** 合格 / 不合格: required when the notice makes the inspection a gate. */
  result: z.enum(INSPECTION_RESULTS).optional(),
  /** The score, in the inspection component's [min, max], when the notice makes it a component. */
  score: z.number().finite().optional(),
}).strict();
export type InspectionBody = z.infer<typeof InspectionBody>;

/** Closing the inspection takes an optional note. */
export const InspectionCloseBody = z.object({ note: z.string().max(2000).optional() }).strict();
export type InspectionCloseBody = z.infer<typeof InspectionCloseBody>;
