/**
 * End to end on the embedded default, through HTTP only (issue #13.3): a school asks for an
 * upload link for an .lrmx and for a .zip of them, posts the files through the presigned
 * POST the local S3 verifies as S3 does, and reads what became of each person on the status
 * route it already has (GET /rounds/{roundId}/nominations): coded problems with the element
 * path, Chinese first and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, registerUnits, startE2eSystem, type E2eSystem, type PoolClient } from './support';
import { lrmxFixture, lrmxZip } from '../support/lrmx';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-LRMX';
const OWN = 'JT-XYXX';

let sys: E2eSystem;
let school: PoolClient;

beforeAll(async () => {
  sys = await startE2eSystem(START);
  const bureau = await sys.control.client('bureau');
  school = await sys.control.client('school', OWN);
  await registerUnits(bureau, [{ code: OWN, name: '金坛区西旸小学', type: 'primary' }]);
  await bureau.request('POST', '/rounds', {
    roundId: ROUND, title: '任免审批表导入测试批次', referenceDate: '2026-12-01',
    intakeClosesAt: '2026-11-12T17:00:00+08:00', scoringClosesAt: '2026-11-13T17:00:00+08:00', tiers: [3],
    orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
  });
});
afterAll(async () => {
  await sys?.close();
});

interface Seen { nominationId: string; status: string; candidateName?: string; problems?: Array<{ code: string; path: string; element?: string; zh: string; en: string }>; source: { key: string; entry?: string; row?: number } }

async function seenFor(key: string, n: number): Promise<Seen[]> {
  return eventually(async () => {
    const res = await school.nominations(ROUND) as { nominations: Seen[] };
    const mine = res.nominations.filter((x) => x.source.key === key);
    return mine.length === n ? mine : undefined;
  }, `${n} nominations of ${key}`, 300, 20);
}

async function post(link: { url: string; fields: Record<string, string>; contentType: string }, body: Uint8Array, type = link.contentType) {
  const data = new FormData();
  for (const [k, v] of Object.entries(link.fields)) data.append(k, v);
  data.append('file', new Blob([Buffer.from(body)], { type }), 'file');
  const res = await fetch(link.url, { method: 'POST', body: data });
  await res.text();
  return res.status;
}

describe('a school uploads .lrmx through the presigned POST and reads the problems back', () => {
  it('one .lrmx: the person comes back rejected with each field to complete, by element', async () => {
    const link = await school.uploadLink(ROUND, '张三.lrmx') as { url: string; fields: Record<string, string>; key: string; contentType: string };
    expect(link.contentType).toBe('application/xml');
    expect(link.fields['Content-Type']).toBe('application/xml');
    expect(link.key).toMatch(/-张三\.lrmx$/);
    // The link allows its own content type only: a zip posted as one is refused by the local S3.
    expect(await post({ ...link, fields: { ...link.fields, 'Content-Type': 'application/zip' } }, lrmxFixture('zhangsan.lrmx'))).toBe(403);
    expect(await post(link, lrmxFixture('zhangsan.lrmx'))).toBe(204);

    const [n] = await seenFor(link.key, 1);
    expect(n).toMatchObject({ status: 'rejected', candidateName: '张三' });
    // The first problem of each code (a form has two educations, each without a graduation date).
    const byCode = new Map([...n!.problems!].reverse().map((p) => [p.code, p]));
    expect(byCode.get('LRMX_POSTS_FREE_TEXT')).toMatchObject({ path: 'candidate.posts', element: 'Person/JianLi' });
    expect(byCode.get('LRMX_HONOURS_FREE_TEXT')).toMatchObject({ path: 'candidate.honours', element: 'Person/JiangChengQingKuang' });
    expect(byCode.get('LRMX_ATTESTATION_REQUIRED')).toMatchObject({ path: 'attestation' });
    expect(byCode.get('LRMX_EDUCATION_GRADUATED')?.zh).toMatch(/^Person\/JianLi：任免审批表不含全日制教育的毕业日期/);
    expect(byCode.get('LRMX_EDUCATION_GRADUATED')?.en).toMatch(/^Person\/JianLi: the \.lrmx has no graduation date/);
    expect(JSON.stringify(n)).not.toContain('320482199205014521');
  });

  it('a .zip of three: three people, each with its own problems and entry', async () => {
    const link = await school.uploadLink(ROUND, '三人.zip') as { url: string; fields: Record<string, string>; key: string; contentType: string };
    expect(link.contentType).toBe('application/zip');
    const zip = lrmxZip({ '张三.lrmx': lrmxFixture('zhangsan.lrmx'), '李四.lrmx': lrmxFixture('lisi.lrmx'), '王芳.lrmx': lrmxFixture('wangfang-no-id.lrmx') });
    expect(await post(link, zip)).toBe(204);
    const seen = await seenFor(link.key, 3);
    const byEntry = new Map(seen.map((s) => [s.source.entry, s]));
    expect([...byEntry.keys()].sort()).toEqual(['张三.lrmx', '李四.lrmx', '王芳.lrmx'].sort());
    expect(byEntry.get('王芳.lrmx')?.problems?.find((p) => p.path === 'candidate.idNumber')).toMatchObject({ code: 'LRMX_REQUIRED', element: 'Person/ShenFenZheng' });
    expect(byEntry.get('李四.lrmx')?.problems?.map((p) => p.code)).not.toContain('LRMX_HONOURS_FREE_TEXT');
  });

  it('the upload link refuses other extensions, as before', async () => {
    await expect(school.uploadLink(ROUND, '张三.lrm')).rejects.toMatchObject({ status: 400 });
  });
});
