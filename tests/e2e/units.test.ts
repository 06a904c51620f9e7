/**
 * End to end, through HTTP only: the unit registry (issue #11, item 7). The bureau registers
 * units (PUT /units/{unitCode}) and lists them (GET /units); a school reads its own entry and
 * may not change it; every bad field is a coded problem at its path, in Chinese and English.
 * Upload links are checked against the registry: an unknown unit code is a coded refusal at
 * the link (422 UNIT_UNKNOWN), for a school and for the bureau naming the unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, refusal, startE2eSystem, type E2eSystem, type Json, type PoolClient } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-UNITS';

let sys: E2eSystem;
let bureau: PoolClient;
let approver: PoolClient;
let xyxx: PoolClient;

const XYXX = {
  name: '金坛区西旸小学', type: 'primary', orgDeptManaged: false, group: '西城教育集团',
  contacts: [
    { name: '王老师', role: '人事干部', phone: '0519-82812345', email: 'renshi@xyxx.example.cn' },
    { name: '学校群', wecomWebhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=placeholder' },
  ],
};

beforeAll(async () => {
  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  approver = await sys.control.client('approver');
  xyxx = await sys.control.client('school', 'JT-XYXX');
  await bureau.openRound({
    roundId: ROUND, title: '单位名册测试批次', referenceDate: '2026-12-01',
    intakeClosesAt: '2026-11-12T17:00:00+08:00', scoringClosesAt: '2026-11-13T17:00:00+08:00', tiers: [3],
    orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
    scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
  });
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

describe('the unit registry', () => {
  it('an unknown unit gets no upload link: 422 UNIT_UNKNOWN, Chinese and English, for a school and for the bureau', async () => {
    const school = await refusal(() => xyxx.uploadLink(ROUND, 'a.json'));
    expect([school.status, school.body?.error.code]).toEqual([422, 'UNIT_UNKNOWN']);
    expect(school.body?.error.zh).toMatch(/JT-XYXX 未在单位名册中登记/);
    expect(school.body?.error.en).toMatch(/JT-XYXX is not in the unit registry/);
    const named = await refusal(() => bureau.uploadLink(ROUND, 'a.json', 'JT-NOSUCH'));
    expect([named.status, named.body?.error.code, named.body?.error.problems?.[0]?.path]).toEqual([422, 'UNIT_UNKNOWN', 'unit']);
  });

  it('the bureau registers a unit (201), changes it (200), lists it; the link is issued once it is registered', async () => {
    const created = await bureau.putUnit('JT-XYXX', XYXX) as { created: boolean; unit: Json };
    expect(created.created).toBe(true);
    expect(created.unit).toMatchObject({ code: 'JT-XYXX', name: '金坛区西旸小学', type: 'primary', typeName: { zh: '小学' }, orgDeptManaged: false, group: '西城教育集团' });
    const again = await bureau.putUnit('JT-XYXX', { ...XYXX, group: '东城教育集团' }) as { created: boolean; unit: Json };
    expect([again.created, again.unit.group]).toEqual([false, '东城教育集团']);
    await bureau.putUnit('JT-HLGZX', { name: '江苏省华罗庚中学', type: 'middle', orgDeptManaged: true });
    const { units } = await bureau.units() as { units: Json[] };
    expect(units.map((u) => [u.code, u.orgDeptManaged])).toEqual([['JT-HLGZX', true], ['JT-XYXX', false]]);
    expect(units.find((u) => u.code === 'JT-XYXX')?.contacts).toHaveLength(2);

    const link = await xyxx.uploadLink(ROUND, 'a.json');
    expect(link.key).toMatch(/^rounds\/2026-UNITS\/units\/JT-XYXX\//);
    expect((await bureau.uploadLink(ROUND, 'a.json', 'JT-HLGZX')).key).toMatch(/units\/JT-HLGZX\//);
  });

  it('a school reads its own entry only and may not register or change a unit (403); the approver may not read it', async () => {
    const own = await xyxx.units() as { units: Json[] };
    expect(own.units.map((u) => u.code)).toEqual(['JT-XYXX']);
    const put = await refusal(() => xyxx.putUnit('JT-XYXX', XYXX));
    expect([put.status, put.body?.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(put.body?.error.zh).toMatch(/只有教育局/);
    expect((await refusal(() => approver.units())).status).toBe(403);
    expect((await refusal(() => approver.putUnit('JT-XYXX', XYXX))).status).toBe(403);
  });

  it('every bad field is a coded problem at its path; a malformed unit code is not found', async () => {
    const bad = await refusal(() => bureau.putUnit('JT-BAD', {
      name: '', type: 'school', orgDeptManaged: 'yes', extra: 1,
      contacts: [
        { name: '甲', phone: '12345' },
        { name: '乙', email: 'not-an-email' },
        { name: '丙', dingtalkWebhook: 'http://oapi.dingtalk.com/robot/send' },
        { name: '丁', wecomWebhook: 'https://evil.example.com/cgi-bin/webhook/send' },
        { name: '戊' },
      ],
    }));
    expect(bad.status).toBe(400);
    const problems = bad.body?.error.problems ?? [];
    expect(problems.map((p) => p.path).sort()).toEqual([
      'contacts.0.phone', 'contacts.1.email', 'contacts.2.dingtalkWebhook', 'contacts.3.wecomWebhook', 'contacts.4', 'extra', 'name', 'orgDeptManaged', 'type',
    ]);
    for (const p of problems) {
      expect(p.code).toBe('BODY_INVALID');
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en.length).toBeGreaterThan(0);
    }
    expect(problems.find((p) => p.path === 'contacts.4')?.zh).toMatch(/至少填写电话、电子邮箱或群机器人地址之一/);
    const lower = await refusal(() => bureau.putUnit('jt-lower', XYXX));
    expect([lower.status, lower.body?.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(lower.body?.error.zh).toMatch(/未找到单位/);
    expect(lower).toBeInstanceOf(ApiError);
  });
});
