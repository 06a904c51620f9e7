/**
 * Runtime settings, read from /config.json when the console starts (never baked into the
 * build): where the API is, how people sign in, and after how long idle the console signs
 * out. Locally `npm start` serves it; on AWS the deployment writes it beside the build
 * (infra/constructs/console-hosting.ts) from the stack's values.
 */
export interface LocalSignIn {
  mode: 'local';
  /** GET → the demo identities (bureau, approver, every unit of the demo district). */
  identitiesUrl: string;
  /** POST { id } → { token } for one of those identities. */
  tokenUrl: string;
}

/**
 * On AWS: the Cognito hosted UI or the bureau's OIDC provider, authorization code with PKCE
 * (console/src/oidc.ts). Endpoints as given, else discovered from the issuer.
 */
export interface OidcSignIn {
  mode: 'oidc';
  provider: 'cognito' | 'oidc';
  /** Exactly the ID token's `iss`. */
  issuer: string;
  clientId: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  endSessionEndpoint?: string;
  /** Cognito's /logout takes client_id and logout_uri; OIDC's end-session post_logout_redirect_uri. */
  logoutStyle: 'cognito' | 'oidc';
  scopes: string[];
  /** The claims naming the user's groups (bureau, approver, school), unit and name. */
  groupsClaim: string;
  unitClaim: string;
  nameClaim: string;
}

export interface ConsoleConfig {
  apiBaseUrl: string;
  signIn: LocalSignIn | OidcSignIn;
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
  const sign = parseSignIn(signIn);
  const idle = typeof idleMinutes === 'number' && idleMinutes > 0 ? idleMinutes : 30;
  const refresh = typeof refreshSeconds === 'number' && refreshSeconds > 0 ? refreshSeconds : 5;
  return {
    apiBaseUrl: apiBaseUrl.replace(/\/$/, ''),
    signIn: sign,
    idleMinutes: idle,
    refreshSeconds: refresh,
    ...(typeof environmentName === 'string' ? { environmentName } : {}),
  };
}

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';
const httpUrl = (v: unknown): v is string => {
  if (!str(v)) return false;
  try {
    return ['https:', 'http:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

function parseSignIn(signIn: unknown): LocalSignIn | OidcSignIn {
  if (isObject(signIn) && signIn.mode === 'local' && str(signIn.identitiesUrl) && str(signIn.tokenUrl)) {
    return { mode: 'local', identitiesUrl: signIn.identitiesUrl, tokenUrl: signIn.tokenUrl };
  }
  if (isObject(signIn) && signIn.mode === 'oidc') {
    const { issuer, clientId, authorizationEndpoint, tokenEndpoint, endSessionEndpoint, scopes } = signIn;
    if (!httpUrl(issuer) || !str(clientId)) throw new ConfigError('config.json 的 signIn（oidc）须有 issuer（URL）与 clientId');
    for (const [k, v] of Object.entries({ authorizationEndpoint, tokenEndpoint, endSessionEndpoint })) {
      if (v !== undefined && !httpUrl(v)) throw new ConfigError(`config.json 的 signIn.${k} 不是 URL`);
    }
    return {
      mode: 'oidc',
      provider: signIn.provider === 'cognito' ? 'cognito' : 'oidc',
      issuer,
      clientId,
      ...(httpUrl(authorizationEndpoint) ? { authorizationEndpoint } : {}),
      ...(httpUrl(tokenEndpoint) ? { tokenEndpoint } : {}),
      ...(httpUrl(endSessionEndpoint) ? { endSessionEndpoint } : {}),
      logoutStyle: signIn.logoutStyle === 'cognito' ? 'cognito' : 'oidc',
      scopes: Array.isArray(scopes) && scopes.every(str) ? scopes : ['openid'],
      groupsClaim: str(signIn.groupsClaim) ? signIn.groupsClaim : 'groups',
      unitClaim: str(signIn.unitClaim) ? signIn.unitClaim : 'unit',
      nameClaim: str(signIn.nameClaim) ? signIn.nameClaim : 'preferred_username',
    };
  }
  throw new ConfigError('config.json 的 signIn 应为 { mode: "local", identitiesUrl, tokenUrl } 或 { mode: "oidc", issuer, clientId, … }');
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/config.json', { cache: 'no-store' });
  if (!res.ok) throw new ConfigError(`无法读取 /config.json（HTTP ${res.status}）`);
  return parseConfig(await res.json());
}
