import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../domain/membership/member';
import type { Tier } from '../../domain/tier';
import { poolConsistency } from '../../functions/api/consistency';
import { admitOne, type AdmissionStatus } from '../../app/round/admit-one';
import type { UseCaseContext as StepDeps } from '../../app/ports';
import { TransientError } from '../../app/errors';
import { startEmulators, type Emulators } from '../support/emulators';
import { books, newWorld, type World } from '../support/admissions';

/**
 * T-CAP's bookkeeping under any interleaving (issue #9): overlapping people admitted by up to
 * three rounds into different (or the same) tiers, some already sitting members, some
 * attempts crashing after their seat claim or after their member write and retried as Step
 * Functions would. fast-check's scheduler decides the order in which every repository call
 * of every admission proceeds. Once all settle: per tier, seats held = members holding a
 * seat, one seat each; sitting members keep their seat; a newcomer is a member of one tier.
 */

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu.stop();
});

const tier = fc.constantFrom<Tier>(1, 2, 3);
type Crash = 'none' | 'after-claim' | 'after-member-write';
interface Admission { person: number; round: number; tier: Tier; crash: Crash }

// Few people, several rounds each: most runs have someone admitted by two rounds at once.
const scenario = fc.record({
  seeded: fc.array(fc.option(tier, { nil: undefined, freq: 3 }), { minLength: 1, maxLength: 3 }),
  admissions: fc.array(fc.record({
    person: fc.nat(2), round: fc.nat(2), tier,
    crash: fc.constantFrom<Crash>('none', 'none', 'none', 'after-claim', 'after-member-write'),
  }), { minLength: 2, maxLength: 8 }),
});

/** Every method call waits for the scheduler; `crash` fails one call of `method` once, after it took effect. */
function gated<T extends object>(target: T, s: fc.Scheduler, label: string, crash?: { method: string; done: boolean }): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const v: unknown = Reflect.get(t, prop, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        await s.schedule(Promise.resolve(), `${label}.${String(prop)}`);
        const out: unknown = await (v as (...a: unknown[]) => Promise<unknown>).apply(t, args);
        if (crash && !crash.done && crash.method === prop) {
          crash.done = true;
          throw new TransientError(undefined, '模拟中断', `simulated crash after ${label}.${String(prop)}`);
        }
        return out;
      };
    },
  });
}

async function run(w: World, s: fc.Scheduler, a: Admission, n: number): Promise<AdmissionStatus> {
  const crash = a.crash === 'none' ? undefined : { method: a.crash === 'after-claim' ? 'claimSeat' : 'put', done: false };
  const deps: StepDeps = {
    ...w.deps,
    repos: {
      ...w.repos,
      nominations: gated(w.repos.nominations, s, `#${n}.nominations`),
      members: gated(w.repos.members, s, `#${n}.members`, crash?.method === 'put' ? crash : undefined),
      seats: gated(w.repos.seats, s, `#${n}.seats`, crash?.method === 'claimSeat' ? crash : undefined),
    },
  };
  const roundId = `2026-R${a.round}`;
  // Step Functions' Retry on TransientError (a crash, or a member changed too often at once).
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await admitOne(deps, { roundId, on: '2026-06-10', at: '2026-06-09T18:30:00Z', by: 'approver-1' }, { id: `N${String(a.person).padStart(3, '0')}`, tier: a.tier });
    } catch (e) {
      if (!(e instanceof TransientError)) throw e;
    }
  }
  throw new Error(`admission #${n} gave no outcome in 4 attempts`);
}

describe('seats held = members holding a seat, per tier, under any interleaving of admissions (property)', () => {
  it('overlapping people, rounds and tiers; crashes and retries', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, fc.scheduler(), async ({ seeded, admissions: raw }, s) => {
        // Eight seats a tier: room for four people, each for a moment holding two while claims settle.
        const w = await newWorld(emu, { seats: 8 });
        const people = seeded.map((_, i) => w.person(i));
        for (const [i, t] of seeded.entries()) if (t !== undefined) await w.seat(i, t);
        // One nomination per person per round (a round lists a person once).
        const admissions: Admission[] = [];
        for (const a of raw.map((x) => ({ ...x, person: x.person % seeded.length }))) {
          if (admissions.some((b) => b.round === a.round && b.person === a.person)) continue;
          admissions.push(a);
          await w.nominate(`2026-R${a.round}`, a.person);
        }

        const outcomes = await s.waitFor(Promise.all(admissions.map((a, n) => run(w, s, a, n))));

        const b = await books(w.repos, people);
        for (const t of b) {
          expect(t.seatWithoutMember, `tier ${t.tier}: seats without a member`).toEqual([]);
          expect(t.memberWithoutSeat, `tier ${t.tier}: members without a seat`).toEqual([]);
          expect(t.doubleSeats, `tier ${t.tier}: two seats for one person`).toEqual([]);
          expect(t.seatsHeld).toBe(t.members);
        }
        expect((await poolConsistency(w.deps, new Date())).ok).toBe(true);
        for (const [i, sat] of seeded.entries()) {
          const m = (await w.repos.members.get<Member>(people[i] as string))?.state;
          const mine = admissions.filter((a) => a.person === i);
          if (sat !== undefined) {
            // A sitting member keeps their tier and their seat; every admission of theirs is refused.
            expect(m).toMatchObject({ tier: sat, holdsSeat: true, cohortId: '2025-R1' });
            for (const [n, a] of admissions.entries()) if (a.person === i) expect(outcomes[n]).toBe('refused');
          } else if (mine.length > 0) {
            // A newcomer ends in exactly one of the tiers they were admitted to, admitted once.
            expect(m?.holdsSeat).toBe(true);
            expect(mine.map((a) => a.tier)).toContain(m?.tier);
            expect(mine.filter((a) => outcomes[admissions.indexOf(a)] === 'admitted')).toHaveLength(1);
          }
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
