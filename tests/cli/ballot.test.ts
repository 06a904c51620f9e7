/**
 * `bureau ballot codes|list|tally` (issue #14 part 1, S-RECOMMEND) against the whole local
 * system, and the public ballot over real HTTP through the local gateway: the slips written
 * to a file with the new codes in them, a vote cast with one of them, the tally after the
 * deadline. Usage errors exit 2 before any request.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type BureauIo } from '../../cli/bureau';
import { SimulatedClock } from '../../local/clock';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { paragraphTexts, parts } from '../documents/docx-parts';
import { validForm } from '../support/forms';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const dir = mkdtempSync(join(tmpdir(), 'bureau-ballot-'));
const sessionFile = join(dir, 'local.json');
const START = '2026-11-27T09:00:00+08:00';
const ROUND = '2026-RV';

async function bureau(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: BureauIo = {
    stdout: (t) => { out += t; }, stderr: (t) => { err += t; },
    readFile: async (p) => new Uint8Array(await readFile(p)), writeFile: (p, d) => writeFile(p, d),
    env: { POOL_LOCAL_SESSION: sessionFile }, fetch, sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
  return { code: await main(argv, io), out, err };
}

let sys: LocalSystem;
const control = async (path: string, body?: unknown): Promise<Json> => {
  const res = await fetch(`${sys.controlUrl}${path}`, { method: 'POST', ...(body ? { body: JSON.stringify(body) } : {}) });
  expect(res.ok).toBe(true);
  return (await res.json()) as Json;
};
const at = (h: number) => new Date(Date.parse(START) + h * 3_600_000).toISOString();

beforeAll(async () => {
  sys = await startLocalSystem({ port: 0, controlPort: 0, clock: new SimulatedClock({ start: new Date(START) }), retryIntervalMs: 0 });
  writeFileSync(sessionFile, JSON.stringify({ apiUrl: sys.apiUrl, controlUrl: sys.controlUrl, startedAt: new Date().toISOString() }));
  const round = JSON.parse(readFileSync('docs/examples/round.json', 'utf8')) as Json;
  writeFileSync(join(dir, 'round.json'), JSON.stringify({
    ...round, roundId: ROUND, tiers: [3], intakeClosesAt: at(24), scoringClosesAt: at(96),
    selection: { recommendation: { closesAt: at(72), threshold: 0.5 } },
  }));
  expect((await bureau('round', 'open', join(dir, 'round.json'), '--as', 'bureau')).code).toBe(0);
  expect((await bureau('unit', 'put', 'JT-XYXX', '--name', '金坛区西旸小学', '--type', 'primary', '--as', 'bureau')).code).toBe(0);
  writeFileSync(join(dir, 'form.json'), JSON.stringify(validForm({ roundId: ROUND })));
  const up = await bureau('upload', ROUND, join(dir, 'form.json'), '--as', 'school:JT-XYXX');
  expect(up.code, up.err).toBe(0);
  await control('/clock/advance', { to: at(25) });
  await control('/settle');
}, 120_000);
afterAll(async () => {
  await sys?.close();
});

describe('bureau ballot', () => {
  it('usage: codes needs a unit, a whole --count and a ballot page; exit 2', async () => {
    expect((await bureau('ballot', 'codes', ROUND, '--as', 'bureau')).err).toMatch(/缺少单位代码/);
    expect((await bureau('ballot', 'codes', ROUND, 'JT-XYXX', '--count', '2.5', '--as', 'bureau')).code).toBe(2);
    const noUrl = await bureau('ballot', 'codes', ROUND, 'JT-XYXX', '--count', '3', '--as', 'bureau');
    expect([noUrl.code, noUrl.err]).toEqual([2, expect.stringMatching(/缺少 --url/)]);
  });

  it('codes: the slips file holds the new codes, nowhere else printed; one of them votes over HTTP', async () => {
    const out = join(dir, 'slips.docx');
    const r = await bureau('ballot', 'codes', ROUND, 'JT-XYXX', '--count', '3', '--url', 'https://pool.example.cn/vote', '--out', out, '--as', 'bureau');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ written: out, unitCode: 'JT-XYXX', codes: 3, issued: 3 });
    const texts = paragraphTexts(parts(new Uint8Array(readFileSync(out)))['word/document.xml']!);
    const codes = texts.filter((t) => /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(t));
    expect(codes).toHaveLength(3);
    expect(texts.some((t) => t.includes('金坛区西旸小学'))).toBe(true);
    for (const c of codes) expect(r.out).not.toContain(c);
    // The voter's phone, through the local gateway: no token.
    const post = (path: string, body: unknown) => fetch(`${sys.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const session = (await (await post('/ballot/session', { code: codes[0] })).json()) as Json;
    expect(session.candidates).toHaveLength(1);
    const marks = { [session.candidates[0].nominationId]: 'for' };
    expect((await post('/ballot/votes', { code: codes[0], submissionId: randomUUID(), marks })).status).toBe(201);
    expect((await post('/ballot/votes', { code: codes[0], submissionId: randomUUID(), marks })).status).toBe(409);
    const list = JSON.parse((await bureau('ballot', 'list', ROUND, '--as', 'bureau')).out) as Json;
    expect(list.ballots).toEqual([expect.objectContaining({ unitCode: 'JT-XYXX', issued: 3, used: 1 })]);
  });

  it('tally: after the deadline, turnout and the share of 推荐', async () => {
    const before = JSON.parse((await bureau('ballot', 'tally', ROUND, '--as', 'bureau')).out) as Json;
    expect(before).toMatchObject({ tallied: 0, open: 1 });
    await control('/clock/advance', { to: at(73) });
    await control('/settle');
    const after = JSON.parse((await bureau('ballot', 'tally', ROUND, '--as', 'bureau')).out) as Json;
    expect(after).toMatchObject({ tallied: 1, open: 0 });
    expect(after.units[0]).toMatchObject({ unitCode: 'JT-XYXX', issued: 3, used: 1, cast: 1 });
    expect(after.units[0].turnout).toBeCloseTo(1 / 3, 12);
    expect(after.units[0].candidates[0]).toMatchObject({ for: 1, against: 0, abstain: 0, share: 1 });
  });
});
