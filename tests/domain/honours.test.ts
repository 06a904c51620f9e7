import { describe, expect, it } from 'vitest';
import { DOUBLE_FIRST_CLASS, DOUBLE_FIRST_CLASS_SOURCE, isDoubleFirstClass, universitySet } from '../../domain/policy/double-first-class';
import { honourRank, honourStanding, meetsHonour } from '../../domain/policy/honours';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import type { Policy } from '../../domain/policy/schema';

const h = (title: string, awarded = '2019-09-10') => ({ title, awarded });
const asOf = '2026-04-01';

describe('honour ladder (DESIGN §2)', () => {
  it('ranks a district title one level below the city title of the same name', () => {
    expect(honourRank('金坛区骨干教师', PLAN_2020)).toBe(honourRank('常州市教学能手', PLAN_2020));
    expect(honourRank('金坛区骨干教师', PLAN_2020)).toBeLessThan(honourRank('常州市骨干教师', PLAN_2020) ?? 0);
    expect(honourRank('江苏省特级教师', PLAN_2020)).toBeGreaterThan(honourRank('常州市特级教师后备', PLAN_2020) ?? 99);
  });

  it('matches aliases and tolerates spaces and quotation marks, but never guesses', () => {
    expect(honourRank('常州市学科骨干教师', PLAN_2020)).toBe(honourRank('常州市骨干教师', PLAN_2020));
    expect(honourRank('“常州市骨干教师”', PLAN_2020)).toBe(honourRank('常州市骨干教师', PLAN_2020));
    expect(honourRank(' 常州市 骨干教师 ', PLAN_2020)).toBe(honourRank('常州市骨干教师', PLAN_2020));
    expect(honourRank('常州骨干教师', PLAN_2020)).toBeUndefined();
    expect(honourRank('金坛区优秀教育工作者', PLAN_2020)).toBeUndefined();
  });

  it('tier 2: 金坛区骨干教师 meets it, 金坛区教学能手 does not', () => {
    const anyOf = PLAN_2020.tiers[2].minHonourAnyOf;
    expect(meetsHonour([h('金坛区骨干教师')], anyOf, asOf, PLAN_2020).ok).toBe(true);
    expect(meetsHonour([h('常州市教学能手')], anyOf, asOf, PLAN_2020).ok).toBe(true);
    expect(meetsHonour([h('江苏省特级教师')], anyOf, asOf, PLAN_2020).ok).toBe(true);
    expect(meetsHonour([h('金坛区教学能手')], anyOf, asOf, PLAN_2020).ok).toBe(false);
    expect(meetsHonour([h('常州市教坛新秀')], anyOf, asOf, PLAN_2020).ok).toBe(false);
  });

  it('tier 1: 金坛区骨干教师 does NOT meet 常州市骨干教师 or above', () => {
    const min = [PLAN_2020.tiers[1].minHonour];
    expect(meetsHonour([h('金坛区骨干教师')], min, asOf, PLAN_2020).ok).toBe(false);
    expect(meetsHonour([h('常州市骨干教师')], min, asOf, PLAN_2020).ok).toBe(true);
    expect(meetsHonour([h('金坛区学科带头人')], min, asOf, PLAN_2020).ok).toBe(true);
    expect(meetsHonour([h('常州市学科带头人')], min, asOf, PLAN_2020).ok).toBe(true);
  });

  it('reports an unknown title and does not count it', () => {
    const c = meetsHonour([h('金坛区名教师'), h('金坛区教学能手')], ['常州市教学能手'], asOf, PLAN_2020);
    expect(c.ok).toBe(false);
    expect(c.unknown).toEqual(['金坛区名教师']);
    expect(c.best?.title).toBe('金坛区教学能手');
  });

  it('counts a title from its award date, the reference date included', () => {
    expect(meetsHonour([h('常州市骨干教师', asOf)], ['常州市骨干教师'], asOf, PLAN_2020).ok).toBe(true);
    const late = meetsHonour([h('常州市骨干教师', '2026-04-02')], ['常州市骨干教师'], asOf, PLAN_2020);
    expect(late.ok).toBe(false);
    expect(late.notYetAwarded).toEqual(['常州市骨干教师']);
  });

  it('applies a term of validity only when the policy sets one (off by default)', () => {
    expect(honourStanding('2010-09-10', asOf, PLAN_2020)).toBe('counts');
    const fiveYears: Policy = { ...PLAN_2020, honourValidityYears: 5 };
    expect(honourStanding('2021-04-02', asOf, fiveYears)).toBe('counts');
    expect(honourStanding('2021-04-01', asOf, fiveYears)).toBe('expired');
    expect(meetsHonour([h('常州市骨干教师', '2020-09-10')], ['常州市骨干教师'], asOf, fiveYears).expired).toEqual(['常州市骨干教师']);
  });

  it('fails rather than guesses when the policy names a title its ladder lacks', () => {
    const c = meetsHonour([h('江苏省特级教师')], ['某市名师'], asOf, PLAN_2020);
    expect(c.ok).toBe(false);
    expect(c.requiredRank).toBeUndefined();
  });
});

describe('Double First-Class list (2022, second round)', () => {
  it('loads the 147 listed institutions with its source', () => {
    expect(DOUBLE_FIRST_CLASS_SOURCE.count).toBe(147);
    expect(DOUBLE_FIRST_CLASS_SOURCE.sourceUrl).toContain('moe.gov.cn');
    expect(DOUBLE_FIRST_CLASS.size).toBeGreaterThanOrEqual(147);
  });

  it('matches names as written, with half-width brackets and the 2023 rename', () => {
    expect(isDoubleFirstClass('南京师范大学')).toBe(true);
    expect(isDoubleFirstClass('中国石油大学(华东)')).toBe(true);
    expect(isDoubleFirstClass('上海体育大学')).toBe(true);
    expect(isDoubleFirstClass('江苏理工学院')).toBe(false);
    expect(isDoubleFirstClass('哈尔滨工业大学（威海）')).toBe(false); // a branch campus is not guessed on
  });

  it('takes a bureau’s own list (或相当)', () => {
    const own = universitySet([...DOUBLE_FIRST_CLASS, '香港中文大学']);
    expect(isDoubleFirstClass('香港中文大学', own)).toBe(true);
  });
});
