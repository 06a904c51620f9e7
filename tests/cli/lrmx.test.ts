import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../cli/lrmx';
import { readLrmx } from '../../formats/lrmx/read';
import { FIXTURES } from '../fixtures/forms/builders';

const lrmx = (name: string) => join(__dirname, '..', 'fixtures', 'lrmx', name);

async function run(argv: string[], files: Record<string, Uint8Array> = {}) {
  let stdout = '';
  let stderr = '';
  const written: Record<string, Uint8Array> = {};
  const io: Io = {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readBytes: async (p) => files[p] ?? new Uint8Array(await readFile(p)),
    writeBytes: async (p, b) => { written[p] = b; },
    today: () => '2026-11-02',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, written };
}

describe('cli/lrmx.ts', () => {
  it('read: prints the filled fields and the coded problems of one .lrmx, exit 0', async () => {
    const r = await run(['read', lrmx('wangfang-no-id.lrmx'), '--tiers', '3']);
    expect(r.code).toBe(0);
    const [person] = JSON.parse(r.stdout) as Array<{ form: { candidate: Record<string, unknown>; tier: number }; problems: Array<{ code: string; element?: string }> }>;
    expect(person?.form.candidate.name).toBe('王芳');
    expect(person?.form.tier).toBe(3);
    expect(person?.problems).toContainEqual(expect.objectContaining({ code: 'LRMX_REQUIRED', element: 'Person/ShenFenZheng' }));
    expect(person?.problems).toContainEqual(expect.objectContaining({ code: 'LRMX_UNIT_UNKNOWN' }));
  });

  it('read: a refused file is exit 2 with the rejection on stderr', async () => {
    const r = await run(['read', lrmx('billion-laughs.lrmx')]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).problems[0].code).toBe('LRMX_DOCTYPE');
  });

  it('template: a .zip of .lrmx → the Excel template prefilled, one row a person', async () => {
    const { lrmxZip, lrmxFixture } = await import('../support/lrmx');
    const { readNominationWorkbook } = await import('../../formats/xlsx/nomination');
    const zip = lrmxZip({ '张三.lrmx': lrmxFixture('zhangsan.lrmx'), '李四.lrmx': lrmxFixture('lisi.lrmx'), 'bad.lrmx': lrmxFixture('doctype-xxe.lrmx') });
    const r = await run(['template', 'in.zip', 'out.xlsx', '--round', '2026-R1', '--unit', 'JT-XYXX', '--unit-name', '金坛区西旸小学', '--unit-type', 'primary', '--tiers', '3'], { 'in.zip': zip });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ written: 'out.xlsx', rows: 2, unreadable: [{ entry: 'bad.lrmx' }] });
    const rows = readNominationWorkbook(r.written['out.xlsx']!);
    expect(rows.ok && rows.value.map((x) => (x.form as { candidate: { name: string } }).candidate.name)).toEqual(['张三', '李四']);
  });

  it('write: a form → an .lrmx that reads back; a malformed form is exit 2', async () => {
    const r = await run(['write', join(FIXTURES, 'tier3-route-a-eligible.json'), 'out.lrmx']);
    expect(r.code).toBe(0);
    const back = readLrmx(r.written['out.lrmx']!);
    expect(back.ok && back.value).toMatchObject({ ChuShengNianYue: expect.stringMatching(/^\d{6}$/), JiSuanNianLingShiJian: '202611' });
    const bad = await run(['write', 'f.json', 'o.lrmx'], { 'f.json': new TextEncoder().encode('{"formVersion":1}') });
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).kind).toBe('rejection');
    expect((await run(['frob'])).code).toBe(2);
    expect((await run(['read', 'x.lrmx', '--tiers', '4'])).code).toBe(2);
  });
});
