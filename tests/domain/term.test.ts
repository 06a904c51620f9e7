import { describe, expect, it } from 'vitest';
import {
  applyMemberEvent, renewalCohortId, renewalProblems, replay, seatChanges, termEndAdjustment, termEndOf, termsEndingBy,
  type Member, type MemberEventInput,
} from '../../domain/membership';
import { cohortYear } from '../../domain/review';
import { PLAN_2020 } from '../../domain/policy/plan-2020';

const P = PLAN_2020;

const admitted = (over: Partial<Extract<MemberEventInput, { type: 'admitted' }>> = {}): MemberEventInput => ({
  type: 'admitted', on: '2026-11-14', personId: 'P0001', tier: 2, unit: 'JT-XYXX', cohortId: '2026-R1',
  termStart: '2026-11-14', source: 'selection', policyRef: 'jintan-2020@1', roundId: '2026-R1', ...over,
});
const summative = (grade: string, on = '2029-09-01'): MemberEventInput => ({ type: 'assessed', on, year: 2029, review: 'summative', grade, score: 80 });
const renewed = (on: string): MemberEventInput => ({ type: 'renewed', on, cohortId: renewalCohortId(on), reason: '总结性考核优秀，续任一届' });

function member(events: MemberEventInput[]): Member {
  const r = replay(events, P);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
const codesOf = (m: Member, e: MemberEventInput) => {
  const r = applyMemberEvent(m, e, P);
  return r.ok ? [] : r.problems.map((p) => p.code);
};

describe('M-TERM: the term ends on its third anniversary', () => {
  it('is the same calendar day three years on; 29 February ends on 1 March of a common year', () => {
    expect(termEndOf('2026-11-14', P)).toBe('2029-11-14');
    expect(termEndOf('2028-02-29', P)).toBe('2031-03-01');
    // A leap year three years on keeps the 29th.
    expect(termEndOf('2024-02-29', P)).toBe('2027-03-01');
    expect(termEndOf('2025-02-28', P)).toBe('2028-02-28');
  });

  it('whose terms end by a date: the end day itself counts, the day before does not', () => {
    const ms = [
      { id: 'a', status: 'active' as const, termEnd: '2029-11-14' },
      { id: 'b', status: 'active' as const, termEnd: '2029-11-15' },
      { id: 'c', status: 'term-ended' as const, termEnd: '2029-11-01' },
      { id: 'd', status: 'removal-pending' as const, termEnd: '2029-11-01' },
    ];
    expect(termsEndingBy(ms, '2029-11-13').map((m) => m.id)).toEqual(['d']);
    expect(termsEndingBy(ms, '2029-11-14').map((m) => m.id)).toEqual(['a', 'd']);
  });

  it('the reducer ends a term on its end day, not before — even after the summative review', () => {
    const m = member([admitted(), summative('合格')]);
    expect(codesOf(m, { type: 'term-ended', on: '2029-11-13', adjustment: 'may-be-renominated' })).toEqual(['MEMBER_TERM_NOT_OVER']);
    const r = applyMemberEvent(m, { type: 'term-ended', on: '2029-11-14', adjustment: termEndAdjustment(m, P) }, P);
    expect(r.ok && r.value).toMatchObject({ status: 'term-ended', holdsSeat: false, exit: { on: '2029-11-14', adjustment: 'may-be-renominated' } });
    if (r.ok) expect(seatChanges(m, r.value)).toEqual({ release: 2 });
  });

  it('nothing of the term is recorded on or after its end day but the end', () => {
    const m = member([admitted(), summative('合格')]);
    expect(codesOf(m, { type: 'recommended', on: '2029-11-14', kind: 'rotation' })).toEqual(['MEMBER_TERM_OVER']);
    expect(codesOf(m, { type: 'recommended', on: '2029-11-13', kind: 'rotation' })).toEqual([]);
  });

  it('the adjustment follows the summative grade: a low grade is not continued', () => {
    expect(termEndAdjustment(member([admitted(), summative('基本合格')]), P)).toBe('leaves-pool');
    expect(termEndAdjustment(member([admitted(), summative('优秀')]), P)).toBe('may-be-renominated');
    expect(termEndAdjustment(member([admitted()]), P)).toBe('may-be-renominated');
  });

  it('a summative review on the end day is too late: the term is expired that day', () => {
    expect(cohortYear('2026-11-14', '2029-11-13', P)).toBe(3);
    expect(cohortYear('2026-11-14', '2029-11-14', P)).toBe('expired');
  });
});

describe('M-TERM: a renewal', () => {
  it('gives a member who passed the summative review a new three-year term from `on`, keeping the seat', () => {
    const before = member([admitted(), summative('优秀')]);
    const r = applyMemberEvent(before, renewed('2029-10-08'), P);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      status: 'active', holdsSeat: true, tier: 2, cohortId: 'RENEWED-2029-10-08', termStart: '2029-10-08', termEnd: '2032-10-08', assessments: [],
    });
    expect(r.value.previousTerms).toEqual([{ cohortId: '2026-R1', tier: 2, termStart: '2026-11-14', renewedOn: '2029-10-08' }]);
    // Within the cap: the same seat, none claimed, none released.
    expect(seatChanges(before, r.value)).toEqual({});
    // The new term is reviewed from its own start; the old end day passes by.
    expect(codesOf(r.value, { type: 'term-ended', on: '2029-11-14', adjustment: 'may-be-renominated' })).toEqual(['MEMBER_TERM_NOT_OVER']);
    expect(cohortYear(r.value.termStart, '2030-09-01', P)).toBe(1);
  });

  it('refuses anyone who did not pass, a member with no summative review, and a second renewal on the same result', () => {
    expect(renewalProblems(member([admitted(), summative('基本合格')]), '2029-10-08', P).map((p) => p.code)).toEqual(['RENEWAL_NOT_ELIGIBLE']);
    expect(renewalProblems(member([admitted()]), '2029-10-08', P).map((p) => p.code)).toEqual(['RENEWAL_NOT_ELIGIBLE']);
    const once = member([admitted(), summative('优秀'), renewed('2029-10-08')]);
    expect(codesOf(once, renewed('2029-10-09'))).toEqual(['RENEWAL_NOT_ELIGIBLE']);
    const failed = member([admitted(), summative('不合格'), { type: 'removed', on: '2029-09-01', clause: 'M-FAIL', reason: '总结性考核不合格' }]);
    expect(renewalProblems(failed, '2029-10-08', P).map((p) => p.code)).toEqual(['RENEWAL_NOT_ELIGIBLE']);
  });

  it('must come after the summative review and before the end day', () => {
    const m = member([admitted(), summative('合格')]);
    expect(renewalProblems(m, '2029-08-31', P).map((p) => [p.code, p.path])).toEqual([['RENEWAL_TOO_EARLY', 'on']]);
    expect(renewalProblems(m, '2029-11-13', P)).toEqual([]);
    expect(renewalProblems(m, '2029-11-14', P).map((p) => [p.code, p.path])).toEqual([['RENEWAL_TOO_LATE', 'on']]);
    const ended = member([admitted(), summative('合格'), { type: 'term-ended', on: '2029-11-14', adjustment: 'may-be-renominated' }]);
    expect(renewalProblems(ended, '2029-11-20', P).map((p) => p.code)).toEqual(['RENEWAL_TOO_LATE']);
    for (const p of renewalProblems(ended, '2029-11-20', P)) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en.length).toBeGreaterThan(0);
    }
  });
});
