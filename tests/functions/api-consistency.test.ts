import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tier } from '../../domain/tier';
import { apiDeps } from '../../functions/api/deps';
import { appendMemberEvent } from '../../app/members/append-event';
import { BUREAU, APPROVER, invoke, school, startHarness, type ErrorAnswer, type Harness } from './api-harness';

/**
 * GET /pool/consistency (T-CAP, issue #9): seats held against active members, per tier, with
 * whatever disagrees — the check an operator runs on a live system.
 */

let h: Harness;
const XY = 'JT-XYXX';
const A = 'P0000000000000000000a';
const B = 'P0000000000000000000b';
const C = 'P0000000000000000000c';
const LEAK = 'P0000000000000000000d';
const NO_SEAT = 'P0000000000000000000e';

interface TierAnswer {
  tier: number; cap: number; seats: number; seatsHeld: number; activeMembers: number; activeMembersWithSeat: number; ok: boolean; overCap: boolean;
  seatsWithoutMember: Array<{ seat: string; personId: string; member: null | { status: string; tier: number; holdsSeat: boolean } }>;
  membersWithoutSeat: Array<{ personId: string; name?: string; unit: string; status: string }>;
  extraSeats: Array<{ personId: string; seats: string[] }>;
}
interface Answer { ok: boolean; checkedAt: string; tiers: TierAnswer[]; note: { zh: string; en: string } }

async function member(personId: string, tier: Tier, name: string, seat = true) {
  const deps = apiDeps();
  await appendMemberEvent(deps, personId, {
    type: 'admitted', on: '2026-06-10', personId, tier, unit: XY, cohortId: '2026-R1', termStart: '2026-06-10', source: 'selection', policyRef: 'jintan-2020@1', roundId: '2026-R1',
  }, { now: new Date('2026-06-10T02:00:00Z'), name });
  if (seat) await deps.repos.seats.claimSeat(tier, personId);
}

const tierOf = (a: Answer, t: number) => a.tiers.find((x) => x.tier === t) as TierAnswer;

beforeAll(async () => {
  h = await startHarness();
  const deps = apiDeps();
  await deps.repos.seats.ensureSeats(1, 20);
  await deps.repos.seats.ensureSeats(2, 35);
  await member(A, 1, '甲');
  await member(B, 2, '乙');
  await member(C, 2, '丙');
});
afterAll(async () => {
  await h?.stop();
});

describe('GET /pool/consistency', () => {
  it('all in order: per tier the cap, seats held = active members holding a seat, ok', async () => {
    const res = await invoke<Answer>(h, 'GET /pool/consistency', BUREAU);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.tiers.map((t) => [t.tier, t.cap, t.seats, t.seatsHeld, t.activeMembers, t.activeMembersWithSeat, t.ok])).toEqual([
      [1, 20, 20, 1, 1, 1, true], [2, 35, 35, 2, 2, 2, true], [3, 50, 0, 0, 0, 0, true],
    ]);
    expect(tierOf(res.body, 2)).toMatchObject({ seatsWithoutMember: [], membersWithoutSeat: [], extraSeats: [], overCap: false });
    expect(res.body.note.zh).toMatch(/^席位与在库成员/);
    expect(res.body.note.en).toMatch(/T-CAP/);
  });

  it('shows a leaked seat, a member without a seat and a seat of the wrong tier, and says not ok', async () => {
    const deps = apiDeps();
    await deps.repos.seats.claimSeat(2, LEAK); // a seat nobody's member state holds
    await deps.repos.seats.claimSeat(2, A); // a tier-1 member holding a tier-2 seat as well
    await member(NO_SEAT, 1, '戊', false); // a member whose seat was never claimed (or was released under them)
    const res = await invoke<Answer>(h, 'GET /pool/consistency', BUREAU);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const t1 = tierOf(res.body, 1);
    expect(t1).toMatchObject({ ok: false, seatsHeld: 1, activeMembers: 2, activeMembersWithSeat: 1, seatsWithoutMember: [] });
    expect(t1.membersWithoutSeat).toEqual([{ personId: NO_SEAT, name: '戊', unit: XY, status: 'active' }]);
    const t2 = tierOf(res.body, 2);
    expect(t2).toMatchObject({ ok: false, seatsHeld: 4, activeMembers: 2, activeMembersWithSeat: 2, membersWithoutSeat: [] });
    expect(t2.seatsWithoutMember.map((s) => [s.personId, s.member]).sort()).toEqual([
      [A, { status: 'active', tier: 1, holdsSeat: true }],
      [LEAK, null],
    ].sort());
    expect(tierOf(res.body, 3).ok).toBe(true);

    // Put right: the leaked seats go back, the member gets a seat → ok again.
    await deps.repos.seats.releaseSeat(2, LEAK);
    await deps.repos.seats.releaseSeat(2, A);
    await deps.repos.seats.claimSeat(1, NO_SEAT);
    expect((await invoke<Answer>(h, 'GET /pool/consistency', BUREAU)).body.ok).toBe(true);
  });

  it('is the bureau\'s: a school or the approver gets 403', async () => {
    for (const who of [school(XY), APPROVER]) {
      const res = await invoke<ErrorAnswer>(h, 'GET /pool/consistency', who);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });
});
