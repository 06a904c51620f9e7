// Where the local queues keep their messages when the embedded default persists
// (`npm start -- --persist`): one JSON file a queue, named by its logical id, rewritten whole
// on every change through a temporary file and a rename, so a file is always either the old
// contents or the new — never half written, even if the process is killed mid-write.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredMessage {
  messageId: string;
  body: string;
  receives: number;
  sentAt: number;
  /** When it may be received again (after a failed delivery): epoch ms, real time. */
  visibleAt: number;
}

const FORMAT = 1;

function isMessage(v: unknown): v is StoredMessage {
  const m = v as Partial<StoredMessage> | null;
  return typeof m === 'object' && m !== null && typeof m.messageId === 'string' && typeof m.body === 'string'
    && Number.isFinite(m.receives) && Number.isFinite(m.sentAt) && Number.isFinite(m.visibleAt);
}

export class QueueStore {
  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  private file(logicalId: string): string {
    // Logical ids are CloudFormation's alphanumerics: safe as file names as they are.
    if (!/^[A-Za-z0-9]+$/.test(logicalId)) throw new Error(`not a logical id: ${logicalId}`);
    return join(this.directory, `${logicalId}.json`);
  }

  /** The messages kept for a queue; none when it has no file yet. A file that is not ours is an error, not an empty queue. */
  load(logicalId: string): StoredMessage[] {
    let text: string;
    try {
      text = readFileSync(this.file(logicalId), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const parsed = JSON.parse(text) as { format?: unknown; messages?: unknown };
    if (parsed.format !== FORMAT || !Array.isArray(parsed.messages) || !parsed.messages.every(isMessage)) {
      throw new Error(`${this.file(logicalId)} is not a local queue's file (format ${FORMAT})`);
    }
    return parsed.messages;
  }

  save(logicalId: string, messages: readonly StoredMessage[]): void {
    const file = this.file(logicalId);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, messages }));
    renameSync(tmp, file);
  }
}
