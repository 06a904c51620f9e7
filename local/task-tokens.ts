// Task tokens of `.waitForTaskToken` tasks: minted when the task starts, answered through
// SendTaskSuccess / SendTaskFailure (the local SFN endpoint, or directly).
import { randomBytes } from 'node:crypto';

/** An error with the AWS error code as its name (TaskDoesNotExist, InvalidToken, …). */
export class SfnServiceError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** What a SendTaskFailure turns into inside the execution: Error = name, Cause = message. */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

export interface PendingToken {
  token: string;
  executionArn: string;
  stateName: string;
  createdAt: Date;
}

interface Entry extends PendingToken {
  resolve(output: unknown): void;
  reject(error: Error): void;
}

type Ended = 'completed' | 'timed-out';

export class TaskTokens {
  private readonly pendingTokens = new Map<string, Entry>();
  private readonly ended = new Map<string, Ended>();
  private readonly listeners = new Set<() => void>();

  /**
   * Registers a token; the promise settles when it is answered (or `cancel`led with a reason).
   * `onSettle` runs synchronously at the moment of the answer.
   */
  open(meta: { executionArn: string; stateName: string; now?: Date }, onSettle?: () => void): { token: string; answer: Promise<unknown> } {
    const token = `LOCAL${randomBytes(48).toString('base64url')}`;
    const answer = new Promise<unknown>((resolve, reject) => {
      this.pendingTokens.set(token, {
        token,
        executionArn: meta.executionArn,
        stateName: meta.stateName,
        createdAt: meta.now ?? new Date(),
        resolve: (v) => { onSettle?.(); resolve(v); },
        reject: (e) => { onSettle?.(); reject(e); },
      });
    });
    this.notify();
    return { token, answer };
  }

  sendTaskSuccess(token: string, output: string | unknown): void {
    let value = output;
    if (typeof output === 'string') {
      try {
        value = JSON.parse(output);
      } catch {
        throw new SfnServiceError('InvalidOutput', 'output is not valid JSON');
      }
    }
    this.take(token).resolve(value);
  }

  sendTaskFailure(token: string, error = '', cause = ''): void {
    this.take(token).reject(new TaskFailure(error, cause));
  }

  /** Ends a token without an answer (task timed out, execution stopped). */
  expire(token: string, reason: Ended = 'timed-out'): void {
    if (this.pendingTokens.delete(token)) this.ended.set(token, reason);
  }

  list(executionArn?: string): PendingToken[] {
    return [...this.pendingTokens.values()]
      .filter((e) => !executionArn || e.executionArn === executionArn)
      .map(({ token, executionArn: arn, stateName, createdAt }) => ({ token, executionArn: arn, stateName, createdAt }));
  }

  /** Resolves with the first pending token matching (now or later). */
  async next(filter: (t: PendingToken) => boolean = () => true): Promise<PendingToken> {
    for (;;) {
      const found = this.list().find(filter);
      if (found) return found;
      await new Promise<void>((resolve) => {
        const listener = () => { this.listeners.delete(listener); resolve(); };
        this.listeners.add(listener);
      });
    }
  }

  private take(token: string): Entry {
    const entry = this.pendingTokens.get(token);
    if (!entry) {
      const ended = this.ended.get(token);
      if (ended === 'timed-out') throw new SfnServiceError('TaskTimedOut', 'Task Timed Out');
      if (ended || token.startsWith('LOCAL')) throw new SfnServiceError('TaskDoesNotExist', 'Task does not exist anymore');
      throw new SfnServiceError('InvalidToken', 'Invalid token');
    }
    this.pendingTokens.delete(token);
    this.ended.set(token, 'completed');
    return entry;
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}
