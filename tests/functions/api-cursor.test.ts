import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../app/errors';
import { queryAll, queryPage, repositories, type KeyQuery, type Nomination, type Page, type PageRequest, type Repositories } from '../../functions/shared/repository';
import { BUREAU, invoke, roundBody, school, startHarness, type ErrorAnswer, type Harness } from './api-harness';

/**
 * QA: a page cursor is a key of the query it was given for — or a 400 CURSOR_INVALID, the
 * same answer whatever is wrong with it, before DynamoDB sees it. Against dynalite, as the
 * api-*.test.ts files run.
 */

let h: Harness;
let repos: Repositories;

const R1 = '2026-R1';
const R2 = '2026-R2';
const XY = 'JT-XYXX';
const ZD = 'JT-ZDXX';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64');
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, string>;

function nomination(roundId: string, id: string, unit: string): Nomination {
  return {
    nominationId: id, roundId, unitCode: unit, status: 'rejected', receivedAt: '2026-03-05T02:00:00Z',
    source: { bucket: 'uploads', key: `rounds/${roundId}/units/${unit}/${id}.json`, versionId: 'null' }, problems: [],
  };
}

type Listed = { cursor?: string } & Record<string, unknown>;
const ROUNDS = 'GET /rounds';
const NOMS = 'GET /rounds/{roundId}/nominations';

beforeAll(async () => {
  h = await startHarness();
  repos = repositories(h.emu.doc, h.emu.tables.pool);
  const body = roundBody(R1);
  for (const [roundId, openedAt] of [[R1, '2026-03-01T00:00:00Z'], [R2, '2026-03-02T00:00:00Z'], ['2026-R3', '2026-03-03T00:00:00Z']] as const) {
    await repos.rounds.create({ roundId, status: 'open', referenceDate: body.referenceDate, openedAt, intakeClosesAt: body.intakeClosesAt, tiers: [3] });
  }
  for (const roundId of [R1, R2]) {
    for (const [i, unit] of [XY, XY, XY, ZD, ZD].entries()) await repos.nominations.putIfAbsent(nomination(roundId, `N${i}`, unit));
  }
});
afterAll(async () => {
  await h?.stop();
});

/** The first page's cursor (limit 1) of a list. */
async function firstCursor(route: string, who: Parameters<typeof invoke>[2], call: Parameters<typeof invoke>[3] = {}): Promise<string> {
  const res = await invoke<Listed>(h, route, who, { ...call, query: { ...call.query, limit: '1' } });
  expect(res.status).toBe(200);
  expect(res.body.cursor).toEqual(expect.any(String));
  return res.body.cursor as string;
}

/** The one answer every bad cursor gets. */
const CURSOR_INVALID = {
  status: 400,
  body: {
    error: {
      code: 'VALIDATION_FAILED', zh: expect.any(String), en: expect.any(String),
      problems: [{ code: 'CURSOR_INVALID', path: 'cursor', zh: expect.stringContaining('分页游标无效'), en: expect.stringContaining('invalid page cursor') }],
    },
  },
};

describe('GET /rounds?cursor=', () => {
  it('a cursor the list gave goes on to the next page; the pages cover every round once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await invoke<{ rounds: Array<{ roundId: string }>; cursor?: string }>(h, ROUNDS, BUREAU, { query: { limit: '1', ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      seen.push(...res.body.rounds.map((r) => r.roundId));
      cursor = res.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(['2026-R3', R2, R1]);
  });

  it.each([
    ['e30 (base64 of {})', 'e30'],
    ['base64 of {"a":1}', b64({ a: 1 })],
    ['base64url of {"a":1}', b64url({ a: 1 })],
    ['the table key only (no index key)', b64url({ pk: `ROUND#${R1}`, sk: 'META' })],
    ['the index key only (no table key)', b64url({ gsi1pk: 'ROUNDS', gsi1sk: `2026-03-01T00:00:00Z#${R1}` })],
    ['another index partition', b64url({ gsi1pk: 'REVIEWS', gsi1sk: 'RV1', pk: 'REVIEW#RV1', sk: 'META' })],
    ['a number for a key', b64url({ gsi1pk: 'ROUNDS', gsi1sk: 1, pk: `ROUND#${R1}`, sk: 'META' })],
    ['a DynamoDB-typed value', b64url({ gsi1pk: { S: 'ROUNDS' }, gsi1sk: 'x', pk: `ROUND#${R1}`, sk: 'META' })],
    ['an empty string for a key', b64url({ gsi1pk: 'ROUNDS', gsi1sk: '', pk: `ROUND#${R1}`, sk: 'META' })],
    ['an extra attribute', b64url({ gsi1pk: 'ROUNDS', gsi1sk: 'x', pk: `ROUND#${R1}`, sk: 'META', status: 'open' })],
    ['a key too long for DynamoDB', b64url({ gsi1pk: 'ROUNDS', gsi1sk: 'x'.repeat(1025), pk: `ROUND#${R1}`, sk: 'META' })],
    ['null', b64url(null)],
    ['an array', b64url(['ROUNDS'])],
    ['a string', b64url('ROUNDS')],
    ['not base64url', '{"gsi1pk":"ROUNDS"}'],
    ['garbage', 'garbage!'],
    ['very long', 'A'.repeat(20_000)],
  ])('%s → 400 CURSOR_INVALID', async (_what, cursor) => {
    const res = await invoke<ErrorAnswer>(h, ROUNDS, BUREAU, { query: { cursor } });
    expect(res).toMatchObject(CURSOR_INVALID);
  });

  it('a cursor of the nominations list is not a cursor of the rounds list', async () => {
    const cursor = await firstCursor(NOMS, BUREAU, { path: { roundId: R1 } });
    expect(await invoke(h, ROUNDS, BUREAU, { query: { cursor } })).toMatchObject(CURSOR_INVALID);
  });
});

describe('GET /rounds/{roundId}/nominations?cursor=', () => {
  it('the bureau\'s round list: a cursor of another round is refused, its own goes on', async () => {
    const own = await firstCursor(NOMS, BUREAU, { path: { roundId: R1 } });
    expect((await invoke(h, NOMS, BUREAU, { path: { roundId: R1 }, query: { cursor: own } })).status).toBe(200);
    const other = await firstCursor(NOMS, BUREAU, { path: { roundId: R2 } });
    expect(await invoke(h, NOMS, BUREAU, { path: { roundId: R1 }, query: { cursor: other } })).toMatchObject(CURSOR_INVALID);
    const forged = b64({ pk: `ROUND#${R2}`, sk: 'NOM#x' });
    expect(await invoke(h, NOMS, BUREAU, { path: { roundId: R1 }, query: { cursor: forged } })).toMatchObject(CURSOR_INVALID);
    // Right partition, but not a nomination of it (the round's META) — outside the query's sort condition.
    expect(await invoke(h, NOMS, BUREAU, { path: { roundId: R1 }, query: { cursor: b64url({ pk: `ROUND#${R1}`, sk: 'META' }) } })).toMatchObject(CURSOR_INVALID);
  });

  it('a school reusing another school\'s cursor is refused; its own goes on', async () => {
    const xy = await firstCursor(NOMS, school(XY), { path: { roundId: R1 } });
    expect(decode(xy).gsi1pk).toBe(`UNIT#${XY}`);
    const next = await invoke<{ nominations: Array<{ unit: string }> }>(h, NOMS, school(XY), { path: { roundId: R1 }, query: { cursor: xy } });
    expect(next.status).toBe(200);
    expect(next.body.nominations.every((n) => n.unit === XY)).toBe(true);

    const reused = await invoke<ErrorAnswer>(h, NOMS, school(ZD), { path: { roundId: R1 }, query: { cursor: xy } });
    expect(reused).toMatchObject(CURSOR_INVALID);
    // The bureau asking for one unit is held to that unit the same way.
    expect(await invoke(h, NOMS, BUREAU, { path: { roundId: R1 }, query: { unit: ZD, cursor: xy } })).toMatchObject(CURSOR_INVALID);
    // The same school, another round: same partition, outside the round's prefix.
    expect(await invoke(h, NOMS, school(XY), { path: { roundId: R2 }, query: { cursor: xy } })).toMatchObject(CURSOR_INVALID);
    // The unit list's cursor is not a cursor of the whole round (and back).
    expect(await invoke(h, NOMS, BUREAU, { path: { roundId: R1 }, query: { cursor: xy } })).toMatchObject(CURSOR_INVALID);
    const round = await firstCursor(NOMS, BUREAU, { path: { roundId: R1 } });
    expect(await invoke(h, NOMS, school(XY), { path: { roundId: R1 }, query: { cursor: round } })).toMatchObject(CURSOR_INVALID);
  });

  it('says the same whatever was wrong: nothing of the key, the partition or the other unit', async () => {
    const xy = await firstCursor(NOMS, school(XY), { path: { roundId: R1 } });
    const answers = await Promise.all([
      invoke<ErrorAnswer>(h, NOMS, school(ZD), { path: { roundId: R1 }, query: { cursor: xy } }),
      invoke<ErrorAnswer>(h, NOMS, school(ZD), { path: { roundId: R1 }, query: { cursor: 'e30' } }),
      invoke<ErrorAnswer>(h, NOMS, school(ZD), { path: { roundId: R1 }, query: { cursor: 'garbage!' } }),
      invoke<ErrorAnswer>(h, ROUNDS, BUREAU, { query: { cursor: b64({ a: 1 }) } }),
    ]);
    const bodies = answers.map((a) => JSON.stringify(a.body));
    expect(new Set(bodies).size).toBe(1);
    for (const text of bodies) {
      for (const leak of [XY, ZD, 'UNIT#', 'gsi1', 'pk', 'ROUND#', 'partition', 'DynamoDB', 'ExclusiveStartKey']) expect(text).not.toContain(leak);
    }
    const logged = h.logs.join('\n');
    expect(logged).not.toContain('unhandled error');
  });
});

describe('queryPage: the check runs before DynamoDB is asked', () => {
  const input: KeyQuery = { partition: `ROUND#${R1}`, sort: { op: 'begins_with', value: 'NOM#' } };

  it.each([
    ['{}', {}],
    ['another partition', { pk: `ROUND#${R2}`, sk: 'NOM#x' }],
    ['outside the sort condition', { pk: `ROUND#${R1}`, sk: 'META' }],
    ['numbers', { pk: 1, sk: 2 }],
    ['index attributes on a table query', { pk: `ROUND#${R1}`, sk: 'NOM#x', gsi1pk: 'UNIT#JT-XYXX', gsi1sk: 'x' }],
  ])('%s: refused, and the client is never called', async (_what, key) => {
    const send = vi.fn();
    const ref = { doc: { send } as unknown as DynamoDBDocumentClient, table: 'pool' };
    await expect(queryPage(ref, input, { cursor: b64url(key) })).rejects.toBeInstanceOf(ValidationError);
    await expect(queryPage(ref, input, { cursor: b64url(key) })).rejects.toMatchObject({ problems: [{ code: 'CURSOR_INVALID', path: 'cursor' }] });
    expect(send).not.toHaveBeenCalled();
  });

  it('checks BETWEEN and comparisons on the sort key, as data', async () => {
    const send = vi.fn(async () => ({ Items: [] }));
    const ref = { doc: { send } as unknown as DynamoDBDocumentClient, table: 'pool' };
    const between: KeyQuery = { partition: 'MEMBER#P1', sort: { op: 'between', low: 'EVENT#2026', high: 'EVENT#2027' } };
    await queryPage(ref, between, { cursor: b64url({ pk: 'MEMBER#P1', sk: 'EVENT#2026-05-01' }) });
    await expect(queryPage(ref, between, { cursor: b64url({ pk: 'MEMBER#P1', sk: 'EVENT#2028-01-01' }) })).rejects.toBeInstanceOf(ValidationError);
    const after: KeyQuery = { partition: 'SEATS#T1', sort: { op: '>', value: '05' } };
    await queryPage(ref, after, { cursor: b64url({ pk: 'SEATS#T1', sk: '06' }) });
    await expect(queryPage(ref, after, { cursor: b64url({ pk: 'SEATS#T1', sk: '05' }) })).rejects.toBeInstanceOf(ValidationError);
    expect(send).toHaveBeenCalledTimes(2);
  });
});

describe('every paginated repository list still pages with its own cursors (dynalite)', () => {
  /** Walks a list a page (of one) at a time; returns how many items. */
  async function walk<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<number> {
    let n = 0;
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ limit: 1, ...(cursor ? { cursor } : {}) });
      n += page.items.length;
      cursor = page.cursor;
      pages++;
    } while (cursor && pages < 50);
    return n;
  }

  beforeAll(async () => {
    for (const personId of ['PA', 'PB']) {
      await repos.members.put({ personId, version: 1, tier: 2, unitCode: XY, state: {}, updatedAt: '2026-05-01T00:00:00Z' }, null);
      await repos.records.add({ recordType: 'talk', id: `t-${personId}`, personId, unitCode: XY, date: '2026-06-01', recordedBy: 'u', recordedAt: 'now' });
      await repos.records.add({ recordType: 'training', id: `c-${personId}`, personId, unitCode: XY, date: '2026-06-02', recordedBy: 'u', recordedAt: 'now' });
    }
    for (const reviewId of ['RV2026', 'RV2027']) {
      await repos.reviews.create({ reviewId, status: 'planned', scheduledTime: '2026-12-01T00:00:00Z' });
      for (const personId of ['PA', 'PB']) {
        await repos.reviews.putAssessment({ reviewId, personId, unitCode: XY, grade: '合格', submittedBy: 'u', submittedAt: 'now' });
      }
    }
  });

  it('rounds, nominations, pool, reviews, assessments, records', async () => {
    expect(await walk((p) => repos.rounds.list(p))).toBe(3);
    expect(await walk((p) => repos.nominations.listByRound(R1, p))).toBe(5);
    expect(await walk((p) => repos.nominations.listByUnit(XY, p))).toBe(6);
    expect(await walk((p) => repos.nominations.listByUnit(XY, { ...p, roundId: R2 }))).toBe(3);
    expect(await walk((p) => repos.members.listPool(p))).toBe(2);
    expect(await walk((p) => repos.members.listPool({ ...p, tier: 2 }))).toBe(2);
    expect(await walk((p) => repos.reviews.list(p))).toBe(2);
    expect(await walk((p) => repos.reviews.listAssessments('RV2026', p))).toBe(2);
    expect(await walk((p) => repos.reviews.listAssessmentsByUnit(XY, 'RV2027', p))).toBe(2);
    expect(await walk((p) => repos.records.listByUnit(XY, p))).toBe(4);
    expect(await walk((p) => repos.records.listByUnit(XY, { ...p, personId: 'PB' }))).toBe(2);
  });

  it('a cursor of one list is refused by another', async () => {
    const pool = (await repos.members.listPool({ limit: 1 })).cursor;
    await expect(repos.members.listPool({ limit: 1, tier: 1, cursor: pool })).rejects.toBeInstanceOf(ValidationError);
    await expect(repos.records.listByUnit(XY, { cursor: pool })).rejects.toBeInstanceOf(ValidationError);
    const assess = (await repos.reviews.listAssessments('RV2026', { limit: 1 })).cursor;
    await expect(repos.reviews.listAssessments('RV2027', { cursor: assess })).rejects.toBeInstanceOf(ValidationError);
    const byUnit = (await repos.reviews.listAssessmentsByUnit(XY, 'RV2026', { limit: 1 })).cursor;
    await expect(repos.reviews.listAssessmentsByUnit(ZD, 'RV2026', { cursor: byUnit })).rejects.toBeInstanceOf(ValidationError);
    await expect(repos.reviews.listAssessmentsByUnit(XY, 'RV2027', { cursor: byUnit })).rejects.toBeInstanceOf(ValidationError);
  });

  it('queryAll still reads a whole partition', async () => {
    const table = { doc: h.emu.doc, table: h.emu.tables.pool };
    const items = await queryAll<Record<string, unknown>>(table, { partition: `ROUND#${R1}`, sort: { op: 'begins_with', value: 'NOM#' } });
    expect(items).toHaveLength(5);
  });
});
