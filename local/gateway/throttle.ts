import type { RouteThrottle } from './routes';

/**
 * API Gateway's throttle as a token bucket per route: `burstLimit` tokens, refilled at
 * `rateLimit` a second, one per request; an empty bucket answers 429 before the handler runs.
 * Judged on the monotonic wall clock, not the simulated one: a throttle is about real traffic.
 */
export class RouteThrottles {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: Readonly<Record<string, RouteThrottle>>, private readonly clock: () => number = () => performance.now()) {}

  /** True when the request may pass (and takes its token). */
  take(routeKey: string): boolean {
    const limit = this.limits[routeKey];
    if (!limit) return true;
    const now = this.clock();
    const b = this.buckets.get(routeKey) ?? { tokens: limit.burstLimit, at: now };
    b.tokens = Math.min(limit.burstLimit, b.tokens + ((now - b.at) / 1000) * limit.rateLimit);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(routeKey, b);
    return ok;
  }
}
