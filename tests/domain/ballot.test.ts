import { describe, expect, it } from 'vitest';
import { checkMarks, meetsThreshold, recommendationValue, shareText, tallyUnit, type BallotCandidate } from '../../domain/selection/ballot';
import { formatCode, normalizeCode } from '../../domain/selection/ballot-code';
import { belowRecommendationThreshold } from '../../domain/selection/recommendation-bar';
import { CLAUSES } from '../../domain/clauses';

/** 民主推荐's pure rules (S-RECOMMEND): a code as typed, a ballot's marks, the tally, the threshold. */
const C: BallotCandidate[] = [
  { nominationId: 'N1', name: '甲', tier: 3 },
  { nominationId: 'N2', name: '乙', tier: 3 },
];

describe('民主推荐 rules', () => {
  it('S-RECOMMEND is a clause of 三(三)', () => {
    expect(CLAUSES['S-RECOMMEND']).toBe('三(三)');
  });

  it('a code as people type it: case, spaces and dashes forgiven; anything else is no code', () => {
    expect(formatCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(normalizeCode(' abcd efgh-jkmn ')).toBe('ABCDEFGHJKMN');
    expect(normalizeCode('ABCD-EFGH-JKM')).toBeUndefined();
    expect(normalizeCode('ABCD-EFGH-JKM0')).toBeUndefined(); // 0 is not in the alphabet
    expect(normalizeCode('ABCD-EFGH-JKMI')).toBeUndefined(); // nor I
    expect(normalizeCode('x'.repeat(100))).toBeUndefined();
  });

  it('a ballot marks every candidate once, nobody else', () => {
    expect(checkMarks(C, { N1: 'for', N2: 'abstain' })).toEqual([]);
    expect(checkMarks(C, { N1: 'for' }).map((p) => [p.code, p.path])).toEqual([['BALLOT_MARK_MISSING', 'marks.N2']]);
    expect(checkMarks(C, { N1: 'for', N2: 'yes', N3: 'for' }).map((p) => p.code).sort()).toEqual(['BALLOT_MARK_INVALID', 'BALLOT_MARK_UNKNOWN']);
  });

  it('the tally: turnout, counts and the share of 推荐 among ballots cast (abstentions counted)', () => {
    const t = tallyUnit(C, [{ N1: 'for', N2: 'against' }, { N1: 'for', N2: 'abstain' }, { N1: 'against', N2: 'for' }], 10, 3);
    expect(t).toMatchObject({ issued: 10, used: 3, turnout: 0.3, cast: 3 });
    expect(t.candidates.N1).toEqual({ clause: 'S-RECOMMEND', for: 2, against: 1, abstain: 0, cast: 3, share: 2 / 3 });
    expect(t.candidates.N2).toEqual({ clause: 'S-RECOMMEND', for: 1, against: 1, abstain: 1, cast: 3, share: 1 / 3 });
    expect(shareText(2 / 3)).toBe('66.7%');
    const none = tallyUnit(C, [], 0, 0);
    expect(none.turnout).toBeNull();
    expect(none.candidates.N1?.share).toBeNull();
    expect(recommendationValue(none.candidates.N1)).toBe(0);
    expect(recommendationValue(t.candidates.N1)).toBeCloseTo(200 / 3, 12);
  });

  it('the threshold: share ≥ threshold passes (7/10 meets 0.7 exactly); no share meets nothing above 0', () => {
    expect(meetsThreshold({ share: 7 / 10 }, 0.7)).toBe(true);
    expect(meetsThreshold({ share: 0.69 }, 0.7)).toBe(false);
    expect(meetsThreshold({ share: null }, 0.5)).toBe(false);
    expect(meetsThreshold(undefined, 0)).toBe(true);
  });

  it('Rank holds back eligible candidates below the threshold, not the ineligible or sitting members', () => {
    const cands = [
      { id: 'N1', tier: 3 as const, eligible: true, score: 80 },
      { id: 'N2', tier: 3 as const, eligible: true, score: 90 },
      { id: 'N3', tier: 3 as const, eligible: false, score: 0 },
      { id: 'N4', tier: 3 as const, eligible: true, score: 70, inPool: 3 as const },
    ];
    const results = new Map([['N1', { clause: 'S-RECOMMEND' as const, for: 6, against: 4, abstain: 0, cast: 10, share: 0.6 }], ['N2', { clause: 'S-RECOMMEND' as const, for: 4, against: 6, abstain: 0, cast: 10, share: 0.4 }]]);
    expect([...belowRecommendationThreshold(cands, results, 0.5)]).toEqual(['N2']);
    expect(belowRecommendationThreshold(cands, results, undefined).size).toBe(0);
  });
});
