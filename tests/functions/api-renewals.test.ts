/**
 * POST /pool/members/{personId}/renewals within the cap (M-TERM, T-CAP), on the real emulators.
 * A renewal takes no new seat: the member goes on in the one they hold. The one way it could
 * exceed the cap is a member whose seat item went missing while the tier filled — a fault
 * HTTP alone cannot cause (every write keeps seats and members together), so this test makes
 * it on the table itself: the renewal is then RENEWAL_OVER_CAP and writes nothing; with a
 * seat free again the renewal claims it back and goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDeps } from '../../functions/api/deps';
import { appendMemberEvent } from '../../app/members/append-event';
import { SeatRepository } from '../../functions/shared/repository/seats';
import { addDays, addYears, beijingDate } from '../../domain/dates';
import { BUREAU, invoke, startHarness, type ErrorAnswer, type Harness } from './api-harness';

let h: Harness;
let seats: SeatRepository;
const X = 'P0123456789abcdef0123';
const filler = (i: number) => `Pf${String(i).padStart(19, '0')}`;
const today = beijingDate(new Date());
// A term that has a few days left, its summative review just held.
const start = addDays(addYears(today, -3), 10);

beforeAll(async () => {
  h = await startHarness();
  seats = new SeatRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
  await seats.ensureSeats(1, 20);
  const deps = apiDeps();
  await appendMemberEvent(deps, X, {
    type: 'admitted', on: start, personId: X, tier: 1, unit: 'JT-JTZX', cohortId: 'C1', termStart: start, source: 'selection', policyRef: 'jintan-2020@1',
  }, { now: new Date(`${start}T02:00:00Z`), name: '陈建国' });
  await appendMemberEvent(deps, X, { type: 'assessed', on: addDays(today, -5), year: Number(today.slice(0, 4)), review: 'summative', grade: '优秀', score: 95 }, { now: new Date() });
  // The fault: X holds no seat item, and the other 20 are all held.
  for (let i = 0; i < 20; i++) await seats.claimSeat(1, filler(i));
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

describe('a renewal within the cap', () => {
  it('is refused when the tier is full and no seat is the member\'s (RENEWAL_OVER_CAP, 409), nothing written', async () => {
    const res = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/renewals', BUREAU, { path: { personId: X }, body: { on: today, reason: '续任一届' } });
    expect([res.status, res.body.error.code, res.body.error.problems?.map((p) => p.code)]).toEqual([409, 'RENEWAL_OVER_CAP', ['RENEWAL_OVER_CAP']]);
    expect(res.body.error.zh).toMatch(/第1梯队已满员/);
    const m = await invoke<{ member: { termStart: string } }>(h, 'GET /pool/members/{personId}', BUREAU, { path: { personId: X } });
    expect(m.body.member.termStart).toBe(start);
    expect((await seats.occupancy(1)).held).toBe(20);
  });

  it('goes through once a seat is free, the member\'s seat claimed back: 20 held, the cap kept', async () => {
    await seats.releaseSeat(1, filler(0));
    const res = await invoke<{ renewed: boolean; termStart: string; termEnd: string; seat: string }>(h, 'POST /pool/members/{personId}/renewals', BUREAU, { path: { personId: X }, body: { on: today, reason: '续任一届' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ renewed: true, termStart: today, termEnd: addYears(today, 3) });
    expect((await seats.list(1)).find((s) => s.holder === X)?.seat).toBe(res.body.seat);
    expect((await seats.occupancy(1)).held).toBe(20);
  });
});
