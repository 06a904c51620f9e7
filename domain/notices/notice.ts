import type { ClauseId } from '../clauses';
import type { UnitContact } from '../units/unit';

/**
 * A notice to a unit (DESIGN §7, last bullet): what happened, in Chinese first, with the page
 * the unit acts on, and who of the unit's contacts hears it by which channel. One notice per
 * (kind, unit, subject entity): its `key` is that triple, so a retried step that builds the
 * same notice again finds it already stored and sends nothing twice.
 */
export const NOTICE_KINDS = ['round-opened', 'deadline-soon', 'form-rejected', 'ballot-opened', 'assessment-opened', 'talk-overdue'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_KIND_NAMES: Readonly<Record<NoticeKind, { zh: string; en: string }>> = {
  'round-opened': { zh: '遴选开始', en: 'round opened' },
  'deadline-soon': { zh: '截止提醒', en: 'deadline soon' },
  'form-rejected': { zh: '表格退回', en: 'form rejected' },
  'ballot-opened': { zh: '民主推荐开始', en: 'ballot opened' },
  'assessment-opened': { zh: '年度考核开始', en: 'assessment window opened' },
  'talk-overdue': { zh: '谈话逾期', en: 'talk overdue' },
};

export interface Bilingual {
  zh: string;
  en: string;
}

/** The ways a notice reaches a contact: e-mail (SES), a WeChat Work or a DingTalk group robot. */
export const NOTICE_CHANNELS = ['email', 'wecom', 'dingtalk'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const NOTICE_CHANNEL_NAMES: Readonly<Record<NoticeChannel, { zh: string; en: string }>> = {
  email: { zh: '电子邮件', en: 'e-mail' },
  wecom: { zh: '企业微信', en: 'WeChat Work' },
  dingtalk: { zh: '钉钉', en: 'DingTalk' },
};

/**
 * One delivery of a notice: a channel and where it goes — an e-mail address, or for a
 * group robot the *name* of the secret that holds its webhook (never the webhook itself:
 * its URL carries the robot's key).
 */
export interface Delivery {
  /** Unique within the notice: `{contact index}-{channel}`. */
  id: string;
  channel: NoticeChannel;
  /** An e-mail address (email) or a Secrets Manager secret name (wecom, dingtalk). */
  to: string;
  /** The contact's name, for the outbox. */
  contact: string;
}

export interface Notice {
  /** `{kind}#{unit}#{entity}`: the idempotency key. */
  key: string;
  kind: NoticeKind;
  unit: string;
  /** What the notice is about: `round/{id}`, `nomination/{round}/{id}`, `review/{id}`, … */
  entity: string;
  clause: ClauseId;
  subject: Bilingual;
  body: Bilingual;
  /** The console page the unit acts on, as a path (`/school/rounds/R1`); the notifier makes it absolute. */
  link: string;
  /** When the event happened (ISO instant). */
  at: string;
  deliveries: Delivery[];
}

/** The notice's idempotency key: one notice per (kind, unit, subject entity). */
export function noticeKey(kind: NoticeKind, unit: string, entity: string): string {
  return `${kind}#${unit}#${entity}`;
}

/**
 * Who hears a unit's notices (X-UNITS: the unit's own contacts): every contact, once per way
 * it can be reached — its e-mail, its WeChat Work robot's secret, its DingTalk robot's secret.
 * A phone alone reaches no one here (no SMS channel), and a webhook URL typed into the
 * registry before secrets existed is not used: the robot's key must live in Secrets Manager.
 * The same address twice (two contacts sharing a mailbox or a group) is delivered once.
 */
export function deliveriesFor(contacts: readonly UnitContact[]): Delivery[] {
  const out: Delivery[] = [];
  const seen = new Set<string>();
  contacts.forEach((c, i) => {
    const ways: [NoticeChannel, string | undefined][] = [['email', c.email], ['wecom', c.wecomSecret], ['dingtalk', c.dingtalkSecret]];
    for (const [channel, to] of ways) {
      if (to === undefined || to === '') continue;
      const dedupe = `${channel}:${channel === 'email' ? to.toLowerCase() : to}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      out.push({ id: `${i}-${channel}`, channel, to, contact: c.name });
    }
  });
  return out;
}
