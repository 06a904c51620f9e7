import type { ClauseId } from '../clauses';
import { addDays, dayNumber, fromDayNumber, type IsoDate } from '../dates';
import type { Problem } from '../problem';
import { HOLIDAY_YEARS } from './holidays';

/**
 * Working days (工作日) from the State Council's calendar (domain/calendar/holidays.ts):
 * a weekday that is not a day off, or a Saturday or Sunday the notice makes a working day
 * (调休上班). Pure: every date is an argument.
 *
 * A date in a year without calendar data has no answer: the rules throw CalendarYearUnknown
 * (with the year) rather than fall back to weekdays, because a guessed Spring Festival is a
 * 公示 period that was too short. publicityPeriodProblems never throws: it turns the same
 * gap into a coded problem.
 *
 * Counting convention (DESIGN §7 公示; 2014 条例 art. 41 "公示期不少于五个工作日"): a period
 * is the notice's 公示时间 "from … to …", both days included, and its length is the number of
 * working days in it. So the first day counts when it is a working day — a notice posted on
 * Monday 9 March and taken down at the end of Friday 13 March has been up five working days.
 * addWorkingDays(start, n) is accordingly the day the n-th working day counted from `start`
 * itself ends: the earliest `to` with workingDaysBetween(start, to) = n.
 */

export class CalendarYearUnknown extends RangeError {
  constructor(readonly year: number) {
    super(`no working-day calendar for ${year}`);
    this.name = 'CalendarYearUnknown';
  }
}

const YEARS: ReadonlySet<number> = new Set(HOLIDAY_YEARS.map((y) => y.year));

function expand(): { off: Set<IsoDate>; worked: Set<IsoDate> } {
  const off = new Set<IsoDate>();
  const worked = new Set<IsoDate>(HOLIDAY_YEARS.flatMap((y) => y.makeUpWorkdays));
  for (const run of HOLIDAY_YEARS.flatMap((y) => y.holidays)) {
    for (let n = dayNumber(run.from); n <= dayNumber(run.to); n++) off.add(fromDayNumber(n));
  }
  return { off, worked };
}

const { off: DAYS_OFF, worked: MAKE_UP_WORKDAYS } = expand();

/** The years the calendar covers, ascending. */
export function calendarYears(): number[] {
  return [...YEARS].sort((a, b) => a - b);
}

export function hasCalendarYear(year: number): boolean {
  return YEARS.has(year);
}

/** The years from `from` to `to` (inclusive) the calendar does not cover, ascending. */
export function unknownYears(from: IsoDate, to: IsoDate): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!YEARS.has(y)) out.push(y);
  return out;
}

/** 0 Sunday … 6 Saturday (1970-01-01, day 0, was a Thursday). */
function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWorkingDay(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  if (!YEARS.has(year)) throw new CalendarYearUnknown(year);
  if (MAKE_UP_WORKDAYS.has(date)) return true;
  if (DAYS_OFF.has(date)) return false;
  const w = weekday(date);
  return w !== 0 && w !== 6;
}

/** Working days from `from` to `to`, both included (0 when `to` is before `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  // Bounded: the loop leaves by CalendarYearUnknown at the first day past the data.
  for (let n = dayNumber(from); n <= dayNumber(to); n++) if (isWorkingDay(fromDayNumber(n))) count += 1;
  return count;
}

/** The day the n-th working day counted from `start` itself ends (n ≥ 1). */
export function addWorkingDays(start: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`addWorkingDays: n must be a positive integer, not ${n}`);
  let day = start;
  let counted = isWorkingDay(day) ? 1 : 0;
  // Bounded: each step moves one day on, and the data ends (CalendarYearUnknown).
  while (counted < n) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** The clause the 公示 rules cite. DESIGN.md names none for 公示, so S-PUBLICITY (三(三)). */
export const PUBLICITY_CLAUSE: ClauseId = 'S-PUBLICITY';

export type PublicityProblem = Problem & { clause: ClauseId } & (
  | { code: 'PUBLICITY_PERIOD_INVERTED' }
  | { code: 'CALENDAR_YEAR_UNKNOWN'; year: number; years: number[] }
  | { code: 'PUBLICITY_PERIOD_TOO_SHORT'; workingDays: number; minimum: number; earliestTo?: IsoDate }
);

function covered(): string {
  const ys = calendarYears();
  return ys.length === 0 ? '无' : `${ys[0]}–${ys[ys.length - 1]}`;
}

function cn(d: IsoDate): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/**
 * Why a 公示 period from `from` to `to` (valid ISO dates, both days included) does not hold,
 * or [] when it does: ends before it starts; touches a year the calendar lacks (one problem
 * per such year, at the end that lies in it, else at `to`); fewer than `minimum` working days
 * (with how many were counted, and the earliest end that would do when the calendar knows it).
 * `minimum` is the policy's parameter (2014 条例 art. 41: five).
 */
export function publicityPeriodProblems(from: IsoDate, to: IsoDate, minimum = 5, path = 'period'): PublicityProblem[] {
  if (!Number.isInteger(minimum) || minimum < 1) throw new RangeError(`publicity minimum must be a positive integer, not ${minimum}`);
  const clause = PUBLICITY_CLAUSE;
  if (to < from) {
    return [{
      code: 'PUBLICITY_PERIOD_INVERTED', path: `${path}.to`, clause,
      zh: `公示期结束日 ${to} 早于开始日 ${from}`, en: `the period ends (${to}) before it starts (${from})`,
    }];
  }
  const missing = unknownYears(from, to);
  if (missing.length > 0) {
    const fromYear = Number(from.slice(0, 4));
    return missing.map((year) => ({
      code: 'CALENDAR_YEAR_UNKNOWN' as const, path: `${path}.${year === fromYear ? 'from' : 'to'}`, clause, year, years: calendarYears(),
      zh: `公示期涉及 ${year} 年，系统尚未收录该年国务院节假日安排，无法计算工作日（已收录 ${covered()} 年）`,
      en: `the period runs into ${year}, a year without the State Council's holiday calendar: working days cannot be counted (covered: ${covered()})`,
    }));
  }
  const workingDays = workingDaysBetween(from, to);
  if (workingDays >= minimum) return [];
  let earliestTo: IsoDate | undefined;
  try {
    earliestTo = addWorkingDays(from, minimum);
  } catch (e) {
    if (!(e instanceof CalendarYearUnknown)) throw e;
  }
  const zhHint = earliestTo ? `，最早可至${cn(earliestTo)}` : '';
  const enHint = earliestTo ? `; the earliest end is ${earliestTo}` : '';
  return [{
    code: 'PUBLICITY_PERIOD_TOO_SHORT', path: `${path}.to`, clause, workingDays, minimum, ...(earliestTo ? { earliestTo } : {}),
    zh: `公示期不少于${minimum}个工作日（${cn(from)}至${cn(to)}仅${workingDays}个工作日${zhHint}）`,
    en: `the period must be at least ${minimum} working days (${from} to ${to} has ${workingDays}${enHint})`,
  }];
}
