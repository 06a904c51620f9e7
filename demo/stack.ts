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

export async function connect(opts: { env: Record<string, string | undefined>; quiet: boolean; dataDir?: string }): Promise<Endpoints> {
  const session = await readLocalSession({ env: opts.env });
  if (session && (await answers(session.controlUrl))) {
    return { apiUrl: session.apiUrl, controlUrl: session.controlUrl, started: false, close: async () => {} };
  }
  const { startLocalSystem } = await import('../local/system');
  try {
    const system = await startLocalSystem({ port: 0, controlPort: 0, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
    return { apiUrl: system.apiUrl, controlUrl: system.controlUrl, started: true, close: () => system.close() };
  } catch (e) {
    throw new DemoError('无法在本进程内启动本地环境', 'could not start the local system in this process', e instanceof Error ? e.message : String(e));
  }
}
