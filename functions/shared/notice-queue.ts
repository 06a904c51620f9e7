import type { Notice } from '../../domain/notices/notice';
import { NOTICE_BATCH } from '../../contracts/notices';
import type { NoticeQueue } from '../../app/ports/notices';
import { awsJson } from './clients/aws-json';

interface SendMessageBatchResult {
  Successful?: { Id: string }[];
  Failed?: { Id: string; Code?: string; Message?: string; SenderFault?: boolean }[];
}

/** The notice queue on SQS (on AWS and, through the local SQS endpoint, in the embedded default). */
export class SqsNoticeQueue implements NoticeQueue {
  constructor(private readonly queueUrl: string) {}

  async enqueue(notices: readonly Notice[]): Promise<void> {
    for (let i = 0; i < notices.length; i += NOTICE_BATCH) {
      const batch = notices.slice(i, i + NOTICE_BATCH);
      const res = await awsJson<SendMessageBatchResult>({
        service: 'sqs', target: 'AmazonSQS.SendMessageBatch',
        body: { QueueUrl: this.queueUrl, Entries: batch.map((n, j) => ({ Id: String(j), MessageBody: JSON.stringify(n) })) },
      });
      const failed = res.Failed ?? [];
      if (failed.length > 0) throw new Error(`SQS refused ${failed.length} of ${batch.length} notices (${[...new Set(failed.map((f) => f.Code))].join(', ')})`);
    }
  }
}
