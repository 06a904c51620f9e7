import * as z from 'zod';
import { PROPOSALS } from '../../domain/round/nomination';
import { InspectionRecordSchema } from '../../domain/selection/inspection-record';
import { Clause, Cursor, ProblemSchema, Text, TierNo, VerdictView } from './common';

/**
 * A nomination as shown (functions/api/views.ts nominationView): never the form's personal
 * data. The fields marked "bureau" are the bureau's only; a school sees its own unit's.
 */
const AdmissionView = z.object({
  status: z.enum(['admitted', 'cap-reached', 'refused', 'objection-upheld', 'not-admitted']),
  clause: Clause,
  tier: TierNo.optional(),
  on: z.string().optional(),
  zh: z.string().optional(),
  en: z.string().optional(),
  problems: z.array(ProblemSchema).optional(),
  objectionId: z.string().optional(),
  reason: z.string().optional(),
});

export const NominationView = z.object({
  nominationId: z.string(),
  roundId: z.string(),
  unit: z.string(),
  status: z.enum(['accepted', 'rejected', 'superseded']),
  tier: TierNo.optional(),
  candidateName: z.string().optional(),
  verdict: VerdictView.optional(),
  problems: z.array(ProblemSchema).optional(),
  score: z.number().optional(),
  rank: z.number().optional(),
  position: z.number().optional(),
  proposed: z.enum(PROPOSALS).optional(),
  inPool: z.object({ clause: z.literal('T-CAP'), tier: TierNo }).optional(),
  removed: z.object({ clause: Clause }).optional(),
  supersededBy: z.string().optional(),
  note: Text.optional(),
  admission: AdmissionView.optional(),
  /** bureau: the entered score components. */
  enteredScores: z.record(z.string(), z.number()).optional(),
  /** bureau: the unit whose live nomination of the person this one gave way to. */
  nominatedElsewhere: z.object({ unitCode: z.string(), nominationId: z.string() }).optional(),
  /** bureau: why scoring could not complete. */
  scoringProblems: z.array(ProblemSchema).optional(),
  /** bureau: the 考察 record (S-INSPECT). */
  inspection: InspectionRecordSchema.optional(),
  /** bureau: components a scoring pass left out (the preliminary ranking before 考察). */
  scoringLeftOut: z.array(z.object({ id: z.string(), clause: Clause, zh: z.string(), en: z.string() })).optional(),
  inspectionNote: z.object({ clause: z.literal('S-INSPECT'), zh: z.string(), en: z.string() }).optional(),
  source: z.object({ key: z.string(), row: z.number().optional(), entry: z.string().optional(), forms: z.number().optional() }),
  receivedAt: z.string(),
});

export const NominationsAnswer = z.object({ roundId: z.string(), unit: z.string().optional(), nominations: z.array(NominationView), cursor: Cursor });
export const NominationAnswer = z.object({ nomination: NominationView });
