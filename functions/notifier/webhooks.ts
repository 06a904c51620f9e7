import { createHmac } from 'node:crypto';
import { NOTICE_WEBHOOK_TIMEOUT_MS } from '../../contracts/notices';
import type { Notice, NoticeChannel } from '../../domain/notices/notice';

/**
 * The group robots' webhooks: WeChat Work (企业微信) and DingTalk (钉钉). Each secret holds
 * `{"url": …}` and, for a DingTalk robot with 加签 (signing) on, `"sign": "SEC…"`.
 */
export interface RobotSecret {
  url: string;
  sign?: string;
}

export const ROBOT_HOSTS: Readonly<Record<Exclude<NoticeChannel, 'email'>, string>> = {
  wecom: 'qyapi.weixin.qq.com',
  dingtalk: 'oapi.dingtalk.com',
};

export function parseRobotSecret(text: string | undefined): RobotSecret {
  let v: unknown;
  try {
    v = JSON.parse(text ?? '');
  } catch {
    throw new DeliveryError('SecretMalformed', 'the secret is not JSON {"url": …}');
  }
  const o = v as Partial<RobotSecret>;
  if (!o || typeof o.url !== 'string') throw new DeliveryError('SecretMalformed', 'the secret has no "url"');
  return { url: o.url, ...(typeof o.sign === 'string' && o.sign !== '' ? { sign: o.sign } : {}) };
}

/** A delivery that failed: `name` is the stored reason (never the URL, which carries a key). */
export class DeliveryError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * DingTalk's 加签: `timestamp` (ms) and `sign` = base64(HMAC-SHA256(secret, "{timestamp}\n{secret}")),
 * URL-encoded, appended to the webhook (DingTalk refuses a timestamp more than an hour off).
 */
export function dingtalkSigned(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** The robot's message: markdown, Chinese (the groups are the district's), with the page link. */
export function robotMessage(channel: 'wecom' | 'dingtalk', n: Notice, link: string): unknown {
  const text = `### ${n.subject.zh}\n${n.body.zh}\n\n[打开页面](${link})`;
  return channel === 'wecom'
    ? { msgtype: 'markdown', markdown: { content: text } }
    : { msgtype: 'markdown', markdown: { title: n.subject.zh, text } };
}

/**
 * POSTs the message; both services answer HTTP 200 with `{"errcode": 0}` when they took it,
 * and a non-zero errcode (a wrong key, a throttled robot, a bad signature) otherwise.
 */
export async function postToRobot(url: string, message: unknown, timeoutMs = NOTICE_WEBHOOK_TIMEOUT_MS): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
    });
  } catch (e) {
    const name = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError') ? 'WebhookTimeout' : 'WebhookUnreachable';
    throw new DeliveryError(name, name === 'WebhookTimeout' ? `no answer within ${timeoutMs} ms` : 'the webhook could not be reached');
  }
  const body = await res.text().catch(() => '');
  if (!res.ok) throw new DeliveryError('WebhookHttpError', `HTTP ${res.status}`);
  let answer: { errcode?: unknown; errmsg?: unknown } = {};
  try {
    answer = JSON.parse(body) as typeof answer;
  } catch {
    throw new DeliveryError('WebhookBadAnswer', 'the answer is not JSON');
  }
  if (answer.errcode !== 0) throw new DeliveryError('WebhookRefused', `errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '').slice(0, 100)}`);
}
