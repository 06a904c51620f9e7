import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient } from './api';
import type { ConsoleConfig } from './config';
import { beginSignIn as beginOidc, completeSignIn as completeOidc, endSessionUrl, identityFrom, refreshTokens, type OidcTokens } from './oidc';
import type { Identity, Role } from './types';

/**
 * Who is signed in. The token lives in this tab's sessionStorage (gone when the tab closes)
 * and in memory, never in a URL. The console signs out on request, after `idleMinutes`
 * without input, when the token expires, and when the API answers 401. Locally the token
 * comes from the demo picker; on AWS from the hosted UI or the OIDC provider (oidc.ts), an
 * ID token refreshed shortly before it expires when the provider gave a refresh token, and
 * a sign-out ends the provider's session too.
 */
export interface Session {
  token: string;
  role: Role;
  unit?: string;
  name: string;
  /** The token's expiry (ms since the epoch). */
  expiresAt: number;
  /** OIDC only: exchanged for a new ID token before this one expires. */
  refreshToken?: string;
}

/** Refresh this long before the ID token expires (or at half its life, if shorter). */
const REFRESH_AHEAD_MS = 60_000;

const SESSION_KEY = 'talent-pool.session';
const ACTIVE_KEY = 'talent-pool.lastActive';
const REASON_KEY = 'talent-pool.signedOut';

interface SessionContextValue {
  config: ConsoleConfig;
  session: Session | null;
  api: ApiClient | null;
  /** Local sign-in: one of the demo identities. */
  signIn(identity: Identity): Promise<void>;
  /** OIDC sign-in: leaves for the authorization endpoint (PKCE). */
  beginSignIn(returnTo?: string): Promise<void>;
  /** OIDC callback: exchanges the code in `url`; the session and where to go next. */
  completeSignIn(url: URL): Promise<{ session: Session; returnTo?: string }>;
  signOut(reason?: string): void;
  /** Why the last session ended (shown once on the sign-in page). */
  takeSignOutReason(): string | undefined;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function tokenExpiry(token: string): number {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : Date.now() + 3_600_000;
  } catch {
    return Date.now() + 3_600_000;
  }
}

function stored(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return typeof s.token === 'string' && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const s = stored();
    const last = Number(sessionStorage.getItem(ACTIVE_KEY) ?? 0);
    // A reload after the idle limit does not bring the session back.
    if (s && last && Date.now() - last > config.idleMinutes * 60_000) {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return s;
  });
  const lastActive = useRef(Date.now());

  const current = useRef<Session | null>(session);
  current.current = session;

  const signOut = useCallback((reason?: string) => {
    const wasSignedIn = current.current !== null;
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(ACTIVE_KEY);
    if (reason) sessionStorage.setItem(REASON_KEY, reason);
    const leaving = config.signIn.mode === 'oidc' && wasSignedIn;
    setSession(null);
    // End the provider's session as well, or the next sign-in would be silent.
    if (config.signIn.mode === 'oidc' && leaving) {
      void endSessionUrl(config.signIn).then((url) => { if (url) location.assign(url); });
    }
  }, [config.signIn]);

  const start = useCallback((s: Session) => {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
    lastActive.current = Date.now();
    sessionStorage.setItem(ACTIVE_KEY, String(lastActive.current));
    sessionStorage.removeItem(REASON_KEY);
    setSession(s);
  }, []);

  const beginSignIn = useCallback(async (returnTo?: string) => {
    if (config.signIn.mode !== 'oidc') throw new Error('本地演示环境请选择身份登录');
    await beginOidc(config.signIn, returnTo);
  }, [config.signIn]);

  const completeSignIn = useCallback(async (url: URL) => {
    if (config.signIn.mode !== 'oidc') throw new Error('本地演示环境请选择身份登录');
    const { tokens, returnTo } = await completeOidc(config.signIn, url);
    const s = oidcSession(config.signIn, tokens);
    start(s);
    return { session: s, ...(returnTo ? { returnTo } : {}) };
  }, [config.signIn, start]);

  const signIn = useCallback(async (identity: Identity) => {
    if (config.signIn.mode !== 'local') throw new Error('请通过统一身份认证登录');
    const res = await fetch(config.signIn.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: identity.id }),
      cache: 'no-store',
    });
    if (!res.ok) throw new Error(`登录失败（HTTP ${res.status}）`);
    const { token } = (await res.json()) as { token: string };
    start({ token, role: identity.role, name: identity.name, expiresAt: tokenExpiry(token), ...(identity.unit ? { unit: identity.unit } : {}) });
  }, [config.signIn, start]);

  // OIDC: a new ID token shortly before this one expires; a refused refresh signs out.
  useEffect(() => {
    if (!session?.refreshToken || config.signIn.mode !== 'oidc') return;
    const cfg = config.signIn;
    const refreshToken = session.refreshToken;
    const life = session.expiresAt - Date.now();
    const wait = Math.max(0, life - Math.min(REFRESH_AHEAD_MS, life / 2));
    const timer = window.setTimeout(() => {
      refreshTokens(cfg, refreshToken).then(
        (tokens) => {
          if (current.current?.refreshToken !== refreshToken) return; // signed out meanwhile
          const next = oidcSession(cfg, tokens);
          sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
          setSession(next);
        },
        () => signOut('登录已到期，请重新登录。'),
      );
    }, wait);
    return () => window.clearTimeout(timer);
  }, [session, config.signIn, signOut]);

  // Idle sign-out: any input counts as activity; a check runs often enough to be on time.
  useEffect(() => {
    if (!session) return;
    const idleMs = config.idleMinutes * 60_000;
    let lastWrite = 0;
    const touch = () => {
      lastActive.current = Date.now();
      if (lastActive.current - lastWrite > 5_000) {
        lastWrite = lastActive.current;
        sessionStorage.setItem(ACTIVE_KEY, String(lastActive.current));
      }
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActive.current >= idleMs) {
        signOut(`您已 ${formatMinutes(config.idleMinutes)}未操作，系统已自动退出登录，请重新登录。`);
      } else if (Date.now() >= session.expiresAt) {
        signOut('登录已到期，请重新登录。');
      }
    }, Math.min(15_000, Math.max(250, idleMs / 8)));
    return () => {
      for (const e of events) window.removeEventListener(e, touch);
      window.clearInterval(timer);
    };
  }, [session, config.idleMinutes, signOut]);

  const api = useMemo(() => (session
    ? new ApiClient({ baseUrl: config.apiBaseUrl, token: session.token, onUnauthorized: () => signOut('登录已失效，请重新登录。') })
    : null), [session, config.apiBaseUrl, signOut]);

  const takeSignOutReason = useCallback(() => {
    // Read, not used up: the sign-in page may render more than once before the tab leaves for
    // the provider's logout and again after it comes back; counting renders lost the reason.
    // The next sign-in (start) clears it.
    return sessionStorage.getItem(REASON_KEY) ?? undefined;
  }, []);

  const value = useMemo(
    () => ({ config, session, api, signIn, beginSignIn, completeSignIn, signOut, takeSignOutReason }),
    [config, session, api, signIn, beginSignIn, completeSignIn, signOut, takeSignOutReason],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function oidcSession(cfg: Parameters<typeof identityFrom>[0], tokens: OidcTokens): Session {
  const who = identityFrom(cfg, tokens.claims);
  return { token: tokens.idToken, expiresAt: tokens.expiresAt, ...who, ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}) };
}

function formatMinutes(m: number): string {
  return m >= 1 ? `${Math.round(m)} 分钟` : `${Math.round(m * 60)} 秒`;
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in session and its API client (pages behind the sign-in only). */
export function useApi(): { api: ApiClient; session: Session; config: ConsoleConfig } {
  const { api, session, config } = useSession();
  if (!api || !session) throw new Error('not signed in');
  return { api, session, config };
}
