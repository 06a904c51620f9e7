import type { OidcSignIn } from './config';
import type { Role } from './types';

/**
 * Sign-in on AWS: the authorization code flow with PKCE (RFC 7636, S256 by WebCrypto) against
 * the Cognito hosted UI or the bureau's OIDC provider. The code comes back in the callback's
 * URL, is exchanged once for tokens, and the URL is replaced at once; tokens never travel in
 * a URL. The verifier, state and nonce wait in this tab's sessionStorage for the one callback
 * they belong to. The ID token is the API's bearer (it carries groups and unit); its signature
 * is the API's to check (API Gateway's JWT authorizer), the console checks that it is the one
 * it asked for (issuer, audience, nonce, expiry).
 */

export const CALLBACK_PATH = '/auth/callback';
const PENDING_KEY = 'talent-pool.oidc.pending';
/** A sign-in left unfinished longer than this is not resumed. */
const PENDING_TTL_MS = 10 * 60_000;

export class OidcError extends Error {
  constructor(readonly code: string, zh: string) {
    super(zh);
    this.name = 'OidcError';
  }
}

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  returnTo?: string;
  createdAt: number;
}

export interface OidcTokens {
  idToken: string;
  refreshToken?: string;
  /** ms since the epoch. */
  expiresAt: number;
  claims: Record<string, unknown>;
}

export interface Endpoints {
  authorization: string;
  token: string;
  endSession?: string;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function s256(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function redirectUri(): string {
  return `${location.origin}${CALLBACK_PATH}`;
}

let discovered: Promise<Endpoints> | undefined;

/** The endpoints: as configured, else from the issuer's discovery document (fetched once). */
export function endpoints(cfg: OidcSignIn): Promise<Endpoints> {
  if (cfg.authorizationEndpoint && cfg.tokenEndpoint) {
    return Promise.resolve({ authorization: cfg.authorizationEndpoint, token: cfg.tokenEndpoint, ...(cfg.endSessionEndpoint ? { endSession: cfg.endSessionEndpoint } : {}) });
  }
  discovered ??= (async () => {
    const res = await fetch(`${cfg.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { cache: 'no-store' });
    if (!res.ok) throw new OidcError('DISCOVERY_FAILED', `无法读取身份认证服务的配置（HTTP ${res.status}）`);
    const d = (await res.json()) as { authorization_endpoint?: string; token_endpoint?: string; end_session_endpoint?: string };
    if (!d.authorization_endpoint || !d.token_endpoint) throw new OidcError('DISCOVERY_FAILED', '身份认证服务的配置缺少授权或令牌地址');
    const endSession = cfg.endSessionEndpoint ?? d.end_session_endpoint;
    return { authorization: d.authorization_endpoint, token: d.token_endpoint, ...(endSession ? { endSession } : {}) };
  })();
  discovered.catch(() => { discovered = undefined; });
  return discovered;
}

/** Leaves for the authorization endpoint; comes back at CALLBACK_PATH. */
export async function beginSignIn(cfg: OidcSignIn, returnTo?: string): Promise<void> {
  const ep = await endpoints(cfg);
  const pending: Pending = { state: randomString(), nonce: randomString(), verifier: randomString(48), createdAt: Date.now(), ...(returnTo ? { returnTo } : {}) };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(ep.authorization);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri(),
    scope: cfg.scopes.join(' '),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await s256(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

function takePending(): Pending | undefined {
  const raw = sessionStorage.getItem(PENDING_KEY);
  // Single use: whatever this callback makes of it, it cannot be replayed.
  sessionStorage.removeItem(PENDING_KEY);
  if (!raw) return undefined;
  try {
    const p = JSON.parse(raw) as Pending;
    return Date.now() - p.createdAt <= PENDING_TTL_MS ? p : undefined;
  } catch {
    return undefined;
  }
}

export function decodeClaims(jwt: string): Record<string, unknown> {
  try {
    const b64 = (jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    const v = JSON.parse(json) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new OidcError('ID_TOKEN_INVALID', '身份令牌无法解析');
}

function checkIdToken(cfg: OidcSignIn, idToken: string, nonce: string | undefined): Record<string, unknown> {
  const c = decodeClaims(idToken);
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (c.iss !== cfg.issuer) throw new OidcError('ID_TOKEN_ISSUER', '身份令牌的签发方与配置不符');
  if (!aud.includes(cfg.clientId)) throw new OidcError('ID_TOKEN_AUDIENCE', '身份令牌不是签发给本系统的');
  if (nonce !== undefined && c.nonce !== nonce) throw new OidcError('ID_TOKEN_NONCE', '身份令牌与本次登录不符（nonce），请重新登录');
  if (typeof c.exp !== 'number' || c.exp * 1000 <= Date.now()) throw new OidcError('ID_TOKEN_EXPIRED', '身份令牌已过期，请重新登录');
  return c;
}

async function tokenRequest(cfg: OidcSignIn, body: Record<string, string>): Promise<{ id_token?: string; refresh_token?: string; expires_in?: number }> {
  const ep = await endpoints(cfg);
  let res: Response;
  try {
    res = await fetch(ep.token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: cfg.clientId, ...body }).toString(),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new OidcError('TOKEN_UNREACHABLE', '无法连接身份认证服务，请检查网络后重试');
  }
  const json = (await res.json().catch(() => ({}))) as { id_token?: string; refresh_token?: string; expires_in?: number; error?: string };
  if (!res.ok) throw new OidcError('TOKEN_REFUSED', `身份认证服务拒绝了登录（${json.error ?? `HTTP ${res.status}`}），请重新登录`);
  return json;
}

function tokensFrom(cfg: OidcSignIn, t: { id_token?: string; refresh_token?: string }, nonce: string | undefined, previousRefresh?: string): OidcTokens {
  if (!t.id_token) throw new OidcError('ID_TOKEN_MISSING', '身份认证服务未返回身份令牌（须包含 openid 范围）');
  const claims = checkIdToken(cfg, t.id_token, nonce);
  const refreshToken = t.refresh_token ?? previousRefresh;
  return { idToken: t.id_token, expiresAt: (claims.exp as number) * 1000, claims, ...(refreshToken ? { refreshToken } : {}) };
}

/**
 * The callback: the state must be the one this tab sent (else nothing is exchanged), then the
 * code is exchanged with its verifier.
 */
export async function completeSignIn(cfg: OidcSignIn, url: URL): Promise<{ tokens: OidcTokens; returnTo?: string }> {
  const pending = takePending();
  const error = url.searchParams.get('error');
  if (error) throw new OidcError('AUTHORIZATION_DENIED', `登录未完成（${url.searchParams.get('error_description') ?? error}）`);
  const code = url.searchParams.get('code');
  const state = url.searchParams.get('state');
  if (!pending || !state || state !== pending.state) throw new OidcError('STATE_MISMATCH', '登录状态校验失败（可能已过期或不是本页面发起的登录），请重新登录');
  if (!code) throw new OidcError('CODE_MISSING', '登录回调缺少授权码，请重新登录');
  const t = await tokenRequest(cfg, { grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: pending.verifier });
  return { tokens: tokensFrom(cfg, t, pending.nonce), ...(pending.returnTo ? { returnTo: pending.returnTo } : {}) };
}

export async function refreshTokens(cfg: OidcSignIn, refreshToken: string): Promise<OidcTokens> {
  const t = await tokenRequest(cfg, { grant_type: 'refresh_token', refresh_token: refreshToken });
  return tokensFrom(cfg, t, undefined, refreshToken);
}

/**
 * Where to send the browser to end the provider's session too (undefined: no such endpoint).
 * By client id, not `id_token_hint`: that would put the ID token in a URL.
 */
export async function endSessionUrl(cfg: OidcSignIn): Promise<string | undefined> {
  const ep = await endpoints(cfg).catch(() => undefined);
  if (!ep?.endSession) return undefined;
  const url = new URL(ep.endSession);
  const back = `${location.origin}/signin`;
  url.search = new URLSearchParams(cfg.logoutStyle === 'cognito'
    ? { client_id: cfg.clientId, logout_uri: back }
    : { client_id: cfg.clientId, post_logout_redirect_uri: back }).toString();
  return url.toString();
}

const ROLES: Role[] = ['bureau', 'approver', 'school'];

/** Who the token says this is: the first console role among its groups, the unit, a name. */
export function identityFrom(cfg: OidcSignIn, claims: Record<string, unknown>): { role: Role; unit?: string; name: string } {
  const raw = claims[cfg.groupsClaim];
  // An array, or API Gateway's flattened "[a b]", or a space/comma separated string.
  const groups = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  const role = ROLES.find((r) => groups.includes(r));
  if (!role) throw new OidcError('NO_ROLE', '您的账号尚未分配本系统的角色（区教育局、区委组织部或学校），请联系管理员');
  const unit = typeof claims[cfg.unitClaim] === 'string' ? (claims[cfg.unitClaim] as string) : undefined;
  if (role === 'school' && !unit) throw new OidcError('NO_UNIT', '学校账号未登记所属单位，请联系管理员');
  const name = [claims[cfg.nameClaim], claims.name, claims.sub].find((v): v is string => typeof v === 'string' && v !== '') ?? '';
  return { role, name, ...(role === 'school' && unit ? { unit } : {}) };
}
