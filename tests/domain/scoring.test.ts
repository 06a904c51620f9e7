import { describe, expect, it } from 'vitest';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import {
  checkAdmissions, compositeScore, freeSeats, parseScoringModel, proposeAdmissions, rankCompetition, round2, tiebreakOf,
  type Candidate, type ScoringModel,
} from '../../domain/scoring';

const MODEL_INPUT = {
  roundId: '2026-R1',
  components: [
    { id: 'written', name: { zh: '笔试', en: 'written test' }, weight: 0.3, min: 0, max: 100, source: 'entered' },
    { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.3, min: 0, max: 100, source: 'entered' },
    { id: 'democratic', name: { zh: '民主推荐', en: 'democratic recommendation' }, weight: 0.2, min: 0, max: 10, source: 'entered' },
    { id: 'honour', name: { zh: '荣誉称号', en: 'honour' }, weight: 0.1, min: 0, max: 8, source: 'form', derive: 'honour' },
    { id: 'experience', name: { zh: '任职年限', en: 'experience' }, weight: 0.1, min: 0, max: 10, source: 'form', derive: 'experience' },
  ],
};

function model(): ScoringModel {
  const r = parseScoringModel(MODEL_INPUT);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const FACTS = { honourRank: 3, experienceYears: 5 };

describe('S-ROUND: the scoring model', () => {
  it('accepts a model whose weights sum to 1', () => {
    expect(parseScoringModel(MODEL_INPUT).ok).toBe(true);
  });

  it('rejects weights that do not sum to 1 (no silent normalisation)', () => {
    const bad = { components: MODEL_INPUT.components.map((c) => ({ ...c, weight: 0.25 })) };
    const r = parseScoringModel(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.code).toBe('SCORING_MODEL_INVALID');
  });

  it('rejects duplicate ids, min ≥ max, a form component without derive, zero weight', () => {
    const c = MODEL_INPUT.components;
    const cases = [
      { components: [c[0], { ...c[1], id: 'written' }, c[2], c[3], c[4]] },
      { components: [{ ...c[0], min: 100, max: 100 }, c[1], c[2], c[3], c[4]] },
      { components: [c[0], c[1], c[2], { ...c[3], derive: undefined }, c[4]] },
      { components: [{ ...c[0], weight: 0 }, { ...c[1], weight: 0.6 }, c[2], c[3], c[4]] },
    ];
    for (const m of cases) {
      const r = parseScoringModel(m);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.every((p) => p.zh.length > 0 && p.en.length > 0)).toBe(true);
    }
  });
});

describe('S-ROUND: composite score', () => {
  it('weights each component on 0–100 and rounds to 2 decimals', () => {
    const r = compositeScore(model(), { written: 80, interview: 90, democratic: 7.5 }, FACTS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 0.3×80 + 0.3×90 + 0.2×75 + 0.1×(4/8×100) + 0.1×50 = 24 + 27 + 15 + 5 + 5
    expect(r.value.score).toBe(76);
    expect(r.value.components.map((c) => c.id)).toEqual(['written', 'interview', 'democratic', 'honour', 'experience']);
  });

  it('clamps a form fact beyond the range (25 years counts as full marks)', () => {
    const r = compositeScore(model(), { written: 0, interview: 0, democratic: 0 }, { honourRank: null, experienceYears: 25 });
    expect(r.ok && r.value.score).toBe(10);
  });

  it('never guesses a missing entered score as 0', () => {
    const r = compositeScore(model(), { written: 80, interview: 90 }, FACTS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ code: 'SCORE_MISSING', path: 'entered.democratic' })]);
  });

  it('rejects an out-of-range score, an unknown component and a missing form fact', () => {
    const r = compositeScore(model(), { written: 101, interview: 90, democratic: 7, writen: 5 }, { honourRank: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.code).sort()).toEqual(['SCORE_FACT_MISSING', 'SCORE_OUT_OF_RANGE', 'SCORE_UNKNOWN_COMPONENT']);
    }
  });

  it('rounds half up without binary noise', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(72.125)).toBe(72.13);
    expect(round2(0.1 * 3 * 100)).toBe(30);
  });
});

describe('S-ROUND: competition ranking', () => {
  it('shares ranks on equal scores (1, 2, 2, 4) and orders ties by the stated rule', () => {
    const ranked = rankCompetition([
      { id: 'd', score: 70 },
      { id: 'c', score: 80, tiebreak: [20], submittedAt: '2026-03-02T08:00:00Z' },
      { id: 'b', score: 80, tiebreak: [24] },
      { id: 'a', score: 90 },
      { id: 'e', score: 80, tiebreak: [20], submittedAt: '2026-03-01T08:00:00Z' },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([['a', 1], ['b', 2], ['e', 2], ['c', 2], ['d', 5]]);
    expect(ranked.map((r) => r.position)).toEqual([1, 2, 3, 4, 5]);
  });

  it('uses the first-listed component of a composite as the first tie-break', () => {
    const m = model();
    const x = compositeScore(m, { written: 90, interview: 70, democratic: 5 }, FACTS);
    const y = compositeScore(m, { written: 70, interview: 90, democratic: 5 }, FACTS);
    if (!x.ok || !y.ok) throw new Error('scores');
    expect(x.value.score).toBe(y.value.score);
    const ranked = rankCompetition([
      { id: 'y', score: y.value.score, tiebreak: tiebreakOf(y.value) },
      { id: 'x', score: x.value.score, tiebreak: tiebreakOf(x.value) },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['x', 'y']);
    expect(ranked[0]?.rank).toBe(ranked[1]?.rank);
  });

  it('refuses duplicate ids (the order would not be total)', () => {
    expect(() => rankCompetition([{ id: 'a', score: 1 }, { id: 'a', score: 1 }])).toThrow(RangeError);
  });
});

function cand(id: string, tier: 1 | 2 | 3, score: number, extra: Partial<Candidate> = {}): Candidate {
  return { id, tier, score, eligible: true, ...extra };
}

describe('T-CAP: free seats and the admission proposal', () => {
  it('computes free seats as cap − active, never negative', () => {
    expect(freeSeats(PLAN_2020, { 1: 18, 2: 35, 3: 60 })).toEqual({ 1: 2, 2: 0, 3: 0 });
  });

  it('admits the best eligible candidates up to the free seats and waitlists the rest in order', () => {
    const p = proposeAdmissions({
      candidates: [cand('a', 1, 90), cand('b', 1, 85), cand('c', 1, 80), cand('x', 1, 99, { eligible: false }), cand('t3', 3, 70)],
      freeSeats: { 1: 2, 2: 5, 3: 0 },
    });
    expect(p[1].admit.map((c) => c.id)).toEqual(['a', 'b']);
    expect(p[1].waitlist.map((c) => c.id)).toEqual(['c']);
    expect(p[1].ineligible).toEqual(['x']);
    expect(p[3].admit).toEqual([]);
    expect(p[3].waitlist.map((c) => c.id)).toEqual(['t3']);
    expect(p[1].clause).toBe('S-ROUND');
  });

  it('decides a tie across the last seat by the tie-break and says so', () => {
    const p = proposeAdmissions({
      candidates: [cand('a', 2, 90), cand('b', 2, 80, { tiebreak: [10] }), cand('c', 2, 80, { tiebreak: [12] })],
      freeSeats: { 1: 0, 2: 2, 3: 0 },
    });
    expect(p[2].admit.map((c) => c.id)).toEqual(['a', 'c']);
    expect(p[2].cutoffTie).toMatchObject({ rank: 2, admitted: ['c'], waitlisted: ['b'], clause: 'S-ROUND' });
  });

  it('admits a person in one tier only (the higher) and moves the next one up', () => {
    const p = proposeAdmissions({
      candidates: [cand('n1', 1, 90, { personId: 'P1' }), cand('n2', 2, 95, { personId: 'P1' }), cand('n3', 2, 60, { personId: 'P2' })],
      freeSeats: { 1: 1, 2: 1, 3: 0 },
    });
    expect(p[1].admit.map((c) => c.id)).toEqual(['n1']);
    expect(p[2].admit.map((c) => c.id)).toEqual(['n3']);
    expect(p[2].admittedElsewhere).toEqual(['n2']);
  });

  it('a sitting member nominated again is neither ranked nor proposed; the seat goes to the next candidate', () => {
    const p = proposeAdmissions({
      candidates: [cand('m', 3, 99, { personId: 'P1', inPool: 3 }), cand('a', 3, 80, { personId: 'P2' }), cand('b', 3, 70, { personId: 'P3' })],
      freeSeats: { 1: 0, 2: 0, 3: 1 },
    });
    expect(p[3].admit.map((c) => c.id)).toEqual(['a']);
    expect(p[3].waitlist.map((c) => c.id)).toEqual(['b']);
    expect(p[3].inPool).toEqual(['m']);
    expect(p[3].admit[0]?.rank).toBe(1);
    const add = checkAdmissions({ admit: [{ id: 'm', tier: 3 }], candidates: [cand('m', 3, 99, { inPool: 1 })], freeSeats: { 1: 0, 2: 0, 3: 1 } });
    expect(!add.ok && add.problems[0]).toMatchObject({ code: 'ADMIT_IN_POOL', path: 'admit.0' });
  });

  it('a person removed from the pool (不再列入) is neither ranked nor proposed, nor addable by an edit', () => {
    const p = proposeAdmissions({
      candidates: [cand('r', 2, 99, { personId: 'P9', removedUnder: 'M-VETO' }), cand('a', 2, 80, { personId: 'P2' })],
      freeSeats: { 1: 0, 2: 1, 3: 0 },
    });
    expect(p[2].admit.map((c) => c.id)).toEqual(['a']);
    expect(p[2].removed).toEqual(['r']);
    const add = checkAdmissions({ admit: [{ id: 'r', tier: 2 }], candidates: [cand('r', 2, 99, { removedUnder: 'M-VETO' })], freeSeats: { 1: 0, 2: 1, 3: 0 } });
    expect(!add.ok && add.problems[0]).toMatchObject({ code: 'ADMIT_REMOVED', path: 'admit.0' });
  });

  it('a round that opened tier 3 only proposes nobody of tier 1, and an edit cannot add one (S-ROUND)', () => {
    const candidates = [cand('t1', 1, 99, { personId: 'P1' }), cand('a', 3, 80, { personId: 'P2' })];
    const seats = { 1: 20, 2: 35, 3: 1 } as const;
    const p = proposeAdmissions({ candidates, freeSeats: seats, openTiers: [3] });
    expect(p[1].admit).toEqual([]);
    expect(p[1].waitlist).toEqual([]);
    expect(p[1].tierNotOpen).toEqual(['t1']);
    expect(p[1].freeSeats).toBe(0);
    expect(p[3].admit.map((c) => c.id)).toEqual(['a']);
    const add = checkAdmissions({ admit: [{ id: 'a', tier: 3 }, { id: 't1', tier: 1 }], candidates, freeSeats: seats, openTiers: [3] });
    expect(!add.ok && add.problems).toEqual([expect.objectContaining({ code: 'ADMIT_TIER_NOT_OPEN', path: 'admit.1' })]);
    expect(!add.ok && add.problems[0]?.zh).toContain('本批次未开放该梯队');
    // Without openTiers (a caller that predates it) every tier is open, as before.
    expect(proposeAdmissions({ candidates, freeSeats: seats })[1].admit.map((c) => c.id)).toEqual(['t1']);
  });

  it('checks an edited list: within the free seats passes, over the cap is T_CAP_EXCEEDED', () => {
    const candidates = [cand('a', 1, 90), cand('b', 1, 85), cand('c', 1, 80, { eligible: false })];
    const seats = { 1: 1, 2: 0, 3: 0 } as const;
    expect(checkAdmissions({ admit: [{ id: 'b', tier: 1 }], candidates, freeSeats: seats }).ok).toBe(true);
    const over = checkAdmissions({ admit: [{ id: 'a', tier: 1 }, { id: 'b', tier: 1 }], candidates, freeSeats: seats });
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.problems.map((p) => p.code)).toEqual(['T_CAP_EXCEEDED']);
    const inel = checkAdmissions({ admit: [{ id: 'c', tier: 1 }], candidates, freeSeats: seats });
    expect(!inel.ok && inel.problems[0]?.code).toBe('ADMIT_INELIGIBLE');
  });
});
