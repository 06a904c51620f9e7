/**
 * Spaces the calls to one throttled route: one every 1000 / perSecond ms however many callers
 * wait, in the order they asked. The public ballot routes are throttled per route (10 a second,
 * burst 20, contracts/ballot.ts BALLOT_THROTTLE), on AWS and locally alike; a room of voters
 * paced just under that never meets a 429, and the demo does not lean on the burst.
 */
export class Pacer {
  private next = 0;

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(perSecond > 0)) throw new RangeError(`Pacer: perSecond must be positive, not ${perSecond}`);
  }

  /** Resolves at this caller's turn. */
  async turn(): Promise<void> {
    const t = this.now();
    const at = Math.max(t, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > t) await this.sleep(at - t);
  }
}
