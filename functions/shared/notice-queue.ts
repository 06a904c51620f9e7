import type { Notice } from '../../domain/notices/notice';
import { NOTICE_BATCH } from '../../contracts/notices';
import type { NoticeQueue } from '../../app/ports/notices';
import { sqsClient } from './clients/sqs';

/** The notice queue on SQS (on AWS and, through the local SQS endpoint, in the embedded default). */
export class SqsNoticeQueue implements NoticeQueue {
  constructor(private readonly queueUrl: string) {}

  async enqueue(notices: readonly Notice[]): Promise<void> {
    const [client, { SendMessageBatchCommand }] = await Promise.all([sqsClient(), import('@aws-sdk/client-sqs')]);
    for (let i = 0; i < notices.length; i += NOTICE_BATCH) {
      const batch = notices.slice(i, i + NOTICE_BATCH);
      const res = await client.send(new SendMessageBatchCommand({
        QueueUrl: this.queueUrl,
        Entries: batch.map((n, j) => ({ Id: String(j), MessageBody: JSON.stringify(n) })),
      }));
      // A batch answers 200 with entries refused one by one (the SDK throws only for the whole call).
      const failed = res.Failed ?? [];
      if (failed.length > 0) throw new Error(`SQS refused ${failed.length} of ${batch.length} notices (${[...new Set(failed.map((f) => f.Code))].join(', ')})`);
    }
  }
}
