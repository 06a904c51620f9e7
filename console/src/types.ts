/**
 * The types the console reads and sends: the API's answers inferred from the answer schemas
 * (contracts/views), request bodies from the contracts (contracts/api.ts, used in api.ts),
 * errors from contracts/problem.ts — all `import type`, so no schema is bundled.
 */
import type { ErrorBody } from '../../contracts/problem';
import type { AnswerOf, JsonAnswerKey } from '../../contracts/views';

export type Role = 'bureau' | 'approver' | 'school';
export type Tier = 1 | 2 | 3;
/** A round stored without `tiers` (before the field existed) opened all three (domain/round/round.ts openTiers). */
export const ALL_TIERS: readonly Tier[] = [1, 2, 3];

/**
 * The API's error answer and its problems: the very types the handlers write (contracts/problem.ts),
 * imported as types only, so nothing of zod reaches the bundle.
 */
export type { Problem } from '../../contracts/problem';
export type ApiErrorBody = ErrorBody;

/**
 * The API's success answers: the very schemas the handlers' answers are typed by
 * (contracts/views, ANSWERS), inferred here as types only — nothing of zod reaches the bundle.
 */
type Answer<K extends JsonAnswerKey> = AnswerOf<K>;

export type Round = Answer<'GET /rounds/{roundId}'>['round'];
export type ScoringComponent = NonNullable<Round['scoringModel']>['components'][number];
export type Nomination = Answer<'GET /rounds/{roundId}/nominations'>['nominations'][number];
export type Reason = NonNullable<Nomination['verdict']>['reasons'][number];
export type UploadLink = Answer<'POST /rounds/{roundId}/uploads'>;
export type Shortlist = Answer<'GET /rounds/{roundId}/shortlist'>;
export type ShortlistTier = Shortlist['tiers'][number];
export type ShortlistEntry = ShortlistTier['ranked'][number];

export interface Identity {
  id: string;
  role: Role;
  unit?: string;
  /** 区教育局, 区委组织部, or the unit's Chinese name. */
  name: string;
  /** The unit's kind in Chinese (小学, 中学, …) for grouping. */
  group: string;
}
