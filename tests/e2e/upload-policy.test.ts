/**
 * End to end, through HTTP only: the upload link the API issues is enforced by the local S3
 * as S3 enforces it (issue #12). A school that rewrites its link's key to another unit, sends
 * 6 MB through a 5 MB link, changes the content type or forges the signature is refused, and
 * no nomination appears for anyone; the link as issued works. Nothing is written unsigned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureForm, jsonBytes, registerUnits, startE2eSystem, type E2eSystem, type PoolClient } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-UPLD';
const OWN = 'JT-XYXX';
const OTHER = 'JT-JTZX';

let sys: E2eSystem;
let bureau: PoolClient;
let school: PoolClient;

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  school = await sys.control.client('school', OWN);
  await registerUnits(bureau, [{ code: OWN, name: '金坛区西旸小学', type: 'primary' }]);
  await bureau.request('POST', '/rounds', {
    roundId: ROUND, title: '上传策略测试批次', referenceDate: '2026-12-01',
    intakeClosesAt: '2026-11-12T17:00:00+08:00', scoringClosesAt: '2026-11-13T17:00:00+08:00', tiers: [3],
    orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
  });
});
afterAll(async () => {
  await sys?.close();
});

interface Link { url: string; fields: Record<string, string>; key: string; maxBytes: number; contentType: string }
const form = () => jsonBytes(fixtureForm('tier3-route-a-eligible.json', { roundId: ROUND, unitCode: OWN, unitName: '金坛区西旸小学' }));

async function post(link: Link, fields: Record<string, string>, body: Uint8Array) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  data.append('file', new Blob([body], { type: link.contentType }), 'form.json');
  const res = await fetch(link.url, { method: 'POST', body: data });
  const text = await res.text();
  return { status: res.status, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1], text };
}

async function keysOf(unit: string): Promise<string[]> {
  const res = await bureau.nominations(ROUND, { unit }) as { nominations: Array<{ source: { key: string } }> };
  return res.nominations.map((n) => n.source.key);
}

describe('the upload link as the local S3 enforces it', () => {
  it('refuses the link rewritten to another unit, oversize, another content type, a forged signature — and nothing reaches intake', async () => {
    const link = await school.uploadLink(ROUND, 'form.json') as Link;
    expect(link.key.startsWith(`rounds/${ROUND}/units/${OWN}/`)).toBe(true);
    const forgedKey = link.key.replace(`/units/${OWN}/`, `/units/${OTHER}/`);
    const sig = link.fields['X-Amz-Signature']!;

    const answers = {
      otherUnit: await post(link, { ...link.fields, key: forgedKey }, form()),
      oversize: await post(link, link.fields, new Uint8Array(link.maxBytes + 1024 * 1024)),
      contentType: await post(link, { ...link.fields, 'Content-Type': 'text/html' }, form()),
      signature: await post(link, { ...link.fields, 'X-Amz-Signature': sig.replace(/.$/, sig.endsWith('a') ? 'b' : 'a') }, form()),
    };
    expect(answers.otherUnit).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(answers.otherUnit.text).toContain('Invalid according to Policy: Policy Condition failed: [&quot;eq&quot;, &quot;$key&quot;');
    expect(answers.oversize).toMatchObject({ status: 400, code: 'EntityTooLarge' });
    expect(answers.contentType).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(answers.signature).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });

    // Unsigned, straight at the bucket: refused too.
    const bucketUrl = link.url.replace(/\/$/, '');
    const put = await fetch(`${bucketUrl}/${forgedKey}`, { method: 'PUT', body: form() });
    expect(put.status).toBe(403);
    await put.text();

    expect(await keysOf(OTHER)).toEqual([]);
    expect(await keysOf(OWN)).toEqual([]);
  });

  it('takes the link as issued: the school\'s own nomination appears, under its own unit', async () => {
    const link = await school.uploadLink(ROUND, 'form.json') as Link;
    const ok = await post(link, link.fields, form());
    expect(ok.status).toBe(204);
    let keys: string[] = [];
    for (let i = 0; i < 300 && keys.length === 0; i++) {
      keys = await keysOf(OWN);
      if (keys.length === 0) await new Promise((r) => setTimeout(r, 10));
    }
    expect(keys).toEqual([link.key]);
    expect(await keysOf(OTHER)).toEqual([]);
  });
});
