import { readLocalSession } from '../cli/local-session';
import { DemoError } from './json';

/**
 * Where the demo runs: the local stack `npm start` left in .data/local.json, if it answers;
 * otherwise the same system started in this process (local/system.ts, imported lazily so
 * the demo does not load the emulators when it only connects).
 */

export interface Endpoints {
  apiUrl: string;
  controlUrl: string;
  /** The web console, when one serves (npm start): its /vote page is printed on the ballot slips. */
  consoleUrl?: string;
  /** Whether this process started the stack (and so stops it). */
  started: boolean;
  close(): Promise<void>;
}

async function answers(controlUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${controlUrl.replace(/\/$/, '')}/clock`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * `start` sets the simulated clock of a stack the demo starts itself (it then runs on with real
 * time, as npm start's does); a running stack's clock is its own and cannot go back, so `start`
 * with one is refused.
 */
export async function connect(opts: { env: Record<string, string | undefined>; quiet: boolean; dataDir?: string; start?: Date }): Promise<Endpoints> {
  const session = await readLocalSession({ env: opts.env });
  if (session && (await answers(session.controlUrl))) {
    if (opts.start) {
      throw new DemoError('--start 只用于演示自行启动的本地环境：正在运行的 npm start 有自己的模拟时钟（不能回拨）',
        '--start is for a stack the demo starts itself: the running npm start has its own simulated clock (it does not go back)');
    }
    return { apiUrl: session.apiUrl, controlUrl: session.controlUrl, ...(session.consoleUrl ? { consoleUrl: session.consoleUrl } : {}), started: false, close: async () => {} };
  }
  const [{ startLocalSystem }, { SimulatedClock }] = await Promise.all([import('../local/system'), import('../local/clock')]);
  try {
    const clock = new SimulatedClock({ followRealTime: true, ...(opts.start ? { start: opts.start } : {}) });
    const system = await startLocalSystem({ port: 0, controlPort: 0, clock, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
    return { apiUrl: system.apiUrl, controlUrl: system.controlUrl, ...(system.consoleUrl ? { consoleUrl: system.consoleUrl } : {}), started: true, close: () => system.close() };
  } catch (e) {
    throw new DemoError('无法在本进程内启动本地环境', 'could not start the local system in this process', e instanceof Error ? e.message : String(e));
  }
}
