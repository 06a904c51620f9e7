import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createIntake } from '../../app/intake/take-upload';
import { S3UploadStore } from '../../functions/shared/upload-store';
import { AuditLog } from '../../functions/shared/audit';
import { createLogger } from '../../functions/shared/logger';
import { personIdOf } from '../../functions/shared/person-id';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Event } from 'aws-lambda';
import { handler, resetIntakeWiring } from '../../functions/intake/handler';
import { resetClients } from '../../functions/shared/clients';
import { NominationRepository, type Nomination } from '../../functions/shared/repository/nominations';
import { RoundRepository } from '../../functions/shared/repository/rounds';
import { PersonClaims } from '../../functions/shared/repository/person-claims';
import { UnitRepository } from '../../functions/shared/repository/units';
import { buildNominationTemplate } from '../../formats/xlsx/template';
import { templateHeaders } from '../../formats/xlsx/columns';
import { CREDENTIALS, applyEnv, captureLogs, startEmulators, type Emulators } from '../support/emulators';
import { idNumberFor, validForm } from '../support/forms';
import { lambdaContext, s3Event } from '../support/s3-events';
import { fillNominationWorkbook, rowFor, zipBomb } from '../support/xlsx';

let emu: Emulators;
let restoreEnv: () => void;
let noms: NominationRepository;
let logs = '';

const ROUND = '2026-R1';
const UNIT = 'JT-XYXX';
const T3_ROUND = '2026-T3';

beforeAll(async () => {
  emu = await startEmulators();
  restoreEnv = applyEnv(emu.env);
  resetClients();
  resetIntakeWiring();
  const rounds = new RoundRepository({ doc: emu.doc, table: emu.tables.pool });
  noms = new NominationRepository({ doc: emu.doc, table: emu.tables.pool });
  await rounds.create({ roundId: ROUND, status: 'open', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00Z', intakeClosesAt: '2099-01-01T00:00:00Z' });
  // A round whose notice opened tier 3 only (S-ROUND).
  await rounds.create({ roundId: T3_ROUND, status: 'open', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00Z', intakeClosesAt: '2099-01-01T00:00:00Z', tiers: [3] });
  await rounds.create({ roundId: '2025-R2', status: 'closed', referenceDate: '2025-10-01', openedAt: '2025-09-01T00:00:00Z', intakeClosesAt: '2025-09-30T00:00:00Z' });
});

afterAll(async () => {
  restoreEnv();
  resetClients();
  await emu.stop();
});

async function upload(key: string, body: Uint8Array | string): Promise<S3Event> {
  await emu.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key, Body: body }));
  return s3Event(emu.bucket, key, { size: typeof body === 'string' ? Buffer.byteLength(body) : body.length });
}

async function run(event: S3Event) {
  const { result, output } = await captureLogs(() => handler(event, lambdaContext()) as Promise<{ processed: Array<{ status: string; nominationIds: string[]; problemCodes: string[] }> }>);
  logs += output;
  const first = result.processed[0];
  if (!first) throw new Error('nothing processed');
  return first;
}

async function count(table: string): Promise<number> {
  const res = await emu.doc.send(new ScanCommand({ TableName: table, Select: 'COUNT' }));
  return res.Count ?? 0;
}

async function nominationsOf(ids: string[], roundId = ROUND): Promise<Nomination[]> {
  return Promise.all(ids.map(async (id) => {
    const n = await noms.get(roundId, id);
    if (!n) throw new Error(`no nomination ${id}`);
    return n;
  }));
}

const key = (file: string, unit = UNIT, round = ROUND) => `rounds/${round}/units/${unit}/${file}`;

describe('intake: JSON', () => {
  it('accepts a valid form and stores its verdict with clause ids', async () => {
    const summary = await run(await upload(key('张三 推荐表.json'), JSON.stringify(validForm())));
    expect(summary.status).toBe('accepted');
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.status).toBe('accepted');
    expect(n?.personId).toMatch(/^P[0-9a-f]{20}$/);
    expect(n?.source.key).toBe(key('张三 推荐表.json'));
    const verdict = n?.verdict as { tier: number; reasons: Array<{ clause: string; rule: string; ok: boolean }> };
    expect(verdict.tier).toBe(3);
    expect(verdict.reasons.length).toBeGreaterThan(0);
    expect(verdict.reasons.every((r) => /^[A-Z]-[A-Z0-9]+$/.test(r.clause))).toBe(true);
    expect(verdict.reasons.map((r) => r.clause)).toContain('E-T3');
    // The audit log has the acceptance, without personal data.
    const audit = await emu.doc.send(new ScanCommand({ TableName: emu.tables.audit }));
    const entry = audit.Items?.find((i) => i.action === 'nomination.accepted');
    expect(entry?.clause).toBe('S-ROUND');
    expect(JSON.stringify(audit.Items)).not.toContain(idNumberFor('1992-05-01'));
  });

  it('accepts an ineligible candidate as a nomination with a negative verdict', async () => {
    const summary = await run(await upload(key('older.json'), JSON.stringify(validForm({ birthDate: '1980-01-01', name: '王五' }))));
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.status).toBe('accepted');
    expect((n?.verdict as { eligible: boolean }).eligible).toBe(false);
  });

  it('a redelivered event changes nothing, with or without the idempotency record', async () => {
    const event = await upload(key('again.json'), JSON.stringify(validForm({ seq: '462' })));
    const first = await run(event);
    const before = { pool: await count(emu.tables.pool), audit: await count(emu.tables.audit) };
    const second = await run(event);
    expect(second).toEqual(first);
    expect(await count(emu.tables.pool)).toBe(before.pool);
    expect(await count(emu.tables.audit)).toBe(before.audit);
    // Lose the idempotency records: the deterministic ids and conditional writes still hold.
    const records = await emu.doc.send(new ScanCommand({ TableName: emu.tables.idempotency }));
    expect(records.Items?.length).toBeGreaterThan(0);
    for (const r of records.Items ?? []) await emu.doc.send(new DeleteCommand({ TableName: emu.tables.idempotency, Key: { id: r.id } }));
    const third = await run(event);
    expect(third.nominationIds).toEqual(first.nominationIds);
    expect(await count(emu.tables.pool)).toBe(before.pool);
    expect(await count(emu.tables.audit)).toBe(before.audit);
  });

  it('rejects invalid JSON', async () => {
    const summary = await run(await upload(key('broken.json'), `{"candidate": {"idNumber": "${idNumberFor('1992-05-01')}", `));
    expect(summary.status).toBe('rejected');
    expect(summary.problemCodes).toEqual(['FORM_JSON_INVALID']);
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.status).toBe('rejected');
    expect(JSON.stringify(n?.problems)).not.toContain(idNumberFor('1992-05-01'));
  });

  it('rejects a form attested after the day it arrived (FORM_DATE_FUTURE)', async () => {
    const form = JSON.stringify(validForm({ seq: '732' }));
    const attested = (validForm().attestation as { date: string }).date;
    // S3 stamps the evening before the attestation day (Beijing): the form cannot have been signed yet.
    const dayBefore = new Date(Date.parse(`${attested}T00:00:00+08:00`) - 3_600_000).toISOString();
    await upload(key('signed-later.json'), form);
    const summary = await run(s3Event(emu.bucket, key('signed-later.json'), { eventTime: dayBefore }));
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.problems).toEqual([expect.objectContaining({ code: 'FORM_DATE_FUTURE', path: 'attestation.date' })]);
    // The same form arriving on the attestation day itself is accepted.
    await upload(key('signed-today.json'), form);
    const onTheDay = await run(s3Event(emu.bucket, key('signed-today.json'), { eventTime: `${attested}T01:00:00Z` }));
    expect(onTheDay.status).toBe('accepted');
  });

  it('rejects a form of another unit or round', async () => {
    const other = await run(await upload(key('other-unit.json'), JSON.stringify(validForm({ unitCode: 'JT-HLGZX' }))));
    const [n] = await nominationsOf(other.nominationIds);
    expect(n?.problems?.map((p) => p.code)).toEqual(['INTAKE_UNIT_MISMATCH']);
    const otherRound = await run(await upload(key('other-round.json'), JSON.stringify(validForm({ roundId: '2025-R2' }))));
    const [m] = await nominationsOf(otherRound.nominationIds);
    expect(m?.problems?.map((p) => p.code)).toEqual(['INTAKE_ROUND_MISMATCH']);
  });

  it('rejects a form whose unit type disagrees with the unit registry (INTAKE_UNIT_TYPE_MISMATCH at unit.type); the registered type is accepted', async () => {
    const units = new UnitRepository({ doc: emu.doc, table: emu.tables.pool });
    const at = '2026-03-01T00:00:00Z';
    await units.put({ code: 'JT-TYPEA', name: '甲中学', type: 'middle', orgDeptManaged: false, contacts: [], registeredAt: at, updatedAt: at, updatedBy: 'test' });
    await units.put({ code: 'JT-TYPEB', name: '乙小学', type: 'primary', orgDeptManaged: false, contacts: [], registeredAt: at, updatedAt: at, updatedBy: 'test' });
    const wrong = await run(await upload(key('type.json', 'JT-TYPEA'), JSON.stringify(validForm({ unitCode: 'JT-TYPEA', seq: '612' }))));
    const [n] = await nominationsOf(wrong.nominationIds);
    expect(n?.problems).toEqual([expect.objectContaining({ code: 'INTAKE_UNIT_TYPE_MISMATCH', path: 'unit.type' })]);
    expect(n?.problems?.[0]?.zh).toMatch(/单位类型 primary 与单位名册中 JT-TYPEA 的类型 middle 不一致/);
    const right = await run(await upload(key('type.json', 'JT-TYPEB'), JSON.stringify(validForm({ unitCode: 'JT-TYPEB', seq: '622' }))));
    expect(right.status).toBe('accepted');
  });
});

describe('intake: a round takes only the tiers it opened (S-ROUND)', () => {
  it('a tier-1 form in a round that opened tier 3 only is rejected at intake (INTAKE_TIER_NOT_OPEN, path tier), Chinese and English', async () => {
    const form = { ...validForm({ roundId: T3_ROUND, seq: '552', name: '钱一' }), tier: 1 };
    const summary = await run(await upload(key('钱一.json', UNIT, T3_ROUND), JSON.stringify(form)));
    expect(summary.status).toBe('rejected');
    const [n] = await nominationsOf(summary.nominationIds, T3_ROUND);
    expect(n?.status).toBe('rejected');
    expect(n?.problems).toEqual([{
      code: 'INTAKE_TIER_NOT_OPEN', path: 'tier',
      zh: `遴选批次 ${T3_ROUND} 未开放第一梯队推荐，本批次只受理第三梯队（S-ROUND）`,
      en: `round ${T3_ROUND} does not open tier 1; it takes nominations for tier 3 only (S-ROUND)`,
    }]);
    // Refused nominations keep no form, no tier to rank, no person claim.
    expect(n?.form).toBeUndefined();
    expect(n?.tier).toBeUndefined();
    // The same person for the opened tier is accepted.
    const ok = await run(await upload(key('钱一-三.json', UNIT, T3_ROUND), JSON.stringify({ ...form, tier: 3 })));
    expect(ok.status).toBe('accepted');
  });

  it('in a workbook the problem points at the row\'s 推荐梯队 cell', async () => {
    const rows = [
      rowFor(idNumberFor('1990-06-07', '562'), { 遴选批次: T3_ROUND, 姓名: '孙二', 出生日期: '1990-06-07', 推荐梯队: '第二梯队' }),
      rowFor(idNumberFor('1991-06-07', '572'), { 遴选批次: T3_ROUND, 姓名: '李三', 出生日期: '1991-06-07' }),
    ];
    const summary = await run(await upload(key('梯队.xlsx', UNIT, T3_ROUND), fillNominationWorkbook(rows)));
    expect(summary.status).toBe('partially-accepted');
    const ns = await nominationsOf(summary.nominationIds, T3_ROUND);
    expect(ns.map((n) => [n.source.row, n.status])).toEqual([[2, 'rejected'], [3, 'accepted']]);
    const p = ns[0]?.problems?.[0] as { code: string; path: string; cell?: string; zh: string; en: string } | undefined;
    expect(p).toMatchObject({ code: 'INTAKE_TIER_NOT_OPEN', path: 'tier' });
    // The 推荐梯队 column of row 2 (the column the template writes the tier in).
    const tierColumn = String.fromCharCode(65 + templateHeaders().findIndex((h) => h.startsWith('推荐梯队')));
    expect(p?.cell).toBe(`推荐表!${tierColumn}2`);
    expect(p?.zh).toBe(`推荐表!${tierColumn}2：遴选批次 ${T3_ROUND} 未开放第二梯队推荐，本批次只受理第三梯队（S-ROUND）`);
    expect(p?.en).toMatch(new RegExp(`^推荐表!${tierColumn}2: round ${T3_ROUND} does not open tier 2`));
  });

  it('a round stored without tiers (before the field) takes every tier', async () => {
    const summary = await run(await upload(key('一梯队.json'), JSON.stringify({ ...validForm({ seq: '582', name: '吴四' }), tier: 1 })));
    expect(summary.status).toBe('accepted');
  });
});

describe('intake: one nomination per person per round (S-ROUND)', () => {
  it('a later upload from the same unit replaces the earlier one, which stays visible as superseded', async () => {
    const form = validForm({ seq: '732', name: '陈七' });
    const first = await run(await upload(key('陈七.json'), JSON.stringify(form)));
    const second = await run(await upload(key('陈七-更正.json'), JSON.stringify({ ...form, candidate: { ...form.candidate, honours: [] } })));
    const [old] = await nominationsOf(first.nominationIds);
    const [now] = await nominationsOf(second.nominationIds);
    expect(old?.status).toBe('superseded');
    expect(old?.supersededBy).toBe(now?.nominationId);
    expect(now?.status).toBe('accepted');
    expect(now?.supersedes).toBe(old?.nominationId);
    const audit = await emu.doc.send(new ScanCommand({ TableName: emu.tables.audit }));
    expect(audit.Items?.some((i) => i.action === 'nomination.superseded' && String(i.pk).includes(String(old?.nominationId)))).toBe(true);
  });

  it('refuses a person another unit already nominated without naming that unit to the school; the bureau\'s record keeps it', async () => {
    const form = validForm({ seq: '736', name: '周八' });
    await run(await upload(key('周八.json'), JSON.stringify(form)));
    const other = 'JT-HLGZX';
    const elsewhere = await run(await upload(key('周八.json', other), JSON.stringify({ ...form, unit: { ...form.unit, code: other, name: '华罗庚中学' } })));
    const [n] = await nominationsOf(elsewhere.nominationIds);
    expect(n?.status).toBe('rejected');
    expect(n?.problems).toEqual([expect.objectContaining({ code: 'INTAKE_PERSON_NOMINATED_ELSEWHERE', path: 'candidate.idNumber' })]);
    // Any school could otherwise probe any ID number for who nominated it (issue #12).
    expect(JSON.stringify(n?.problems)).not.toContain(UNIT);
    expect(n?.nominatedElsewhere).toEqual({ unitCode: UNIT, nominationId: expect.stringMatching(/^N[0-9a-f]{20}$/) });
  });
});

describe('intake: Excel', () => {
  it('accepts a workbook of 3 rows; the malformed row is rejected with its cell', async () => {
    const rows = [
      rowFor(idNumberFor('1992-05-01', '472')),
      rowFor(idNumberFor('1991-03-04', '482'), { 姓名: '赵六', 出生日期: '1991-03-04' }),
      rowFor(idNumberFor('1993-07-08', '492'), { 姓名: '孙七', 出生日期: '1993-07-08', 学历1: '高中/是/某中学/2011-06-30' }),
    ];
    const summary = await run(await upload(key('推荐表 2026.xlsx'), fillNominationWorkbook(rows)));
    expect(summary.status).toBe('partially-accepted');
    const ns = await nominationsOf(summary.nominationIds);
    expect(ns.map((n) => [n.source.row, n.status])).toEqual([[2, 'accepted'], [3, 'accepted'], [4, 'rejected']]);
    // Every row says how many the file yields, so a reader knows when it has them all.
    expect(ns.map((n) => n.source.forms)).toEqual([3, 3, 3]);
    const problem = ns[2]?.problems?.[0] as { code: string; path: string; cell?: string; zh: string } | undefined;
    expect(problem?.path).toBe('candidate.education[0].level');
    expect(problem?.cell).toMatch(/^推荐表![A-Z]+4$/);
    expect(problem?.zh.startsWith(problem.cell ?? '?')).toBe(true);
  });

  it('the same person on two rows of one workbook: the later row is refused, naming the row it repeats', async () => {
    const id = idNumberFor('1990-02-03', '512');
    const rows = [rowFor(id, { 姓名: '郑八', 出生日期: '1990-02-03' }), rowFor(id, { 姓名: '郑八', 出生日期: '1990-02-03' })];
    const summary = await run(await upload(key('重复.xlsx'), fillNominationWorkbook(rows)));
    const ns = await nominationsOf(summary.nominationIds);
    expect(ns.map((n) => [n.source.row, n.status])).toEqual([[2, 'accepted'], [3, 'rejected']]);
    expect(ns[1]?.problems?.[0]).toMatchObject({ code: 'INTAKE_DUPLICATE_ROW', path: 'candidate.idNumber' });
    expect(ns[1]?.problems?.[0]?.zh).toMatch(/^推荐表![A-Z]+3：与第 2 行为同一人/);
    expect(ns[1]?.form).toBeUndefined();
  });

  it('a workbook row with an unknown tier lists the choices as the template writes them', async () => {
    const rows = [rowFor(idNumberFor('1990-04-05', '522'), { 姓名: '冯九', 出生日期: '1990-04-05', 推荐梯队: '第五梯队' })];
    const summary = await run(await upload(key('第五梯队.xlsx'), fillNominationWorkbook(rows)));
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.problems?.[0]).toMatchObject({ code: 'FORM_ENUM', path: 'tier' });
    expect(n?.problems?.[0]?.zh).toMatch(/^推荐表![A-Z]+2：「推荐梯队」取值无效，可选：第一梯队、第二梯队、第三梯队$/);
  });

  it('the blank template is rejected as empty', async () => {
    const summary = await run(await upload(key('template.xlsx'), buildNominationTemplate()));
    expect(summary.problemCodes).toEqual(['INTAKE_EMPTY']);
  });

  it('rejects binary garbage named .xlsx and a zip bomb', async () => {
    const garbage = await run(await upload(key('garbage.xlsx'), new Uint8Array(4096).map((_, i) => (i * 7919) % 256)));
    expect(garbage.problemCodes).toEqual(['XLSX_NOT_ZIP']);
    const bomb = await run(await upload(key('bomb.xlsx'), zipBomb(30, true)));
    expect(bomb.problemCodes).toEqual(['XLSX_TOO_LARGE']);
  });
});

describe('intake: refused files', () => {
  it('a key outside rounds/{round}/units/{unit}/ is recorded, not stored as a nomination', async () => {
    const event = await upload(`uploads/${UNIT}/x.json`, JSON.stringify(validForm()));
    const summary = await run(event);
    expect(summary).toMatchObject({ status: 'rejected', nominationIds: [], problemCodes: ['INTAKE_KEY_INVALID'] });
    // Unversioned bucket: the upload status is keyed by the sequencer as well.
    const sequencer = event.Records[0]?.s3.object.sequencer;
    const status = await noms.getUploadStatus({ bucket: emu.bucket, key: `uploads/${UNIT}/x.json`, versionId: 'null', ...(sequencer ? { sequencer } : {}) });
    expect(status?.problems.map((p) => p.code)).toEqual(['INTAKE_KEY_INVALID']);
  });

  it('oversized, empty and unknown extensions', async () => {
    expect((await run(await upload(key('big.json'), new Uint8Array(5 * 1024 * 1024 + 1).fill(32)))).problemCodes).toEqual(['INTAKE_TOO_LARGE']);
    expect((await run(await upload(key('empty.json'), new Uint8Array(0)))).problemCodes).toEqual(['INTAKE_EMPTY']);
    expect((await run(await upload(key('form.docx'), 'PK\u0003\u0004…'))).problemCodes).toEqual(['INTAKE_UNSUPPORTED_TYPE']);
  });

  it('after the round closed', async () => {
    const summary = await run(await upload(key('late.json', UNIT, '2025-R2'), JSON.stringify(validForm({ roundId: '2025-R2' }))));
    expect(summary.problemCodes).toEqual(['INTAKE_CLOSED']);
    const [n] = await nominationsOf(summary.nominationIds, '2025-R2');
    expect(n?.status).toBe('rejected');
  });

  it('the original file is kept', async () => {
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    const head = await emu.s3.send(new HeadObjectCommand({ Bucket: emu.bucket, Key: key('garbage.xlsx') }));
    expect(head.ContentLength).toBe(4096);
  });
});

describe('intake: AWS failures', () => {
  it('a transient AWS error throws (so Lambda retries) and records nothing', async () => {
    const deadS3 = new S3Client({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: CREDENTIALS, forcePathStyle: true, maxAttempts: 1 });
    const intake = createIntake({
      uploads: new S3UploadStore(deadS3),
      now: () => new Date(),
      rounds: new RoundRepository({ doc: emu.doc, table: emu.tables.pool }),
      nominations: noms,
      personClaims: new PersonClaims({ doc: emu.doc, table: emu.tables.pool }),
      audit: new AuditLog(emu.doc, emu.tables.audit),
      personId: (id) => personIdOf(id, 'k'.repeat(32)),
      logger: createLogger('t'),
    });
    const before = await count(emu.tables.pool);
    await expect(intake({ bucket: emu.bucket, key: key('x.json'), versionId: 'null', sequencer: '01', eventTime: new Date().toISOString() }))
      .rejects.toMatchObject({ name: 'TransientError' });
    expect(await count(emu.tables.pool)).toBe(before);
    deadS3.destroy();
  });
});

describe('intake: logs', () => {
  it('never contain an ID number or a birth date', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('upload processed');
    expect(logs).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/);
    expect(logs).not.toContain('1992-05-01');
    expect(logs).not.toContain('19920501');
  });
});

describe('intake: outcome metrics (issue #9: an operator asks what schools\' files come to)', () => {
  it('counts accepted, rejected by code and superseded, once per first write', async () => {
    const counted: string[] = [];
    const pool = { doc: emu.doc, table: emu.tables.pool };
    const intake = createIntake({
      uploads: new S3UploadStore(emu.s3),
      rounds: new RoundRepository(pool),
      nominations: noms,
      personClaims: new PersonClaims(pool),
      audit: new AuditLog(emu.doc, emu.tables.audit),
      personId: (id) => personIdOf(id, 'k'.repeat(32)),
      logger: createLogger('t'),
      now: () => new Date(),
      metrics: { nomination: (outcome, code) => counted.push(code ? `${outcome}:${code}` : outcome) },
    });
    const ref = async (file: string, body: string, seq: string) => {
      await emu.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: key(file, 'JT-MTRC'), Body: body }));
      return { bucket: emu.bucket, key: key(file, 'JT-MTRC'), versionId: 'null', sequencer: seq, eventTime: new Date().toISOString() };
    };
    const form = validForm({ seq: '914', unitCode: 'JT-MTRC' });
    const first = await ref('a.json', JSON.stringify(form), 'm1');
    await intake(first);
    await intake(await ref('b.json', '{ not json', 'm2'));
    await intake(await ref('c.json', JSON.stringify(form), 'm3'));
    expect(counted).toEqual(['accepted', 'rejected:FORM_JSON_INVALID', 'superseded', 'accepted']);
    // A redelivered event stores nothing new and counts nothing.
    await intake(first);
    expect(counted).toHaveLength(4);
  });

  it('an object S3 answers 403 for (gone, and the reader may not list the bucket) is missing, not a retry', async () => {
    const forbidden = { send: async () => { throw Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } }); } } as unknown as S3Client;
    const got = await new S3UploadStore(forbidden).fetch({ bucket: 'b', key: 'k', versionId: 'null', eventTime: new Date().toISOString() }, 1024);
    expect(got).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('intake: a rejection that would echo long input still stores (issue #12.2)', () => {
  it('a form with one 300,000-character unknown key: rejected, stored, the key cut with a mark', async () => {
    const form = { ...validForm({ seq: '916', name: '长键' }), ['x'.repeat(300_000)]: 1 };
    const summary = await run(await upload(key('long-key.json'), JSON.stringify(form)));
    expect(summary.status).toBe('rejected');
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.status).toBe('rejected');
    const text = JSON.stringify(n?.problems);
    expect(text.length).toBeLessThan(5_000);
    expect(text).toContain('已截断');
  });

  it('a form with 100 unknown keys of 1,500 characters: the first problems kept, the rest counted', async () => {
    const extra = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`${String(i).padStart(3, '0')}${'k'.repeat(1_497)}`, i]));
    const summary = await run(await upload(key('many-keys.json'), JSON.stringify({ ...validForm({ seq: '918', name: '多键' }), ...extra })));
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.status).toBe('rejected');
    expect(n?.problems?.length).toBeLessThanOrEqual(51);
    expect(n?.problems?.at(-1)).toMatchObject({ code: 'PROBLEMS_TRUNCATED', zh: expect.stringMatching(/另有 \d+ 个问题/) });
    expect(JSON.stringify(n).length).toBeLessThan(60_000);
  });
});
