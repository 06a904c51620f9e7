import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../domain/membership/member';
import type { Tier } from '../../domain/tier';
import { admitOne, type AdmissionContext } from '../../app/round/admit-one';
import { writeMemberEvents } from '../../app/members/write-events';
import { startEmulators, type Emulators } from '../support/emulators';
import { books, heldVsMembers, newWorld, type World } from '../support/admissions';

/**
 * Issue #9, defect 2: a refused admission gives back the seat it claimed (T-CAP). After every
 * scenario, per tier: seats held = members holding a seat of that tier, one seat each.
 */

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu.stop();
});

const ctx = (roundId: string): AdmissionContext => ({ roundId, on: '2026-06-10', at: '2026-06-09T18:30:00Z', by: 'approver-1' });
const admit = (w: World, roundId: string, i: number, tier: Tier) => admitOne(w.deps, ctx(roundId), { id: `N${String(i).padStart(3, '0')}`, tier });
const TEN = Array.from({ length: 10 }, (_, i) => i);

async function consistent(w: World, people: string[]) {
  const b = await books(w.repos, people);
  for (const t of b) {
    expect(t.seatWithoutMember, `tier ${t.tier}: seats without a member`).toEqual([]);
    expect(t.memberWithoutSeat, `tier ${t.tier}: members without a seat`).toEqual([]);
    expect(t.doubleSeats, `tier ${t.tier}: two seats for one person`).toEqual([]);
  }
  return b;
}

describe('seats of refused admissions (issue #9, defect 2)', () => {
  it('ten people approved into tier 1 and tier 2 at the same moment: each admitted once, every refused admission gives its seat back', async () => {
    const w = await newWorld(emu);
    for (const i of TEN) {
      await w.nominate('2026-T1', i);
      await w.nominate('2026-T2', i);
    }
    // Both rounds' admissions of each person run at once, as two approvals at the same moment do.
    const outcomes = await Promise.all(TEN.map((i) => Promise.all([admit(w, '2026-T1', i, 1), admit(w, '2026-T2', i, 2)])));
    for (const pair of outcomes) expect([...pair].sort()).toEqual(['admitted', 'refused']);
    const people = TEN.map((i) => w.person(i));
    const b = await consistent(w, people);
    // seats held = active members, per tier; ten people, ten seats.
    for (const [, held, members] of heldVsMembers(b)) expect(held).toBe(members);
    expect(b.reduce((n, t) => n + t.seatsHeld, 0)).toBe(10);
    const refused = (await Promise.all(['2026-T1', '2026-T2'].flatMap((r) => TEN.map((i) => w.repos.nominations.get(r, `N${String(i).padStart(3, '0')}`)))))
      .filter((n) => n?.admission && (n.admission as { status: string }).status === 'refused');
    expect(refused).toHaveLength(10);
    for (const n of refused) expect((n?.admission as { problems: { code: string }[] }).problems.map((p) => p.code)).toEqual(['MEMBER_ALREADY_ADMITTED']);
  });

  it('claimed, crashed before writing the member, retried after the person was admitted to another tier: the retry is refused and frees its seat; the other tier keeps its', async () => {
    const w = await newWorld(emu);
    await w.nominate('2026-T2', 0);
    await w.nominate('2026-T1', 0);
    const p = w.person(0);
    await w.repos.seats.claimSeat(2, p); // the first attempt got this far
    expect(await admit(w, '2026-T1', 0, 1)).toBe('admitted');
    expect(await admit(w, '2026-T2', 0, 2)).toBe('refused');
    expect(heldVsMembers(await consistent(w, [p]))).toEqual([[1, 1, 1], [2, 0, 0], [3, 0, 0]]);
  });

  it('a retry of an admission that succeeded keeps its seat, and the nomination names it', async () => {
    const w = await newWorld(emu);
    await w.nominate('2026-T2', 0);
    expect(await admit(w, '2026-T2', 0, 2)).toBe('admitted');
    const seat = (await w.repos.nominations.get('2026-T2', 'N000'))?.admission as { seat: string };
    expect(await admit(w, '2026-T2', 0, 2)).toBe('admitted');
    expect(heldVsMembers(await consistent(w, [w.person(0)]))).toEqual([[1, 0, 0], [2, 1, 1], [3, 0, 0]]);
    expect((await w.repos.seats.list(2)).find((s) => s.holder === w.person(0))?.seat).toBe(seat.seat);
    expect((await w.repos.nominations.get('2026-T2', 'N000'))?.admission).toMatchObject({ status: 'admitted', seat: seat.seat });
  });

  it('a sitting member refused in another tier keeps their seat; so does one nominated again for their own tier', async () => {
    const w = await newWorld(emu);
    await w.seat(0, 1);
    await w.seat(1, 2);
    await w.nominate('2026-T2', 0);
    await w.nominate('2026-T2', 1);
    expect(await admit(w, '2026-T2', 0, 2)).toBe('refused');
    expect(await admit(w, '2026-T2', 1, 2)).toBe('refused');
    expect(heldVsMembers(await consistent(w, [w.person(0), w.person(1)]))).toEqual([[1, 1, 1], [2, 1, 1], [3, 0, 0]]);
  });

  it('two rounds admitting the same people into the same tier at once: one admission each, one seat each', async () => {
    const w = await newWorld(emu);
    const five = TEN.slice(0, 5);
    for (const i of five) {
      await w.nominate('2026-A', i);
      await w.nominate('2026-B', i);
    }
    const outcomes = await Promise.all(five.map((i) => Promise.all([admit(w, '2026-A', i, 3), admit(w, '2026-B', i, 3)])));
    for (const pair of outcomes) expect([...pair].sort()).toEqual(['admitted', 'refused']);
    expect(heldVsMembers(await consistent(w, five.map((i) => w.person(i))))).toEqual([[1, 0, 0], [2, 0, 0], [3, 5, 5]]);
  });

  it('an admission retried after the member has left claims no seat again', async () => {
    const w = await newWorld(emu);
    await w.nominate('2026-T2', 0);
    const p = w.person(0);
    expect(await admit(w, '2026-T2', 0, 2)).toBe('admitted');
    // M-VETO in between: removed, seat freed (as the API does it).
    const removed = await writeMemberEvents({ members: w.repos.members, policy: w.deps.policy, now: w.deps.now }, p, [
      { type: 'vetoed', on: '2026-06-10', clause: 'M-VETO', reason: '师德问题' },
      { type: 'removed', on: '2026-06-10', clause: 'M-VETO', reason: '一票否决' },
    ], { applied: (m: Member | undefined) => m?.status === 'removed' });
    expect(removed.ok).toBe(true);
    await w.repos.seats.releaseSeat(2, p);
    expect(await admit(w, '2026-T2', 0, 2)).toBe('admitted');
    expect(heldVsMembers(await consistent(w, [p]))).toEqual([[1, 0, 0], [2, 0, 0], [3, 0, 0]]);
  });
});
