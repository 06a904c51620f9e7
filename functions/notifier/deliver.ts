import { NOTICE_SECRET_NAME, type DeliveryState } from '../../contracts/notices';
import type { Delivery, Notice } from '../../domain/notices/notice';
import { TransientError } from '../../app/errors';
import { classifyAwsError, isAwsServiceError } from '../shared/aws-errors';
import { secretsClient } from '../shared/clients/secrets';
import { sesClient } from '../shared/clients/ses';
import { DeliveryError, ROBOT_HOSTS, dingtalkSigned, parseRobotSecret, postToRobot, robotMessage } from './webhooks';

export interface DeliveryConfig {
  mode: 'aws' | 'local';
  emailFrom?: string;
  consoleUrl?: string;
  now: () => Date;
}

/** The secrets, cached for a few minutes per container (a robot's key is rotated rarely). */
const SECRET_TTL_MS = 5 * 60 * 1000;
const secrets = new Map<string, { value: string; until: number }>();

export function forgetSecrets(): void {
  secrets.clear();
}

async function secretValue(name: string, now: number): Promise<string> {
  if (!NOTICE_SECRET_NAME.test(name)) throw new DeliveryError('SecretNameInvalid', 'not a notice secret name');
  const hit = secrets.get(name);
  if (hit && hit.until > now) return hit.value;
  let res: { SecretString?: string | undefined };
  try {
    const [client, { GetSecretValueCommand }] = await Promise.all([secretsClient(), import('@aws-sdk/client-secrets-manager')]);
    res = await client.send(new GetSecretValueCommand({ SecretId: name }));
  } catch (e) {
    // A secret that is missing or not ours to read will not appear on retry: say which it was.
    if (isAwsServiceError(e) && !(classifyAwsError(e) instanceof TransientError)) throw new DeliveryError(`Secret${e.name}`, 'the webhook secret could not be read');
    throw e;
  }
  if (res.SecretString === undefined) throw new DeliveryError('SecretMalformed', 'the secret has no string value');
  secrets.set(name, { value: res.SecretString, until: now + SECRET_TTL_MS });
  return res.SecretString;
}

function absolute(link: string, consoleUrl: string | undefined): string {
  return consoleUrl ? new URL(link, consoleUrl).toString() : link;
}

/**
 * One delivery of a notice, its new state. On AWS: SES for e-mail, the robot's webhook (https,
 * the service's own host only) for WeChat Work and DingTalk. Locally (DESIGN §7, "an outbox
 * shows what would have been sent"): an e-mail is only recorded, and a webhook is called only
 * when it is on 127.0.0.1 (the tests' robot), any other is recorded without a call.
 */
export async function deliver(n: Notice, d: Delivery, previous: DeliveryState | undefined, cfg: DeliveryConfig): Promise<DeliveryState> {
  const at = cfg.now().toISOString();
  const attempts = (previous?.attempts ?? 0) + 1;
  const link = absolute(n.link, cfg.consoleUrl);
  try {
    let mode: DeliveryState['mode'] = 'delivered';
    if (d.channel === 'email') {
      if (cfg.mode === 'local') mode = 'outbox';
      else await sendEmail(n, d.to, link, cfg);
    } else {
      const secret = parseRobotSecret(await secretValue(d.to, cfg.now().getTime()));
      const url = new URL(secret.url);
      const local = cfg.mode === 'local';
      if (local && url.hostname !== '127.0.0.1') mode = 'outbox';
      else {
        if (!local && (url.protocol !== 'https:' || url.hostname !== ROBOT_HOSTS[d.channel])) throw new DeliveryError('WebhookHostInvalid', `the webhook must be https on ${ROBOT_HOSTS[d.channel]}`);
        const target = d.channel === 'dingtalk' && secret.sign ? dingtalkSigned(secret.url, secret.sign, cfg.now().getTime()) : secret.url;
        await postToRobot(target, robotMessage(d.channel, n, link));
      }
    }
    return { status: 'sent', attempts, lastAttemptAt: at, sentAt: at, mode };
  } catch (e) {
    const error = e instanceof DeliveryError || isAwsServiceError(e) ? `${e.name}: ${e.message}` : e instanceof Error ? e.name : 'Error';
    return { status: 'failed', attempts, lastAttemptAt: at, error: error.slice(0, 300) };
  }
}

async function sendEmail(n: Notice, to: string, link: string, cfg: DeliveryConfig): Promise<void> {
  if (!cfg.emailFrom) throw new DeliveryError('EmailFromMissing', 'NOTICE_EMAIL_FROM is not set');
  const text = `${n.body.zh}\n\n${link}\n\n${n.body.en}`;
  const [client, { SendEmailCommand }] = await Promise.all([sesClient(), import('@aws-sdk/client-sesv2')]);
  await client.send(new SendEmailCommand({
    FromEmailAddress: cfg.emailFrom,
    Destination: { ToAddresses: [to] },
    Content: { Simple: { Subject: { Data: n.subject.zh, Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' } } } },
  }));
}
