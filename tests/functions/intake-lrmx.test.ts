/**
 * Intake of .lrmx (issue #13.3) on the real emulators (dynalite, s3rver) through the intake
 * handler: one .lrmx is one person, a .zip one person per entry; each person is one
 * nomination or one rejection, and what form v1 needs that the file does not hold exactly
 * comes back as coded problems with the element they would come from. The photo, family
 * members and health status are not stored anywhere.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { strToU8, zipSync } from 'fflate';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler, resetIntakeWiring } from '../../functions/intake/handler';
import { resetClients } from '../../functions/shared/clients';
import { NominationRepository, type Nomination } from '../../functions/shared/repository/nominations';
import { RoundRepository } from '../../functions/shared/repository/rounds';
import { UnitRepository } from '../../functions/shared/repository/units';
import { applyEnv, captureLogs, startEmulators, type Emulators } from '../support/emulators';
import { lrmxFixture, lrmxZip, lrmxZipBomb, oversizeLrmx } from '../support/lrmx';
import { lambdaContext, s3Event } from '../support/s3-events';

let emu: Emulators;
let restoreEnv: () => void;
let noms: NominationRepository;
let logs = '';

const ROUND = '2026-LRMX';
const WIDE = '2026-LRMW';
const UNIT = 'JT-XYXX';

beforeAll(async () => {
  emu = await startEmulators();
  restoreEnv = applyEnv(emu.env);
  resetClients();
  resetIntakeWiring();
  const rounds = new RoundRepository({ doc: emu.doc, table: emu.tables.pool });
  noms = new NominationRepository({ doc: emu.doc, table: emu.tables.pool });
  await rounds.create({ roundId: ROUND, status: 'open', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00Z', intakeClosesAt: '2099-01-01T00:00:00Z', tiers: [3] });
  await rounds.create({ roundId: WIDE, status: 'open', referenceDate: '2026-04-01', openedAt: '2026-03-01T00:00:00Z', intakeClosesAt: '2099-01-01T00:00:00Z' });
  const at = '2026-03-01T00:00:00Z';
  await new UnitRepository({ doc: emu.doc, table: emu.tables.pool }).put({ code: UNIT, name: '金坛区西旸小学', type: 'primary', orgDeptManaged: false, contacts: [], registeredAt: at, updatedAt: at, updatedBy: 'test' });
});

afterAll(async () => {
  restoreEnv();
  resetClients();
  await emu.stop();
});

const key = (file: string, round = ROUND) => `rounds/${round}/units/${UNIT}/${file}`;

async function upload(k: string, body: Uint8Array): Promise<S3Event> {
  await emu.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: k, Body: body }));
  return s3Event(emu.bucket, k, { size: body.length });
}

async function run(event: S3Event) {
  const { result, output } = await captureLogs(() => handler(event, lambdaContext()) as Promise<{ processed: Array<{ status: string; nominationIds: string[]; problemCodes: string[] }> }>);
  logs += output;
  const first = result.processed[0];
  if (!first) throw new Error('nothing processed');
  return first;
}

async function nominationsOf(ids: string[], roundId = ROUND): Promise<Nomination[]> {
  return Promise.all(ids.map(async (id) => {
    const n = await noms.get(roundId, id);
    if (!n) throw new Error(`no nomination ${id}`);
    return n;
  }));
}

const codesOf = (n: Nomination | undefined) => (n?.problems ?? []).map((p) => p.code);

describe('intake: one .lrmx', () => {
  it('is one rejection naming the person, each missing field coded with its element, nothing said twice, nothing not needed stored', async () => {
    const summary = await run(await upload(key('1f0c-张三.lrmx'), lrmxFixture('zhangsan.lrmx')));
    expect(summary.status).toBe('rejected');
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n).toMatchObject({ status: 'rejected', candidateName: '张三', source: { forms: 1 } });
    expect(n?.form).toBeUndefined();
    expect(n?.problems?.map((p) => [p.code, p.path, p.element])).toEqual([
      ['LRMX_EDUCATION_GRADUATED', 'candidate.education[0].graduated', 'Person/JianLi'],
      ['LRMX_EDUCATION_GRADUATED', 'candidate.education[1].graduated', 'Person/JianLi'],
      ['LRMX_POST_KIND', 'candidate.posts[0].kind', 'Person/XianRenZhiWu'],
      ['LRMX_POST_FROM', 'candidate.posts[0].from', 'Person/JianLi'],
      ['LRMX_POSTS_FREE_TEXT', 'candidate.posts', 'Person/JianLi'],
      ['LRMX_HONOURS_FREE_TEXT', 'candidate.honours', 'Person/JiangChengQingKuang'],
      ['LRMX_ATTESTATION_REQUIRED', 'attestation', undefined],
    ]);
    expect(n?.problems?.[0]?.zh).toMatch(/^Person\/JianLi：/);
    expect(n?.problems?.[0]?.en).toMatch(/^Person\/JianLi: /);
    // Minimum necessary: the photo, family and health status are nowhere in the table; the ID number neither (a rejection keeps no form).
    const scan = JSON.stringify((await emu.doc.send(new ScanCommand({ TableName: emu.tables.pool }))).Items);
    for (const gone of ['李某', '丈夫', '/9j/', '320482199205014521']) expect(scan).not.toContain(gone);
    expect(logs).not.toContain('320482199205014521');
  });

  it('what the form parser finds in a filled value is reported too, at the element it came from', async () => {
    const text = new TextDecoder().decode(lrmxFixture('lisi.lrmx'))
      .replace('320482198811234319', '320482198811234310')
      .replace('<XianRenZhiWu>金坛区西旸小学教导处副主任</XianRenZhiWu>', `<XianRenZhiWu>金坛区西旸小学${'副主任'.repeat(70)}</XianRenZhiWu>`);
    const summary = await run(await upload(key('李四-错号.lrmx'), new TextEncoder().encode(text)));
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.problems?.find((p) => p.code === 'FORM_ID_CHECKSUM')).toMatchObject({ path: 'candidate.idNumber', element: 'Person/ShenFenZheng', zh: expect.stringMatching(/^Person\/ShenFenZheng：/) });
    expect(n?.problems?.find((p) => p.code === 'FORM_TOO_LONG')).toMatchObject({ path: 'candidate.posts[0].title', element: 'Person/XianRenZhiWu' });
    expect(codesOf(n).filter((c) => c === 'FORM_REQUIRED')).toEqual([]);
  });

  it('asks for the tier when the round opens several', async () => {
    const summary = await run(await upload(key('李四.lrmx', WIDE), lrmxFixture('lisi.lrmx')));
    const [n] = await nominationsOf(summary.nominationIds, WIDE);
    expect(codesOf(n)).toContain('LRMX_TIER_REQUIRED');
    expect(codesOf(n)).not.toContain('LRMX_HONOURS_FREE_TEXT');
  });

  it('decodes a GBK-declared file', async () => {
    const summary = await run(await upload(key('赵六.lrmx'), lrmxFixture('zhaoliu-gbk.lrmx')));
    const [n] = await nominationsOf(summary.nominationIds);
    expect(n?.candidateName).toBe('赵六');
    expect(codesOf(n)).not.toContain('LRMX_ENCODING');
  });

  it('refuses a DOCTYPE, a billion-laughs bomb and an oversize file as a whole, with one coded problem', async () => {
    for (const [file, body, code] of [
      ['xxe.lrmx', lrmxFixture('doctype-xxe.lrmx'), 'LRMX_DOCTYPE'],
      ['lol.lrmx', lrmxFixture('billion-laughs.lrmx'), 'LRMX_DOCTYPE'],
      ['big.lrmx', oversizeLrmx(3 * 1024 * 1024), 'LRMX_TOO_LARGE'],
    ] as const) {
      const summary = await run(await upload(key(file), body));
      expect(summary).toMatchObject({ status: 'rejected', problemCodes: [code] });
      const [n] = await nominationsOf(summary.nominationIds);
      expect(codesOf(n)).toEqual([code]);
    }
    expect(logs).not.toContain('/etc/passwd');
  });
});

describe('intake: a .zip of .lrmx', () => {
  it('makes one nomination per person, each rejection with its own problems and entry', async () => {
    const zip = lrmxZip({ '张三.lrmx': lrmxFixture('zhangsan.lrmx'), '李四.lrmx': lrmxFixture('lisi.lrmx'), '王芳.lrmx': lrmxFixture('wangfang-no-id.lrmx') });
    const summary = await run(await upload(key('三人.zip'), zip));
    expect(summary.status).toBe('rejected');
    const ns = await nominationsOf(summary.nominationIds);
    expect(ns.map((n) => [n.candidateName, n.source.entry, n.source.row, n.source.forms])).toEqual([
      ['张三', '张三.lrmx', 1, 3], ['李四', '李四.lrmx', 2, 3], ['王芳', '王芳.lrmx', 3, 3],
    ]);
    expect(new Set(summary.nominationIds).size).toBe(3);
    const wang = ns[2];
    expect(wang?.problems?.filter((p) => p.path === 'candidate.idNumber').map((p) => [p.code, p.element])).toEqual([['LRMX_REQUIRED', 'Person/ShenFenZheng']]);
    expect(wang?.problems?.find((p) => p.code === 'LRMX_REQUIRED')?.zh).toMatch(/^王芳\.lrmx · Person\/ShenFenZheng：缺少身份证号/);
    // The form parser's FORM_REQUIRED for the same fields is not repeated.
    expect(codesOf(wang).filter((c) => c.startsWith('FORM_'))).toEqual([]);
  });

  it('an unreadable entry is that person\'s rejection; the others are still read', async () => {
    const zip = zipSync({ 'a.lrmx': lrmxFixture('doctype-xxe.lrmx'), 'b.lrmx': lrmxFixture('lisi.lrmx'), 'c.lrm': strToU8('x'), [`${'长'.repeat(300)}\u202e.lrmx`]: lrmxFixture('lisi.lrmx') });
    const summary = await run(await upload(key('mixed.zip'), zip));
    const ns = await nominationsOf(summary.nominationIds);
    expect(ns.map(codesOf)[0]).toEqual(['LRMX_DOCTYPE']);
    expect(ns[1]?.candidateName).toBe('李四');
    expect(ns.map(codesOf)[2]).toEqual(['LRMX_ZIP_ENTRY_TYPE']);
    expect(ns[2]?.problems?.[0]?.zh).toMatch(/^c\.lrm：.*旧版 \.lrm \/ \.pic 请在任免表软件中另存为 \.lrmx/);
    // A hostile entry name is stored bounded and without its bidirectional override.
    expect(ns[3]?.source.entry).toHaveLength(120);
    expect(ns[3]?.source.entry).not.toContain('\u202e');
  });

  it('refuses a zip bomb, a nested zip and a path out of the archive as a whole', async () => {
    for (const [file, body, code] of [
      ['bomb.zip', lrmxZipBomb(25), 'LRMX_ZIP_TOO_LARGE'],
      ['liar.zip', lrmxZipBomb(25, true), 'LRMX_ZIP_TOO_LARGE'],
      ['nested.zip', zipSync({ 'inner.zip': lrmxZip({ 'x.lrmx': lrmxFixture('lisi.lrmx') }) }), 'LRMX_ZIP_NESTED'],
      ['escape.zip', zipSync({ '../x.lrmx': lrmxFixture('lisi.lrmx') }), 'LRMX_ZIP_PATH'],
    ] as const) {
      const summary = await run(await upload(key(file), body));
      expect(summary).toMatchObject({ status: 'rejected', problemCodes: [code] });
    }
  });
});
