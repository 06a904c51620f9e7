import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { resetApiWiring } from '../../functions/api/handler';
import { resetClients } from '../../functions/shared/clients';
import { AuditLog } from '../../functions/shared/audit';
import { NominationRepository, RoundRepository } from '../../functions/shared/repository';
import { applyEnv } from '../support/emulators';
import { APPROVER, BUREAU, ROUND_MACHINE, invoke, registerUnits, roundBody, school, startHarness, type ErrorAnswer, type Harness } from './api-harness';
import { shortlistOf } from '../support/rounds';

let h: Harness;
let rounds: RoundRepository;
let audit: AuditLog;

beforeAll(async () => {
  h = await startHarness();
  rounds = new RoundRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
  audit = new AuditLog(h.emu.doc, h.emu.tables.audit);
});
afterAll(async () => {
  await h?.stop();
});

describe('POST /rounds', () => {
  it('creates the round, starts its execution with the round input, and audits (S-ROUND)', async () => {
    const body = roundBody('2026-R1');
    const res = await invoke<{ round: Record<string, unknown> }>(h, 'POST /rounds', BUREAU, { body });
    expect(res.status).toBe(201);
    expect(res.body.round).toMatchObject({ roundId: '2026-R1', status: 'open', tiers: [2, 3], referenceDate: '2026-04-01' });
    const stored = await rounds.require('2026-R1');
    expect(stored.executionArn).toBe(`${ROUND_MACHINE.replace(':stateMachine:', ':execution:')}:round-2026-R1`);
    const execution = h.sfn.describeExecution(String(stored.executionArn));
    expect(execution.status).toBe('RUNNING');
    expect(JSON.parse(execution.input)).toEqual({ roundId: '2026-R1', intakeClosesAt: body.intakeClosesAt, scoringClosesAt: body.scoringClosesAt,
      steps: { recommendation: false, inspection: false, publicity: false } });
    const entries = await audit.list('round/2026-R1');
    expect(entries.map((e) => [e.action, e.clause, e.actor])).toContainEqual(['round.opened', 'S-ROUND', 'user:bureau.li']);
  });

  it('answers 409 for a round id already used', async () => {
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds', BUREAU, { body: roundBody('2026-R1') });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ROUND_EXISTS');
  });

  it('answers 409 when the execution name is taken (ExecutionAlreadyExists)', async () => {
    await h.sfn.startExecution({ stateMachineArn: ROUND_MACHINE, name: 'round-2026-R9', input: { roundId: 'other', intakeClosesAt: '2099-01-01T00:00:00Z' } });
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds', BUREAU, { body: roundBody('2026-R9') });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ROUND_EXECUTION_EXISTS');
  });

  it('answers 400 with a problem per bad field', async () => {
    const body = roundBody('R1', { referenceDate: '2026-02-30', tiers: [4], intakeClosesAt: '2099-05-01T00:00:00Z' });
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds', BUREAU, { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.problems?.map((p) => p.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['roundId', 'referenceDate', 'tiers.0']));
    for (const p of res.body.error.problems ?? []) expect(p).toMatchObject({ code: 'BODY_INVALID', zh: expect.any(String), en: expect.any(String) });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds', BUREAU, { rawBody: '{"roundId":' });
    expect(res.status).toBe(400);
    expect(res.body.error.problems?.[0]?.code).toBe('BODY_NOT_JSON');
  });

  it('is the bureau\'s alone', async () => {
    for (const who of [APPROVER, school('JT-XYXX')]) {
      const res = await invoke<ErrorAnswer>(h, 'POST /rounds', who, { body: roundBody('2026-R2') });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await rounds.get('2026-R2')).toBeUndefined();
  });
});

describe('GET /rounds', () => {
  it('lists rounds whole for the bureau and approver, never the task token', async () => {
    await rounds.update('2026-R1', { taskToken: 'SECRET-TOKEN' });
    for (const who of [BUREAU, APPROVER]) {
      const res = await invoke<{ rounds: Record<string, unknown>[] }>(h, 'GET /rounds', who);
      expect(res.status).toBe(200);
      const r1 = res.body.rounds.find((r) => r.roundId === '2026-R1');
      expect(r1).toMatchObject({ title: '2026-R1 后备人才遴选', scoringModel: expect.any(Object), orgDeptApproval: expect.any(Object) });
      expect(JSON.stringify(res.body)).not.toContain('SECRET-TOKEN');
    }
    await rounds.update('2026-R1', { taskToken: '' });
  });

  it('shows a school the public fields only (deadlines)', async () => {
    const res = await invoke<{ round: Record<string, unknown> }>(h, 'GET /rounds/{roundId}', school('JT-XYXX'), { path: { roundId: '2026-R1' } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.round).sort()).toEqual(['intakeClosesAt', 'openedAt', 'referenceDate', 'roundId', 'scoringClosesAt', 'status', 'tiers', 'title']);
  });

  it('answers 404 for an unknown round', async () => {
    const res = await invoke<ErrorAnswer>(h, 'GET /rounds/{roundId}', BUREAU, { path: { roundId: '2031-NOPE' } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ROUND_NOT_FOUND');
  });
});

describe('POST /rounds/{roundId}/uploads', () => {
  it('refuses a link for a unit the registry does not know (422 UNIT_UNKNOWN, Chinese and English), for a school and the bureau alike', async () => {
    for (const [who, body] of [[school('JT-NOSUCH'), { fileName: 'a.json' }], [BUREAU, { unit: 'JT-NOSUCH', fileName: 'a.json' }]] as const) {
      const res = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/uploads', who, { path: { roundId: '2026-R1' }, body });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('UNIT_UNKNOWN');
      expect(res.body.error.zh).toMatch(/JT-NOSUCH.*未在单位名册中登记/);
      expect(res.body.error.en).toMatch(/not in the unit registry/);
      expect(res.body.error.problems).toEqual([expect.objectContaining({ code: 'UNIT_UNKNOWN', path: 'unit' })]);
    }
    await registerUnits(h, 'JT-XYXX', 'JT-HLGZX');
  });

  it('gives a school a presigned POST for its own unit, and the upload lands under that prefix', async () => {
    const res = await invoke<{ url: string; fields: Record<string, string>; key: string; expiresAt: string; maxBytes: number; contentType: string }>(
      h, 'POST /rounds/{roundId}/uploads', school('JT-XYXX'), { path: { roundId: '2026-R1' }, body: { fileName: '张三 推荐表.json' } },
    );
    expect(res.status).toBe(201);
    const { url, fields, key, expiresAt, maxBytes, contentType } = res.body;
    expect(key).toMatch(/^rounds\/2026-R1\/units\/JT-XYXX\/[0-9a-f-]{36}-张三_推荐表\.json$/);
    expect(contentType).toBe('application/json');
    expect(maxBytes).toBe(5 * 1024 * 1024);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const policy = JSON.parse(Buffer.from(String(fields.Policy), 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(policy.conditions).toEqual(expect.arrayContaining([
      ['content-length-range', 1, 5 * 1024 * 1024],
      ['eq', '$Content-Type', 'application/json'],
      ['eq', '$key', key],
    ]));
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(300_000);

    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([JSON.stringify({ formVersion: 1 })], { type: 'application/json' }), 'form.json');
    const upload = await fetch(url, { method: 'POST', body: form });
    expect(upload.status).toBeLessThan(300);

    const head = await h.emu.s3.send(new HeadObjectCommand({ Bucket: h.emu.bucket, Key: key }));
    expect(head.ContentType).toBe('application/json');
    const listed = await h.emu.s3.send(new ListObjectsV2Command({ Bucket: h.emu.bucket, Prefix: 'rounds/2026-R1/units/JT-XYXX/' }));
    expect(listed.Contents?.map((o) => o.Key)).toContain(key);
  });

  it('pins the xlsx content type by extension', async () => {
    const res = await invoke<{ contentType: string; fields: Record<string, string> }>(
      h, 'POST /rounds/{roundId}/uploads', school('JT-XYXX'), { path: { roundId: '2026-R1' }, body: { fileName: 'forms.XLSX' } },
    );
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.body.fields['Content-Type']).toBe(res.body.contentType);
  });

  it('refuses a name with nothing but dots before the extension (it would lose the extension), and keeps the extension of any other', async () => {
    for (const fileName of ['..json', '....xlsx', '._.json']) {
      const res = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/uploads', school('JT-XYXX'), { path: { roundId: '2026-R1' }, body: { fileName } });
      expect(res.status, fileName).toBe(400);
      expect(res.body.error.problems).toEqual([expect.objectContaining({ code: 'BODY_INVALID', path: 'fileName', zh: expect.stringContaining('扩展名前须有文字或数字') })]);
    }
    const ok = await invoke<{ key: string }>(h, 'POST /rounds/{roundId}/uploads', school('JT-XYXX'), { path: { roundId: '2026-R1' }, body: { fileName: '.#推荐表.XLSX' } });
    expect(ok.status).toBe(201);
    expect(ok.body.key).toMatch(/-推荐表\.xlsx$/);
  });

  it('refuses a school a link for another unit (403)', async () => {
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/uploads', school('JT-XYXX'), { path: { roundId: '2026-R1' }, body: { unit: 'JT-HLGZX', fileName: 'a.json' } });
    expect(res.status).toBe(403);
  });

  it('confines a school user to its unit even when it also holds the approver group', async () => {
    const both = { sub: 'u-both', username: 'both', groups: '[school approver]', unit: 'JT-XYXX' };
    const res = await invoke(h, 'POST /rounds/{roundId}/uploads', both, { path: { roundId: '2026-R1' }, body: { unit: 'JT-HLGZX', fileName: 'a.json' } });
    expect(res.status).toBe(403);
    const round = await invoke<{ round: Record<string, unknown> }>(h, 'GET /rounds/{roundId}', both, { path: { roundId: '2026-R1' } });
    expect(round.body.round.scoringModel).toBeDefined();
  });

  it('makes the bureau name the unit', async () => {
    const missing = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/uploads', BUREAU, { path: { roundId: '2026-R1' }, body: { fileName: 'a.json' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.problems?.map((p) => p.path)).toEqual(['unit']);
    const named = await invoke<{ key: string }>(h, 'POST /rounds/{roundId}/uploads', BUREAU, { path: { roundId: '2026-R1' }, body: { unit: 'JT-HLGZX', fileName: 'a.json' } });
    expect(named.status).toBe(201);
    expect(named.body.key).toMatch(/^rounds\/2026-R1\/units\/JT-HLGZX\//);
  });

  it('refuses the approver, a bad file name (400) and a closed round (409 ROUND_CLOSED)', async () => {
    expect((await invoke(h, 'POST /rounds/{roundId}/uploads', APPROVER, { path: { roundId: '2026-R1' }, body: { unit: 'JT-XYXX', fileName: 'a.json' } })).status).toBe(403);
    const bad = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/uploads', school('JT-XYXX'), { path: { roundId: '2026-R1' }, body: { fileName: '../x.exe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.[0]?.path).toBe('fileName');
    await rounds.create({ roundId: '2025-R2', status: 'closed', referenceDate: '2025-10-01', openedAt: '2025-09-01T00:00:00Z', intakeClosesAt: '2025-09-30T00:00:00Z' });
    const closed = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/uploads', school('JT-XYXX'), { path: { roundId: '2025-R2' }, body: { fileName: 'a.json' } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('ROUND_CLOSED');
    const unknown = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/uploads', school('JT-XYXX'), { path: { roundId: '2031-X' }, body: { fileName: 'a.json' } });
    expect(unknown.status).toBe(404);
  });
});

describe('GET /template', () => {
  it('sends the xlsx template to anyone signed in, base64, with an RFC 5987 Chinese file name', async () => {
    for (const who of [BUREAU, APPROVER, school('JT-XYXX')]) {
      const res = await invoke(h, 'GET /template', who);
      expect(res.status).toBe(200);
      expect(res.raw.isBase64Encoded).toBe(true);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('后备人才推荐表模板.xlsx')}`);
      const bytes = Buffer.from(String(res.raw.body), 'base64');
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });
});

describe('POST /rounds/{roundId}/decision', () => {
  const ROUND = '2026-D1';
  let noms: NominationRepository;

  beforeAll(async () => {
    noms = new NominationRepository({ doc: h.emu.doc, table: h.emu.tables.pool });
    const base = { roundId: ROUND, unitCode: 'JT-XYXX', status: 'accepted' as const, receivedAt: '2026-03-02T00:00:00Z' };
    const src = (i: number) => ({ bucket: 'uploads', key: `rounds/${ROUND}/units/JT-XYXX/f${i}.json`, versionId: 'null' });
    const scored = (score: number) => ({ scoring: { status: 'scored' as const, clause: 'S-ROUND' as const, score, components: [], tiebreak: [score] }, score });
    await noms.putIfAbsent({ ...base, nominationId: 'NA', tier: 3, personId: 'P1', candidateName: '甲', source: src(1), verdict: { tier: 3, eligible: true, asOf: '2026-04-01', policy: 'jintan-2020@1', reasons: [] }, ...scored(90), rank: 1, position: 1, proposed: 'admit' });
    await noms.putIfAbsent({ ...base, nominationId: 'NB', tier: 3, personId: 'P2', candidateName: '乙', source: src(2), verdict: { tier: 3, eligible: true, asOf: '2026-04-01', policy: 'jintan-2020@1', reasons: [] }, ...scored(80), rank: 2, position: 2, proposed: 'waitlist' });
    await noms.putIfAbsent({ ...base, nominationId: 'NC', tier: 3, personId: 'P3', candidateName: '丙', source: src(3), verdict: { tier: 3, eligible: false, asOf: '2026-04-01', policy: 'jintan-2020@1', reasons: [] } });
  });

  async function awaiting(roundId: string, withToken = true): Promise<{ token?: string; answer?: Promise<unknown> }> {
    // As scoring's `rank` leaves it: the shortlist summary on the round (functions/scoring/shortlist.ts).
    const shortlist = shortlistOf({ 3: ['NA'] }, { 1: 20, 2: 35, 3: 1 });
    await rounds.create({ roundId, status: 'awaiting-decision', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00Z', intakeClosesAt: '2026-03-20T00:00:00Z', tiers: [3], shortlist });
    if (!withToken) return {};
    const { token, answer } = h.sfn.tokens.open({ executionArn: `arn:aws:states:us-east-1:000000000000:execution:x:${roundId}`, stateName: 'AwaitDecision' });
    answer.catch(() => undefined);
    await rounds.update(roundId, { taskToken: token });
    return { token, answer };
  }

  it('answers 409 when the round has no task token', async () => {
    await awaiting('2026-D0', false);
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: '2026-D0' }, body: { decision: 'approve' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ROUND_NOT_AWAITING_DECISION');
    const open = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: '2026-R1' }, body: { decision: 'approve' } });
    expect(open.status).toBe(409);
  });

  it('is the approver\'s alone, and validates the body', async () => {
    expect((await invoke(h, 'POST /rounds/{roundId}/decision', BUREAU, { path: { roundId: '2026-D0' }, body: { decision: 'approve' } })).status).toBe(403);
    const bad = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: '2026-D0' }, body: { decision: 'approve-with-edits' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.map((p) => p.path)).toEqual(['edits']);
  });

  it('approves: stores the decision, answers the task token with { decision }, and a double submit is 409', async () => {
    const { answer } = await awaiting(ROUND);
    const res = await invoke<{ decision: Record<string, unknown> }>(h, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: ROUND }, body: { decision: 'approve', note: '同意' } });
    expect(res.status).toBe(200);
    expect(await answer).toMatchObject({ decision: 'approve', note: '同意', by: 'orgdept.wang' });
    const stored = await rounds.require(ROUND);
    expect(stored.decision).toMatchObject({ decision: 'approve', by: 'orgdept.wang', state: 'delivered', deliveredAt: expect.any(String) });
    const again = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: ROUND }, body: { decision: 'reject' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DECISION_EXISTS');
    expect((await audit.list(`round/${ROUND}`)).map((e) => e.action)).toContain('round.decision.approve');
  });

  it('checks approve-with-edits against the plan (eligibility, T-CAP) → 400 with problems', async () => {
    const { answer } = await awaiting('2026-D2');
    for (const id of ['NA', 'NB', 'NC']) {
      const n = await noms.get(ROUND, id);
      if (n) await noms.putIfAbsent({ ...n, roundId: '2026-D2', source: { ...n.source, key: n.source.key.replace(ROUND, '2026-D2') } });
    }
    const bad = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/decision', APPROVER, {
      path: { roundId: '2026-D2' }, body: { decision: 'approve-with-edits', edits: { add: ['NC', 'NZ'], remove: ['NB'] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems?.map((p) => [p.code, p.path])).toEqual(expect.arrayContaining([
      ['EDIT_NOT_PROPOSED', 'edits.remove.0'], ['ADMIT_INELIGIBLE', 'edits.add.0'], ['ADMIT_UNKNOWN', 'edits.add.1'],
    ]));
    // A superseded nomination says what replaced it rather than "no such nomination".
    const na = await noms.get('2026-D2', 'NA');
    if (na) await noms.putIfAbsent({ ...na, nominationId: 'NS', status: 'superseded', supersededBy: 'NA' });
    const replaced = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/decision', APPROVER, {
      path: { roundId: '2026-D2' }, body: { decision: 'approve-with-edits', edits: { add: ['NS'] } },
    });
    expect(replaced.status).toBe(400);
    expect(replaced.body.error.problems?.map((p) => [p.code, p.path, p.zh])).toEqual([['EDIT_SUPERSEDED', 'edits.add.0', 'NS 已被同一人选的后一份推荐替代，请改用 NA']]);
    // One free seat in tier 3 (the shortlist's): NA kept and NB added is over the cap (T-CAP).
    const over = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/decision', APPROVER, {
      path: { roundId: '2026-D2' }, body: { decision: 'approve-with-edits', edits: { add: ['NB'] } },
    });
    expect(over.status).toBe(400);
    expect(over.body.error.problems?.map((p) => p.code)).toContain('T_CAP_EXCEEDED');
    expect((await rounds.require('2026-D2')).decision).toBeUndefined();
    const ok = await invoke(h, 'POST /rounds/{roundId}/decision', APPROVER, {
      path: { roundId: '2026-D2' }, body: { decision: 'approve-with-edits', edits: { add: ['NB'], remove: ['NA'] } },
    });
    expect(ok.status).toBe(200);
    expect(await answer).toMatchObject({ decision: 'approve-with-edits', admit: [{ id: 'NB', tier: 3 }], edits: { add: ['NB'], remove: ['NA'] } });
  });

  it('rejects through the same token', async () => {
    const { answer } = await awaiting('2026-D3');
    const res = await invoke(h, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: '2026-D3' }, body: { decision: 'reject', note: '重新组织' } });
    expect(res.status).toBe(200);
    expect(await answer).toMatchObject({ decision: 'reject' });
  });

  it('answers 409 DECISION_TOO_LATE when the wait has timed out', async () => {
    const { token } = await awaiting('2026-D4');
    h.sfn.tokens.expire(String(token), 'timed-out');
    const res = await invoke<ErrorAnswer>(h, 'POST /rounds/{roundId}/decision', APPROVER, { path: { roundId: '2026-D4' }, body: { decision: 'approve' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DECISION_TOO_LATE');
    expect((await rounds.require('2026-D4')).decision).toMatchObject({ state: 'too-late' });
  });
});

describe('the edges', () => {
  it('answers 404 for a route it does not serve, 401 without claims', async () => {
    expect((await invoke<ErrorAnswer>(h, 'DELETE /rounds/{roundId}', BUREAU, { path: { roundId: '2026-R1' } })).body.error.code).toBe('ROUTE_NOT_FOUND');
    expect((await invoke(h, 'GET /rounds', null)).status).toBe(401);
  });

  it('refuses a school account without a unit, reads groups as array or comma list', async () => {
    expect((await invoke(h, 'GET /rounds', { sub: 's', username: 's', groups: '[school]' })).status).toBe(403);
    expect((await invoke(h, 'GET /rounds', { sub: 'a', username: 'a', groups: ['approver'] })).status).toBe(200);
    expect((await invoke(h, 'GET /pool', { sub: 'b', username: 'b', groups: 'approver,bureau' })).status).toBe(200);
    expect((await invoke(h, 'GET /pool', { sub: 'c', username: 'c', groups: '[]' })).status).toBe(403);
  });

  it('a 500 reveals nothing about internals', async () => {
    const restore = applyEnv({ POOL_TABLE: 'no-such-table-secret-name' });
    resetApiWiring();
    resetClients();
    try {
      const res = await invoke<ErrorAnswer>(h, 'GET /rounds', BUREAU);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: { code: 'INTERNAL', zh: expect.any(String), en: expect.any(String) } });
      expect(JSON.stringify(res.body)).not.toMatch(/no-such-table|ResourceNotFound|at .*\.ts/);
      expect(h.logs.join('')).toContain('unhandled error');
    } finally {
      restore();
      resetApiWiring();
      resetClients();
    }
  });
});
