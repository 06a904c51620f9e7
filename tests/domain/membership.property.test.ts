import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMemberEvent, seatChanges, seatHolding, type Member, type MemberEventInput } from '../../domain/membership';
import { addDays } from '../../domain/dates';
import { PLAN_2020 } from '../../domain/policy/plan-2020';

const P = PLAN_2020;
const tier = fc.constantFrom(1 as const, 2 as const, 3 as const);
const day = fc.integer({ min: 0, max: 1500 }).map((n) => addDays('2026-06-01', n));
const year = fc.integer({ min: 2026, max: 2030 });

/** Any well-formed event of any type (legal or not in a given state). */
const anyEvent: fc.Arbitrary<MemberEventInput> = fc.oneof(
  fc.record({ type: fc.constant('admitted' as const), on: day, personId: fc.constant('P1'), tier, unit: fc.constant('JT-A'), cohortId: fc.constant('C'), termStart: day, source: fc.constant('selection' as const), policyRef: fc.constant('jintan-2020@1') }),
  fc.record({ type: fc.constant('assessed' as const), on: day, year, review: fc.constantFrom('annual' as const, 'summative' as const), grade: fc.constantFrom(...P.review.grades), score: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ type: fc.constant('warned' as const), on: day, year }),
  fc.record({ type: fc.constant('vetoed' as const), on: day, reason: fc.constant('师德') }),
  fc.record({ type: fc.constant('removed' as const), on: day, clause: fc.constantFrom('M-WARN' as const, 'M-VETO' as const, 'M-FAIL' as const, 'M-TERM' as const), reason: fc.constant('r'), reviewYear: year }),
  fc.record({ type: fc.constant('recommended' as const), on: day, kind: fc.constantFrom('appointment' as const, 'rotation' as const, 'shadowing' as const, 'acting' as const, 'priority-middle-vacancy' as const) }),
  fc.record({ type: fc.constant('appointed' as const), on: day, post: fc.constant('校长'), unit: fc.constant('JT-A'), level: fc.constant('principal' as const), exitsPool: fc.boolean() }),
  fc.record({ type: fc.constant('term-ended' as const), on: day, adjustment: fc.constantFrom('may-be-renominated' as const, 'leaves-pool' as const) }),
  fc.record({ type: fc.constant('moved-tier' as const), on: day, tier }),
  fc.record({ type: fc.constant('talked' as const), on: day, record: fc.record({ by: fc.constant('教育工委'), kind: fc.constantFrom('regular' as const, 'organisational' as const) }) }),
  fc.record({ type: fc.constant('trained' as const), on: day, record: fc.record({ kind: fc.constant('course' as const), title: fc.constant('t'), provider: fc.constant('p'), hours: fc.integer({ min: 1, max: 40 }), from: fc.constant('2026-06-01'), to: fc.constant('2026-06-02') }) }),
  fc.record({ type: fc.constant('rotated' as const), on: day, record: fc.record({ kind: fc.constant('shadowing' as const), hostUnit: fc.constant({ name: 'h' }), postArea: fc.constant('teaching' as const), from: fc.constant('2026-06-01'), to: fc.constant(null) }) }),
);

function removedMember(t: 1 | 2 | 3): Member {
  let m: Member | undefined;
  for (const e of [
    { type: 'admitted', on: '2026-06-01', personId: 'P1', tier: t, unit: 'JT-A', cohortId: 'C', termStart: '2026-06-01', source: 'selection', policyRef: 'jintan-2020@1' },
    { type: 'vetoed', on: '2026-09-01', reason: '师德' },
    { type: 'removed', on: '2026-09-01', clause: 'M-VETO', reason: '师德' },
  ] as MemberEventInput[]) {
    const r = applyMemberEvent(m, e, P);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    m = r.value;
  }
  return m as Member;
}

/** The one record a removal (M-WARN, M-VETO, M-FAIL) still takes: its organisational talk, on or after it. */
const isRemovalTalk = (e: MemberEventInput, exitOn: string) =>
  e.type === 'talked' && (e.record as { kind?: string }).kind === 'organisational' && e.on >= exitOn;

describe('properties of the member reducer', () => {
  it('a removed member takes exactly one more event: its organisational talk; then nothing', () => {
    fc.assert(fc.property(tier, anyEvent, anyEvent, (t, e, f) => {
      const gone = removedMember(t);
      const r = applyMemberEvent(gone, e, P);
      expect(r.ok).toBe(isRemovalTalk(e, '2026-09-01'));
      if (!r.ok) {
        const talkBefore = e.type === 'talked' && (e.record as { kind?: string }).kind === 'organisational';
        expect(r.problems[0]?.code).toBe(talkBefore ? 'MEMBER_DATE_BEFORE_REMOVAL' : 'MEMBER_REMOVED');
        return;
      }
      expect(r.value).toMatchObject({ status: 'removed', holdsSeat: false, exit: gone.exit });
      const again = applyMemberEvent(r.value, f, P);
      expect(again.ok).toBe(false);
      if (!again.ok) expect(['MEMBER_REMOVED', 'MEMBER_DATE_BEFORE_REMOVAL']).toContain(again.problems[0]?.code);
    }), { numRuns: 500 });
  });

  it('over any event sequence: seats match holdsSeat, removal is terminal, lifecycle dates never go backwards', () => {
    fc.assert(fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
      let m: Member | undefined;
      const seats = { 1: 0, 2: 0, 3: 0 };
      let removed = false;
      for (const e of events) {
        const r = applyMemberEvent(m, e, P);
        if (!r.ok) {
          if (removed) expect(['MEMBER_REMOVED', 'MEMBER_DATE_BEFORE_REMOVAL']).toContain(r.problems[0]?.code);
          continue;
        }
        // After a removal only its organisational talk gets through, and the member stays removed.
        if (removed) expect(e.type === 'talked' && r.value.status === 'removed').toBe(true);
        const ch = seatChanges(m, r.value);
        if (ch.release) seats[ch.release] -= 1;
        if (ch.claim) seats[ch.claim] += 1;
        if (m) expect(r.value.lastEventOn >= m.lastEventOn).toBe(true);
        m = r.value;
        removed = m.status === 'removed';
        expect(m.holdsSeat).toBe(seatHolding(m.status));
        // At most one seat, in the member's tier, exactly when holding one.
        expect(seats).toEqual({ 1: 0, 2: 0, 3: 0, ...(m.holdsSeat ? { [m.tier]: 1 } : {}) });
      }
    }), { numRuns: 500 });
  });
});
