/**
 * End to end on the embedded system (issue #14.4): notices to units. A round opening tells
 * every registered unit (its upload page), a rejected form tells its unit; e-mails land in
 * the outbox, a robot on 127.0.0.1 is really called. A notice queue that refuses, or a robot
 * that keeps failing until the notice waits in the dead-letter queue, never stops a round.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureForm, jsonBytes, startE2eSystem, type E2eSystem, type Json, type PoolClient } from './support';
import { NOTICE_MAX_RECEIVES } from '../../contracts/notices';

const START = '2026-11-02T09:00:00+08:00';

interface OutboxNotice { key: string; kind: string; unit: string; subject: { zh: string }; body: { zh: string }; link: string; status: string; enqueuedAt?: string; deliveries: { id: string; channel: string; to: string }[]; states: Record<string, { status: string; attempts: number; mode?: string; error?: string }> }
interface Outbox { notices: OutboxNotice[]; deadLetters: { key?: string; receives: number }[] }

let sys: E2eSystem;
let bureau: PoolClient;
let xyxx: PoolClient;
let robot: Server;
let robotUrl = '';
const robotCalls: { key: string | null; text: string }[] = [];
let robotFails = false;

const roundBody = (roundId: string) => ({
  roundId, title: `通知测试批次 ${roundId}`, referenceDate: '2026-12-01',
  intakeClosesAt: '2026-11-12T17:00:00+08:00', scoringClosesAt: '2026-11-13T17:00:00+08:00', tiers: [3],
  orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
  scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
});

const outbox = () => sys.control.call<Outbox>('GET', '/outbox');
const noticesOf = async (entity: string) => (await outbox()).notices.filter((n) => n.key.endsWith(`#${entity}`));

beforeAll(async () => {
  robot = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      robotCalls.push({ key: new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('key'), text: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(robotFails ? 502 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => robot.listen(0, '127.0.0.1', () => r()));
  robotUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;

  sys = await startE2eSystem(START);
  bureau = await sys.control.client('bureau');
  xyxx = await sys.control.client('school', 'JT-XYXX');
  await sys.control.call('PUT', '/secrets', { name: 'talent-pool/notify/xyxx', value: JSON.stringify({ url: `${robotUrl}/cgi-bin/webhook/send?key=xyxx` }) });
  await bureau.putUnit('JT-XYXX', {
    name: '金坛区西旸小学', type: 'primary', orgDeptManaged: false,
    contacts: [{ name: '王老师', email: 'renshi@xyxx.example.cn', wecomSecret: 'talent-pool/notify/xyxx' }],
  });
  await bureau.putUnit('JT-JTZX', { name: '金坛区金坛中学', type: 'middle', orgDeptManaged: false, contacts: [{ name: '赵老师', email: 'zhao@jtzx.example.cn' }] });
  await bureau.putUnit('JT-NOONE', { name: '金坛区某幼儿园', type: 'kindergarten', orgDeptManaged: false, contacts: [{ name: '钱老师', phone: '13812345678' }] });
}, 60_000);

afterAll(async () => {
  await sys?.close();
  await new Promise<void>((r) => (robot ? robot.close(() => r()) : r()));
});

describe('notices to units', () => {
  it('a round opening tells every registered unit, with its upload page: the e-mail in the outbox, the robot really called', async () => {
    await bureau.openRound(roundBody('2026-N1'));
    await sys.control.settle();
    const notices = await noticesOf('round/2026-N1');
    expect(notices.map((n) => n.unit).sort()).toEqual(['JT-JTZX', 'JT-NOONE', 'JT-XYXX']);
    const x = notices.find((n) => n.unit === 'JT-XYXX')!;
    expect(x).toMatchObject({ kind: 'round-opened', link: '/school/rounds/2026-N1', status: 'sent' });
    expect(x.subject.zh).toBe('【后备干部遴选】通知测试批次 2026-N1已开始');
    expect(x.body.zh).toContain('2026年11月12日 17:00（北京时间）');
    expect(x.states['0-email']).toMatchObject({ status: 'sent', mode: 'outbox' });
    expect(x.states['0-wecom']).toMatchObject({ status: 'sent', mode: 'delivered', attempts: 1 });
    expect(robotCalls.filter((c) => c.text.includes('2026-N1'))).toHaveLength(1);
    // A unit with only a phone is recorded as not reached.
    expect(notices.find((n) => n.unit === 'JT-NOONE')).toMatchObject({ status: 'failed', deliveries: [] });

    // The API: the bureau sees all, a school its own only.
    const all = (await bureau.request<{ notices: Json[] }>('GET', '/notices')).notices;
    expect(all.filter((n) => String(n.key).endsWith('#round/2026-N1'))).toHaveLength(3);
    const own = (await xyxx.request<{ notices: { unit: string; statusName: string; deliveries: { channelName: { zh: string }; statusName: string }[] }[] }>('GET', '/notices?unit=JT-JTZX')).notices;
    expect(new Set(own.map((n) => n.unit))).toEqual(new Set(['JT-XYXX']));
    expect(own[0]).toMatchObject({ statusName: '已发送' });
    expect(own[0]!.deliveries.map((d) => d.channelName.zh).sort()).toEqual(['企业微信', '电子邮件']);
  });

  it('a rejected form tells its unit why, once', async () => {
    const link = await xyxx.upload('2026-N1', 'malformed.json', jsonBytes(fixtureForm('malformed.json', { roundId: '2026-N1' })));
    await sys.control.settle();
    const rejected = (await outbox()).notices.filter((n) => n.kind === 'form-rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ unit: 'JT-XYXX', link: '/school/rounds/2026-N1', status: 'sent' });
    expect(rejected[0]!.body.zh).toMatch(/未通过审核。原因：.+。请修改后重新上传。/);
    expect(link.key).toContain('JT-XYXX');
    expect(robotCalls.filter((c) => c.text.includes('表格退回'))).toHaveLength(1);
  });

  it('a notice queue that refuses every send does not stop the round: it opens and runs, its notices wait as 待发送', async () => {
    await sys.control.call('POST', '/outbox/queue', { fail: true });
    try {
      const opened = await bureau.openRound(roundBody('2026-N2')) as { round?: { status: string; executionArn?: string } };
      expect(JSON.stringify(opened)).toContain('2026-N2');
      const round = await bureau.getRound('2026-N2') as { round?: Json } & Json;
      expect(JSON.stringify(round)).toMatch(/"status":"open"/);
      const executions = await sys.control.executions();
      expect(executions.some((e) => e.executionArn.includes('2026-N2') && e.status === 'RUNNING')).toBe(true);
      const waiting = await noticesOf('round/2026-N2');
      expect(waiting).toHaveLength(2 + 1);
      expect(waiting.filter((n) => n.deliveries.length > 0).every((n) => n.status === 'pending' && n.enqueuedAt === undefined)).toBe(true);
    } finally {
      await sys.control.call('POST', '/outbox/queue', { fail: false });
    }
  });

  it(`a robot that keeps failing: the notice is retried ${NOTICE_MAX_RECEIVES} times, then waits in the DLQ as 发送失败; the round goes on`, async () => {
    robotFails = true;
    try {
      await bureau.openRound(roundBody('2026-N3'));
      await sys.control.settle();
      const x = (await noticesOf('round/2026-N3')).find((n) => n.unit === 'JT-XYXX')!;
      expect(x.status).toBe('failed');
      expect(x.states['0-wecom']).toMatchObject({ status: 'failed', attempts: NOTICE_MAX_RECEIVES, error: 'WebhookHttpError: HTTP 502' });
      // The e-mail was recorded once: a retry never sends a delivery twice.
      expect(x.states['0-email']).toMatchObject({ status: 'sent', attempts: 1 });
      expect(robotCalls.filter((c) => c.text.includes('2026-N3'))).toHaveLength(NOTICE_MAX_RECEIVES);
      const { deadLetters } = await outbox();
      expect(deadLetters.filter((d) => d.key === x.key)).toEqual([{ messageId: expect.any(String), receives: NOTICE_MAX_RECEIVES, key: x.key }]);
      // The other units' notices went through.
      expect((await noticesOf('round/2026-N3')).find((n) => n.unit === 'JT-JTZX')?.status).toBe('sent');
      const executions = await sys.control.executions();
      expect(executions.some((e) => e.executionArn.includes('2026-N3') && e.status === 'RUNNING')).toBe(true);
    } finally {
      robotFails = false;
    }
  });
});
