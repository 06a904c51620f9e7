import type { Tier } from '../tier';

/**
 * What a unit must submit for each of its members when a review window opens (X-UNITS: the
 * unit's party organisation assesses its own reserves): a grade on the public-institution
 * scale and a score; at the summative review of tier 1 and 2 also whether the member meets
 * the conditions of the post they would be recommended for (M-TOP: recommended for
 * appointment when they do, otherwise rotation).
 */
export type AssessmentField = 'grade' | 'score' | 'meetsPostConditions';

export function assessmentNeeds(kind: 'annual' | 'summative', tier: Tier): AssessmentField[] {
  return kind === 'summative' && tier !== 3 ? ['grade', 'score', 'meetsPostConditions'] : ['grade', 'score'];
}
