import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * What `npm start` leaves for the CLI and the demo: where the local API and its control
 * endpoint (tokens, the simulated clock, firing the schedule) listen. Local only — a
 * deployed stack has no control endpoint.
 */
export interface LocalSession {
  apiUrl: string;
  controlUrl: string;
  startedAt: string;
  /** The web console (its /vote page is the public ballot printed on 民主推荐's slips). */
  consoleUrl?: string;
}

export const SESSION_FILE = resolve('.data', 'local.json');

export async function readLocalSession(io: { env: Record<string, string | undefined> }): Promise<LocalSession | undefined> {
  const path = io.env.POOL_LOCAL_SESSION ?? SESSION_FILE;
  try {
    const s = JSON.parse(await readFile(path, 'utf8')) as Partial<LocalSession>;
    return typeof s.apiUrl === 'string' && typeof s.controlUrl === 'string' ? (s as LocalSession) : undefined;
  } catch {
    return undefined;
  }
}

/** `bureau`, `approver` or `school:UNIT` → a demo token minted by the local issuer. */
export async function localToken(session: LocalSession, as: string, fetchImpl: typeof fetch): Promise<string> {
  const [role, unit] = as.split(':');
  if (!role || !['bureau', 'approver', 'school'].includes(role) || (role === 'school' && !unit)) {
    throw new Error(`--as 应为 bureau | approver | school:单位代码 / --as is bureau | approver | school:UNIT (got ${as})`);
  }
  const res = await fetchImpl(`${session.controlUrl}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, ...(unit ? { unit } : {}) }),
  });
  if (!res.ok) throw new Error(`本地令牌获取失败 / could not get a local token: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
