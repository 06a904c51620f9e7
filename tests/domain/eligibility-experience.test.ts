import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, dayNumber } from '../../domain/dates';
import { experienceDetail, experienceYears, type DatedPeriod } from '../../domain/eligibility/experience';

const mid = (from: string, to: string | null): DatedPeriod => ({ kind: 'middle', from, to });
const years = (posts: DatedPeriod[], asOf: string) => experienceYears(posts, ['middle'], asOf, 365);

describe('experience (DESIGN §2)', () => {
  it('counts one unbroken period like an age: the anniversary completes a year', () => {
    expect(years([mid('2024-04-01', '2026-04-01')], '2026-12-31')).toBe(2);
    expect(years([mid('2024-04-02', '2026-04-01')], '2026-12-31')).toBe(1);
    expect(years([mid('2024-04-01', null)], '2026-04-01')).toBe(2);
    expect(years([mid('2024-04-01', null)], '2026-03-31')).toBe(1);
  });

  it('puts the anniversary of a 29 February start on 1 March', () => {
    expect(years([mid('2020-02-29', null)], '2023-02-28')).toBe(2);
    expect(years([mid('2020-02-29', null)], '2023-03-01')).toBe(3);
  });

  it('clips at the reference date and ignores periods starting after it', () => {
    expect(years([mid('2023-04-01', '2030-01-01')], '2026-04-01')).toBe(3);
    expect(years([mid('2026-04-02', null)], '2026-04-01')).toBe(0);
    expect(experienceDetail([mid('2026-04-02', null)], ['middle'], '2026-04-01', 365).periods).toEqual([]);
  });

  it('counts overlapping periods once', () => {
    const d = experienceDetail([mid('2020-01-01', '2022-06-30'), mid('2021-01-01', '2023-01-01')], ['middle'], '2026-04-01', 365);
    expect(d.periods).toEqual([{ from: '2020-01-01', to: '2023-01-01' }]);
    expect(d.years).toBe(3);
  });

  it('joins a period starting the day after another ends (unbroken service)', () => {
    expect(years([mid('2023-04-01', '2024-08-31'), mid('2024-09-01', null)], '2026-04-01')).toBe(3);
  });

  it('adds separate periods by days, 365 to the year', () => {
    // 2019-09-01→2020-09-01 is 366 days; 2022-09-01→2024-08-30 is 729 days: 1095 = 3 × 365.
    expect(years([mid('2019-09-01', '2020-09-01'), mid('2022-09-01', '2024-08-30')], '2026-04-01')).toBe(3);
    expect(years([mid('2019-09-01', '2020-08-31'), mid('2022-09-01', '2024-08-30')], '2026-04-01')).toBe(2);
  });

  it('counts only the asked kinds', () => {
    const posts: DatedPeriod[] = [{ kind: 'deputy', from: '2015-01-01', to: null }, mid('2024-01-01', null)];
    expect(experienceYears(posts, ['deputy'], '2026-04-01', 365)).toBe(11);
    expect(experienceYears(posts, ['middle'], '2026-04-01', 365)).toBe(2);
    expect(experienceYears(posts, ['teacher'], '2026-04-01', 365)).toBe(0);
  });
});

describe('experience: properties', () => {
  const day = fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2026-12-31') });
  const period = fc.tuple(day, fc.integer({ min: 0, max: 3000 }), fc.boolean()).map(([a, len, open]) =>
    mid(fromDayNumber(a), open ? null : fromDayNumber(a + len)));
  const asOf = day.map(fromDayNumber);

  it('does not depend on the order of the periods', () => {
    fc.assert(fc.property(fc.array(period, { maxLength: 6 }), asOf, fc.integer(), (ps, on, seed) => {
      const shuffled = [...ps].sort((x, y) => ((x.from.charCodeAt(9) * seed) % 7) - ((y.from.charCodeAt(9) * seed) % 7));
      expect(years(shuffled, on)).toBe(years(ps, on));
      expect(years([...ps].reverse(), on)).toBe(years(ps, on));
    }));
  });

  it('does not change when a period is split at a boundary inside it', () => {
    fc.assert(fc.property(fc.array(period, { minLength: 1, maxLength: 5 }), asOf, fc.nat(), fc.boolean(), (ps, on, k, nextDay) => {
      const [first, ...rest] = ps;
      if (!first) return;
      const end = first.to ?? on;
      const span = dayNumber(end) - dayNumber(first.from);
      if (span < 2) return;
      const cut = addDays(first.from, 1 + (k % (span - 1)));
      const split = [mid(first.from, cut), mid(nextDay ? addDays(cut, 1) : cut, first.to), ...rest];
      expect(years(split, on)).toBe(years(ps, on));
    }));
  });

  it('does not change when a period is repeated (overlaps count once)', () => {
    fc.assert(fc.property(fc.array(period, { minLength: 1, maxLength: 5 }), asOf, (ps, on) => {
      expect(years([...ps, ...ps], on)).toBe(years(ps, on));
    }));
  });

  it('never decreases as the reference date moves on', () => {
    fc.assert(fc.property(fc.array(period, { maxLength: 5 }), day, fc.integer({ min: 0, max: 2000 }), (ps, a, step) => {
      expect(years(ps, fromDayNumber(a + step))).toBeGreaterThanOrEqual(years(ps, fromDayNumber(a)));
    }));
  });
});
