import { describe, expect, it } from 'vitest';
import { replay, type Member, type MemberEventInput } from '../../domain/membership';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { annualEntryOf, annualOutcomes, cohortYear, planReview, reviewKind, summativeOutcomes, type AnnualReviewEntry, type Outcome, type SummativeReviewEntry } from '../../domain/review';

const P = PLAN_2020;
const Y = { year: 2027, on: '2027-12-15' };

function entry(personId: string, score: number | undefined, grade = '合格', over: Partial<AnnualReviewEntry> = {}): AnnualReviewEntry {
  return { personId, tier: 2, assessment: { grade, ...(score !== undefined ? { score } : {}) }, warnedInYears: [], ...over };
}
const byId = (os: Outcome[], id: string) => os.find((o) => o.personId === id);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `P${String(i).padStart(2, '0')}`);

describe('M-TERM: cohort years', () => {
  it('counts the year of the term a review assesses; an anniversary closes the year; the third is summative', () => {
    expect(cohortYear('2026-07-01', '2026-12-15', P)).toBe(1);
    expect(cohortYear('2026-07-01', '2027-06-30', P)).toBe(1);
    expect(cohortYear('2026-07-01', '2027-07-01', P)).toBe(1);
    expect(cohortYear('2026-07-01', '2027-07-02', P)).toBe(2);
    expect(cohortYear('2026-07-01', '2028-12-15', P)).toBe(3);
    expect(cohortYear('2026-07-01', '2029-06-30', P)).toBe(3);
    // The end day is no longer in the term (M-TERM: the term ends that day, by itself).
    expect(cohortYear('2026-07-01', '2029-07-01', P)).toBe('expired');
    expect(cohortYear('2026-07-01', '2029-07-02', P)).toBe('expired');
    expect(cohortYear('2026-07-01', '2026-07-01', P)).toBe('not-started');
    expect(cohortYear('2026-07-01', '2026-06-30', P)).toBe('not-started');
    expect(reviewKind(1, P)).toBe('annual');
    expect(reviewKind(3, P)).toBe('summative');
  });

  it('plans a review: which cohorts are annual, summative, or out of term', () => {
    expect(planReview([{ cohortId: 'A', termStart: '2026-07-01' }, { cohortId: 'B', termStart: '2024-07-01' }, { cohortId: 'C', termStart: '2023-07-01' }], '2026-12-15', P)
      .map((c) => [c.cohortId, c.year, c.kind])).toEqual([['A', 1, 'annual'], ['B', 3, 'summative'], ['C', 'expired', null]]);
  });

  it('reviews a year of a term once: an earlier review of that year leaves the cohort out, naming it', () => {
    const cohorts = [{ cohortId: 'A', termStart: '2026-07-01' }, { cohortId: 'B', termStart: '2025-07-01' }];
    const reviewed = [{ cohortId: 'A', termStart: '2026-07-01', year: 1, reviewId: 'REV-2027-03-01' }, { cohortId: 'B', termStart: '2025-07-01', year: 1, reviewId: 'REV-2026-03-01' }];
    // 2027-06-20 falls in year 1 of A's term (to 2027-07-01) and year 2 of B's.
    expect(planReview(cohorts, '2027-06-20', P, reviewed)).toEqual([
      { cohortId: 'A', termStart: '2026-07-01', year: 1, kind: null, reviewedIn: 'REV-2027-03-01' },
      { cohortId: 'B', termStart: '2025-07-01', year: 2, kind: 'annual' },
    ]);
  });

  it('a yearly review on a fixed day meets every term three times, before its end day', () => {
    for (const start of ['2026-01-01', '2026-07-01', '2026-12-14', '2026-12-16', '2024-02-29']) {
      const years = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031].map((y) => cohortYear(start, `${y}-12-15`, P)).filter((x) => typeof x === 'number');
      expect(years).toEqual([1, 2, 3]);
    }
    // Admitted on the schedule's own day: the third anniversary is the end day (M-TERM), so the
    // schedule meets the term twice; the bureau starts its summative review before the end.
    const sameDay = [2026, 2027, 2028, 2029].map((y) => cohortYear('2026-12-15', `${y}-12-15`, P));
    expect(sameDay).toEqual(['not-started', 1, 2, 'expired']);
    expect(cohortYear('2026-12-15', '2029-12-14', P)).toBe(3);
  });
});

describe('M-WARN: the annual review', () => {
  it('bottom 10%: with 10 scored members only the lowest (and anyone tied with it) is ranked low', () => {
    const es = ids(10).map((id, i) => entry(id, 90 - i));
    const os = annualOutcomes(es, P, Y);
    expect(os.filter((o) => o.kind === 'warned').map((o) => o.personId)).toEqual(['P09']);
    expect(byId(os, 'P09')).toMatchObject({ clause: 'M-WARN', bottomRank: 1, n: 10 });
    expect(byId(os, 'P08')?.kind).toBe('satisfactory');
    const tied = annualOutcomes(ids(10).map((id, i) => entry(id, i >= 8 ? 50 : 90 - i)), P, Y);
    expect(tied.filter((o) => o.kind === 'warned').map((o) => o.personId)).toEqual(['P08', 'P09']);
  });

  it('with fewer than 10 members the bottom by score is empty; a low grade still warns', () => {
    const os = annualOutcomes(ids(9).map((id, i) => entry(id, 90 - i, i === 2 ? '基本合格' : '合格')), P, Y);
    expect(os.filter((o) => o.kind === 'warned').map((o) => o.personId)).toEqual(['P02']);
  });

  it('warned one year before and ranked low again → removed; warned two years before → warned again', () => {
    const es = [entry('A', undefined, '不合格', { warnedInYears: [2026] }), entry('B', undefined, '基本合格', { warnedInYears: [2025] }), entry('C', undefined, '优秀', { warnedInYears: [2026] })];
    const os = annualOutcomes(es, P, Y);
    expect(byId(os, 'A')).toMatchObject({ kind: 'removed', clause: 'M-WARN' });
    expect(byId(os, 'A')?.events.map((e) => e.type)).toEqual(['assessed', 'removed']);
    expect(byId(os, 'B')).toMatchObject({ kind: 'warned', clause: 'M-WARN' });
    expect(byId(os, 'C')).toMatchObject({ kind: 'satisfactory' });
  });

  it('nothing submitted → missing-assessment (no events); a scored tier ranks all or none', () => {
    const os = annualOutcomes([entry('A', 80), { ...entry('B', 70), assessment: null }, entry('C', undefined)], P, Y);
    expect(byId(os, 'B')).toMatchObject({ kind: 'missing-assessment', events: [] });
    // The window is over when outcomes are computed: no promise of a late filing the API would refuse.
    expect(byId(os, 'B')?.zh).toBe('未提交年度考核结果（报送期已过），本年度无考核结论，由区教育局督促所在单位说明情况');
    expect(byId(os, 'C')).toMatchObject({ kind: 'missing-assessment', events: [] });
    expect(byId(os, 'A')?.kind).toBe('satisfactory');
  });

  it('ranks each tier on its own', () => {
    const es = [...ids(10).map((id, i) => entry(`T2-${id}`, 90 - i)), ...ids(10).map((id, i) => ({ ...entry(`T3-${id}`, 40 + i), tier: 3 as const }))];
    const warned = annualOutcomes(es, P, Y).filter((o) => o.kind === 'warned').map((o) => o.personId);
    expect(warned).toEqual(['T2-P09', 'T3-P00']);
  });
});

describe('M-VETO in a review', () => {
  it('removes at once whatever the assessment; no veto, no removal', () => {
    const os = annualOutcomes([entry('A', 99, '优秀', { veto: { on: '2027-10-01', reason: '违反师德师风' } }), entry('B', 99, '优秀')], P, Y);
    expect(byId(os, 'A')).toMatchObject({ kind: 'removed', clause: 'M-VETO' });
    expect(byId(os, 'A')?.events.map((e) => e.type)).toEqual(['vetoed', 'removed']);
    expect(byId(os, 'B')?.kind).toBe('satisfactory');
  });
});

function sEntry(personId: string, score: number, tier: 1 | 2 | 3 = 1, grade = '合格', over: Partial<SummativeReviewEntry> = {}): SummativeReviewEntry {
  return { personId, tier, assessment: { grade, score }, meetsPostConditions: true, ...over };
}
const S = { year: 2028, on: '2028-12-15' };

describe('M-TOP and M-FAIL: the summative review', () => {
  it('top 30% of tier 1: appointment when post conditions are met, otherwise rotation; the rest term-end', () => {
    const es = ids(10).map((id, i) => sEntry(id, 95 - i, 1, '优秀', { meetsPostConditions: i !== 1 }));
    const os = summativeOutcomes(es, P, S);
    expect(os.filter((o) => o.kind === 'recommended').map((o) => o.personId)).toEqual(['P00', 'P01', 'P02']);
    expect(byId(os, 'P00')?.events.at(-1)).toMatchObject({ type: 'recommended', kind: 'appointment', clause: 'M-TOP' });
    expect(byId(os, 'P01')?.events.at(-1)).toMatchObject({ type: 'recommended', kind: 'rotation' });
    expect(byId(os, 'P03')).toMatchObject({ kind: 'term-ended', clause: 'M-TERM' });
    // The review records the assessment only: the term ends on its own date (M-TERM).
    expect(byId(os, 'P03')?.events.map((e) => e.type)).toEqual(['assessed']);
  });

  it('top 30% of tier 3: shadowing (or acting) and vacancy priority', () => {
    const es = ids(4).map((id, i) => sEntry(id, 90 - i, 3, '优秀', { tier3Placement: i === 0 ? 'acting' : undefined }));
    const os = summativeOutcomes(es, P, S);
    // 0.3 × 4 = 1.2: only rank 1.
    expect(os.filter((o) => o.kind === 'recommended').map((o) => o.personId)).toEqual(['P00']);
    expect(byId(os, 'P00')?.events.slice(1).map((e) => e.type === 'recommended' && e.kind)).toEqual(['acting', 'priority-middle-vacancy']);
  });

  it('a tie at the boundary is all in or all out (0.3 × 10 = 3)', () => {
    const os = summativeOutcomes([sEntry('a', 90), sEntry('b', 80), sEntry('c', 80), sEntry('d', 80), ...ids(6).map((id) => sEntry(id, 50))], P, S);
    expect(os.filter((o) => o.kind === 'recommended').map((o) => o.personId)).toEqual(['a', 'b', 'c', 'd']);
    // ranks 1, 2, 3, 4, 4 of 10: the pair tied at 4 is out together.
    const out = summativeOutcomes([sEntry('a', 90), sEntry('b', 85), sEntry('c', 82), sEntry('d', 80), sEntry('e', 80), ...ids(5).map((id) => sEntry(id, 50))], P, S);
    expect(out.filter((o) => o.kind === 'recommended').map((o) => o.personId)).toEqual(['a', 'b', 'c']);
  });

  it('failed → removed (M-FAIL) at the decision, even with a high score; low grade leaves the pool at term end', () => {
    const os = summativeOutcomes([sEntry('F', 99, 2, '不合格'), sEntry('L', 10, 2, '基本合格'), sEntry('G', 50, 2)], P, S);
    expect(byId(os, 'F')).toMatchObject({ kind: 'removed', clause: 'M-FAIL' });
    expect(byId(os, 'F')?.events.map((e) => [e.type, e.clause])).toEqual([['assessed', 'M-TERM'], ['removed', 'M-FAIL']]);
    expect(byId(os, 'L')?.events.map((e) => e.type)).toEqual(['assessed']);
    expect(byId(os, 'L')?.zh).toContain('不再续列');
    // 0.3 × 3 = 0.9: nobody is in the top.
    expect(os.some((o) => o.kind === 'recommended')).toBe(false);
  });

  it('a summative assessment without a score is missing-assessment', () => {
    const os = summativeOutcomes([{ ...sEntry('A', 1), assessment: { grade: '优秀' } }], P, S);
    expect(byId(os, 'A')).toMatchObject({ kind: 'missing-assessment', events: [] });
  });
});

describe('outcomes are events the reducer accepts', () => {
  const admitted: MemberEventInput = { type: 'admitted', on: '2026-06-01', personId: 'A', tier: 2, unit: 'JT-A', cohortId: 'C', termStart: '2026-07-01', source: 'selection', policyRef: 'jintan-2020@1' };

  let history: MemberEventInput[] = [admitted];
  function apply(o: Outcome | undefined): Member {
    const r = replay([...history, ...(o?.events ?? [])], P);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    history = [...history, ...(o?.events ?? [])];
    return r.value;
  }

  it('warn in 2026, removed in 2027 under M-WARN; after that the reducer refuses more', () => {
    const start = apply(undefined);
    const y1 = annualOutcomes([annualEntryOf(start, { grade: '基本合格' })], P, { year: 2026, on: '2026-12-15' });
    const m1 = apply(y1[0]);
    expect(m1.warnings.map((w) => w.year)).toEqual([2026]);
    const y2 = annualOutcomes([annualEntryOf(m1, { grade: '基本合格' })], P, { year: 2027, on: '2027-12-15' });
    expect(y2[0]?.kind).toBe('removed');
    const m2 = apply(y2[0]);
    expect(m2.status).toBe('removed');
    const y3 = summativeOutcomes([sEntry('A', 90, 2, '优秀')], P, S);
    expect(() => apply(y3[0])).toThrow(/MEMBER_REMOVED/);
  });
});

describe('summative outcomes through the reducer', () => {
  const admit = (personId: string, tier: 1 | 2 | 3): MemberEventInput => ({ type: 'admitted', on: '2026-06-01', personId, tier, unit: 'JT-A', cohortId: 'C', termStart: '2026-07-01', source: 'selection', policyRef: 'jintan-2020@1' });

  it('tier 3 top is recommended and keeps its seat; a failure is removed and frees its seat; the others keep theirs to the end day', () => {
    const os = summativeOutcomes([sEntry('T', 95, 3, '优秀'), sEntry('F', 30, 3, '不合格'), ...ids(8).map((id, i) => sEntry(id, 60 - i, 3))], P, S);
    const top = replay([admit('T', 3), ...(byId(os, 'T')?.events ?? [])], P);
    expect(top.ok && top.value).toMatchObject({ status: 'active', holdsSeat: true, recommendations: [{ kind: 'shadowing' }, { kind: 'priority-middle-vacancy' }] });
    const failed = replay([admit('F', 3), ...(byId(os, 'F')?.events ?? [])], P);
    expect(failed.ok && failed.value).toMatchObject({ status: 'removed', holdsSeat: false, exit: { clause: 'M-FAIL' } });
    const rest = replay([admit('P07', 3), ...(byId(os, 'P07')?.events ?? [])], P);
    expect(rest.ok && rest.value).toMatchObject({ status: 'active', holdsSeat: true, termEnd: '2029-07-01' });
  });
});
