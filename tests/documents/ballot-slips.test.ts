import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotSlipsDocx, ballotSlipsFileName, type BallotSlipsData } from '../../formats/docx/ballot-slips';
import { assertWellFormed, everything, paragraphTexts, parts } from './docx-parts';

/**
 * 民主推荐's printable slips (S-RECOMMEND): one code a slip, eight to an A4 page with cut lines;
 * each slip names the round, the unit, the ballot page and how to vote. Through LibreOffice
 * when it is installed: 10 codes make 2 pages, and page 1 goes to .screenshots/documents/.
 */
const exec = promisify(execFile);
const OUT = join(resolve(import.meta.dirname, '..', '..'), '.screenshots', 'documents');
const have = (cmd: string) => (process.env.PATH ?? '').split(':').some((d) => d !== '' && existsSync(join(d, cmd)));
const HAVE = have('soffice') && have('pdftotext') && have('pdfinfo') && have('pdftoppm');

const DATA: BallotSlipsData = {
  roundTitle: '2026年度金坛区教育系统后备人才遴选',
  unitName: '金坛区西旸小学',
  ballotUrl: 'https://pool.example.cn/vote',
  closesAtText: '2026年4月10日 17:00',
  codes: Array.from({ length: 10 }, (_, i) => `ABCD-EFGH-${'JKMNPQRSTU'[i]}${'VWXYZ23456'[i]}78`),
};

describe('the ballot slips (.docx)', () => {
  it('one slip per code: the round, the unit, the address, the code, how to vote; well-formed', async () => {
    const p = parts(await ballotSlipsDocx(DATA));
    assertWellFormed(p);
    const texts = paragraphTexts(p['word/document.xml']!);
    for (const code of DATA.codes) expect(texts.filter((t) => t === code)).toHaveLength(1);
    expect(texts.filter((t) => t === '民主推荐投票码')).toHaveLength(10);
    expect(texts.filter((t) => t === `单位：${DATA.unitName}`)).toHaveLength(10);
    expect(texts.filter((t) => t.includes(DATA.ballotUrl))).toHaveLength(10);
    expect(texts.some((t) => t.includes('每码只能投票一次') && t.includes(DATA.closesAtText))).toBe(true);
    // Cut lines: dashed borders; fonts named, not embedded.
    expect(p['word/document.xml']).toContain('w:val="dashed"');
    expect(everything(p)).not.toContain('embedRegular');
    expect(ballotSlipsFileName('金坛区西旸小学', '2026-R1')).toBe('民主推荐投票码-金坛区西旸小学-2026-R1.docx');
  });

  describe.runIf(HAVE)('in LibreOffice', () => {
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'slips-lo-'));
      writeFileSync(join(dir, 'slips.docx'), await ballotSlipsDocx(DATA));
      await exec('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'slips.docx')], { timeout: 120_000, killSignal: 'SIGKILL' });
      mkdirSync(OUT, { recursive: true });
      await exec('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(dir, 'slips.pdf'), join(OUT, 'ballot-slips')], { timeout: 30_000 });
    }, 180_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('eight slips to a page: 10 codes on 2 pages, every code as text', async () => {
      const info = (await exec('pdfinfo', [join(dir, 'slips.pdf')])).stdout;
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(2);
      const page1 = (await exec('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', '1', '-l', '1', join(dir, 'slips.pdf'), '-'])).stdout;
      for (const code of DATA.codes.slice(0, 8)) expect(page1).toContain(code);
      expect(page1).not.toContain(DATA.codes[8]);
    });
  });
});
