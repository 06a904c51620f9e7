/**
 * The Lambda runtime's wall clock, for "recorded at" stamps only (rules take their dates from
 * their input: a round's deadlines, a review's scheduled time, a request's timeEpoch).
 *
 * In AWS it is the system clock. The local runtime runs every handler in one process on a
 * simulated clock that a demo advances by days and years; it installs that clock here, so
 * a shortlist ranked "after" an 11-day jump, or an audit entry written in the third year,
 * carries the simulated time like every other date the system shows.
 */
const systemClock = (): Date => new Date();

let source: () => Date = systemClock;

export function wallClock(): Date {
  return source();
}

/** The local runtime's hook; `undefined` puts the system clock back. */
export function setWallClock(clock: (() => Date) | undefined): void {
  source = clock ?? systemClock;
}
