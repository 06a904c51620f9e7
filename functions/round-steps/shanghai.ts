/**
 * The calendar date of an instant in Beijing time (Asia/Shanghai: UTC+8 all year, no
 * daylight saving since 1991), so no time-zone library is needed. The bureau's dates — a
 * decision's day, the review's day — are Beijing dates.
 */
const OFFSET_MS = 8 * 3600 * 1000;

export function shanghaiDate(instant: string): string {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not a timestamp: ${instant}`);
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}
