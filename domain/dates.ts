/**
 * Calendar dates as ISO strings (YYYY-MM-DD). The domain never reads a clock: every "today"
 * is an argument. ISO strings compare correctly as strings, which keeps the rules readable.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

/** A real calendar date in ISO form (rejects 2023-02-29, 2026-13-01, 2026-4-1). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1900 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function toYmd(date: IsoDate): Ymd {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

export function fromYmd({ y, m, d }: Ymd): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day number since 1970-01-01 (pure arithmetic; Date.UTC reads no clock). */
export function dayNumber(date: IsoDate): number {
  const { y, m, d } = toYmd(date);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(n: number): IsoDate {
  const dt = new Date(n * 86_400_000);
  return fromYmd({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Days from a to b (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * The same calendar day n years later. A 29 February falls on 1 March in a common year
 * (DESIGN §2, "Age"): the anniversary is not reached until the day after 28 February.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const { y, m, d } = toYmd(date);
  const ty = y + years;
  if (m === 2 && d === 29 && !isLeapYear(ty)) return fromYmd({ y: ty, m: 3, d: 1 });
  return fromYmd({ y: ty, m, d });
}

/**
 * Completed years (周岁) from `from` to `on`: the count of anniversaries reached. Used for
 * ages and for one unbroken period of service alike (2024-04-01 → 2026-04-01 is 2 years).
 */
export function completedYears(from: IsoDate, on: IsoDate): number {
  if (on < from) return 0;
  const a = toYmd(from);
  const b = toYmd(on);
  let years = b.y - a.y;
  if (addYears(from, years) > on) years -= 1;
  return Math.max(0, years);
}

/** Age in completed years (周岁) on a reference date. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  return completedYears(birthDate, on);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/**
 * The calendar date of an instant in Beijing time (Asia/Shanghai: UTC+8 all year, no
 * daylight saving since 1991), so no time-zone library is needed. The bureau's dates — a
 * decision's day, a review's day, "today" in the district — are Beijing dates. The one
 * implementation: the handlers, the CLI and the demo all call this. Pure: the instant is an
 * argument, never read from a clock here.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export function beijingDate(instant: string | Date): IsoDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a timestamp: ${String(instant)}`);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}
