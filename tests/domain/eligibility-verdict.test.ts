import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../domain/clauses';
import { decideEligibility, type EligibilityOptions } from '../../domain/eligibility/verdict';
import type { Reason, Verdict } from '../../domain/eligibility/types';
import type { NominationForm } from '../../domain/form/schema';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import type { Policy } from '../../domain/policy/schema';
import { form, parsedFixture } from '../fixtures/forms/builders';

const asOf = '2026-04-01';
const judge = (f: NominationForm, o: Partial<EligibilityOptions> = {}) => decideEligibility(f, { asOf, ...o });
const find = (v: Verdict, rule: string, clause?: string): Reason => {
  const r = v.reasons.find((x) => x.rule === rule && (clause === undefined || x.clause === clause));
  if (!r) throw new Error(`no ${clause ?? ''} ${rule} reason in ${JSON.stringify(v.reasons)}`);
  return r;
};

const deputy = (from: string, to: string | null = null) => ({ kind: 'deputy', title: '副校长', unit: '西旸小学', from, to });
const middle = (from: string, to: string | null = null) => ({ kind: 'middle', title: '教导主任', unit: '西旸小学', from, to });
const classTeacher = { kind: 'class-teacher', title: '班主任', unit: '西旸小学', from: '2006-09-01', to: '2012-08-31' };
const bachelor = [{ level: 'bachelor', fullTime: true, institution: '江苏理工学院', graduated: '2003-06-30' }];

/** A tier 1 candidate who meets everything; override what a test is about. */
function tier1(candidate: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return form({
    tier: 1,
    candidate: {
      birthDate: '1982-05-01', education: bachelor, posts: [classTeacher, deputy('2020-09-01')],
      honours: [{ title: '常州市骨干教师', awarded: '2019-09-10' }], ...candidate,
    },
    ...top,
  });
}
function tier2(candidate: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return form({
    tier: 2,
    candidate: {
      birthDate: '1988-05-01', education: bachelor, posts: [classTeacher, middle('2020-09-01')],
      honours: [{ title: '金坛区骨干教师', awarded: '2019-09-10' }], ...candidate,
    },
    ...top,
  });
}

describe('verdict shape', () => {
  it('lists every rule with a clause id, Chinese and English', () => {
    for (const f of [tier1(), tier2(), form()]) {
      const v = judge(f);
      expect(v).toMatchObject({ asOf, policy: 'jintan-2020@1', eligible: true });
      for (const r of v.reasons) {
        expect(Object.keys(CLAUSES)).toContain(r.clause);
        expect(r.message).toMatch(/[\u4e00-\u9fff]/);
        expect(r.messageEn).toBeTruthy();
      }
    }
  });

  it('is pure: same answer twice, form untouched', () => {
    const f = tier1();
    const frozen = structuredClone(f);
    deepFreeze(f);
    expect(judge(f)).toEqual(judge(f));
    expect(f).toEqual(frozen);
  });

  it('judges against another tier when asked (--tier)', () => {
    const v = judge(form(), { tier: 1 });
    expect(v.tier).toBe(1);
    expect(v.eligible).toBe(false);
    expect(find(v, 'experience', 'E-T1').ok).toBe(false);
    expect(v.reasons.some((r) => r.clause === 'E-T3')).toBe(false);
  });
});

describe('E-BASIC: party organisation attestation', () => {
  it('passes when attested, naming who and when', () => {
    const r = find(judge(form()), 'attestation', 'E-BASIC');
    expect(r.ok).toBe(true);
    expect(r.message).toContain('西旸小学党支部');
  });
  it('fails without it', () => {
    const v = judge(form({ attestation: { basicConditions: false } }));
    expect(find(v, 'attestation', 'E-BASIC').ok).toBe(false);
    expect(v.eligible).toBe(false);
  });
});

describe('age (周岁 on the reference date) at each tier limit', () => {
  const cases = [
    { tier: 1, max: 45, make: (b: string) => tier1({ birthDate: b }) },
    { tier: 2, max: 40, make: (b: string) => tier2({ birthDate: b }) },
    { tier: 3, max: 35, make: (b: string) => form({ candidate: { birthDate: b } }) },
  ] as const;
  for (const { tier, max, make } of cases) {
    it(`tier ${tier}: ${max} passes the day before the ${max + 1}th birthday, fails on it`, () => {
      const born = `${2026 - max - 1}-04-01`;
      const before = judge(make(born), { asOf: '2026-03-31' });
      expect(find(before, 'age').ok).toBe(true);
      expect(find(before, 'age').message).toContain(`${max} 周岁`);
      const on = judge(make(born), { asOf: '2026-04-01' });
      expect(find(on, 'age').ok).toBe(false);
      expect(find(on, 'age').message).toContain(`${max + 1} 周岁`);
      expect(find(on, 'age').message).toContain(`超过 ${max} 周岁`);
      expect(on.eligible).toBe(false);
    });
  }

  it('a 29 February birthday falls on 1 March in a common year', () => {
    // Tier 2 (≤ 40): born 1988-02-29, turns 41 on 2029-03-01 (2029 has no 29 February).
    const f = tier2({ birthDate: '1988-02-29' });
    expect(find(judge(f, { asOf: '2029-02-28' }), 'age').ok).toBe(true);
    expect(find(judge(f, { asOf: '2029-03-01' }), 'age').message).toContain('41 周岁');
    expect(find(judge(f, { asOf: '2029-03-01' }), 'age').ok).toBe(false);
  });
});

describe('E-EXEMPT: a recorded age exemption', () => {
  const exemption = { reason: '省特级教师，特别优秀', approvedBy: '区委教育工委', date: '2026-03-20' };
  const old = (top: Record<string, unknown> = {}) => tier1({ birthDate: '1979-09-30' }, { ageExemption: exemption, ...top });

  it('lets an over-age candidate pass, and says so', () => {
    const v = judge(old());
    expect(v.eligible).toBe(true);
    const age = find(v, 'age', 'E-T1');
    expect(age.ok).toBe(true);
    expect(age.message).toContain('超过 45 周岁');
    expect(age.message).toContain('放宽');
    const ex = find(v, 'age-exemption', 'E-EXEMPT');
    expect(ex.ok).toBe(true);
    expect(ex.message).toContain('区委教育工委');
  });

  it('does not apply when the policy allows none', () => {
    const strict: Policy = { ...PLAN_2020, ageExemptionAllowed: false };
    const v = judge(old(), { policy: strict });
    expect(v.eligible).toBe(false);
    expect(find(v, 'age-exemption', 'E-EXEMPT').ok).toBe(false);
  });

  it('does not apply to bureau offices (年龄范围内的科室人员)', () => {
    const v = judge(old({ unit: { code: 'JT-JYJ', name: '金坛区教育局人事科', type: 'bureau-office' } }));
    expect(find(v, 'age', 'E-T1').ok).toBe(false);
    expect(find(v, 'age-exemption', 'E-EXEMPT').message).toContain('年龄范围');
  });

  it('does not carry over to another tier', () => {
    const f = tier2({ birthDate: '1984-09-30', posts: [middle('2015-09-01')] }, { ageExemption: exemption });
    expect(judge(f).eligible).toBe(true);
    const v = judge(f, { tier: 3 });
    expect(find(v, 'age', 'E-T3').ok).toBe(false);
    expect(find(v, 'age-exemption', 'E-EXEMPT').ok).toBe(false);
  });

  it('is reported as unused when the age is within the limit', () => {
    const v = judge(tier1({}, { ageExemption: exemption }));
    expect(find(v, 'age-exemption', 'E-EXEMPT')).toMatchObject({ ok: true });
    expect(find(v, 'age-exemption', 'E-EXEMPT').message).toContain('未使用');
  });

  it('without an exemption the over-age message says none is recorded', () => {
    const v = judge(tier1({ birthDate: '1979-09-30' }));
    expect(find(v, 'age').message).toContain('无年龄放宽审批记录');
    expect(v.reasons.some((r) => r.clause === 'E-EXEMPT')).toBe(false);
  });
});

describe('E-T1: principal reserves', () => {
  it('passes a deputy of two years with 常州市骨干教师', () => {
    expect(judge(tier1()).eligible).toBe(true);
  });

  it('education: bachelor or higher, completed by the reference date', () => {
    const assoc = [{ level: 'associate', fullTime: true, institution: '常州师范专科学校', graduated: '2002-06-30' }];
    expect(find(judge(tier1({ education: assoc })), 'education').ok).toBe(false);
    const later = [...assoc, { level: 'bachelor', fullTime: false, institution: '江苏师范大学', graduated: '2025-06-30' }];
    expect(find(judge(tier1({ education: later }), { asOf: '2025-06-29' }), 'education').ok).toBe(false);
    expect(find(judge(tier1({ education: later }), { asOf: '2025-06-30' }), 'education').ok).toBe(true);
  });

  it('experience: the second anniversary as deputy completes two years', () => {
    const f = tier1({ posts: [deputy('2024-04-01')] });
    expect(find(judge(f, { asOf: '2026-03-31' }), 'experience').ok).toBe(false);
    expect(find(judge(f, { asOf: '2026-04-01' }), 'experience').ok).toBe(true);
  });

  it('experience: overlapping deputy posts count once', () => {
    const f = tier1({ posts: [deputy('2024-09-01', '2025-08-31'), { ...deputy('2025-03-01'), title: '副书记' }] });
    const r = find(judge(f), 'experience');
    expect(r.ok).toBe(false);
    expect(r.message).toContain('1 年');
  });

  it('honour: 金坛区骨干教师 does not meet 常州市骨干教师', () => {
    const v = judge(tier1({ honours: [{ title: '金坛区骨干教师', awarded: '2019-09-10' }] }));
    expect(find(v, 'honour', 'E-T1').ok).toBe(false);
    expect(v.eligible).toBe(false);
  });

  it('honour: a title awarded after the reference date does not count', () => {
    const f = tier1({ honours: [{ title: '常州市骨干教师', awarded: '2026-02-01' }] });
    expect(find(judge(f, { asOf: '2026-01-31' }), 'honour').ok).toBe(false);
    expect(find(judge(f, { asOf: '2026-02-01' }), 'honour').ok).toBe(true);
  });

  it('an unknown title is reported, not counted', () => {
    const v = judge(tier1({ honours: [{ title: '常州市名班主任', awarded: '2019-09-10' }] }));
    expect(v.unknownHonours).toEqual(['常州市名班主任']);
    expect(find(v, 'honour').ok).toBe(false);
    expect(find(v, 'honour').message).toContain('常州市名班主任');
  });
});

describe('E-T2: deputy reserves', () => {
  it('passes three years in middle management with 金坛区骨干教师', () => {
    expect(judge(tier2()).eligible).toBe(true);
  });

  it('honour: 金坛区教学能手 is below the requirement', () => {
    const v = judge(tier2({ honours: [{ title: '金坛区教学能手', awarded: '2019-09-10' }] }));
    expect(find(v, 'honour', 'E-T2').ok).toBe(false);
  });

  it('experience: short of three years fails', () => {
    expect(find(judge(tier2({ posts: [classTeacher, middle('2023-04-02')] })), 'experience', 'E-T2').ok).toBe(false);
    expect(find(judge(tier2({ posts: [classTeacher, middle('2023-04-01')] })), 'experience', 'E-T2').ok).toBe(true);
  });

  describe('kindergartens: their own teaching-achievement condition replaces the honour', () => {
    const kg = { unit: { code: 'JT-YEY1', name: '金坛区第一幼儿园', type: 'kindergarten' } };
    const cond = '近三年获区级及以上保教成果奖';
    it('passes when attested as met, with no honour at all', () => {
      const v = judge(tier2({ honours: [] }, { ...kg, attestation: { teachingAchievement: { met: true, condition: cond } } }));
      expect(v.eligible).toBe(true);
      expect(find(v, 'teaching-achievement', 'E-T2').message).toContain(cond);
      expect(v.reasons.some((r) => r.rule === 'honour')).toBe(false);
    });
    it('fails when attested as not met, or not attested', () => {
      expect(judge(tier2({}, { ...kg, attestation: { teachingAchievement: { met: false, condition: cond } } })).eligible).toBe(false);
      const v = judge(tier2({}, kg));
      expect(find(v, 'teaching-achievement').ok).toBe(false);
      expect(v.eligible).toBe(false);
    });
    it('still needs the honour for tier 1', () => {
      const v = judge(tier1({ honours: [] }, { ...kg, attestation: { teachingAchievement: { met: true, condition: cond } } }));
      expect(find(v, 'honour', 'E-T1').ok).toBe(false);
    });
  });
});

describe('E-T3: middle-management reserves', () => {
  const plain = [{ level: 'bachelor', fullTime: true, institution: '江苏理工学院', graduated: '2014-06-30' }];

  it('route (a): full-time bachelor from a Double First-Class university', () => {
    const v = judge(form());
    expect(find(v, 'route-a')).toMatchObject({ ok: true, route: 'a' });
    expect(find(v, 'route').ok).toBe(true);
  });

  it('route (a) fails for a part-time degree or an unlisted university', () => {
    const partTime = [{ level: 'bachelor', fullTime: false, institution: '南京大学', graduated: '2014-06-30' }];
    expect(find(judge(form({ candidate: { education: partTime } })), 'route-a').ok).toBe(false);
    const v = judge(form({ candidate: { education: plain } }));
    expect(find(v, 'route-a').ok).toBe(false);
    expect(find(v, 'route').ok).toBe(false);
    expect(v.eligible).toBe(false);
  });

  it('route (b): student-leader role and two second-class scholarships', () => {
    const b = { education: plain, studentRoles: [{ role: 'youth-league-deputy-secretary', level: 'department' }] };
    const two = judge(form({ candidate: { ...b, scholarships: [{ class: 2, year: 2011 }, { class: 1, year: 2012 }] } }));
    expect(find(two, 'route-b')).toMatchObject({ ok: true, route: 'b' });
    expect(two.eligible).toBe(true);
    const third = judge(form({ candidate: { ...b, scholarships: [{ class: 2, year: 2011 }, { class: 3, year: 2012 }] } }));
    expect(find(third, 'route-b').ok).toBe(false);
    const noRole = judge(form({ candidate: { education: plain, studentRoles: [{ role: '班长', level: 'department' }], scholarships: [{ class: 2, year: 2011 }, { class: 2, year: 2012 }] } }));
    expect(find(noRole, 'route-b').ok).toBe(false);
  });

  it('route (c): second prize or better at district level or higher', () => {
    const c = (level: string, prize: number) => judge(form({ candidate: { education: plain, lessonAwards: [{ level, prize, year: 2023 }] } }));
    expect(find(c('district', 2), 'route-c')).toMatchObject({ ok: true, route: 'c' });
    expect(find(c('city', 1), 'route-c').ok).toBe(true);
    expect(find(c('district', 3), 'route-c').ok).toBe(false);
    expect(c('district', 2).eligible).toBe(true);
  });

  it('reports each route even when another is met; failing routes do not fail the verdict', () => {
    const v = judge(form());
    expect(v.reasons.filter((r) => r.route).map((r) => r.route)).toEqual(['a', 'b', 'c']);
    expect(find(v, 'route-b').ok).toBe(false);
    expect(v.eligible).toBe(true);
  });

  it('always needs class-teacher or team work', () => {
    const teacherOnly = [{ kind: 'teacher', title: '语文教师', unit: '西旸小学', from: '2014-09-01', to: null }];
    const v = judge(form({ candidate: { posts: teacherOnly } }));
    expect(find(v, 'class-or-team-work').ok).toBe(false);
    expect(v.eligible).toBe(false);
    const team = [{ kind: 'team', title: '大队辅导员', unit: '西旸小学', from: '2016-09-01', to: '2018-08-31' }];
    expect(find(judge(form({ candidate: { posts: team } })), 'class-or-team-work').ok).toBe(true);
  });
});

describe('E-OFFICE: bureau offices and institutions', () => {
  const office = { unit: { code: 'JT-JYJ-RSK', name: '金坛区教育局人事科', type: 'bureau-office' } };
  it('judges their staff by the same conditions, naming the unit type', () => {
    const v = judge(tier2({}, office));
    expect(v.eligible).toBe(true);
    expect(find(v, 'unit-type', 'E-OFFICE')).toMatchObject({ ok: true });
    expect(find(v, 'unit-type').message).toContain('局机关科室');
    expect(judge(tier2({ honours: [] }, office)).eligible).toBe(false);
  });
  it('fails a unit type the policy does not let nominate', () => {
    const noOffices: Policy = { ...PLAN_2020, nominatingUnitTypes: ['primary', 'middle', 'kindergarten'] };
    const v = judge(tier2({}, { unit: { code: 'JT-JYZX', name: '金坛区教师发展中心', type: 'institution' } }), { policy: noOffices });
    expect(find(v, 'unit-type', 'E-OFFICE').ok).toBe(false);
    expect(v.eligible).toBe(false);
  });
});

describe('sources', () => {
  it('S-ROUND: a selection-round nomination says so', () => {
    expect(find(judge(form()), 'source', 'S-ROUND').ok).toBe(true);
  });

  it('S-ORGLIST: an import of the Department’s list is noted and still checked', () => {
    const v = judge(tier1({}, { source: 'org-dept-list' }));
    expect(v.eligible).toBe(true);
    expect(v.source).toBe('org-dept-list');
    expect(find(v, 'source', 'S-ORGLIST').message).toContain('组织部');
    const failing = judge(tier1({ honours: [] }, { source: 'org-dept-list' }));
    expect(failing.eligible).toBe(false);
    expect(find(failing, 'honour').ok).toBe(false);
  });

  it('X-LEGACY: former outstanding young cadres go into tier 2 only', () => {
    const ok = judge(tier2({}, { source: 'legacy-young-cadre' }));
    expect(ok.eligible).toBe(true);
    expect(find(ok, 'legacy-tier', 'X-LEGACY').ok).toBe(true);
    const asTier1 = judge(tier1({}, { source: 'legacy-young-cadre' }));
    expect(find(asTier1, 'legacy-tier', 'X-LEGACY').ok).toBe(false);
    expect(asTier1.eligible).toBe(false);
    const checkedAsTier1 = judge(tier2({}, { source: 'legacy-young-cadre' }), { tier: 1 });
    expect(find(checkedAsTier1, 'legacy-tier', 'X-LEGACY').ok).toBe(false);
  });

  it('X-TALENT: imported talents are judged by the same conditions', () => {
    const v = judge(tier2({}, { source: 'imported-talent' }));
    expect(find(v, 'source', 'X-TALENT').ok).toBe(true);
    expect(v.eligible).toBe(true);
    expect(judge(tier2({ birthDate: '1980-01-01' }, { source: 'imported-talent' })).eligible).toBe(false);
  });
});

describe('fixture forms written from the plan', () => {
  const expected: Record<string, boolean> = {
    'tier1-age-exemption.json': true,
    'tier1-district-honour.json': false,
    'tier1-eligible.json': true,
    'tier1-org-dept-list.json': true,
    'tier2-bureau-office.json': true,
    'tier2-kindergarten.json': true,
    'tier2-legacy-young-cadre.json': true,
    'tier3-imported-talent.json': true,
    'tier3-over-age.json': false,
    'tier3-route-a-eligible.json': true,
    'tier3-route-b-eligible.json': true,
  };
  for (const [name, eligible] of Object.entries(expected)) {
    it(`${name} → ${eligible ? 'eligible' : 'not eligible'}`, () => {
      expect(judge(parsedFixture(name)).eligible).toBe(eligible);
    });
  }
});

function deepFreeze(o: unknown): void {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
}
