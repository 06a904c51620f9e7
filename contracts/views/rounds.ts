import * as z from 'zod';
import { RoundSchema } from '../../domain/round/round';
import { ScoringModelSchema } from '../../domain/scoring/model';
import { PublicityStateSchema } from '../../domain/selection/publicity-state';
import { Cursor } from './common';

/**
 * A round as the API shows it (functions/api/rounds.ts roundView). Bureau and approver see it
 * whole but for the state machine's task tokens; a school sees roundId, title, status, tiers,
 * referenceDate, openedAt and the two deadlines only — a subset of the same shape.
 */
export const RoundView = RoundSchema.omit({ taskToken: true, scoringModel: true, publicity: true }).extend({
  /** The notice's scoring model, as the API accepted it. */
  scoringModel: ScoringModelSchema.optional(),
  publicity: PublicityStateSchema.omit({ taskToken: true }).optional(),
});

export const RoundAnswer = z.object({ round: RoundView });
export const RoundsAnswer = z.object({ rounds: z.array(RoundView), cursor: Cursor });
