import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, invoke, startHarness, type ErrorAnswer, type Harness } from './api-harness';

/**
 * QA: a path id that cannot be an id of its kind is 404 NOT_FOUND saying what was not found,
 * in words — never the parameter's name alone, never the value sent.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('malformed path ids', () => {
  it.each([
    ['GET /pool/members/{personId}', { personId: 'Pdeadbeef' }, '未找到人员：personId 不是有效的编号', 'person not found: personId is not a valid id'],
    ['GET /rounds/{roundId}', { roundId: 'bad..id' }, '未找到遴选批次：roundId 不是有效的编号', 'round not found: roundId is not a valid id'],
    ['GET /reviews/{reviewId}', { reviewId: '../etc' }, '未找到考核：reviewId 不是有效的编号', 'review not found: reviewId is not a valid id'],
    ['PUT /rounds/{roundId}/nominations/{nominationId}/scores', { roundId: '2026-R1', nominationId: 'N 1' }, '未找到推荐：nominationId 不是有效的编号', 'nomination not found: nominationId is not a valid id'],
  ])('%s %o → 404 NOT_FOUND', async (route, path, zh, en) => {
    const res = await invoke<ErrorAnswer>(h, route, BUREAU, { path, body: { components: { interview: 1 } } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', zh, en } });
    for (const v of Object.values(path).filter((x) => x !== '2026-R1')) expect(JSON.stringify(res.body)).not.toContain(v);
  });

  it('a well-formed id of nothing is still the thing\'s own not-found', async () => {
    const res = await invoke<ErrorAnswer>(h, 'GET /rounds/{roundId}', BUREAU, { path: { roundId: '2026-NONE' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUND_NOT_FOUND');
  });
});
