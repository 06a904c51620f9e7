import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeAdmissions, rankCompetition, withinShare, type Candidate } from '../../domain/scoring';
import { TIERS } from '../../domain/tier';

const arbCandidates = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    tier: fc.constantFrom(1 as const, 2 as const, 3 as const),
    // Few distinct scores so ties are common.
    score: fc.integer({ min: 0, max: 8 }).map((n) => n * 12.5),
    eligible: fc.boolean(),
    tiebreak: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }), { nil: undefined }),
    submittedAt: fc.option(fc.constantFrom('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'), { nil: undefined }),
    personId: fc.option(fc.constantFrom('P1', 'P2', 'P3', 'P4'), { nil: undefined }),
  }),
  { selector: (c) => c.id, maxLength: 60 },
);
const arbSeats = fc.record({ 1: fc.integer({ min: 0, max: 20 }), 2: fc.integer({ min: 0, max: 35 }), 3: fc.integer({ min: 0, max: 50 }) });

function strip(c: Candidate): Candidate {
  const { id, tier, score, eligible, tiebreak, submittedAt, personId } = c;
  return { id, tier, score, eligible, tiebreak, submittedAt, personId };
}

describe('properties (T-CAP, S-ROUND)', () => {
  it('selection never exceeds the free seats of any tier, and admits only eligible candidates', () => {
    fc.assert(fc.property(arbCandidates, arbSeats, (candidates, seats) => {
      const p = proposeAdmissions({ candidates: candidates.map(strip), freeSeats: seats });
      const persons = new Set<string>();
      for (const t of TIERS) {
        expect(p[t].admit.length).toBeLessThanOrEqual(seats[t]);
        for (const a of p[t].admit) {
          expect(a.eligible).toBe(true);
          expect(a.tier).toBe(t);
          if (a.personId !== undefined) {
            expect(persons.has(a.personId)).toBe(false);
            persons.add(a.personId);
          }
        }
        // Best first: nobody waitlisted outranks anybody admitted.
        const worstAdmitted = p[t].admit.at(-1);
        const bestWaiting = p[t].waitlist[0];
        if (worstAdmitted && bestWaiting) expect(bestWaiting.score).toBeLessThanOrEqual(worstAdmitted.score);
      }
    }));
  });

  it('ranking and selection do not depend on input order', () => {
    fc.assert(fc.property(arbCandidates.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))), arbSeats, ([a, b], seats) => {
      expect(rankCompetition(b.map(strip))).toEqual(rankCompetition(a.map(strip)));
      expect(proposeAdmissions({ candidates: b.map(strip), freeSeats: seats })).toEqual(proposeAdmissions({ candidates: a.map(strip), freeSeats: seats }));
    }));
  });

  it('competition ranks: rank = 1 + the number of strictly better scores', () => {
    fc.assert(fc.property(arbCandidates, (cs) => {
      const ranked = rankCompetition(cs.map(strip));
      for (const r of ranked) expect(r.rank).toBe(1 + cs.filter((c) => c.score > r.score).length);
    }));
  });

  it('withinShare matches exact rational arithmetic (r ≤ share × n ⇔ 10r ≤ share10 × n)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 10 }), (r, n, tenths) => {
      expect(withinShare(r, tenths / 10, n)).toBe(10 * r <= tenths * n);
    }));
  });
});
