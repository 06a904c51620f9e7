import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, parseArgs, todayInShanghai, type Io } from '../../cli/pool';
import { FIXTURES } from '../fixtures/forms/builders';

const fx = (name: string) => join(FIXTURES, name);

async function run(argv: string[], today = '2026-04-01') {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readFile: (p) => readFile(p, 'utf8'),
    today: () => today,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('pool check (main)', () => {
  it('prints an eligible verdict with exit 0', async () => {
    const r = await run(['check', fx('tier3-route-a-eligible.json'), '--as-of', '2026-04-01']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ tier: 3, eligible: true, asOf: '2026-04-01' });
    expect(r.stdout).toContain('\n  "tier": 3'); // 2-space indent
  });

  it('prints a failing verdict with exit 0 too', async () => {
    const r = await run(['check', fx('tier3-over-age.json'), '--as-of=2026-04-01']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.eligible).toBe(false);
    expect(v.reasons).toContainEqual(expect.objectContaining({ clause: 'E-T3', rule: 'age', ok: false }));
  });

  it('judges against another tier with --tier', async () => {
    const r = await run(['check', '--tier', '1', fx('tier3-route-a-eligible.json'), '--as-of', '2026-04-01']);
    const v = JSON.parse(r.stdout);
    expect(v.tier).toBe(1);
    expect(v.eligible).toBe(false);
  });

  it('defaults the reference date to today (from the io, not the domain)', async () => {
    const r = await run(['check', fx('tier1-eligible.json')], '2027-01-15');
    expect(JSON.parse(r.stdout).asOf).toBe('2027-01-15');
  });

  it('answers a malformed form with exit 2 and the rejection on stderr', async () => {
    const r = await run(['check', fx('malformed.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const rej = JSON.parse(r.stderr);
    expect(rej.kind).toBe('rejection');
    expect(rej.problems.map((p: { code: string }) => p.code)).toContain('FORM_ID_CHECKSUM');
  });

  it('answers invalid JSON and a missing file with exit 2', async () => {
    const bad = await run(['check', fx('not-json.json')]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr).problems[0].code).toBe('FORM_JSON');
    const missing = await run(['check', fx('no-such-form.json')]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).problems[0].code).toBe('FILE_UNREADABLE');
  });

  it('prints usage on --help with exit 0, and on bad usage with exit 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法 Usage');
    expect(help.stdout).toContain('Asia/Shanghai');
    for (const argv of [[], ['verify', 'x.json'], ['check'], ['check', 'a.json', 'b.json'], ['check', 'a.json', '--tier', '4'],
      ['check', 'a.json', '--tier'], ['check', 'a.json', '--as-of', '2026-02-30'], ['check', 'a.json', '--fast']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('错误');
      expect(r.stderr).toContain('error:');
      expect(r.stderr).toContain('Usage');
    }
  });

  it('parses arguments in any order', () => {
    expect(parseArgs(['check', '--as-of', '2026-04-01', 'f.json', '--tier=2'])).toEqual({ file: 'f.json', asOf: '2026-04-01', tier: 2 });
  });

  it('reads today in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(todayInShanghai(new Date('2026-03-31T15:30:00Z'))).toBe('2026-03-31');
  });
});

describe('pool check (spawned, as `npm run pool` runs it)', () => {
  const exec = promisify(execFile);
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

  it('exits 0 with the verdict on stdout', async () => {
    const { stdout } = await exec(tsx, ['cli/pool.ts', 'check', fx('tier2-kindergarten.json'), '--as-of', '2026-04-01']);
    expect(JSON.parse(stdout)).toMatchObject({ tier: 2, eligible: true });
  });

  it('exits 2 with the rejection on stderr', async () => {
    const err = await exec(tsx, ['cli/pool.ts', 'check', fx('malformed.json')]).catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect(err).toMatchObject({ code: 2, stdout: '' });
    expect(JSON.parse((err as { stderr: string }).stderr).kind).toBe('rejection');
  });
});
