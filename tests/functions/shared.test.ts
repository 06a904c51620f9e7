import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../functions/shared/audit';
import { ConfigError, Conflict, DomainRejection, Forbidden, NotFound, TransientError, ValidationError } from '../../app/errors';
import { classifyAwsError } from '../../functions/shared/aws-errors';
import { readConfig } from '../../functions/shared/config';
import { errorResponse } from '../../functions/shared/http';
import { createLogger } from '../../functions/shared/logger';
import { personIdOf } from '../../functions/shared/person-id';
import { redact } from '../../app/redact';
import { repositories, type Repositories } from '../../functions/shared/repository';
import { problem } from '../../domain/problem';
import { captureLogs, startEmulators, type Emulators } from '../support/emulators';
import { idNumberFor, validForm } from '../support/forms';

const ID = idNumberFor('1992-05-01');

describe('logger redaction', () => {
  it('keeps ID numbers and birth dates out of every log line', async () => {
    const logger = createLogger('redaction-test');
    const { output } = await captureLogs(async () => {
      logger.info(`received form for ${ID}`);
      logger.info('form', { form: validForm() });
      logger.warn('nested', { deep: { list: [{ idNumber: ID, birthDate: '1992-05-01' }] } });
      logger.error('failed', { error: new Error(`bad id ${ID.toLowerCase()}`) });
    });
    const lines = output.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(output).not.toContain(ID);
    expect(output).not.toContain(ID.slice(0, 17));
    expect(output).not.toContain('1992-05-01');
    expect(output).toContain('[REDACTED]');
    expect(output).toContain('张三'); // names are not redacted; only the ID number and birth date are
  });

  it('redact() copies without personal data', () => {
    const r = redact({ candidate: { idNumber: ID, birthDate: '1992-05-01', name: '张三' }, note: `id ${ID}` });
    expect(JSON.stringify(r)).not.toContain(ID);
    expect(r.candidate.name).toBe('张三');
  });
});

describe('errors → HTTP', () => {
  it('maps each error to its status and body', async () => {
    const p = problem('FORM_REQUIRED', 'candidate.name', '必填', 'required');
    const cases: Array<[Error, number, string]> = [
      [new ValidationError([p]), 400, 'VALIDATION_FAILED'],
      [new Forbidden(), 403, 'FORBIDDEN'],
      [new NotFound({ zh: '批次', en: 'round' }, 'ROUND_NOT_FOUND'), 404, 'ROUND_NOT_FOUND'],
      [new Conflict(), 409, 'CONFLICT'],
      [new DomainRejection([p]), 422, 'DOMAIN_REJECTED'],
      [new TransientError(), 503, 'TRANSIENT'],
    ];
    for (const [err, status, code] of cases) {
      const { result: res } = await captureLogs(async () => errorResponse(err, createLogger('t')));
      expect(res.statusCode).toBe(status);
      const body = JSON.parse(String(res.body)) as { error: { code: string; zh: string; en: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.zh).toBeTruthy();
      expect(body.error.en).toBeTruthy();
    }
    expect(JSON.parse(String(errorResponse(new ValidationError([p]), createLogger('t')).body)).error.problems).toEqual([p]);
  });

  it('a 500 says nothing about internals, and logs the error', async () => {
    const { result, output } = await captureLogs(async () => errorResponse(new TypeError('secret table pool-XYZ exploded'), createLogger('t')));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('pool-XYZ');
    expect(JSON.parse(String(result.body)).error.code).toBe('INTERNAL');
    expect(output).toContain('pool-XYZ');
  });

  it('TransientError is named for Step Functions Retry; throttling is transient', () => {
    expect(new TransientError().name).toBe('TransientError');
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    expect(classifyAwsError(throttled)).toBeInstanceOf(TransientError);
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    expect(classifyAwsError(denied)).toBe(denied);
  });
});

describe('env and personId', () => {
  it('names the missing variable', () => {
    expect(() => readConfig(['POOL_TABLE', 'AUDIT_TABLE'], { POOL_TABLE: 'pool' })).toThrow(/AUDIT_TABLE/);
    expect(() => readConfig(['POOL_TABLE'], { POOL_TABLE: ' ' })).toThrow(ConfigError);
    expect(readConfig(['POOL_TABLE'], { POOL_TABLE: 'pool' })).toEqual({ POOL_TABLE: 'pool' });
  });

  it('personId is P + 20 hex, stable, case-insensitive on x, key-dependent', () => {
    const key = 'k'.repeat(32);
    const id = personIdOf(ID, key);
    expect(id).toMatch(/^P[0-9a-f]{20}$/);
    expect(personIdOf(` ${ID} `, key)).toBe(id);
    expect(personIdOf('11010519491231002x', key)).toBe(personIdOf('11010519491231002X', key));
    expect(personIdOf(ID, 'another-key-0123456789')).not.toBe(id);
  });
});

describe('repositories and audit (dynalite)', () => {
  let emu: Emulators;
  let repos: Repositories;
  beforeAll(async () => {
    emu = await startEmulators();
    repos = repositories(emu.doc, emu.tables.pool);
  });
  afterAll(async () => emu.stop());

  it('audit is append-only and idempotent by key; details are redacted', async () => {
    const audit = new AuditLog(emu.doc, emu.tables.audit);
    expect(await audit.append({ entity: 'member/P1', action: 'admitted', actor: 'u1', clause: 'T-CAP', details: { idNumber: ID } })).toBe(true);
    expect(await audit.append({ entity: 'member/P1', action: 'x', actor: 'u1', at: '2026-01-01T00:00:00Z', idempotencyKey: 'k1' })).toBe(true);
    expect(await audit.append({ entity: 'member/P1', action: 'x', actor: 'u1', at: '2026-01-01T00:00:00Z', idempotencyKey: 'k1' })).toBe(false);
    const items = await audit.list('member/P1');
    expect(items).toHaveLength(2);
    expect(JSON.stringify(items)).not.toContain(ID);
  });

  it('rounds: create once, update only from the given states', async () => {
    await repos.rounds.create({ roundId: 'R1', status: 'open', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00Z', intakeClosesAt: '2026-03-31T00:00:00Z' });
    await expect(repos.rounds.create({ roundId: 'R1', status: 'open', referenceDate: '2026-04-01', openedAt: 'x', intakeClosesAt: 'y' })).rejects.toBeInstanceOf(Conflict);
    const closed = await repos.rounds.update('R1', { status: 'closed' }, ['open']);
    expect(closed.status).toBe('closed');
    await expect(repos.rounds.update('R1', { status: 'closed' }, ['open'])).rejects.toMatchObject({ code: 'ROUND_STATE' });
    await expect(repos.rounds.update('nope', { status: 'closed' })).rejects.toBeInstanceOf(NotFound);
    expect((await repos.rounds.list()).items.map((r) => r.roundId)).toEqual(['R1']);
  });

  it('nominations: list by round with a cursor, and by unit', async () => {
    for (let i = 0; i < 5; i++) {
      await repos.nominations.putIfAbsent({
        nominationId: `N${i}`, roundId: 'R1', unitCode: i < 3 ? 'U1' : 'U2', status: 'rejected',
        source: { bucket: 'b', key: 'k', versionId: 'null' }, receivedAt: '2026-03-02T00:00:00Z', problems: [],
      });
    }
    const first = await repos.nominations.listByRound('R1', { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.cursor).toBeDefined();
    const rest = await repos.nominations.listByRound('R1', { limit: 10, cursor: first.cursor });
    expect([...first.items, ...rest.items].map((n) => n.nominationId)).toEqual(['N0', 'N1', 'N2', 'N3', 'N4']);
    expect(first.items[0]).not.toHaveProperty('pk');
    expect((await repos.nominations.listByUnit('U1', { roundId: 'R1' })).items).toHaveLength(3);
    await expect(repos.nominations.listByRound('R1', { cursor: 'garbage!' })).rejects.toBeInstanceOf(ValidationError);
    const updated = await repos.nominations.update('R1', 'N0', { enteredScores: { interview: 90 } });
    expect(updated.enteredScores).toEqual({ interview: 90 });
  });

  it('members: version-checked snapshot, idempotent events, the pool index', async () => {
    const snap = { personId: 'PA', version: 1, tier: 2 as const, unitCode: 'U1', state: { status: 'active' }, updatedAt: '2026-05-01T00:00:00Z' };
    await repos.members.put(snap, null);
    await expect(repos.members.put(snap, null)).rejects.toMatchObject({ code: 'MEMBER_VERSION' });
    await repos.members.put({ ...snap, version: 2 }, 1);
    await expect(repos.members.put({ ...snap, version: 3 }, 1)).rejects.toBeInstanceOf(Conflict);
    expect(await repos.members.appendEvent({ personId: 'PA', at: '2026-05-01T00:00:00Z', seq: 1, type: 'admitted', clause: 'S-ROUND' })).toBe(true);
    expect(await repos.members.appendEvent({ personId: 'PA', at: '2026-05-01T00:00:00Z', seq: 1, type: 'admitted', clause: 'S-ROUND' })).toBe(false);
    expect((await repos.members.events('PA')).map((e) => e.type)).toEqual(['admitted']);
    expect((await repos.members.listPool({ tier: 2 })).items.map((m) => m.personId)).toEqual(['PA']);
    await repos.members.put({ ...snap, version: 3, tier: null }, 2);
    expect((await repos.members.listPool()).items).toEqual([]);
  });

  it('reviews and records', async () => {
    expect(await repos.reviews.create({ reviewId: 'RV2026', status: 'planned', scheduledTime: '2026-12-01T00:00:00Z' })).toBe(true);
    expect(await repos.reviews.create({ reviewId: 'RV2026', status: 'planned', scheduledTime: '2026-12-01T00:00:00Z' })).toBe(false);
    await repos.reviews.putAssessment({ reviewId: 'RV2026', personId: 'PA', unitCode: 'U1', grade: '优秀', submittedBy: 'u', submittedAt: 'now' });
    expect((await repos.reviews.listAssessmentsByUnit('U1', 'RV2026')).items.map((a) => a.grade)).toEqual(['优秀']);
    expect((await repos.reviews.update('RV2026', { status: 'open' }, ['planned'])).status).toBe('open');
    expect(await repos.records.add({ recordType: 'talk', id: 't1', personId: 'PA', unitCode: 'U1', date: '2026-06-01', recordedBy: 'u', recordedAt: 'now', kind: 'regular' })).toBe(true);
    expect(await repos.records.add({ recordType: 'talk', id: 't1', personId: 'PA', unitCode: 'U1', date: '2026-06-01', recordedBy: 'u', recordedAt: 'now' })).toBe(false);
    expect((await repos.records.list('PA', 'talk')).map((r) => r.id)).toEqual(['t1']);
    expect((await repos.records.list('PA', 'training'))).toEqual([]);
    expect((await repos.records.listByUnit('U1')).items).toHaveLength(1);
  });
});
