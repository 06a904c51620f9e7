import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeatRepository } from '../../functions/shared/repository/seats';
import { CapReached } from '../../app/errors';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let seats: SeatRepository;

beforeAll(async () => {
  emu = await startEmulators();
  seats = new SeatRepository({ doc: emu.doc, table: emu.tables.pool });
});
afterAll(async () => emu.stop());

describe('seats (T-CAP without transactions)', () => {
  it('creates seats idempotently', async () => {
    expect(await seats.ensureSeats(1, 20)).toBe(20);
    expect(await seats.ensureSeats(1, 20)).toBe(0);
    expect((await seats.list(1)).map((s) => s.seat)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('21 concurrent claims on tier 1 → exactly 20 succeed', async () => {
    const people = Array.from({ length: 21 }, (_, i) => `P${String(i).padStart(20, '0')}`);
    const results = await Promise.allSettled(people.map((p) => seats.claimSeat(1, p)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(20);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(CapReached);
    expect((lost[0]?.reason as CapReached).clause).toBe('T-CAP');
    expect((lost[0]?.reason as CapReached).code).toBe('CAP_REACHED');
    const held = (await seats.list(1)).map((s) => s.holder);
    expect(new Set(held).size).toBe(20);
    expect(held.every((h) => h !== undefined)).toBe(true);
  });

  it('a retry by the same person is harmless', async () => {
    const first = (await seats.list(1))[4];
    const holder = first?.holder ?? '';
    const again = await seats.claimSeat(1, holder);
    expect(again.seat).toBe(first?.seat);
    expect((await seats.occupancy(1)).held).toBe(20);
  });

  it('release frees the seat for the next claimant', async () => {
    const victim = (await seats.list(1))[7]?.holder ?? '';
    await expect(seats.claimSeat(1, 'Pnewcomer00000000000')).rejects.toBeInstanceOf(CapReached);
    expect(await seats.releaseSeat(1, victim)).toBe(1);
    expect(await seats.releaseSeat(1, victim)).toBe(0);
    const seat = await seats.claimSeat(1, 'Pnewcomer00000000000');
    expect(seat.holder).toBe('Pnewcomer00000000000');
    expect((await seats.occupancy(1)).held).toBe(20);
  });

  it('concurrent retries by one person converge on one seat', async () => {
    await seats.ensureSeats(3, 50);
    const all = await Promise.all(Array.from({ length: 5 }, () => seats.claimSeat(3, 'Pretry000000000000000')));
    const mine = (await seats.list(3)).filter((s) => s.holder === 'Pretry000000000000000');
    expect(mine).toHaveLength(1);
    expect(new Set(all.map((s) => s.seat)).size).toBeGreaterThanOrEqual(1);
    expect(all.some((s) => s.seat === mine[0]?.seat)).toBe(true);
  });
});
