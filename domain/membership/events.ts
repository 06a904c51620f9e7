import * as z from 'zod';
import { PostKind } from '../policy/schema';
import { IsoDateSchema, RotationRecordSchema, TalkRecordSchema, TrainingRecordSchema } from '../talks/records';

/**
 * What can happen to a member of the pool, as a tagged union. The reducer (reducer.ts)
 * decides which event is legal in which state; this file only says what each event carries.
 * Every event names its clause and carries its date `on` (no clock in the domain).
 */

const TierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const NominationSource = z.enum(['selection', 'org-dept-list', 'legacy-young-cadre', 'imported-talent']);
export type NominationSource = z.infer<typeof NominationSource>;

/** Admission after a round (S-ROUND) or an import (S-ORGLIST, X-LEGACY, X-TALENT); T-CAP holds the seat. */
export const AdmittedEvent = z.object({
  type: z.literal('admitted'),
  on: IsoDateSchema,
  clause: z.enum(['S-ROUND', 'S-ORGLIST', 'X-LEGACY', 'X-TALENT']).default('S-ROUND'),
  personId: z.string().min(1),
  tier: TierSchema,
  /** Unit code of the member's own unit (X-UNITS: it trains and assesses them). */
  unit: z.string().min(1),
  cohortId: z.string().min(1),
  /** The three-year term (M-TERM) runs from here. */
  termStart: IsoDateSchema,
  source: NominationSource,
  policyRef: z.string().regex(/^.+@\d+$/),
  roundId: z.string().min(1).optional(),
});

/** An annual or summative assessment result (M-TERM: 每年考核一次, 三年总结性考核). */
export const AssessedEvent = z.object({
  type: z.literal('assessed'),
  on: IsoDateSchema,
  clause: z.literal('M-TERM').default('M-TERM'),
  /** The review's calendar year (the annual schedule's year). */
  year: z.number().int().min(2000).max(2200),
  review: z.enum(['annual', 'summative']),
  /** One of policy.review.grades (优秀 / 合格 / 基本合格 / 不合格). */
  grade: z.string().min(1),
  score: z.number().finite().optional(),
});

/** M-WARN: ranked low in an annual review. */
export const WarnedEvent = z.object({
  type: z.literal('warned'),
  on: IsoDateSchema,
  clause: z.literal('M-WARN').default('M-WARN'),
  year: z.number().int().min(2000).max(2200),
  reason: z.string().optional(),
});

/**
 * M-VETO: a one-vote-veto matter (一票否决, e.g. teacher ethics), recordable whenever it arises.
 * Removal follows at once: the `removed` (M-VETO) event is written with it, in the same commit
 * (app/members/remove.ts, domain/membership/removal.ts).
 */
export const VetoedEvent = z.object({
  type: z.literal('vetoed'),
  on: IsoDateSchema,
  clause: z.literal('M-VETO').default('M-VETO'),
  /** What the matter was. */
  reason: z.string().min(1),
  /** Who reported it (a unit's party organisation, the discipline office …). */
  reportedBy: z.string().min(1).optional(),
  /** The document it was notified by, if any (坛教〔2027〕12号 …). */
  documentNo: z.string().min(1).optional(),
  /** Where it came from: the bureau recording it at once, or a unit's assessment in a review. */
  via: z.enum(['bureau', 'assessment']).optional(),
});

/**
 * 不再列入后备人才培养对象. M-WARN (low again a year after a warning), M-VETO (with a recorded
 * veto), M-FAIL (a failed summative review), or M-TERM for a withdrawal under rolling
 * management (left the system, own request…; a reason is required). One rule for the first
 * three (DESIGN §2 *Removal*): the member leaves at the decision, the seat is freed, and the
 * organisational talk (组织谈话) falls due — the one record the reducer still takes afterwards.
 */
export const RemovedEvent = z.object({
  type: z.literal('removed'),
  on: IsoDateSchema,
  clause: z.enum(['M-WARN', 'M-VETO', 'M-FAIL', 'M-TERM']),
  reason: z.string().min(1),
  /** For M-WARN: the review year in which the member was ranked low again. */
  reviewYear: z.number().int().min(2000).max(2200).optional(),
});

export const RecommendationKind = z.enum(['appointment', 'rotation', 'shadowing', 'acting', 'priority-middle-vacancy']);
export type RecommendationKind = z.infer<typeof RecommendationKind>;

/** M-TOP: summative top 30%. Tier 1/2: appointment or rotation; tier 3: shadowing/acting + vacancy priority. */
export const RecommendedEvent = z.object({
  type: z.literal('recommended'),
  on: IsoDateSchema,
  clause: z.literal('M-TOP').default('M-TOP'),
  kind: RecommendationKind,
  note: z.string().optional(),
});

/**
 * X-USE: appointed to a post (counts towards the share of appointments drawn from the pool).
 * `exitsPool` says whether the reserve purpose is fulfilled (已使用) and the seat freed. With
 * the post's `kind` (the form's post kinds, POST /appointments) the rule decides it and the
 * reducer holds the event to it: the post the tier prepares for or higher (tier 1 →
 * principal, tier 2 → deputy or higher, tier 3 → middle or higher) exits, any other stays
 * (appointments.ts fulfilsTier). Without a kind (events written before) the flag stands.
 */
export const AppointedEvent = z.object({
  type: z.literal('appointed'),
  on: IsoDateSchema,
  clause: z.literal('X-USE').default('X-USE'),
  post: z.string().min(1),
  unit: z.string().min(1),
  level: z.enum(['principal', 'party-secretary', 'deputy', 'middle', 'other']),
  exitsPool: z.boolean(),
  kind: PostKind.optional(),
  documentNo: z.string().min(1).optional(),
});

/** M-TERM: the three-year term ends, adjusted by the summative result (到期依据考核结果动态调整). */
export const TermEndedEvent = z.object({
  type: z.literal('term-ended'),
  on: IsoDateSchema,
  clause: z.literal('M-TERM').default('M-TERM'),
  /** may-be-renominated: free to stand in a later round; leaves-pool: not continued. */
  adjustment: z.enum(['may-be-renominated', 'leaves-pool']),
  reason: z.string().optional(),
});

/**
 * M-TERM renewal (DESIGN §2 *Term end*): the bureau gives a member who passed the summative
 * review a new three-year term from `on`, before the old one ends. The member keeps the seat
 * they hold (within the cap: no new seat is taken) and starts a new cohort (`cohortId`), so
 * the yearly reviews count the new term's years from `on`.
 */
export const RenewedEvent = z.object({
  type: z.literal('renewed'),
  on: IsoDateSchema,
  clause: z.literal('M-TERM').default('M-TERM'),
  cohortId: z.string().min(1),
  reason: z.string().min(1),
});

/**
 * S-ORGLIST / X-LEGACY (DESIGN §2 *Filed lists*: an import is refused whole): the filing of
 * an import that was refused after this entry had been written — another entry of the same
 * import lost a race (its person was admitted elsewhere between the check and the write) —
 * is taken back. Without transactions the import is made whole by compensation: each entry
 * it filed is withdrawn with this event and its seat given back. Nobody served: the filing
 * is not a term, owes no talk, and the same import may file the member again.
 */
export const ImportWithdrawnEvent = z.object({
  type: z.literal('import-withdrawn'),
  on: IsoDateSchema,
  clause: z.enum(['S-ORGLIST', 'X-LEGACY']),
  /** The import whose filing is withdrawn: the member's cohort (importIdOf). */
  importId: z.string().min(1),
  reason: z.string().min(1),
});

/** Moved to another tier under rolling management: frees the old seat, needs a new one. */
export const MovedTierEvent = z.object({
  type: z.literal('moved-tier'),
  on: IsoDateSchema,
  clause: z.literal('M-TERM').default('M-TERM'),
  tier: TierSchema,
  reason: z.string().optional(),
});

export const RotatedEvent = z.object({
  type: z.literal('rotated'),
  on: IsoDateSchema,
  clause: z.literal('D-ROTATE').default('D-ROTATE'),
  record: RotationRecordSchema,
});

export const TrainedEvent = z.object({
  type: z.literal('trained'),
  on: IsoDateSchema,
  clause: z.literal('D-TRAIN').default('D-TRAIN'),
  record: TrainingRecordSchema,
});

export const TalkedEvent = z.object({
  type: z.literal('talked'),
  on: IsoDateSchema,
  clause: z.literal('C-TALK').default('C-TALK'),
  record: TalkRecordSchema.omit({ on: true }),
});

export const MemberEventSchema = z.discriminatedUnion('type', [
  AdmittedEvent, AssessedEvent, WarnedEvent, VetoedEvent, RemovedEvent, RecommendedEvent,
  AppointedEvent, TermEndedEvent, RenewedEvent, ImportWithdrawnEvent, MovedTierEvent, RotatedEvent, TrainedEvent, TalkedEvent,
]);

/** Events as accepted from outside (defaults such as `clause` may be omitted). */
export type MemberEventInput = z.input<typeof MemberEventSchema>;
/** Events as stored and reduced (every default filled in). */
export type MemberEvent = z.output<typeof MemberEventSchema>;
export type MemberEventType = MemberEvent['type'];
export type EventOf<K extends MemberEventType> = Extract<MemberEvent, { type: K }>;

/** Record-like events: facts logged about a member, outside the lifecycle's date order. */
export const RECORD_EVENTS: ReadonlySet<MemberEventType> = new Set(['talked', 'trained', 'rotated']);
