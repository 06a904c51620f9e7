import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient } from './api';
import type { ConsoleConfig } from './config';
import type { Identity, Role } from './types';

/**
 * Who is signed in. The token lives in this tab's sessionStorage (gone when the tab closes)
 * and in memory, never in a URL. The console signs out on request, after `idleMinutes`
 * without input, when the token expires, and when the API answers 401.
 */
export interface Session {
  token: string;
  role: Role;
  unit?: string;
  name: string;
  /** The token's expiry (ms since the epoch). */
  expiresAt: number;
}

const SESSION_KEY = 'talent-pool.session';
const ACTIVE_KEY = 'talent-pool.lastActive';
const REASON_KEY = 'talent-pool.signedOut';

interface SessionContextValue {
  config: ConsoleConfig;
  session: Session | null;
  api: ApiClient | null;
  signIn(identity: Identity): Promise<void>;
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

  const signOut = useCallback((reason?: string) => {
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(ACTIVE_KEY);
    if (reason) sessionStorage.setItem(REASON_KEY, reason);
    setSession(null);
  }, []);

  const signIn = useCallback(async (identity: Identity) => {
    const res = await fetch(config.signIn.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: identity.id }),
      cache: 'no-store',
    });
    if (!res.ok) throw new Error(`登录失败（HTTP ${res.status}）`);
    const { token } = (await res.json()) as { token: string };
    const s: Session = { token, role: identity.role, name: identity.name, expiresAt: tokenExpiry(token), ...(identity.unit ? { unit: identity.unit } : {}) };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
    lastActive.current = Date.now();
    sessionStorage.setItem(ACTIVE_KEY, String(lastActive.current));
    sessionStorage.removeItem(REASON_KEY);
    setSession(s);
  }, [config.signIn.tokenUrl]);

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
    const r = sessionStorage.getItem(REASON_KEY) ?? undefined;
    sessionStorage.removeItem(REASON_KEY);
    return r;
  }, []);

  const value = useMemo(() => ({ config, session, api, signIn, signOut, takeSignOutReason }), [config, session, api, signIn, signOut, takeSignOutReason]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
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
