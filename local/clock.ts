// The simulated clock the local Step Functions wait on (Wait states, task-token timeouts,
// execution timeouts). Tests freeze it and advance it by hand; `npm start` can let it follow
// real time (and still jump it forward to skip a deadline).

export interface ClockOptions {
  /** Start time; default the real now. */
  start?: Date;
  /** Let simulated time run on with real time (waiters then fire by themselves). */
  followRealTime?: boolean;
}

interface Waiter {
  at: number;
  release: () => void;
}

// setTimeout overflows (fires at once) past 2^31-1 ms; re-arm in steps below that.
const MAX_TIMER_MS = 2 ** 31 - 1;

export class SimulatedClock {
  private readonly follow: boolean;
  /** Frozen: the time. Following: simulated minus real. */
  private base: number;
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: ClockOptions = {}) {
    this.follow = options.followRealTime ?? false;
    const start = options.start?.getTime() ?? Date.now();
    this.base = this.follow ? start - Date.now() : start;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.follow ? Date.now() + this.base : this.base;
  }

  advance(ms: number): void {
    if (ms < 0) throw new RangeError('the clock does not go back');
    this.base += ms;
    this.releaseDue();
  }

  advanceTo(date: Date | string): void {
    const target = new Date(date).getTime();
    if (target > this.nowMs()) this.advance(target - this.nowMs());
  }

  /** How many waiters are pending (for tests: "the execution reached its Wait"). */
  get pending(): number {
    return this.waiters.length;
  }

  /** The earliest pending target, if any. */
  nextWake(): Date | undefined {
    const first = this.waiters[0];
    return first ? new Date(first.at) : undefined;
  }

  /**
   * Calls `release` synchronously (inside advance()) once simulated time reaches `at`;
   * returns a cancel function. Synchronous release lets callers update bookkeeping before
   * advance() returns.
   */
  schedule(at: Date | number, release: () => void): () => void {
    const waiter: Waiter = { at: typeof at === 'number' ? at : at.getTime(), release };
    if (waiter.at <= this.nowMs()) {
      release();
      return () => {};
    }
    this.waiters.push(waiter);
    this.waiters.sort((a, b) => a.at - b.at);
    this.arm();
    return () => {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      this.arm();
    };
  }

  /** A promise that resolves when simulated time reaches `at` (or rejects on abort). */
  sleepUntil(at: Date | number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const cancel = this.schedule(at, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = () => {
        cancel();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaseDue(): void {
    const now = this.nowMs();
    const due = this.waiters.filter((w) => w.at <= now);
    this.waiters = this.waiters.filter((w) => w.at > now);
    for (const w of due) w.release();
    this.arm();
  }

  /** Only when following real time: a real timer for the earliest waiter. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const first = this.waiters[0];
    if (!this.follow || !first) return;
    const delay = Math.min(Math.max(first.at - this.nowMs(), 0), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.releaseDue(), delay);
    // Waiting executions alone should not keep a process alive.
    this.timer.unref();
  }
}
