/**
 * Reads fanned out over many items (a member's log each, a nomination each) run at most
 * READ_CONCURRENCY at a time: set-based reads where DynamoDB has no set operation for them
 * (a Query per partition), without a burst of hundreds of requests from one Lambda (the
 * SDK's socket pool is 50) or from one request on the local emulator, which every engineer
 * and test shares.
 */
export const READ_CONCURRENCY = 8;

/** `fn` over every item, at most `limit` at once; the results in the items' order. The first failure rejects. */
export async function mapBounded<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>, limit = READ_CONCURRENCY): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  async function worker(): Promise<void> {
    // Each worker takes the next index until none is left (or one has failed): bounded by items.length.
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T, i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
