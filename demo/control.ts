import { DemoError, arr, isObj, obj, optStr, str } from './json';

/**
 * The local stack's control endpoint (local only; a deployed stack has none): demo tokens,
 * the simulated clock, firing the yearly schedule, and settling (waiting until every S3
 * delivery is processed and every execution is finished or parked on a Wait or a token).
 */

/** How long one settle may take (the control port allows up to an hour). */
export const SETTLE_TIMEOUT_MS = 180_000;

export interface ExecutionInfo {
  executionArn: string;
  machine: string;
  status: string;
  waitingAt?: string;
}

export class LocalControl {
  constructor(readonly url: string, private readonly fetchImpl: typeof fetch = fetch) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await this.fetchImpl(`${this.url.replace(/\/$/, '')}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new DemoError(`本地控制接口 ${method} ${path} 失败（HTTP ${res.status}）`, `local control ${method} ${path} failed (HTTP ${res.status})`, text.slice(0, 500));
    }
    return text ? (JSON.parse(text) as unknown) : {};
  }

  async token(role: 'bureau' | 'approver' | 'school', unit?: string): Promise<string> {
    return str(obj(await this.call('POST', '/tokens', { role, ...(unit ? { unit } : {}) }), 'token').token, 'token');
  }

  async now(): Promise<Date> {
    return new Date(str(obj(await this.call('GET', '/clock'), 'clock').now, 'now'));
  }

  async advance(by: { days?: number; hours?: number; to?: string }): Promise<Date> {
    return new Date(str(obj(await this.call('POST', '/clock/advance', by), 'clock').now, 'now'));
  }

  /** The yearly schedule's firings so far (each with the execution it started). */
  async firings(): Promise<Array<{ scheduledTime: string; executionArn?: string }>> {
    return arr(obj(await this.call('GET', '/schedule'), 'schedule').firings, 'firings').filter(isObj).map((f) => ({
      scheduledTime: str(f.scheduledTime, 'scheduledTime'),
      ...(optStr(f.executionArn) ? { executionArn: optStr(f.executionArn) } : {}),
    }));
  }

  async fireSchedule(): Promise<string> {
    return str(obj(await this.call('POST', '/schedule/fire'), 'fire').executionArn, 'executionArn');
  }

  /**
   * Waits until the stack is idle. The control port's own bound is 20 s; a round admitting a
   * hundred members on a loaded 2-core machine can take longer, so the demo asks for up to
   * `timeoutMs`, and on running out says which executions were still running.
   */
  async settle(timeoutMs = SETTLE_TIMEOUT_MS): Promise<ExecutionInfo[]> {
    try {
      return executions(await this.call('POST', '/settle', { timeoutMs }));
    } catch (e) {
      if (!(e instanceof DemoError)) throw e;
      const running = await this.executions().then((l) => l.filter((x) => x.status === 'RUNNING' && !x.waitingAt), () => []);
      throw new DemoError(`${e.zh}；仍在运行 ${running.length} 个执行`, `${e.en}; ${running.length} executions still running`, { detail: e.detail, running });
    }
  }

  async executions(): Promise<ExecutionInfo[]> {
    return executions(await this.call('GET', '/executions'));
  }
}

function executions(body: unknown): ExecutionInfo[] {
  return arr(obj(body, 'executions').executions, 'executions').filter(isObj).map((e) => ({
    executionArn: str(e.executionArn, 'executionArn'),
    machine: optStr(e.machine) ?? '',
    status: str(e.status, 'status'),
    ...(optStr(e.waitingAt) ? { waitingAt: optStr(e.waitingAt) } : {}),
  }));
}

const BAD = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/** Executions that failed since the demo began (the demo never carries on past one). */
export function failedExecutions(list: readonly ExecutionInfo[], known: ReadonlySet<string> = new Set()): ExecutionInfo[] {
  return list.filter((e) => BAD.has(e.status) && !known.has(e.executionArn));
}
