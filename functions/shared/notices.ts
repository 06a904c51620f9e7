import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UseCaseContext } from '../../app/ports';
import { readConfig } from './config';
import { SqsNoticeQueue } from './notice-queue';
import { NoticeRepository } from './repository/notices';

/** Notices to units, when the deployment has a notice queue (NOTICE_QUEUE_URL): the outbox store and the queue. */
export function noticesOf(doc: DynamoDBDocumentClient, table: string): Pick<UseCaseContext, 'notices'> {
  const { NOTICE_QUEUE_URL: queueUrl } = readConfig(['NOTICE_QUEUE_URL']);
  return queueUrl ? { notices: { store: new NoticeRepository({ doc, table }), queue: new SqsNoticeQueue(queueUrl) } } : {};
}
