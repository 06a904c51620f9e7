import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDeps } from '../../functions/api/deps';
import { appendMemberEvent } from '../../app/members/append-event';
import { MEMBER_WRITE_ATTEMPTS, writeMemberEvents } from '../../app/members/write-events';
import { Conflict, TransientError } from '../../app/errors';
import { MemberRepository, type MemberSnapshot } from '../../functions/shared/repository';
import { BUREAU, invoke, invokeConcurrently, startHarness, type ErrorAnswer, type Harness } from './api-harness';

/**
 * Issue #9, defect 3: simultaneous records to one member. The same record id is one event
 * whatever the concurrency (the rest 409 RECORD_EXISTS); different records at once all land,
 * retried inside rather than answered 503.
 */

let h: Harness;
const XY = 'JT-XYXX';
let next = 0;
/** A fresh member per test, so each test reads its own history. */
const freshId = () => `P00000000000000000c${String(++next).padStart(2, '0')}`;

async function admit(personId: string) {
  await appendMemberEvent(apiDeps(), personId, {
    type: 'admitted', on: '2025-05-01', personId, tier: 3, unit: XY, cohortId: '2025-R1', termStart: '2025-05-01', source: 'selection', policyRef: 'jintan-2020@1', roundId: '2025-R1',
  }, { now: new Date('2025-05-01T02:00:00Z'), name: '并发' });
}

type StoredEvent = { at: string; seq: number; type: string; payload: { record?: { id?: string } } };
type MemberAnswer = {
  member: { talks: number; trainings: number; rotations: number; version: number };
  events: StoredEvent[];
  talks: Array<{ id: string; eventSeq: number }>;
  training: Array<{ id: string; eventSeq: number }>;
  rotations: Array<{ id: string; eventSeq: number }>;
};

async function history(personId: string): Promise<MemberAnswer> {
  const res = await invoke<MemberAnswer>(h, 'GET /pool/members/{personId}', BUREAU, { path: { personId } });
  expect(res.status).toBe(200);
  return res.body;
}

/** Each record item points at the one event that carries it, and each seq is one event. */
function expectConsistent(m: MemberAnswer) {
  const seqs = m.events.map((e) => e.seq).sort((a, b) => a - b);
  expect(seqs).toEqual(Array.from({ length: m.member.version }, (_, i) => i + 1));
  for (const r of [...m.talks, ...m.training, ...m.rotations]) {
    const carrying = m.events.filter((e) => e.payload.record?.id === r.id);
    expect(carrying.map((e) => e.seq)).toEqual([r.eventSeq]);
  }
}

const ROUTES = {
  talk: { route: 'POST /pool/members/{personId}/talks', type: 'talked', list: 'talks', count: 'talks' },
  training: { route: 'POST /pool/members/{personId}/training', type: 'trained', list: 'training', count: 'trainings' },
  rotation: { route: 'POST /pool/members/{personId}/rotations', type: 'rotated', list: 'rotations', count: 'rotations' },
} as const;

const talkBody = (i: number, id?: string) => ({ ...(id ? { id } : {}), on: `2025-06-0${1 + (i % 4)}`, by: `教育工委 ${i}`, triggers: ['assessment' as const] });
const trainingBody = (i: number, id?: string) => ({ ...(id ? { id } : {}), kind: 'course', title: `课程 ${i}`, provider: '区教师发展中心', hours: 8, from: `2025-07-0${1 + (i % 4)}`, to: '2025-07-20' });
const rotationBody = (i: number, id?: string) => ({ ...(id ? { id } : {}), kind: 'shadowing', hostUnit: { name: `学校 ${i}` }, postArea: 'moral-education', from: `2025-08-0${1 + (i % 4)}`, to: null });
const BODIES = { talk: talkBody, training: trainingBody, rotation: rotationBody } as const;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('concurrent records to one member (issue #9, defect 3)', () => {
  for (const kind of ['talk', 'training', 'rotation'] as const) {
    it(`eight simultaneous identical ${kind} posts with one record id: one 201, seven 409 RECORD_EXISTS, one event`, async () => {
      const personId = freshId();
      await admit(personId);
      const r = ROUTES[kind];
      const body = BODIES[kind](0, `${kind.toUpperCase()}-DUP-1`);
      const answers = await invokeConcurrently<ErrorAnswer>(h, Array.from({ length: 8 }, () => ({ routeKey: r.route, who: BUREAU, call: { path: { personId }, body } })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('RECORD_EXISTS');

      const m = await history(personId);
      expect(m.events.filter((e) => e.type === r.type)).toHaveLength(1);
      expect(m[r.list]).toHaveLength(1);
      expect(m.member[r.count]).toBe(1);
      expectConsistent(m);
    });
  }

  it('eight simultaneous different talks to one member all land: 201 each, eight talked events, the snapshot counts eight', async () => {
    const personId = freshId();
    await admit(personId);
    // Two talks on each of four days: writers racing on one day share an event key's date.
    const answers = await invokeConcurrently(h, Array.from({ length: 8 }, (_, i) => ({
      routeKey: ROUTES.talk.route, who: BUREAU, call: { path: { personId }, body: talkBody(i, `TALK-MANY-${i}`) },
    })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));

    const m = await history(personId);
    expect(m.events.filter((e) => e.type === 'talked')).toHaveLength(8);
    expect(m.events).toHaveLength(9);
    expect(m.member.talks).toBe(8);
    expect(m.member.version).toBe(9);
    expect(m.talks.map((t) => t.id).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `TALK-MANY-${i}`).sort());
    expectConsistent(m);
  });

  it('simultaneous talks, training and rotations to one member (ids given or not) all land', async () => {
    const personId = freshId();
    await admit(personId);
    const calls = (['talk', 'training', 'rotation'] as const).flatMap((kind) => Array.from({ length: 3 }, (_, i) => ({
      routeKey: ROUTES[kind].route, who: BUREAU, call: { path: { personId }, body: BODIES[kind](i, i === 0 ? undefined : `${kind}-MIX-${i}`) },
    })));
    const answers = await invokeConcurrently(h, calls);
    expect(answers.map((a) => a.status)).toEqual(Array(9).fill(201));

    const m = await history(personId);
    expect(m.events).toHaveLength(10);
    expect([m.member.talks, m.member.trainings, m.member.rotations]).toEqual([3, 3, 3]);
    expect([m.talks.length, m.training.length, m.rotations.length]).toEqual([3, 3, 3]);
    expectConsistent(m);
  });

  it('a retry of a post whose first attempt wrote the event but not the record item completes it: 201, still one event', async () => {
    const personId = freshId();
    await admit(personId);
    const body = talkBody(0, 'TALK-RESUME-1');
    // The first attempt got as far as the member write (the event is committed) and died.
    const { id, ...record } = body;
    await appendMemberEvent(apiDeps(), personId, { type: 'talked', on: record.on, record: { id, by: record.by, kind: 'regular', triggers: record.triggers } }, {
      now: new Date(), key: `talk:${id}`,
    });
    const retry = await invoke<{ record: { id: string; eventSeq: number } }>(h, ROUTES.talk.route, BUREAU, { path: { personId }, body });
    expect(retry.status).toBe(201);
    expect(retry.body.record).toMatchObject({ id, eventSeq: 2 });
    const again = await invoke<ErrorAnswer>(h, ROUTES.talk.route, BUREAU, { path: { personId }, body });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RECORD_EXISTS');

    const m = await history(personId);
    expect(m.events.filter((e) => e.type === 'talked')).toHaveLength(1);
    expect(m.talks).toHaveLength(1);
    expectConsistent(m);
  });

  it('a different record under a used id is 409 RECORD_EXISTS, even before its record item is stored', async () => {
    const personId = freshId();
    await admit(personId);
    const body = talkBody(0, 'TALK-OTHER-1');
    const { id, ...record } = body;
    await appendMemberEvent(apiDeps(), personId, { type: 'talked', on: record.on, record: { id, by: record.by, kind: 'regular', triggers: record.triggers } }, {
      now: new Date(), key: `talk:${id}`,
    });
    const other = await invoke<ErrorAnswer>(h, ROUTES.talk.route, BUREAU, { path: { personId }, body: { ...body, by: '另一人' } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('RECORD_EXISTS');
    const m = await history(personId);
    expect(m.events.filter((e) => e.type === 'talked')).toHaveLength(1);
    expect(m.talks).toHaveLength(0);
  });
});

describe('writeMemberEvents: a lost version race', () => {
  it('is retried a bounded number of times, then is a 503 TransientError in Chinese and English', async () => {
    const personId = freshId();
    await admit(personId);
    let puts = 0;
    const members = new (class extends MemberRepository {
      override async put<S>(_snapshot: MemberSnapshot<S>, _prev: number | null): Promise<void> {
        puts++;
        throw new Conflict('MEMBER_VERSION', '成员信息已被他人修改，请重试', 'the member changed meanwhile; retry');
      }
    })({ doc: h.emu.doc, table: h.emu.tables.pool });
    const deps = apiDeps();
    const err = await writeMemberEvents({ members, policy: deps.policy, now: () => new Date() }, personId, [
      { type: 'talked', on: '2025-06-01', record: { id: 'T-LOST', by: 'x', kind: 'regular', triggers: [] } },
    ], { applied: () => false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    const t = err as TransientError;
    expect(t.status).toBe(503);
    expect(t.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(t.en).toMatch(/retry/);
    expect(MEMBER_WRITE_ATTEMPTS).toBeGreaterThanOrEqual(8);
    expect(puts).toBe(MEMBER_WRITE_ATTEMPTS);
    // Nothing of the lost write is in the member's log.
    expect((await members.events(personId)).map((e) => e.type)).toEqual(['admitted']);
  });
});
