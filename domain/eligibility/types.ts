import type { ClauseId } from '../clauses';
import type { IsoDate } from '../dates';
import type { NominationSource } from '../form/schema';
import type { PolicyRef } from '../policy/schema';
import type { Tier } from '../tier';

/** Tier 3's alternative routes (三(二)2): (a) Double First-Class, (b) student leader + scholarships, (c) lesson prize. */
export type Route = 'a' | 'b' | 'c';

/**
 * One rule checked, passed or not. `rule` is a stable name (see RULES); `message` is Chinese
 * (what a school reads), `messageEn` the same in English.
 */
export interface Reason {
  clause: ClauseId;
  rule: string;
  ok: boolean;
  message: string;
  messageEn?: string;
  /** Set on tier 3's alternative routes: they are alternatives, summarised by the `route` rule. */
  route?: Route;
}

/**
 * The answer to "does this form meet the plan's conditions for this tier on this date?"
 * (DESIGN §6). `eligible` is true when every reason without a `route` is ok — the route
 * reasons are alternatives, and the `route` rule says whether any one of them is met.
 */
export interface Verdict {
  tier: Tier;
  eligible: boolean;
  asOf: IsoDate;
  policy: PolicyRef;
  /** Where the nomination came from (selection round or an import path). */
  source?: NominationSource;
  reasons: Reason[];
  /** Honour titles the policy's ladder does not know: kept as written, not counted. */
  unknownHonours?: string[];
}

/** Stable rule names used in `Reason.rule`. */
export const RULES = {
  source: 'source',
  legacyTier: 'legacy-tier',
  unitType: 'unit-type',
  attestation: 'attestation',
  age: 'age',
  ageExemption: 'age-exemption',
  education: 'education',
  experience: 'experience',
  honour: 'honour',
  teachingAchievement: 'teaching-achievement',
  routeA: 'route-a',
  routeB: 'route-b',
  routeC: 'route-c',
  route: 'route',
  classOrTeamWork: 'class-or-team-work',
} as const;
