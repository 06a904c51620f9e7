import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDeps } from '../../functions/api/deps';
import { appendMemberEvent } from '../../app/members/append-event';
import { RecordRepository } from '../../functions/shared/repository';
import { BUREAU, invoke, startHarness, type ErrorAnswer, type Harness } from './api-harness';

/** QA: POST /pool/members/{personId}/rotations refuses a host unit code that is not a unit code (was stored as "bad"). */

let h: Harness;
const XY = 'JT-XYXX';
const ZHANG = 'P0123456789abcdef0123';

beforeAll(async () => {
  h = await startHarness();
  await appendMemberEvent(apiDeps(), ZHANG, {
    type: 'admitted', on: '2025-05-01', personId: ZHANG, tier: 3, unit: XY, cohortId: '2025-R1', termStart: '2025-05-01', source: 'selection', policyRef: 'jintan-2020@1', roundId: '2025-R1',
  }, { now: new Date('2025-05-01T02:00:00Z'), name: '张三' });
});
afterAll(async () => {
  await h?.stop();
});

describe('POST /pool/members/{personId}/rotations: hostUnit.code', () => {
  const rotation = (code: string) => ({ kind: 'shadowing', hostUnit: { code, name: '金坛区华罗庚实验学校' }, postArea: 'moral-education', from: '2025-11-01', to: null });

  it('"bad" → 400 with the field named; nothing stored', async () => {
    const res = await invoke<ErrorAnswer>(h, 'POST /pool/members/{personId}/rotations', BUREAU, { path: { personId: ZHANG }, body: rotation('bad') });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([expect.objectContaining({ path: 'hostUnit.code', zh: expect.stringContaining('不是有效的单位代码'), en: expect.stringContaining('is not a valid unit code') })]);
    const stored = await new RecordRepository({ doc: h.emu.doc, table: h.emu.tables.pool }).list(ZHANG, 'rotation');
    expect(stored).toEqual([]);
  });

  it('a unit code like JT-HLGZX is recorded', async () => {
    const res = await invoke<{ record: Record<string, unknown> }>(h, 'POST /pool/members/{personId}/rotations', BUREAU, { path: { personId: ZHANG }, body: rotation('JT-HLGZX') });
    expect(res.status).toBe(201);
    expect(res.body.record).toMatchObject({ hostUnit: { code: 'JT-HLGZX' } });
  });
});
