import * as z from 'zod';
import { NOTICE_CHANNELS, NOTICE_KINDS } from '../../domain/notices/notice';
import { DELIVERY_STATUSES } from '../notices';
import { Clause, Text } from './common';

/** The outbox (functions/api/notices.ts): what was sent to whom, when, by which channel and how it went. */
const DeliveryView = z.object({
  id: z.string(), channel: z.enum(NOTICE_CHANNELS), to: z.string(), contact: z.string(), channelName: Text,
  status: z.enum(DELIVERY_STATUSES), attempts: z.number(), lastAttemptAt: z.string().optional(), sentAt: z.string().optional(),
  error: z.string().optional(), mode: z.enum(['delivered', 'outbox']).optional(), statusName: z.string(),
});

export const NoticeView = z.object({
  key: z.string(), kind: z.enum(NOTICE_KINDS), kindName: Text, unit: z.string(), entity: z.string(), clause: Clause,
  subject: Text, body: Text, link: z.string(), at: z.string(), recordedAt: z.string(), enqueuedAt: z.string().optional(),
  status: z.enum(DELIVERY_STATUSES), statusName: z.string(), deliveries: z.array(DeliveryView),
});

export const NoticesAnswer = z.object({ notices: z.array(NoticeView), cursor: z.string().optional() });
