import * as z from 'zod';
import { TIERS, type Tier } from '../tier';
import { ROUND_STATUSES } from './lifecycle';
import { SelectionNoticeSchema } from '../selection/notice';
import { RecommendationStateSchema } from '../selection/recommendation';
import { InspectionStateSchema } from '../selection/inspection';
import { PublicityStateSchema } from '../selection/publicity-state';

/**
 * A selection round as it is stored (`ROUND#{roundId}` / `META`) and read back: every field
 * named, each parsed (no open bag), so a step or a route reads `round.shortlist.tiers[1]`
 * instead of casting. Fields a later step adds are optional; unknown ones are dropped on
 * read (nothing writes them).
 */
const TierNo = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const PerTier = z.object({ 1: z.number(), 2: z.number(), 3: z.number() });
const Text = z.object({ zh: z.string(), en: z.string() });
const StoredProblem = z.object({ code: z.string(), path: z.string(), zh: z.string(), en: z.string() });

/** The approver's decision (POST …/decision), claimed on the round with the task token. */
export const RoundDecisionSchema = z.object({
  decision: z.enum(['approve', 'approve-with-edits', 'reject']),
  edits: z.object({ add: z.array(z.string()).default([]), remove: z.array(z.string()).default([]) }).optional(),
  /** The admission list the API checked for approve-with-edits (what AdmitBatch draws up). */
  admit: z.array(z.object({ id: z.string(), tier: TierNo })).optional(),
  /** Edits that named a candidate by name, and the nomination id each name settled on (`edits` holds the ids). */
  named: z.array(z.object({ list: z.enum(['add', 'remove']), name: z.string(), nominationId: z.string() })).optional(),
  note: z.string().optional(),
  by: z.string().min(1),
  at: z.string().min(1),
  /** How delivery to the state machine went: sending → delivered | too-late. */
  state: z.enum(['sending', 'delivered', 'too-late']).optional(),
  deliveredAt: z.string().optional(),
});
export type RoundDecision = z.infer<typeof RoundDecisionSchema>;

/** What Rank puts on the round: per tier the free seats and the proposed admissions (T-CAP). */
export const CutoffTieSchema = z.object({
  clause: z.literal('S-ROUND'),
  rank: z.number(),
  admitted: z.array(z.string()),
  waitlisted: z.array(z.string()),
  zh: z.string(),
  en: z.string(),
});

export const TierShortlistSchema = z.object({
  clause: z.literal('S-ROUND'),
  freeSeats: z.number(),
  /** Proposed admissions in ranking order (≤ freeSeats). */
  admitIds: z.array(z.string()),
  admit: z.number(),
  waitlist: z.number(),
  ineligible: z.number(),
  incomplete: z.number(),
  admittedElsewhere: z.number(),
  /** Nominations of sitting members: not ranked, not proposed. */
  inPool: z.number().optional(),
  /** Nominations of persons removed from the pool earlier (M-WARN, M-VETO, M-FAIL). */
  removed: z.number().optional(),
  /** Nominations of a tier the round did not open (defence in depth: intake refuses them). */
  tierNotOpen: z.number().optional(),
  /** 考察's final pass (S-INSPECT): eligible candidates not inspected, and found 不合格 under a gate. */
  notInspected: z.number().optional(),
  inspectionFailed: z.number().optional(),
  /** Eligible, scored, but below the notice's 民主推荐 threshold (S-RECOMMEND): not ranked. */
  belowThreshold: z.number().optional(),
  cutoffTie: CutoffTieSchema.optional(),
});
export type TierShortlist = z.infer<typeof TierShortlistSchema>;

export const ShortlistSchema = z.object({
  rankedAt: z.string(),
  policyRef: z.string(),
  /** Active members per tier when ranked, and the free seats they leave (T-CAP). */
  active: PerTier,
  freeSeats: PerTier,
  tiers: z.object({ 1: TierShortlistSchema, 2: TierShortlistSchema, 3: TierShortlistSchema }),
});
export type Shortlist = z.infer<typeof ShortlistSchema>;

/** The admission list AdmitBatch drew up, kept so every batch admits from the same list. */
export const AdmissionPlanSchema = z.object({
  clause: z.literal('S-ROUND'),
  ids: z.array(z.object({ id: z.string(), tier: TierNo })),
  freeSeats: PerTier,
  decidedOn: z.string(),
  approvedBy: z.string(),
});
export type AdmissionPlan = z.infer<typeof AdmissionPlanSchema>;

export const OutcomeCountsSchema = z.object({
  accepted: z.number(), admitted: z.number(), capReached: z.number(), refused: z.number(),
  /** Kept out by an upheld 公示 objection (S-PUBLICITY). */
  excluded: z.number().optional(),
});
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

export const RoundOutcomeSchema = z.object({
  outcome: z.enum(['admitted', 'rejected', 'approval-timed-out']),
  clause: z.literal('S-ROUND'),
  counts: OutcomeCountsSchema,
  at: z.string(),
});

/** A failure as the bureau sees it: the error's name, a stable code when ours, safe text. */
export const FailureNoteSchema = z.object({ error: z.string(), code: z.string().optional(), zh: z.string(), en: z.string(), at: z.string().optional() });
export type FailureNote = z.infer<typeof FailureNoteSchema>;

export const RoundSchema = z.object({
  roundId: z.string().min(1),
  title: z.string().optional(),
  status: z.enum(ROUND_STATUSES),
  /** The date ages and years of service are counted on (周岁 on this day). */
  referenceDate: z.string(),
  openedAt: z.string(),
  openedBy: z.string().optional(),
  intakeClosesAt: z.string(),
  scoringClosesAt: z.string().optional(),
  /** The tiers the round's notice opened; a form for another tier is refused at intake. */
  tiers: z.array(TierNo).optional(),
  /**
   * The notice's scoring model as the API accepted it. Kept as stored: ScoreBatch parses it
   * (parseScoringModel), so a model that is wrong is the round's recorded failure with the
   * domain's problems, not an unreadable round.
   */
  scoringModel: z.unknown().optional(),
  /** The District Organization Department's approval of the round's plan (S-ROUND). */
  orgDeptApproval: z.object({ ref: z.string(), date: z.string() }).optional(),
  /** The selection steps the notice turned on (DESIGN §7), with their defaults filled. */
  selection: SelectionNoticeSchema.optional(),
  /** What each selection step recorded as it ran (absent until it runs, and for a step that is off). */
  recommendation: RecommendationStateSchema.optional(),
  inspection: InspectionStateSchema.optional(),
  publicity: PublicityStateSchema.optional(),
  executionArn: z.string().optional(),
  intakeClosedAt: z.string().optional(),
  shortlist: ShortlistSchema.optional(),
  /** Never shown: the callback that answers AwaitDecision (null once nothing answers it). */
  taskToken: z.string().nullable().optional(),
  awaitingSince: z.string().optional(),
  decision: RoundDecisionSchema.optional(),
  admission: AdmissionPlanSchema.optional(),
  admissionProblems: z.array(StoredProblem).optional(),
  outcome: RoundOutcomeSchema.optional(),
  failure: FailureNoteSchema.optional(),
});
export type Round = z.infer<typeof RoundSchema>;

/**
 * The tiers the round's notice opened (S-ROUND): only these are taken at intake, ranked and
 * admitted. A round stored without `tiers` (before the field existed) opened all three.
 */
export function openTiers(round: Pick<Round, 'tiers'>): Tier[] {
  const tiers = round.tiers ?? [];
  return tiers.length > 0 ? [...new Set(tiers)].sort((a, b) => a - b) : [...TIERS];
}

export { Text as BilingualText, StoredProblem as StoredProblemSchema };

/**
 * Whether the round takes nominations at an instant (S-ROUND): open, and not past its intake
 * deadline. Deadlines are compared as instants, never as strings: a notice's
 * `2026-04-15T24:00:00+08:00` and a stamp in UTC name the same moment in different text.
 * The upload link and intake use this one rule (intake with the time S3 received the file,
 * so a retry hours later reaches the same answer).
 */
export function acceptsNominations(round: Pick<Round, 'status' | 'intakeClosesAt'>, at: string | Date): boolean {
  if (round.status !== 'open') return false;
  const when = typeof at === 'string' ? Date.parse(at) : at.getTime();
  const closes = Date.parse(round.intakeClosesAt);
  // A deadline that is not an instant (never stored by the API) takes nothing rather than everything.
  return Number.isFinite(closes) && when < closes;
}
