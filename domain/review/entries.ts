import type { Member } from '../membership/member';
import type { AnnualReviewEntry, AssessmentInput } from './outcome';

/** Build an annual review entry from a member's reduced state and the submitted assessment. */
export function annualEntryOf(member: Member, assessment: AssessmentInput | null, veto?: { on: string; reason: string } | null): AnnualReviewEntry {
  return {
    personId: member.personId,
    tier: member.tier,
    assessment,
    warnedInYears: member.warnings.map((w) => w.year),
    ...(veto ? { veto } : {}),
  };
}
