import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { parseNominationForm } from '../../domain/form/parse';
import type { Member } from '../../domain/membership/member';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { TIERS, type Tier } from '../../domain/tier';
import type { UseCaseContext as StepDeps } from '../../app/ports';
import { writeMemberEvents } from '../../app/members/write-events';
import { AuditLog } from '../../functions/shared/audit';
import { createLogger } from '../../functions/shared/logger';
import { personIdOf } from '../../functions/shared/person-id';
import { repositories, type Nomination, type Repositories } from '../../functions/shared/repository';
import { poolTable, type Emulators } from './emulators';
import { validForm } from './forms';

/**
 * A fresh pool table with seats for every tier, and the step dependencies admitOne runs
 * with — one world per scenario, so concurrent admissions of one scenario meet only each
 * other. The invariant checked is T-CAP's bookkeeping: per tier, the seat items held are
 * exactly the members whose state holds a seat of that tier, one seat each.
 */

const KEY = 'test-person-id-key-0123456789';
let worlds = 0;

export interface World {
  repos: Repositories;
  deps: StepDeps;
  /** The personId of person `i` (a valid ID number → HMAC, as intake computes it). */
  person(i: number): string;
  /** Stores person `i`'s accepted nomination `N{i}` in `roundId` (any tier: admitOne takes the tier from the list). */
  nominate(roundId: string, i: number): Promise<void>;
  /** Makes person `i` a sitting member of `tier` (admitted 2025, holding a seat). */
  seat(i: number, tier: Tier): Promise<void>;
}

/** `seats`: seat items per tier (default the caps; fewer keeps a many-world property test fast). */
export async function newWorld(emu: Emulators, opts: { seats?: number } = {}): Promise<World> {
  const table = `pool-${++worlds}`;
  await emu.dynamo.send(new CreateTableCommand(poolTable(table)));
  // dynalite turns a table ACTIVE on a timer, even with createTableMs 0.
  for (let i = 0; i < 100; i++) {
    if ((await emu.dynamo.send(new DescribeTableCommand({ TableName: table }))).Table?.TableStatus === 'ACTIVE') break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const repos = repositories(emu.doc, table);
  for (const t of TIERS) await repos.seats.ensureSeats(t, opts.seats ?? PLAN_2020.tiers[t].cap);
  const deps: StepDeps = {
    repos,
    audit: new AuditLog(emu.doc, emu.tables.audit),
    policy: PLAN_2020,
    now: () => new Date('2026-06-10T02:30:00Z'),
    logger: createLogger('admission-seats-test'),
    personIdOf: (idNumber) => personIdOf(idNumber, KEY),
    settings: { reviewWindowDays: 30 },
  };
  const form = (i: number) => {
    const parsed = parseNominationForm(validForm({ name: `候选人${i}`, seq: String(100 + 2 * i) }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.value;
  };
  const person = (i: number) => personIdOf(form(i).candidate.idNumber, KEY);
  return {
    repos, deps, person,
    async nominate(roundId, i) {
      const f = { ...form(i), roundId };
      const n: Nomination = {
        nominationId: `N${String(i).padStart(3, '0')}`, roundId, unitCode: 'JT-XYXX', status: 'accepted',
        source: { bucket: 'uploads', key: `rounds/${roundId}/units/JT-XYXX/${i}.json`, versionId: 'null' },
        receivedAt: '2026-03-01T08:00:00.000Z', personId: person(i), tier: 3, candidateName: f.candidate.name, form: f,
      };
      await repos.nominations.putIfAbsent(n);
    },
    async seat(i, tier) {
      const personId = person(i);
      const w = await writeMemberEvents({ members: repos.members, policy: PLAN_2020, now: () => new Date('2025-09-01T00:00:00Z') }, personId, [{
        type: 'admitted', on: '2025-09-01', personId, tier, unit: 'JT-OTHER', cohortId: '2025-R1', termStart: '2025-09-01',
        source: 'selection', policyRef: 'jintan-2020@1', roundId: '2025-R1',
      }], { applied: (m) => m !== undefined });
      if (!w.ok) throw new Error(JSON.stringify(w.problems));
      await repos.seats.claimSeat(tier, personId);
    },
  };
}

export interface TierBooks {
  tier: Tier;
  seatsHeld: number;
  members: number;
  /** Seat holders whose state holds no seat of this tier. */
  seatWithoutMember: string[];
  /** Members holding a seat of this tier by their state, with no seat item. */
  memberWithoutSeat: string[];
  /** People holding more than one seat of this tier. */
  doubleSeats: string[];
}

/** Reads back seats and member states of `people`, tier by tier. */
export async function books(repos: Repositories, people: readonly string[]): Promise<TierBooks[]> {
  const states = new Map<string, Member | undefined>();
  for (const p of people) states.set(p, (await repos.members.get<Member>(p))?.state);
  const out: TierBooks[] = [];
  for (const tier of TIERS) {
    const holders = (await repos.seats.list(tier)).flatMap((s) => (s.holder ? [s.holder] : []));
    const members = people.filter((p) => {
      const m = states.get(p);
      return m !== undefined && m.holdsSeat && m.tier === tier;
    });
    out.push({
      tier,
      seatsHeld: holders.length,
      members: members.length,
      seatWithoutMember: holders.filter((h) => !members.includes(h)),
      memberWithoutSeat: members.filter((m) => !holders.includes(m)),
      doubleSeats: [...new Set(holders.filter((h, i) => holders.indexOf(h) !== i))],
    });
  }
  return out;
}

/** The invariant as one comparable value: per tier, [seats held, members holding a seat]. */
export function heldVsMembers(b: readonly TierBooks[]): Array<[Tier, number, number]> {
  return b.map((t) => [t.tier, t.seatsHeld, t.members]);
}
