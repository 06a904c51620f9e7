import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { annualOutcomes, summativeOutcomes, type AnnualReviewEntry, type SummativeReviewEntry } from '../../domain/review';

const P = PLAN_2020;
const arbTierEntries = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 0, maxLength: 60 });

describe('review properties', () => {
  it('the top 30% never holds a member whose competition rank exceeds 0.3 n', () => {
    fc.assert(fc.property(arbTierEntries, fc.constantFrom(1 as const, 2 as const, 3 as const), (scores, tier) => {
      const es: SummativeReviewEntry[] = scores.map((s, i) => ({ personId: `P${i}`, tier, assessment: { grade: '优秀', score: s * 10 }, meetsPostConditions: i % 2 === 0 }));
      const os = summativeOutcomes(es, P, { year: 2028, on: '2028-12-15' });
      const n = scores.length;
      for (const o of os) {
        const better = scores.filter((s) => s > (scores[Number(o.personId.slice(1))] ?? 0)).length;
        const rank = 1 + better;
        expect(o.rank).toBe(rank);
        expect(o.kind === 'recommended').toBe(10 * rank <= 3 * n);
        if (o.kind === 'recommended') expect(o.clause).toBe('M-TOP');
      }
    }));
  });

  it('ranked low by score = bottom rank b ≤ 0.1 n; outcomes do not depend on input order', () => {
    fc.assert(fc.property(arbTierEntries, (scores) => {
      const es: AnnualReviewEntry[] = scores.map((s, i) => ({ personId: `P${String(i).padStart(2, '0')}`, tier: 2, assessment: { grade: '合格', score: s }, warnedInYears: [] }));
      const os = annualOutcomes(es, P, { year: 2027, on: '2027-12-15' });
      for (const o of os) {
        const mine = scores[Number(o.personId.slice(1))] ?? 0;
        const b = 1 + scores.filter((s) => s < mine).length;
        expect(o.kind === 'warned').toBe(10 * b <= scores.length);
      }
      expect(annualOutcomes([...es].reverse(), P, { year: 2027, on: '2027-12-15' })).toEqual(os);
    }));
  });
});
