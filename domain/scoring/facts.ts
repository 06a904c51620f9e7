import type { AwardLevel, EducationLevel } from '../policy/schema';
import { AWARD_LEVEL_ORDER, EDUCATION_ORDER } from '../policy/schema';
import type { Derivation } from './model';

/**
 * The few facts a form component is derived from. Deliberately minimal and independent of
 * the nomination-form module: the scoring Lambda maps a parsed form onto this.
 *
 * `undefined` = not known (a Problem when a component needs it); `null` = known to be none
 * (no honour on the ladder, no lesson award) and derives the component's minimum.
 */
export interface ScoringFacts {
  /** Rank on the policy's honour ladder of the best recognised title; null = none. */
  honourRank?: number | null;
  /** Highest education level. */
  educationLevel?: EducationLevel | null;
  /** Years of the tier's qualifying experience (may be fractional: days / daysPerYear). */
  experienceYears?: number;
  /** Best quality-lesson (优质课) award; null = none. */
  bestLessonAward?: { level: AwardLevel; prize: 1 | 2 | 3 } | null;
}

/**
 * A derivation's raw value, in its own unit; the component's [min, max] then maps it onto
 * 0..1 (values beyond the range are clamped: 25 years of experience on a 0–10 scale is full
 * marks, not an error — the fact is true, the notice just caps what counts).
 *
 * - honour:        ladder rank + 1; none = 0
 * - education:     associate 0, bachelor 1, master 2, doctor 3; none = 0
 * - experience:    years
 * - lesson-awards: 3 × level (district 1 … national 4) − (prize − 1); none = 0
 *                  (district 1st prize = 3, 2nd = 2, 3rd = 1; national 1st = 12)
 */
export function deriveRaw(derive: Derivation, facts: ScoringFacts): number | undefined {
  switch (derive) {
    case 'honour':
      if (facts.honourRank === undefined) return undefined;
      return facts.honourRank === null ? 0 : facts.honourRank + 1;
    case 'education':
      if (facts.educationLevel === undefined) return undefined;
      return facts.educationLevel === null ? 0 : EDUCATION_ORDER.indexOf(facts.educationLevel);
    case 'experience':
      return facts.experienceYears;
    case 'lesson-awards': {
      const a = facts.bestLessonAward;
      if (a === undefined) return undefined;
      if (a === null) return 0;
      return 3 * (AWARD_LEVEL_ORDER.indexOf(a.level) + 1) - (a.prize - 1);
    }
  }
}
