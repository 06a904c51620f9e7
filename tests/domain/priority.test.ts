import { describe, expect, it } from 'vitest';
import { matchesPriority, needs, parsePriorityQuery, termYearOf, type PriorityFacts } from '../../domain/membership/priority';
import { PLAN_2020 } from '../../domain/policy/plan-2020';

const TODAY = '2027-03-01';
const parse = (raw: Record<string, string>) => parsePriorityQuery(raw, PLAN_2020, TODAY);
const q = (raw: Record<string, string>) => {
  const r = parse(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

const member = (over: Partial<PriorityFacts> = {}): PriorityFacts => ({
  tier: 3, unit: 'JT-XYXX', unitType: 'primary', birthDate: '1992-05-01', termStart: '2026-12-01',
  honours: [{ title: '常州市教学能手', awarded: '2019-09-10' }], warned: false, recommended: false, talkOverdue: false, ...over,
});

describe('C-PRIORITY queries over the pool', () => {
  it('parses every filter; today when no asOf; an alias resolves to its rung', () => {
    expect(q({})).toEqual({ asOf: TODAY });
    expect(q({ tier: '2', unit: 'JT-JTZX', unitType: 'kindergarten', maxAge: '40', honourAtLeast: '常州市学科骨干教师', termYear: '3', flag: 'talk-overdue', asOf: '2027-09-01' })).toEqual({
      asOf: '2027-09-01', tier: 2, unit: 'JT-JTZX', unitType: 'kindergarten', maxAge: 40, honourAtLeast: '常州市骨干教师', termYear: 3, flag: 'talk-overdue',
    });
  });

  it('every unknown value is QUERY_INVALID at its field, with the values allowed, in Chinese and English', () => {
    const r = parse({ tier: '4', unitType: 'school', maxAge: 'old', honourAtLeast: '优秀教师', termYear: '4', flag: 'late', asOf: '2027-02-30' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['QUERY_INVALID', 'asOf'], ['QUERY_INVALID', 'tier'], ['QUERY_INVALID', 'unitType'], ['QUERY_INVALID', 'maxAge'],
      ['QUERY_INVALID', 'honourAtLeast'], ['QUERY_INVALID', 'termYear'], ['QUERY_INVALID', 'flag'],
    ]);
    const by = (path: string) => r.problems.find((p) => p.path === path);
    expect(by('unitType')?.zh).toContain('primary、middle、kindergarten、bureau-office、institution');
    expect(by('unitType')?.en).toContain('primary, middle, kindergarten, bureau-office, institution');
    expect(by('flag')?.en).toContain('warned, recommended, talk-overdue');
    expect(by('honourAtLeast')?.zh).toMatch(/没有“优秀教师”.*常州市骨干教师/);
  });

  it('age is completed years on asOf (周岁): at most maxAge', () => {
    expect(matchesPriority(q({ maxAge: '34' }), member(), PLAN_2020)).toBe(true); // 34 on 2027-03-01
    expect(matchesPriority(q({ maxAge: '33' }), member(), PLAN_2020)).toBe(false);
    expect(matchesPriority(q({ maxAge: '33', asOf: '2026-04-30' }), member(), PLAN_2020)).toBe(true); // the day before the 34th birthday
    expect(matchesPriority(q({ maxAge: '60' }), member({ birthDate: undefined }), PLAN_2020)).toBe(false); // not known → no match
  });

  it('honourAtLeast uses the policy ladder: "X or above" includes X; a district title ranks one below the city title', () => {
    expect(matchesPriority(q({ honourAtLeast: '常州市教学能手' }), member(), PLAN_2020)).toBe(true);
    expect(matchesPriority(q({ honourAtLeast: '金坛区骨干教师' }), member(), PLAN_2020)).toBe(true); // same rung
    expect(matchesPriority(q({ honourAtLeast: '常州市骨干教师' }), member(), PLAN_2020)).toBe(false);
    expect(matchesPriority(q({ honourAtLeast: '常州市教学能手', asOf: '2019-09-09' }), member(), PLAN_2020)).toBe(false); // not yet awarded
  });

  it('tier, unit, unit type, term year and flags', () => {
    expect(termYearOf('2026-12-01', '2027-11-30')).toBe(1);
    expect(termYearOf('2026-12-01', '2027-12-01')).toBe(2);
    expect(matchesPriority(q({ termYear: '1' }), member(), PLAN_2020)).toBe(true);
    expect(matchesPriority(q({ termYear: '2', asOf: '2028-01-01' }), member(), PLAN_2020)).toBe(true);
    expect(matchesPriority(q({ tier: '2' }), member(), PLAN_2020)).toBe(false);
    expect(matchesPriority(q({ unit: 'JT-JTZX' }), member(), PLAN_2020)).toBe(false);
    expect(matchesPriority(q({ unitType: 'middle' }), member(), PLAN_2020)).toBe(false);
    expect(matchesPriority(q({ flag: 'warned' }), member(), PLAN_2020)).toBe(false);
    expect(matchesPriority(q({ flag: 'warned' }), member({ warned: true }), PLAN_2020)).toBe(true);
    expect(matchesPriority(q({ flag: 'recommended' }), member({ recommended: true }), PLAN_2020)).toBe(true);
    expect(matchesPriority(q({ flag: 'talk-overdue' }), member({ talkOverdue: undefined }), PLAN_2020)).toBe(false);
    expect(matchesPriority(q({ flag: 'talk-overdue' }), member({ talkOverdue: true }), PLAN_2020)).toBe(true);
    expect(needs(q({ maxAge: '40', flag: 'talk-overdue' }))).toEqual({ form: true, unitType: false, talks: true });
  });
});
