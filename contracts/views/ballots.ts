import * as z from 'zod';
import { BallotCandidateSchema, CandidateTallySchema } from '../../domain/selection/ballot';

/** 民主推荐 (S-RECOMMEND, functions/api/ballots.ts): per unit the candidates, codes issued and used, the tally once counted. */
export const BallotView = z.object({
  unitCode: z.string(),
  closesAt: z.string(),
  openedAt: z.string(),
  issued: z.number(),
  used: z.number(),
  candidates: z.array(BallotCandidateSchema.extend({ result: CandidateTallySchema.optional() })),
  tally: z.object({ issued: z.number(), used: z.number(), turnout: z.number().nullable(), cast: z.number(), talliedAt: z.string().optional() }).optional(),
});

export const BallotsAnswer = z.object({ roundId: z.string(), ballots: z.array(BallotView), cursor: z.string().optional() });

/** The new one-time codes: in this answer only, never stored or shown again. */
export const BallotCodesAnswer = z.object({
  roundId: z.string(), roundTitle: z.string(), unitCode: z.string(), closesAt: z.string(), codes: z.array(z.string()), issued: z.number(),
});

/** Public: the ballot a live, unused code opens (never an ID number or a birth date). */
export const BallotSessionAnswer = z.object({
  roundTitle: z.string(), unitCode: z.string(), unitName: z.string().optional(), closesAt: z.string(), candidates: z.array(BallotCandidateSchema),
});

export const BallotVoteAnswer = z.object({ accepted: z.literal(true) });
