import { describe, expect, it } from 'vitest';
import { addYears, ageOn, completedYears, isIsoDate } from '../../domain/dates';

describe('dates (周岁 and anniversaries)', () => {
  it('counts completed years, turning on the birthday itself', () => {
    expect(ageOn('1990-04-01', '2035-03-31')).toBe(44);
    expect(ageOn('1990-04-01', '2035-04-01')).toBe(45);
  });

  it('puts a 29 February birthday on 1 March in common years', () => {
    expect(addYears('2000-02-29', 1)).toBe('2001-03-01');
    expect(ageOn('2000-02-29', '2035-02-28')).toBe(34);
    expect(ageOn('2000-02-29', '2035-03-01')).toBe(35);
    expect(ageOn('2000-02-29', '2036-02-29')).toBe(36);
  });

  it('treats one unbroken period like an age', () => {
    expect(completedYears('2024-04-01', '2026-04-01')).toBe(2);
    expect(completedYears('2024-04-02', '2026-04-01')).toBe(1);
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-4-1')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
  });
});
