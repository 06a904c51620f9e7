import type { ApiClient } from './api';

/** GET /notices (the outbox, DESIGN §7): what was sent to a unit, to whom, by which channel, and how it went. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface NoticeDelivery {
  id: string;
  channel: 'email' | 'wecom' | 'dingtalk';
  channelName: { zh: string; en: string };
  /** An e-mail address, or the name of the robot's webhook secret. */
  to: string;
  contact: string;
  status: DeliveryStatus;
  statusName: string;
  attempts: number;
  lastAttemptAt?: string;
  sentAt?: string;
  error?: string;
  mode?: 'delivered' | 'outbox';
}

export interface NoticeEntry {
  key: string;
  kind: string;
  kindName: { zh: string; en: string };
  unit: string;
  subject: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string;
  at: string;
  recordedAt: string;
  status: DeliveryStatus;
  statusName: string;
  deliveries: NoticeDelivery[];
}

/** Every notice the caller may see (a school: its own unit's), newest first, page by page (bounded). */
export async function listNotices(api: ApiClient): Promise<NoticeEntry[]> {
  const all: NoticeEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await api.request<{ notices: NoticeEntry[]; cursor?: string }>('GET', `/notices${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...r.notices);
    cursor = r.cursor;
    if (!cursor) break;
  }
  return all;
}
