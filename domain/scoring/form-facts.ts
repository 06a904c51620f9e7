import type { IsoDate } from '../dates';
import { experienceDetail } from '../eligibility/experience';
import type { NominationForm } from '../form/schema';
import { honourRung, honourStanding } from '../policy/honours';
import { AWARD_LEVEL_ORDER, EDUCATION_ORDER, type PostKind, type Policy } from '../policy/schema';
import type { Tier } from '../tier';
import type { ScoringFacts } from './facts';

/**
 * The bridge from a parsed nomination form to the few facts a round's form components are
 * derived from (facts.ts). Pure: the reference date and the policy are arguments.
 *
 * - honourRank: the best title that COUNTS on the reference date by the same rules as
 *   eligibility (awarded on or before it; within a term of validity when the policy sets
 *   one). A title the ladder does not know is left out — the verdict already reports it;
 *   scoring it would be a guess. null = no title that counts.
 * - educationLevel: the highest level listed; null = none listed.
 * - experienceYears: the tier's qualifying experience (tier 1 党政副职, tier 2 中层 — the
 *   policy's kinds; tier 3 班主任 / 团队 work) as merged days ÷ daysPerYear, fractional, so
 *   two candidates with "3 years" are still told apart by the days behind them.
 * - bestLessonAward: the best quality-lesson award won in or before the reference date's
 *   year (awards carry only a year); null = none.
 */
export function scoringFactsFromForm(form: NominationForm, asOf: IsoDate, policy: Policy): ScoringFacts {
  return {
    honourRank: bestHonourRank(form, asOf, policy),
    educationLevel: highestEducation(form),
    experienceYears: experienceYearsFor(form, form.tier, asOf, policy),
    bestLessonAward: bestLessonAward(form, asOf),
  };
}

function bestHonourRank(form: NominationForm, asOf: IsoDate, policy: Policy): number | null {
  let best: number | null = null;
  for (const h of form.candidate.honours) {
    const rung = honourRung(h.title, policy);
    if (!rung || honourStanding(h.awarded, asOf, policy) !== 'counts') continue;
    if (best === null || rung.rank > best) best = rung.rank;
  }
  return best;
}

function highestEducation(form: NominationForm): ScoringFacts['educationLevel'] {
  let best = -1;
  for (const e of form.candidate.education) best = Math.max(best, EDUCATION_ORDER.indexOf(e.level));
  return best < 0 ? null : (EDUCATION_ORDER[best] ?? null);
}

/** The post kinds whose years a tier's experience component counts. */
export function experienceKindsFor(tier: Tier, policy: Policy): readonly PostKind[] {
  switch (tier) {
    case 1: return policy.tiers[1].experience.kinds;
    case 2: return policy.tiers[2].experience.kinds;
    case 3: return policy.tiers[3].workExperienceKinds;
  }
}

function experienceYearsFor(form: NominationForm, tier: Tier, asOf: IsoDate, policy: Policy): number {
  const d = experienceDetail(form.candidate.posts, experienceKindsFor(tier, policy), asOf, policy.daysPerYear);
  return d.days / policy.daysPerYear;
}

function bestLessonAward(form: NominationForm, asOf: IsoDate): ScoringFacts['bestLessonAward'] {
  const year = Number(asOf.slice(0, 4));
  let best: { level: (typeof AWARD_LEVEL_ORDER)[number]; prize: 1 | 2 | 3 } | null = null;
  let bestValue = -1;
  for (const a of form.candidate.lessonAwards) {
    if (a.year > year) continue;
    // The same order deriveRaw scores by: level first, then prize.
    const value = 3 * (AWARD_LEVEL_ORDER.indexOf(a.level) + 1) - (a.prize - 1);
    if (value > bestValue) {
      bestValue = value;
      best = { level: a.level, prize: a.prize };
    }
  }
  return best;
}
