import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../app/bounded';

/** mapBounded (app/bounded.ts): the fan-out of pool-wide reads — order kept, concurrency bounded. */
describe('mapBounded', () => {
  it('keeps the items\' order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 25 }, (_, i) => i);
    const out = await mapBounded(items, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, (n * 7) % 5));
      running--;
      return n * 2;
    }, 4);
    expect(out).toEqual(items.map((n) => n * 2));
    expect(peak).toBe(4);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(mapBounded([0, 1, 2, 3, 4, 5], async (n) => {
      started.push(n);
      if (n === 1) throw new Error('boom');
      await new Promise((r) => setTimeout(r, 5));
      return n;
    }, 2)).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
    expect(await mapBounded([], async () => 1)).toEqual([]);
    await expect(mapBounded([1], async () => 1, 0)).rejects.toThrow(RangeError);
  });
});
