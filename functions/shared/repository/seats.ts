import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Tier } from '../../../domain/tier';
import { wallClock } from '../clock';
import { CapReached } from '../../../app/errors';
import { classifyAwsError, isConditionalCheckFailed } from '../aws-errors';
import type { Seat, SeatStore } from '../../../app/ports/members';
import { queryAll, type TableRef } from './table';

export type { Seat };

const pk = (tier: Tier) => `SEAT#T${tier}`;
const seatNo = (n: number, cap: number) => String(n).padStart(Math.max(2, String(cap).length), '0');

/**
 * Caps (三(一), T-CAP) as one item per place in a tier: `SEAT#T{tier}` / `01`…`{cap}`, claimed
 * with a single-item conditional write (see Seat in app/ports/members.ts).
 */
export class SeatRepository implements SeatStore {
  constructor(private readonly ref: TableRef, private readonly now: () => Date = wallClock) {}

  /** Creates the tier's seat items 1…cap; existing seats (held or not) are left alone. */
  async ensureSeats(tier: Tier, cap: number): Promise<number> {
    let created = 0;
    for (let n = 1; n <= cap; n++) {
      try {
        await this.ref.doc.send(new PutCommand({
          TableName: this.ref.table,
          Item: { pk: pk(tier), sk: seatNo(n, cap), tier, seat: seatNo(n, cap) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        created++;
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw classifyAwsError(e);
      }
    }
    return created;
  }

  /** Every seat of a tier, in seat order (at most the cap's few dozen items). */
  async list(tier: Tier): Promise<Seat[]> {
    const items = await queryAll<Record<string, unknown>>(this.ref, { partition: pk(tier), consistent: true });
    return items.map((i) => ({ tier, seat: String(i.seat), ...(i.holder ? { holder: String(i.holder), claimedAt: String(i.claimedAt) } : {}) }));
  }

  async occupancy(tier: Tier): Promise<{ held: number; total: number }> {
    const seats = await this.list(tier);
    return { held: seats.filter((s) => s.holder).length, total: seats.length };
  }

  /**
   * Claims a seat of `tier` for `personId` and returns it; throws CapReached (T-CAP) when
   * every seat is held. Harmless to retry: a person who already holds a seat gets it back.
   */
  async claimSeat(tier: Tier, personId: string): Promise<Seat> {
    // Two passes: a seat released while we were trying the others is worth a second look.
    for (let pass = 0; pass < 2; pass++) {
      const seats = await this.list(tier);
      const mine = seats.find((s) => s.holder === personId);
      if (mine) return mine;
      const free = seats.filter((s) => !s.holder);
      if (free.length === 0) throw new CapReached(tier, seats.length);
      // Start at a person-specific seat so concurrent claimants spread out instead of all
      // racing for seat 01.
      const start = spread(personId, free.length);
      for (let i = 0; i < free.length; i++) {
        const seat = free[(start + i) % free.length];
        if (!seat) continue;
        if (await this.tryClaim(tier, seat.seat, personId)) return this.settle(tier, personId, seat.seat);
      }
    }
    const seats = await this.list(tier);
    throw new CapReached(tier, seats.length);
  }

  /** Frees the seat(s) `personId` holds in `tier`; returns how many (0 if none: harmless to retry). */
  async releaseSeat(tier: Tier, personId: string): Promise<number> {
    const held = (await this.list(tier)).filter((s) => s.holder === personId);
    let released = 0;
    for (const s of held) if (await this.release(tier, s.seat, personId)) released++;
    return released;
  }

  private async tryClaim(tier: Tier, seat: string, personId: string): Promise<boolean> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: { pk: pk(tier), sk: seat },
        UpdateExpression: 'SET holder = :me, claimedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(holder) OR holder = :me)',
        ExpressionAttributeValues: { ':me': personId, ':at': this.now().toISOString() },
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  private async release(tier: Tier, seat: string, personId: string): Promise<boolean> {
    try {
      await this.ref.doc.send(new UpdateCommand({
        TableName: this.ref.table,
        Key: { pk: pk(tier), sk: seat },
        UpdateExpression: 'REMOVE holder, claimedAt',
        ConditionExpression: 'holder = :me',
        ExpressionAttributeValues: { ':me': personId },
      }));
      return true;
    } catch (e) {
      if (isConditionalCheckFailed(e)) return false;
      throw classifyAwsError(e);
    }
  }

  /**
   * Two concurrent retries for the same person can each win a different seat. After a win,
   * keep the lowest-numbered seat the person holds and give back the others, so both
   * retries converge on one seat.
   */
  private async settle(tier: Tier, personId: string, won: string): Promise<Seat> {
    const mine = (await this.list(tier)).filter((s) => s.holder === personId);
    const keep = mine[0];
    if (!keep) return { tier, seat: won, holder: personId };
    for (const extra of mine.slice(1)) await this.release(tier, extra.seat, personId);
    return keep;
  }
}

function spread(personId: string, n: number): number {
  let h = 0;
  for (let i = 0; i < personId.length; i++) h = (h * 31 + personId.charCodeAt(i)) >>> 0;
  return h % n;
}
