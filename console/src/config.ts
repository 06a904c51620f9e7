/**
 * Runtime settings, read from /config.json when the console starts (never baked into the
 * build): where the API is, how people sign in, and after how long idle the console signs
 * out. Locally `npm start` serves it; on AWS the deployment writes it beside the build.
 */
export interface LocalSignIn {
  mode: 'local';
  /** GET → the demo identities (bureau, approver, every unit of the demo district). */
  identitiesUrl: string;
  /** POST { id } → { token } for one of those identities. */
  tokenUrl: string;
}

export interface ConsoleConfig {
  apiBaseUrl: string;
  signIn: LocalSignIn;
  /** Minutes without any input before the console signs out (default 30). */
  idleMinutes: number;
  /** Seconds between live refreshes of intake and statuses (default 5). */
  refreshSeconds: number;
  /** Where the environment is (shown in the header), e.g. 本地演示环境. */
  environmentName?: string;
}

export class ConfigError extends Error {}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function parseConfig(raw: unknown): ConsoleConfig {
  if (!isObject(raw)) throw new ConfigError('config.json 不是 JSON 对象');
  const { apiBaseUrl, signIn, idleMinutes, refreshSeconds, environmentName } = raw;
  if (typeof apiBaseUrl !== 'string' || apiBaseUrl === '') throw new ConfigError('config.json 缺少 apiBaseUrl（API 地址）');
  if (!isObject(signIn) || signIn.mode !== 'local' || typeof signIn.identitiesUrl !== 'string' || typeof signIn.tokenUrl !== 'string') {
    throw new ConfigError('config.json 的 signIn 应为 { mode: "local", identitiesUrl, tokenUrl }（本切片仅支持本地演示登录）');
  }
  const idle = typeof idleMinutes === 'number' && idleMinutes > 0 ? idleMinutes : 30;
  const refresh = typeof refreshSeconds === 'number' && refreshSeconds > 0 ? refreshSeconds : 5;
  return {
    apiBaseUrl: apiBaseUrl.replace(/\/$/, ''),
    signIn: { mode: 'local', identitiesUrl: signIn.identitiesUrl, tokenUrl: signIn.tokenUrl },
    idleMinutes: idle,
    refreshSeconds: refresh,
    ...(typeof environmentName === 'string' ? { environmentName } : {}),
  };
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new ConfigError(`无法读取 /config.json（HTTP ${res.status}）`);
  return parseConfig(await res.json());
}
