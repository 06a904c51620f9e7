import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_YEARS } from '../../domain/calendar/holidays';
import {
  addWorkingDays, calendarYears, CalendarYearUnknown, isWorkingDay, publicityPeriodProblems, unknownYears, workingDaysBetween,
} from '../../domain/calendar/working-days';
import { CLAUSES } from '../../domain/clauses';
import { addDays, daysBetween, fromDayNumber, dayNumber } from '../../domain/dates';

/**
 * The working-day calendar (DESIGN §7 公示): the data checked against the notices' own
 * arithmetic, the rules across holidays with 调休, a year without data refused with the year,
 * and the invariants that tie addWorkingDays and workingDaysBetween together.
 */

/** The weekday by the platform's own calendar, independent of the rules' arithmetic. */
const utcDay = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

describe('the calendar data', () => {
  it('covers 2020 to 2026, one entry a year, each with its notice', () => {
    expect(calendarYears()).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const y of HOLIDAY_YEARS) {
      expect(y.documentNo).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
      expect(Number(y.documentNo.slice(6, 10))).toBe(y.year - 1);
      expect(y.issuedOn < `${y.year}-01-01`).toBe(true);
    }
    expect(HOLIDAY_YEARS.find((y) => y.year === 2025)!.documentNo).toBe('国办发明电〔2024〕12号');
  });

  it('each run is as long as its notice\'s 共N天, in its year, and no make-up day is inside one', () => {
    for (const y of HOLIDAY_YEARS) {
      for (const run of y.holidays) {
        expect(daysBetween(run.from, run.to) + 1, `${y.year} ${run.name}`).toBe(run.days);
        expect(Number(run.to.slice(0, 4))).toBe(y.year);
        for (const m of y.makeUpWorkdays) expect(m >= run.from && m <= run.to, `${m} inside ${run.name}`).toBe(false);
      }
    }
  });

  it('every make-up working day is a Saturday or a Sunday of its year', () => {
    for (const y of HOLIDAY_YEARS) {
      for (const m of y.makeUpWorkdays) {
        expect([0, 6], m).toContain(utcDay(m));
        expect(m.slice(0, 4)).toBe(String(y.year));
      }
    }
  });

  it('from 2025 the Spring Festival and Labour Day each have one day more by law (国务院令第797号)', () => {
    const run = (year: number, name: string) => HOLIDAY_YEARS.find((y) => y.year === year)!.holidays.find((h) => h.name === name)!;
    // 除夕 is a day off in 2025 (28 January) and not in 2024 (9 February, a working Friday).
    expect(run(2025, '春节').from).toBe('2025-01-28');
    expect(isWorkingDay('2025-01-28')).toBe(false);
    expect(isWorkingDay('2024-02-09')).toBe(true);
    // Labour Day 2025: five days off with one make-up day (two in 2024).
    expect(HOLIDAY_YEARS.find((y) => y.year === 2025)!.makeUpWorkdays.filter((d) => d.slice(5, 7) === '04' || d.slice(5, 7) === '05')).toEqual(['2025-04-27']);
    expect(HOLIDAY_YEARS.find((y) => y.year === 2024)!.makeUpWorkdays.filter((d) => d.slice(5, 7) === '04' || d.slice(5, 7) === '05')).toEqual(['2024-04-07', '2024-04-28', '2024-05-11']);
  });

  it('S-PUBLICITY is a clause id', () => {
    expect(Object.keys(CLAUSES)).toContain('S-PUBLICITY');
  });
});

describe('working days', () => {
  it('a weekday is a working day, a weekend is not, unless the notice says otherwise', () => {
    expect(isWorkingDay('2026-12-01')).toBe(true); // a Tuesday
    expect(isWorkingDay('2026-12-05')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-10-05')).toBe(false); // a Monday of National Day
  });

  it('a make-up Sunday counts as a working day', () => {
    for (const sunday of ['2024-02-18', '2025-01-26', '2025-09-28', '2026-01-04', '2026-09-20']) {
      expect(utcDay(sunday)).toBe(0);
      expect(isWorkingDay(sunday), sunday).toBe(true);
    }
    // 11–17 Feb 2024: the Spring Festival's Sunday off, then the make-up Sunday 18th worked.
    expect(workingDaysBetween('2024-02-11', '2024-02-18')).toBe(1);
  });

  it('2020: the Spring Festival extended to 2 February, the make-up Saturday of 1 February gone', () => {
    expect(isWorkingDay('2020-01-19')).toBe(true); // the make-up Sunday that stayed
    expect(isWorkingDay('2020-01-31')).toBe(false);
    expect(isWorkingDay('2020-02-01')).toBe(false);
    expect(isWorkingDay('2020-02-03')).toBe(true);
  });

  it('across the 2024 Spring Festival with 调休: from Friday 9 February, five working days end on 21 February', () => {
    // 9 (Fri, 除夕, worked) · 10–17 off · 18 (Sun, make-up) · 19 · 20 · 21.
    expect(addWorkingDays('2024-02-09', 5)).toBe('2024-02-21');
    expect(workingDaysBetween('2024-02-09', '2024-02-20')).toBe(4);
    expect(publicityPeriodProblems('2024-02-09', '2024-02-21')).toEqual([]);
  });

  it('across the 2025 Spring Festival with 调休: from Friday 24 January, five working days end on 6 February', () => {
    // 24 (Fri) · 25 off · 26 (Sun, make-up) · 27 · 28 Jan–4 Feb off · 5 · 6.
    expect(addWorkingDays('2025-01-24', 5)).toBe('2025-02-06');
    const short = publicityPeriodProblems('2025-01-24', '2025-02-05');
    expect(short).toEqual([expect.objectContaining({ code: 'PUBLICITY_PERIOD_TOO_SHORT', path: 'period.to', clause: 'S-PUBLICITY', workingDays: 4, minimum: 5, earliestTo: '2025-02-06' })]);
    expect(short[0]!.zh).toContain('公示期不少于5个工作日');
    expect(short[0]!.zh).toContain('仅4个工作日');
    expect(short[0]!.zh).toContain('最早可至2025年2月6日');
    // Thirteen calendar days, four working days: the old five-calendar-day floor let this pass.
    expect(daysBetween('2025-01-24', '2025-02-05') + 1).toBe(13);
  });

  it('across the 2026 Spring Festival (nine days off): from Friday 13 February, five working days end on 26 February', () => {
    // 13 (Fri) · 14 (Sat, make-up) · 15–23 off · 24 · 25 · 26.
    expect(addWorkingDays('2026-02-13', 5)).toBe('2026-02-26');
  });

  it('across National Day with Mid-Autumn (2023, 2025): the make-up weekend days count, the eight days off do not', () => {
    // 2023: 27 · 28 · 29 Sep–6 Oct off · 7 (Sat, make-up) · 8 (Sun, make-up) · 9.
    expect(addWorkingDays('2023-09-27', 5)).toBe('2023-10-09');
    // 2025: 26 (Fri) · 27 off · 28 (Sun, make-up) · 29 · 30 · 1–8 Oct off · 9.
    expect(addWorkingDays('2025-09-26', 5)).toBe('2025-10-09');
    expect(workingDaysBetween('2025-09-26', '2025-10-11')).toBe(7); // 10 (Fri) and 11 (Sat, make-up)
  });

  it('known counts', () => {
    const table: Array<[string, string, number]> = [
      ['2026-12-07', '2026-12-11', 5], // an ordinary week, Monday to Friday
      ['2026-11-26', '2026-12-02', 5], // Thursday to Wednesday over a weekend
      ['2026-11-26', '2026-11-27', 2],
      ['2026-12-05', '2026-12-06', 0], // a weekend
      ['2026-10-01', '2026-10-07', 0], // National Day 2026
      ['2026-09-28', '2026-10-10', 6], // 28 · 29 · 30 · 1–7 off · 8 · 9 (Fri) · 10 (Sat, make-up)
      ['2022-01-29', '2022-02-07', 3], // 29 · 30 (Sat, Sun make-up) · 31 Jan–6 Feb off · 7
      ['2026-04-30', '2026-05-09', 5], // 30 · 1–5 May off · 6 · 7 · 8 · 9 (Sat, make-up)
      ['2026-12-11', '2026-12-07', 0], // inverted: nothing
    ];
    for (const [from, to, n] of table) expect(workingDaysBetween(from, to), `${from}…${to}`).toBe(n);
  });

  it('a year without data is refused with the year, never guessed', () => {
    expect(() => isWorkingDay('2027-01-04')).toThrow(CalendarYearUnknown);
    try {
      workingDaysBetween('2026-12-28', '2027-01-08');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarYearUnknown);
      expect((e as CalendarYearUnknown).year).toBe(2027);
    }
    // Five working days from Monday 28 December 2026 would end in 2027: no answer.
    expect(() => addWorkingDays('2026-12-28', 5)).toThrow(CalendarYearUnknown);
    expect(addWorkingDays('2026-12-28', 4)).toBe('2026-12-31');
    expect(unknownYears('2019-12-30', '2027-01-02')).toEqual([2019, 2027]);

    expect(publicityPeriodProblems('2026-12-28', '2027-01-05')).toEqual([
      expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN', path: 'period.to', year: 2027, clause: 'S-PUBLICITY', years: [2020, 2021, 2022, 2023, 2024, 2025, 2026] }),
    ]);
    const before = publicityPeriodProblems('2019-12-30', '2020-01-06');
    expect(before).toEqual([expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN', path: 'period.from', year: 2019 })]);
    expect(before[0]!.zh).toContain('2019 年');
    expect(before[0]!.en).toContain('2019');
    // Too short but its five days would end past the data: counted, and no earliest end offered.
    const edge = publicityPeriodProblems('2026-12-28', '2026-12-30');
    expect(edge).toEqual([expect.objectContaining({ code: 'PUBLICITY_PERIOD_TOO_SHORT', workingDays: 3 })]);
    expect(edge[0]).not.toHaveProperty('earliestTo');
  });

  it('an inverted period is one problem at its end, before any calendar is read', () => {
    expect(publicityPeriodProblems('2027-03-10', '2027-03-05')).toEqual([
      expect.objectContaining({ code: 'PUBLICITY_PERIOD_INVERTED', path: 'period.to', clause: 'S-PUBLICITY' }),
    ]);
    expect(publicityPeriodProblems('2026-03-10', '2026-03-05', 5, 'body.period')[0]!.path).toBe('body.period.to');
  });

  it('the minimum is the policy\'s parameter', () => {
    expect(publicityPeriodProblems('2026-12-07', '2026-12-11', 7)).toEqual([expect.objectContaining({ code: 'PUBLICITY_PERIOD_TOO_SHORT', workingDays: 5, minimum: 7, earliestTo: '2026-12-15' })]);
    expect(publicityPeriodProblems('2026-12-07', '2026-12-07', 1)).toEqual([]);
    expect(() => publicityPeriodProblems('2026-12-07', '2026-12-11', 0)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-12-07', 0)).toThrow(RangeError);
  });
});

describe('working-day properties', () => {
  const FIRST = dayNumber('2020-01-01');
  // Starts early enough in 2026 to leave room (121 days, 40 working days) before the data ends.
  const LAST = dayNumber('2026-08-15');
  const arbDate = fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber);
  const arbN = fc.integer({ min: 1, max: 40 });

  it('workingDaysBetween(from, addWorkingDays(from, n)) = n, and the end is the earliest such day, a working day', () => {
    fc.assert(fc.property(arbDate, arbN, (from, n) => {
      const end = addWorkingDays(from, n);
      expect(workingDaysBetween(from, end)).toBe(n);
      expect(isWorkingDay(end)).toBe(true);
      expect(workingDaysBetween(from, addDays(end, -1))).toBe(n - 1);
    }), { numRuns: 300 });
  });

  it('addWorkingDays is strictly increasing in n; workingDaysBetween never falls as the end moves on', () => {
    fc.assert(fc.property(arbDate, arbN, arbN, (from, a, b) => {
      if (a === b) return;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      expect(addWorkingDays(from, lo) < addWorkingDays(from, hi)).toBe(true);
      const to = addDays(from, lo);
      expect(workingDaysBetween(from, addDays(to, hi)) >= workingDaysBetween(from, to)).toBe(true);
    }), { numRuns: 200 });
  });

  it('counts add up over a split, and never exceed the days', () => {
    fc.assert(fc.property(arbDate, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (a, x, y) => {
      const b = addDays(a, x);
      const c = addDays(b, y + 1);
      expect(workingDaysBetween(a, c)).toBe(workingDaysBetween(a, b) + workingDaysBetween(addDays(b, 1), c));
      expect(workingDaysBetween(a, c)).toBeLessThanOrEqual(daysBetween(a, c) + 1);
    }), { numRuns: 200 });
  });

  it('a period of exactly the minimum passes; one day shorter is refused with the count and the earliest end', () => {
    fc.assert(fc.property(arbDate, fc.integer({ min: 1, max: 10 }), (from, minimum) => {
      const end = addWorkingDays(from, minimum);
      expect(publicityPeriodProblems(from, end, minimum)).toEqual([]);
      if (end === from) return;
      expect(publicityPeriodProblems(from, addDays(end, -1), minimum)).toEqual([
        expect.objectContaining({ code: 'PUBLICITY_PERIOD_TOO_SHORT', workingDays: minimum - 1, earliestTo: end }),
      ]);
    }), { numRuns: 200 });
  });
});
