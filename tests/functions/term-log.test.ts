/**
 * The term's events kept in each member's snapshot (app/members/term-log.ts, issue #10), over
 * the real adapters (dynalite): the projection is exactly the log from the latest admission
 * (by seq); a snapshot written without it is read from the log and filled at its next write;
 * a term too large for it keeps none; and GET /talks/due's answer is the same with the
 * projection as from the logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTalksDue } from '../../app/talks/due';
import { termEvents, termLogAfter, TERM_LOG_MAX_BYTES } from '../../app/members/term-log';
import { writeMemberEvents } from '../../app/members/write-events';
import type { MemberEvent as StoredEvent, MemberSnapshot } from '../../app/ports';
import type { Member, MemberEventInput } from '../../domain/membership';
import { startEmulators, type Emulators } from '../support/emulators';
import { newWorld, type World } from '../support/admissions';

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(async () => {
  await emu.stop();
});

const admitted = (personId: string, on: string, cohortId: string, tier: 1 | 2 | 3 = 3): MemberEventInput => ({
  type: 'admitted', on, personId, tier, unit: 'JT-XYXX', cohortId, termStart: on, source: 'selection', policyRef: 'jintan-2020@1', roundId: cohortId,
});
const talk = (on: string, kind: 'regular' | 'organisational' = 'regular'): MemberEventInput => ({ type: 'talked', on, record: { by: '教育工委', kind } });

async function write(w: World, personId: string, events: MemberEventInput[], at = '2026-06-10T02:30:00Z'): Promise<void> {
  const r = await writeMemberEvents({ members: w.repos.members, policy: w.deps.policy, now: () => new Date(at) }, personId, events, { applied: () => false, name: personId });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
}
const snapshot = async (w: World, personId: string) => (await w.repos.members.get<Member>(personId)) as MemberSnapshot<Member>;
const fromSeq = (log: StoredEvent[], seq: number) => log.filter((e) => e.seq >= seq).sort((a, b) => a.seq - b.seq);

describe('the term log in the snapshot', () => {
  it('is the log from the latest admission on, across a term that ended and a new one', async () => {
    const w = await newWorld(emu);
    const p = w.person(1);
    await write(w, p, [admitted(p, '2020-09-01', '2020-R1')]);
    await write(w, p, [talk('2021-03-01')]);
    expect((await snapshot(w, p)).termLog?.map((e) => [e.seq, e.type])).toEqual([[1, 'admitted'], [2, 'talked']]);
    await write(w, p, [{ type: 'term-ended', on: '2023-09-01', adjustment: 'may-be-renominated' }]);
    await write(w, p, [admitted(p, '2024-01-10', '2024-R1')]);
    await write(w, p, [talk('2024-05-01'), talk('2024-06-01')]);
    const s = await snapshot(w, p);
    const log = await w.repos.members.events(p);
    expect(s.termLog?.map((e) => [e.seq, e.type])).toEqual([[4, 'admitted'], [5, 'talked'], [6, 'talked']]);
    expect(s.termLog).toEqual(fromSeq(log, 4));
    expect(await termEvents(w.repos.members, s)).toEqual(fromSeq(log, 4));
  });

  it('a snapshot without one (written before it) is read from its log, and filled at its next write', async () => {
    const w = await newWorld(emu);
    const p = w.person(2);
    await write(w, p, [admitted(p, '2025-09-01', '2025-R1')]);
    await write(w, p, [talk('2025-10-01')]);
    const { termLog: _dropped, ...legacy } = await snapshot(w, p);
    await w.repos.members.put(legacy, legacy.version);
    const bare = await snapshot(w, p);
    expect(bare.termLog).toBeUndefined();
    expect((await termEvents(w.repos.members, bare)).map((e) => e.type)).toEqual(['admitted', 'talked']);
    await write(w, p, [talk('2025-11-01')]);
    expect((await snapshot(w, p)).termLog?.map((e) => [e.seq, e.type])).toEqual([[1, 'admitted'], [2, 'talked'], [3, 'talked']]);
  });

  it('a lean pool listing carries the states without the term log, outbox or write keys; the log is then read', async () => {
    const w = await newWorld(emu);
    const p = w.person(7);
    await write(w, p, [admitted(p, '2025-09-01', '2025-R1')]);
    await write(w, p, [talk('2025-10-01')]);
    const [full] = (await w.repos.members.listPool<Member>({ tier: 3 })).items;
    const [lean] = (await w.repos.members.listPool<Member>({ tier: 3, lean: true })).items;
    expect(full?.termLog).toHaveLength(2);
    expect(full?.outbox).toHaveLength(1);
    expect(lean).toEqual({ personId: p, version: 2, tier: 3, unitCode: 'JT-XYXX', name: p, state: full?.state, updatedAt: full?.updatedAt });
    expect(await termEvents(w.repos.members, lean as MemberSnapshot<Member>)).toEqual(full?.termLog);
  });

  it('keeps none for a term past its size bound (read from the log instead)', async () => {
    const w = await newWorld(emu);
    const big = (seq: number): StoredEvent => ({ personId: 'P', at: '2026-01-01', seq, type: seq === 1 ? 'admitted' : 'talked', payload: { notes: 'x'.repeat(4096) } });
    const base: MemberSnapshot = { personId: 'P', version: 1, tier: 3, unitCode: 'JT-A', state: {}, updatedAt: '', termLog: [big(1)] };
    expect(await termLogAfter(w.repos.members, base, [big(2)])).toHaveLength(2);
    const many = Array.from({ length: Math.ceil(TERM_LOG_MAX_BYTES / 4096) }, (_, i) => big(i + 2));
    expect(await termLogAfter(w.repos.members, base, many)).toBeUndefined();
  });

  it('GET /talks/due answers the same from the projection as from every member\'s log', async () => {
    const w = await newWorld(emu);
    const people = [3, 4, 5, 6].map((i) => w.person(i));
    const [a, b, c, d] = people as [string, string, string, string];
    await write(w, a, [admitted(a, '2024-09-01', '2024-R1')]);
    await write(w, b, [admitted(b, '2024-09-01', '2024-R1', 2)]);
    await write(w, b, [talk('2025-01-10')], '2025-01-10T02:00:00Z');
    await write(w, c, [admitted(c, '2023-09-01', '2023-R1')]);
    await write(w, c, [{ type: 'assessed', on: '2024-12-01', year: 2024, review: 'annual', grade: '基本合格' }], '2024-12-20T02:00:00Z');
    await write(w, d, [admitted(d, '2024-03-01', '2024-R0', 1)]);
    await write(w, d, [{ type: 'vetoed', on: '2025-02-01', reason: '师德' }, { type: 'removed', on: '2025-02-01', clause: 'M-VETO', reason: '师德' }], '2025-02-03T02:00:00Z');
    const projected = await listTalksDue(w.deps, '2026-06-10');
    expect(projected.talks.length).toBeGreaterThan(3);
    expect(new Set(projected.talks.map((t) => t.member.personId))).toEqual(new Set(people));
    for (const p of people) {
      const { termLog: _dropped, ...legacy } = await snapshot(w, p);
      await w.repos.members.put(legacy, legacy.version);
    }
    expect((await snapshot(w, a)).termLog).toBeUndefined();
    expect(await listTalksDue(w.deps, '2026-06-10')).toEqual(projected);
  });
});
