import * as z from 'zod';
import type { Verdict } from '../eligibility/types';
import type { NominationForm } from '../form/schema';
import { CutoffTieSchema, StoredProblemSchema } from './round';
import { InspectionRecordSchema } from '../selection/inspection-record';
import { CandidateTallySchema } from '../selection/ballot';

/**
 * A nomination as intake stores it (`ROUND#{roundId}` / `NOM#{id}`) and the later steps add
 * to it — scoring, rank, admission — every field named and parsed on read, so nothing
 * downstream casts. `accepted` is a well-formed form with its verdict (eligible or not);
 * `rejected` a file or row that could not be read as one, with the problems; `superseded`
 * a form the same unit replaced with a later one (one live nomination per person per round).
 */
const TierNo = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** Where it came from: the uploaded object, the workbook row, and how many forms the file yields. */
export const UploadRefSchema = z.object({
  bucket: z.string(),
  key: z.string(),
  /** The object version, or 'null' for an unversioned bucket (then `sequencer` tells uploads apart). */
  versionId: z.string(),
  sequencer: z.string().optional(),
  /** Workbook row (1-based as Excel shows it); absent for a JSON file or a whole-file rejection. */
  row: z.number().optional(),
  /** The .lrmx inside an uploaded .zip that the nomination came from. */
  entry: z.string().optional(),
  /** How many nominations the file yields, so a reader knows when it has them all. */
  forms: z.number().optional(),
});
export type UploadRef = z.infer<typeof UploadRefSchema>;

/** The version part of an upload's key: versionId, or 'null#{sequencer}' when unversioned. */
export function uploadVersion(ref: Pick<UploadRef, 'versionId' | 'sequencer'>): string {
  return ref.versionId === 'null' && ref.sequencer ? `null#${ref.sequencer}` : ref.versionId;
}

/** A problem as stored: a workbook row's also names its cell ("推荐表!J7"), an .lrmx person's its element ("Person/JianLi"). */
export const NominationProblemSchema = StoredProblemSchema.extend({ cell: z.string().optional(), element: z.string().optional() });
export type NominationProblem = z.infer<typeof NominationProblemSchema>;

const ReasonSchema = z.object({
  clause: z.string(),
  rule: z.string(),
  ok: z.boolean(),
  message: z.string(),
  messageEn: z.string().optional(),
  route: z.enum(['a', 'b', 'c']).optional(),
});

/** The verdict intake computed (domain/eligibility), read back as it was written. */
export const StoredVerdictSchema = z.object({
  tier: TierNo,
  eligible: z.boolean(),
  asOf: z.string(),
  policy: z.string(),
  source: z.string().optional(),
  reasons: z.array(ReasonSchema),
  unknownHonours: z.array(z.string()).optional(),
}).transform((v) => v as Verdict);
export type StoredVerdict = z.output<typeof StoredVerdictSchema>;

/**
 * The parsed form, personal data included (the table is KMS-encrypted; never logged). It was
 * produced by parseNominationForm at intake; where a decision rests on it (scoring,
 * admission) it is parsed again, so here it is only checked to be an object.
 */
const StoredFormSchema = z.custom<NominationForm>((v) => v !== null && typeof v === 'object' && !Array.isArray(v));

const ComponentScoreSchema = z.object({
  id: z.string(),
  source: z.enum(['entered', 'form', 'recommendation', 'inspection']),
  value: z.number(),
  normalised: z.number(),
  points: z.number(),
});

/** What scoring stores: the composite with its components, or why there is none (never a guessed 0). */
export const NominationScoringSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('scored'), clause: z.literal('S-ROUND'), score: z.number(), components: z.array(ComponentScoreSchema), tiebreak: z.array(z.number()),
    /** Components this pass left out, and why (考察's preliminary ranking, S-INSPECT). */
    leftOut: z.array(z.object({ id: z.string(), clause: z.string(), zh: z.string(), en: z.string() })).optional(),
  }),
  z.object({ status: z.literal('incomplete'), clause: z.literal('S-ROUND'), problems: z.array(StoredProblemSchema) }),
]);
export type NominationScoring = z.infer<typeof NominationScoringSchema>;

export const PROPOSALS = ['admit', 'waitlist', 'admitted-elsewhere', 'in-pool', 'removed', 'tier-not-open', 'ineligible', 'incomplete', 'not-inspected', 'inspection-failed', 'below-threshold'] as const;
export type Proposal = (typeof PROPOSALS)[number];

/** What admission made of it (S-ROUND, T-CAP). */
export const NominationAdmissionSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('admitted'), clause: z.string(), tier: TierNo, personId: z.string(), seat: z.string().optional(), on: z.string(), cohortId: z.string() }),
  z.object({ status: z.literal('cap-reached'), clause: z.literal('T-CAP'), tier: TierNo, on: z.string(), zh: z.string(), en: z.string() }),
  z.object({ status: z.literal('refused'), clause: z.string(), tier: TierNo, on: z.string(), problems: z.array(StoredProblemSchema) }),
  /** 公示: an objection against the candidate was upheld (S-PUBLICITY); the seat stays free. */
  z.object({ status: z.literal('objection-upheld'), clause: z.literal('S-PUBLICITY'), tier: TierNo, on: z.string(), objectionId: z.string(), reason: z.string(), zh: z.string(), en: z.string() }),
]);
export type NominationAdmission = z.infer<typeof NominationAdmissionSchema>;
export type AdmissionStatus = NominationAdmission['status'];

export const NominationSchema = z.object({
  nominationId: z.string().min(1),
  roundId: z.string().min(1),
  unitCode: z.string().min(1),
  status: z.enum(['accepted', 'rejected', 'superseded']),
  source: UploadRefSchema,
  receivedAt: z.string(),
  // accepted (and superseded, which was accepted first)
  personId: z.string().optional(),
  tier: TierNo.optional(),
  candidateName: z.string().optional(),
  form: StoredFormSchema.optional(),
  verdict: StoredVerdictSchema.optional(),
  policyRef: z.string().optional(),
  // rejected
  problems: z.array(NominationProblemSchema).optional(),
  // the one-per-round rule
  supersededBy: z.string().optional(),
  supersedes: z.string().optional(),
  /** Refused: the person's live nomination in this round is another unit's (shown to the bureau only). */
  nominatedElsewhere: z.object({ unitCode: z.string(), nominationId: z.string() }).optional(),
  // scoring: the bureau's entered components, the composite, and Rank's place
  enteredScores: z.record(z.string(), z.number()).optional(),
  enteredScoresBy: z.string().optional(),
  enteredScoresAt: z.string().optional(),
  scoring: NominationScoringSchema.optional(),
  score: z.number().nullable().optional(),
  proposed: z.enum(PROPOSALS).optional(),
  rank: z.number().nullable().optional(),
  position: z.number().nullable().optional(),
  inPool: z.object({ clause: z.literal('T-CAP'), tier: TierNo }).optional(),
  removed: z.object({ clause: z.string() }).optional(),
  admission: NominationAdmissionSchema.optional(),
  /** 考察 (S-INSPECT): the bureau's inspection record, for a 考察对象 (domain/selection/inspection-record.ts). */
  inspection: InspectionRecordSchema.optional(),
  /** 民主推荐's result for the candidate (S-RECOMMEND), set by TallyBallot. */
  recommendation: CandidateTallySchema.optional(),
});
export type Nomination = z.infer<typeof NominationSchema>;

/** The top-level fields Rank sets on every accepted nomination (S-ROUND). */
export interface NominationPlace {
  proposed: Proposal;
  /** Competition rank in the tier (ties share), and place in the total order; null when not ranked. */
  rank: number | null;
  position: number | null;
  /** in-pool: the person already holds a seat in this tier (one tier at a time). */
  inPool?: { clause: 'T-CAP'; tier: 1 | 2 | 3 };
  /** removed: the person was removed from the pool under this clause (not admitted again). */
  removed?: { clause: string };
}

/** Only an accepted, eligible form is scored and ranked (E-*). */
export function isEligible(n: Pick<Nomination, 'status' | 'verdict'>): boolean {
  return n.status === 'accepted' && n.verdict?.eligible === true;
}

export { CutoffTieSchema };
