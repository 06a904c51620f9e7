import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiled, type ImportCommand } from '../../app/members/import-filed';
import { isAppError } from '../../app/errors';
import { recordVeto } from '../../app/members/veto';
import type { Seat, SeatStore } from '../../app/ports';
import type { Member } from '../../domain/membership/member';
import { fixture, idFor } from '../fixtures/forms/builders';
import { startEmulators, type Emulators } from '../support/emulators';
import { books, heldVsMembers, newWorld, type World } from '../support/admissions';

/**
 * POST /pool/imports' use case over the real adapters (dynalite): caps hold under races —
 * a claim lost midway gives back every seat the import claimed, nothing half-imported.
 */

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu.stop();
});

type Form = Record<string, unknown> & { candidate: Record<string, unknown> };
const legacyPerson = (k: number): Form => {
  const f = fixture('tier2-legacy-young-cadre.json') as Form;
  f.candidate = { ...f.candidate, name: `候选${k}`, idNumber: idFor('1987-07-07', 'M', '320413', 101 + 2 * k) };
  return f;
};
const cmd = (documentNo: string, entries: unknown[]): ImportCommand => ({
  body: { source: 'legacy-young-cadre', on: '2026-06-01', documentNo, entries },
  by: { username: 'bureau-1', actor: 'user:bureau-1' },
  now: new Date('2026-06-10T02:30:00Z'),
});

async function registered(emu: Emulators): Promise<World> {
  const w = await newWorld(emu);
  await w.repos.units.put({ code: 'JT-XXZX', name: '金坛区西城实验学校', type: 'middle', orgDeptManaged: false, contacts: [], registeredAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'bureau-1' });
  return w;
}

async function refusalOf(p: Promise<unknown>): Promise<{ code: string; problems?: Array<{ code: string; en: string }> }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

async function consistent(w: World, people: string[]) {
  const b = await books(w.repos, people);
  for (const t of b) {
    expect(t.seatWithoutMember, `tier ${t.tier}: seats without a member`).toEqual([]);
    expect(t.memberWithoutSeat, `tier ${t.tier}: members without a seat`).toEqual([]);
  }
  return heldVsMembers(b);
}

describe('importing former young cadres within the caps', () => {
  it('a claim lost midway (others took the last seats) gives back all the import claimed: refused whole, nobody filed', async () => {
    const w = await registered(emu);
    const entries = Array.from({ length: 5 }, (_, k) => legacyPerson(k));
    const people = entries.map((e) => w.deps.personIdOf(e.candidate.idNumber as string));
    const real = w.repos.seats;
    let calls = 0;
    // After the import's second claim, a concurrent admission takes every seat left of tier 2.
    const racing: SeatStore = {
      ensureSeats: (t, c) => real.ensureSeats(t, c),
      list: (t) => real.list(t),
      occupancy: (t) => real.occupancy(t),
      releaseSeat: (t, p) => real.releaseSeat(t, p),
      claimSeat: async (t, p): Promise<Seat> => {
        if (++calls === 3) {
          const free = (await real.list(2)).filter((s) => !s.holder).length;
          for (let i = 0; i < free; i++) await real.claimSeat(2, `POUTSIDER${i}`);
        }
        return real.claimSeat(t, p);
      },
    };
    const deps = { ...w.deps, repos: { ...w.repos, seats: racing } };
    const r = await refusalOf(importFiled(deps, cmd('坛教干〔2026〕8号', entries)));
    expect(r.code).toBe('IMPORT_OVER_CAP');
    expect(r.problems?.[0]?.en).toMatch(/tier 2 has 2 free seats and the import has 5 entries/);
    for (const p of people) {
      expect(await w.repos.members.get<Member>(p)).toBeUndefined();
      expect((await real.list(2)).some((s) => s.holder === p)).toBe(false);
    }
    // The outsiders' 33 seats; the two the import had claimed are free again (what the refusal counts).
    expect((await real.occupancy(2)).held).toBe(33);
  });

  it('two imports racing for the same seats: each is filed whole or refused whole; seats held = members', async () => {
    const w = await registered(emu);
    const a = Array.from({ length: 20 }, (_, k) => legacyPerson(k));
    const b = Array.from({ length: 20 }, (_, k) => legacyPerson(100 + k));
    const outcomes = await Promise.all([
      importFiled(w.deps, cmd('坛教干〔2026〕8号', a)).then(() => 'filed', (e: unknown) => (isAppError(e) ? e.code : String(e))),
      importFiled(w.deps, cmd('坛教干〔2026〕9号', b)).then(() => 'filed', (e: unknown) => (isAppError(e) ? e.code : String(e))),
    ]);
    for (const o of outcomes) expect(['filed', 'IMPORT_OVER_CAP']).toContain(o);
    expect(outcomes.filter((o) => o === 'filed').length).toBeLessThanOrEqual(1);
    const people = [...a, ...b].map((e) => w.deps.personIdOf(e.candidate.idNumber as string));
    const [, t2] = await consistent(w, people);
    expect(t2).toEqual([2, 20 * outcomes.filter((o) => o === 'filed').length, 20 * outcomes.filter((o) => o === 'filed').length]);
  }, 60_000);

  it('an ineligible entry is still filed, with its verdict; a removed person cannot be filed again', async () => {
    const w = await registered(emu);
    const young = legacyPerson(7);
    young.candidate = { ...young.candidate, posts: [] };
    const res = await importFiled(w.deps, cmd('坛教干〔2026〕8号', [young]));
    expect(res.entries).toEqual([expect.objectContaining({ status: 'filed', tier: 2, verdict: expect.objectContaining({ eligible: false }) })]);
    expect(res.counts.ineligible).toBe(1);
    const personId = res.entries[0]?.personId as string;
    await recordVeto(w.deps, { personId, veto: { on: '2026-06-05', matter: '师德', reportedBy: '区纪委' }, by: { username: 'bureau-1', actor: 'user:bureau-1' }, now: new Date('2026-06-10T02:30:00Z') });
    const again = await refusalOf(importFiled(w.deps, cmd('坛教干〔2026〕10号', [young])));
    expect([again.code, again.problems?.map((p) => p.code)]).toEqual(['IMPORT_REFUSED', ['MEMBER_REMOVED']]);
  });
});
