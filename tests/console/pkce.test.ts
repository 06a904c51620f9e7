/**
 * Sign-in as on AWS, in a real Chromium (issue #10): the console's /config.json says `oidc`,
 * and a small authorization server on 127.0.0.1 stands in for the Cognito hosted UI. It
 * signs in whoever the test says, issues ID tokens from the local user pool (the keys the
 * local API trusts), and enforces what Cognito does: S256 only, one use per code, the
 * verifier must hash to the challenge, the redirect URI must match. Proven here: the code is
 * exchanged with the right verifier and the API accepts the token; a forged state is refused
 * before any exchange; no token ever appears in a URL and the code leaves the address bar; a
 * refresh token renews the ID token before it expires; sign-out clears the tab and ends the
 * provider's session (by client id: `id_token_hint` would put the token in a URL), Cognito's
 * /logout style too; a provider named by its issuer alone is found by discovery; and the pages
 * run under the deployed Content-Security-Policy without a refusal.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../local/console-build';
import { startConsoleServer, type ConsoleServer } from '../../local/console';
import type { LocalIdentity, LocalIssuer } from '../../local/gateway/jwt';
import { screenshot, seriousViolations, startConsoleSystem, type ConsoleSystem } from './support';

const SESSION_KEY = 'talent-pool.session';
const PENDING_KEY = 'talent-pool.oidc.pending';
const BUREAU: LocalIdentity = { sub: 'oidc-bureau-1', username: 'zhang.wei', groups: ['bureau'] };
const SCHOOL: LocalIdentity = { sub: 'oidc-school-1', username: 'li.na', groups: ['school'], unit: 'JT-XYZXXX' };

const b64url = (buf: Buffer) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const s256 = (verifier: string) => b64url(createHash('sha256').update(verifier).digest());
const poll = <T>(fn: () => Promise<T> | T, timeout = 10_000) => expect.poll(fn, { interval: 100, timeout });

/** The stand-in for the hosted UI: /authorize (signs `user` in at once), /token, /logout. */
class AuthServer {
  origin = '';
  /** The consoles allowed to sign in here (their callback URLs; the token endpoint's CORS). */
  readonly consoleOrigins = new Set<string>();
  user: LocalIdentity = BUREAU;
  ttlSeconds = 3600;
  /** Send the browser back with a state of our own (a forged or mixed-up callback). */
  forgeState = false;
  readonly authorizeRequests: URLSearchParams[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  readonly logouts: URLSearchParams[] = [];
  readonly issued: string[] = [];
  private readonly codes = new Map<string, { challenge: string; redirectUri: string; nonce: string; user: LocalIdentity }>();
  private readonly refreshTokens = new Map<string, LocalIdentity>();
  private server?: Server;

  constructor(private readonly issuer: LocalIssuer) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
    const origin = req.headers.origin ?? '';
    res.writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      // The token endpoint answers the console's origin (Cognito's does, for public clients).
      ...(this.consoleOrigins.has(origin) ? { 'access-control-allow-origin': origin } : {}),
    }).end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    if (url.pathname === '/authorize' && req.method === 'GET') {
      const q = url.searchParams;
      this.authorizeRequests.push(q);
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('response_type') !== 'code' || q.get('client_id') !== this.issuer.audience || ![...this.consoleOrigins].some((o) => redirectUri === `${o}/auth/callback`)
        || q.get('code_challenge_method') !== 'S256' || !/^[\w-]{43}$/.test(q.get('code_challenge') ?? '') || !q.get('state') || !q.get('nonce')) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_request');
        return;
      }
      const code = randomBytes(16).toString('hex');
      this.codes.set(code, { challenge: q.get('code_challenge')!, redirectUri, nonce: q.get('nonce')!, user: this.user });
      const back = new URL(redirectUri);
      back.search = new URLSearchParams({ code, state: this.forgeState ? 'forged-state' : q.get('state')! }).toString();
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const c of req) raw += String(c);
      const q = new URLSearchParams(raw);
      this.tokenRequests.push(q);
      if (q.get('client_id') !== this.issuer.audience) return this.send(req, res, 400, { error: 'invalid_client' });
      let user: LocalIdentity | undefined;
      let extra = {};
      if (q.get('grant_type') === 'authorization_code') {
        const entry = this.codes.get(q.get('code') ?? '');
        this.codes.delete(q.get('code') ?? '');
        if (!entry || entry.redirectUri !== q.get('redirect_uri') || s256(q.get('code_verifier') ?? '') !== entry.challenge) return this.send(req, res, 400, { error: 'invalid_grant' });
        user = entry.user;
        extra = { nonce: entry.nonce };
      } else if (q.get('grant_type') === 'refresh_token') {
        user = this.refreshTokens.get(q.get('refresh_token') ?? '');
        if (!user) return this.send(req, res, 400, { error: 'invalid_grant' });
      } else {
        return this.send(req, res, 400, { error: 'unsupported_grant_type' });
      }
      const idToken = await this.issuer.mint(user, this.ttlSeconds, extra);
      this.issued.push(idToken);
      const refresh = q.get('grant_type') === 'authorization_code' ? `rt-${randomBytes(16).toString('hex')}` : undefined;
      if (refresh) this.refreshTokens.set(refresh, user);
      return this.send(req, res, 200, { id_token: idToken, access_token: idToken, token_type: 'Bearer', expires_in: this.ttlSeconds, ...(refresh ? { refresh_token: refresh } : {}) });
    }
    if (url.pathname === '/.well-known/openid-configuration' && req.method === 'GET') {
      return this.send(req, res, 200, {
        issuer: this.issuer.issuer, authorization_endpoint: `${this.origin}/authorize`, token_endpoint: `${this.origin}/token`,
        end_session_endpoint: `${this.origin}/logout`, code_challenge_methods_supported: ['S256'], response_types_supported: ['code'],
      });
    }
    if (url.pathname === '/logout' && req.method === 'GET') {
      this.logouts.push(url.searchParams);
      // OIDC's post_logout_redirect_uri, or Cognito's logout_uri.
      res.writeHead(302, { location: url.searchParams.get('post_logout_redirect_uri') ?? url.searchParams.get('logout_uri') ?? '/' }).end();
      return;
    }
    res.writeHead(404).end();
  }
}

let cs: ConsoleSystem;
let auth: AuthServer;
let oidcConsole: ConsoleServer;
const cspViolations: string[] = [];
const extraConsoles: ConsoleServer[] = [];

beforeAll(async () => {
  cs = await startConsoleSystem();
  auth = new AuthServer(cs.sys.issuer);
  await auth.start();
  oidcConsole = await providerConsole(30);
}, 240_000);

/** A console whose /config.json signs in at the AuthServer, on the local system's API. */
async function providerConsole(idleMinutes: number, logoutStyle: 'oidc' | 'cognito' = 'oidc', discover = false): Promise<ConsoleServer> {
  const c = await startConsoleServer({
    port: 0,
    distDir: CONSOLE_DIST,
    issuer: cs.sys.issuer,
    refreshSeconds: 1,
    idleMinutes,
    signIn: {
      mode: 'oidc', provider: 'oidc', issuer: cs.sys.issuer.issuer, clientId: cs.sys.issuer.audience,
      ...(discover ? {} : { authorizationEndpoint: `${auth.origin}/authorize`, tokenEndpoint: `${auth.origin}/token`, endSessionEndpoint: `${auth.origin}/logout` }),
      logoutStyle, scopes: ['openid', 'profile'], groupsClaim: 'cognito:groups', unitClaim: 'custom:unit', nameClaim: 'cognito:username',
    },
    // Discovery is fetched from the issuer's own origin (the local user pool's, port 80).
    connectSources: [auth.origin, ...(discover ? [new URL(cs.sys.issuer.issuer).origin] : [])],
  });
  c.connect({ apiUrl: cs.sys.apiUrl, uploadOrigins: [cs.sys.stack.s3.endpoint] });
  auth.consoleOrigins.add(c.origin);
  extraConsoles.push(c);
  return c;
}

afterAll(async () => {
  for (const c of extraConsoles) await c.close().catch(() => {});
  await auth?.close().catch(() => {});
  await cs?.close();
}, 60_000);

async function fresh(baseUrl = oidcConsole.origin): Promise<{ page: Page; urls: string[]; close: () => Promise<void> }> {
  const { context, page } = await cs.newPage({ baseUrl });
  const urls: string[] = [];
  // The console runs under the deployed CSP (infra/console-csp.ts): nothing of it may be refused.
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) urls.push(f.url()); });
  page.on('request', (r) => urls.push(r.url()));
  return { page, urls, close: () => context.close() };
}

const stored = (page: Page, key: string) => page.evaluate(`sessionStorage.getItem(${JSON.stringify(key)})`) as Promise<string | null>;

async function signIn(page: Page, home: RegExp): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/signin$/);
  await page.getByRole('button', { name: '统一身份认证登录' }).click();
  await page.waitForURL(home);
}

describe('sign-in by authorization code with PKCE (as on AWS)', () => {
  it('the sign-in page offers the provider, accessible, in Chinese', async () => {
    const { page, close } = await fresh();
    await page.goto('/');
    await page.waitForURL(/\/signin$/);
    await poll(() => page.getByRole('button', { name: '统一身份认证登录' }).count()).toBe(1);
    await screenshot(page, 'pkce-01-sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    await close();
  });

  it('the code is exchanged with the verifier whose S256 is the challenge; the API takes the ID token; no token in any URL', async () => {
    const { page, urls, close } = await fresh();
    auth.user = BUREAU;
    const before = { authorize: auth.authorizeRequests.length, token: auth.tokenRequests.length };
    const apiCall = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/rounds', { timeout: 15_000 });
    const apiAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/rounds', { timeout: 15_000 });
    await signIn(page, /\/bureau$/);

    const [authorize] = auth.authorizeRequests.slice(before.authorize);
    const [exchange, ...more] = auth.tokenRequests.slice(before.token);
    expect(more).toEqual([]);
    expect(authorize!.get('code_challenge_method')).toBe('S256');
    expect(authorize!.get('redirect_uri')).toBe(`${oidcConsole.origin}/auth/callback`);
    expect(authorize!.get('scope')).toBe('openid profile');
    expect(exchange!.get('grant_type')).toBe('authorization_code');
    expect(s256(exchange!.get('code_verifier')!)).toBe(authorize!.get('code_challenge'));
    expect(exchange!.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);

    // The bureau's page calls the API with the ID token the provider issued, and gets its rounds.
    const idToken = auth.issued.at(-1)!;
    expect((await apiCall).headers().authorization).toBe(`Bearer ${idToken}`);
    expect((await apiAnswer).status()).toBe(200);

    // Tokens never in a URL; the code left the address bar at once.
    expect(urls.length).toBeGreaterThan(3);
    for (const u of urls) {
      expect(u).not.toContain(idToken);
      expect(u).not.toMatch(/id_token|access_token|refresh_token|rt-/);
    }
    expect(urls.some((u) => u.includes('/auth/callback?code='))).toBe(true);
    expect(page.url()).toBe(`${oidcConsole.origin}/bureau`);
    expect(await page.evaluate('location.search + location.hash')).toBe('');
    const session = JSON.parse((await stored(page, SESSION_KEY))!) as { token: string; role: string; name: string };
    expect(session).toMatchObject({ token: idToken, role: 'bureau', name: 'zhang.wei' });
    expect(await stored(page, PENDING_KEY)).toBeNull();
    await close();
  });

  it('a callback whose state is not the one this tab sent is refused before any exchange', async () => {
    const { page, close } = await fresh();
    const tokensBefore = auth.tokenRequests.length;
    auth.forgeState = true;
    try {
      await page.goto('/');
      await page.waitForURL(/\/signin$/);
      await page.getByRole('button', { name: '统一身份认证登录' }).click();
      await poll(() => page.getByText(/登录状态校验失败/).count()).toBe(1);
    } finally {
      auth.forgeState = false;
    }
    expect(auth.tokenRequests.length).toBe(tokensBefore);
    expect(page.url()).toBe(`${oidcConsole.origin}/auth/callback`);
    expect(await stored(page, SESSION_KEY)).toBeNull();
    await screenshot(page, 'pkce-02-state-refused');
    expect(await seriousViolations(page)).toEqual([]);
    // Nor does a replay of the same callback get anywhere: the pending sign-in was used up.
    await page.goto('/auth/callback?code=abc&state=forged-state');
    await poll(() => page.getByText(/登录状态校验失败/).count()).toBe(1);
    expect(auth.tokenRequests.length).toBe(tokensBefore);
    await page.goto('/bureau');
    await page.waitForURL(/\/signin$/);
    await close();
  });

  it('the authorization server refuses a verifier that does not hash to the challenge (so the test above could fail)', async () => {
    const verifier = b64url(randomBytes(32));
    const q = new URLSearchParams({ response_type: 'code', client_id: cs.sys.issuer.audience, redirect_uri: `${oidcConsole.origin}/auth/callback`, code_challenge: s256(verifier), code_challenge_method: 'S256', state: 's', nonce: 'n', scope: 'openid' });
    const res = await fetch(`${auth.origin}/authorize?${q}`, { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const token = (v: string) => fetch(`${auth.origin}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: cs.sys.issuer.audience, code, redirect_uri: `${oidcConsole.origin}/auth/callback`, code_verifier: v }) });
    expect((await token(b64url(randomBytes(32)))).status).toBe(400);
    // and the code is gone after one try, right verifier or not
    expect((await token(verifier)).status).toBe(400);
  });

  it('a school signs in to its own pages; the ID token is refreshed before it expires', async () => {
    const { page, close } = await fresh();
    auth.user = SCHOOL;
    auth.ttlSeconds = 10; // a life under two minutes is refreshed at its half: about 5 s after sign-in
    try {
      await signIn(page, /\/school$/);
      const first = JSON.parse((await stored(page, SESSION_KEY))!) as { token: string; role: string; unit: string; refreshToken?: string };
      expect(first).toMatchObject({ role: 'school', unit: 'JT-XYZXXX' });
      expect(first.refreshToken).toMatch(/^rt-/);
      await poll(() => auth.tokenRequests.filter((q) => q.get('grant_type') === 'refresh_token' && q.get('refresh_token') === first.refreshToken).length, 20_000).toBeGreaterThan(0);
      await poll(async () => (JSON.parse((await stored(page, SESSION_KEY))!) as { token: string }).token).not.toBe(first.token);
      const renewed = JSON.parse((await stored(page, SESSION_KEY))!) as { token: string; refreshToken: string };
      expect(auth.issued).toContain(renewed.token);
      expect(renewed.refreshToken).toBe(first.refreshToken);
      expect(page.url()).toBe(`${oidcConsole.origin}/school`);
    } finally {
      auth.user = BUREAU;
      auth.ttlSeconds = 3600;
    }
    await close();
  }, 60_000);

  it('idle sign-out: after the configured minutes without input, signed out, the provider session ended (Cognito style), told why', async () => {
    const idle = await providerConsole(0.1, 'cognito'); // 6 s
    const { page, close } = await fresh(idle.origin);
    const logoutsBefore = auth.logouts.length;
    await signIn(page, /\/bureau$/);
    await poll(() => auth.logouts.length, 20_000).toBe(logoutsBefore + 1);
    // Cognito's /logout: client_id and logout_uri (one of the client's LogoutURLs)
    expect(Object.fromEntries(auth.logouts.at(-1)!)).toEqual({ client_id: cs.sys.issuer.audience, logout_uri: `${idle.origin}/signin` });
    await page.waitForURL(`${idle.origin}/signin`);
    await poll(() => page.getByText(/未操作，系统已自动退出登录/).count()).toBe(1);
    expect(await stored(page, SESSION_KEY)).toBeNull();
    await close();
  }, 60_000);

  it('sign-out clears the tab and ends the provider session (by client id: no token in the URL), back to /signin', async () => {
    const { page, urls, close } = await fresh();
    await signIn(page, /\/bureau$/);
    const { token } = JSON.parse((await stored(page, SESSION_KEY))!) as { token: string };
    const logoutsBefore = auth.logouts.length;
    await page.getByRole('button', { name: '退出登录' }).click();
    await poll(() => auth.logouts.length).toBe(logoutsBefore + 1);
    const logout = auth.logouts.at(-1)!;
    expect(logout.has('id_token_hint')).toBe(false);
    for (const u of urls) expect(u).not.toContain(token);
    expect(logout.get('client_id')).toBe(cs.sys.issuer.audience);
    expect(logout.get('post_logout_redirect_uri')).toBe(`${oidcConsole.origin}/signin`);
    await page.waitForURL(`${oidcConsole.origin}/signin`);
    await poll(() => page.getByRole('button', { name: '统一身份认证登录' }).count()).toBe(1);
    expect(await stored(page, SESSION_KEY)).toBeNull();
    await page.goto('/bureau');
    await page.waitForURL(/\/signin$/);
    await close();
  });

  it('an OIDC provider named by its issuer alone: the endpoints come from its discovery document', async () => {
    const discovering = await providerConsole(30, 'oidc', true);
    const { page, close } = await fresh(discovering.origin);
    // The issuer's URL is the local user pool's (what its tokens say, on port 80, where nothing
    // listens): the browser's request for its discovery document is carried to the AuthServer.
    const discovery = `${cs.sys.issuer.issuer}/.well-known/openid-configuration`;
    let asked = 0;
    await page.context().route(discovery, async (route) => {
      asked++;
      await route.fulfill({ response: await route.fetch({ url: `${auth.origin}/.well-known/openid-configuration` }) });
    });
    const before = auth.authorizeRequests.length;
    const apiAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/rounds', { timeout: 15_000 });
    await signIn(page, /\/bureau$/);
    expect(asked).toBeGreaterThan(0);
    expect(auth.authorizeRequests.length).toBe(before + 1);
    expect((await apiAnswer).status()).toBe(200);
    const logoutsBefore = auth.logouts.length;
    await page.getByRole('button', { name: '退出登录' }).click();
    await poll(() => auth.logouts.length).toBe(logoutsBefore + 1);
    expect(auth.logouts.at(-1)!.get('post_logout_redirect_uri')).toBe(`${discovering.origin}/signin`);
    await page.waitForURL(`${discovering.origin}/signin`);
    await close();
  });

  it('the pages ran under the deployed Content-Security-Policy without a refusal (and a refusal would show)', async () => {
    expect(cspViolations).toEqual([]);
    const { page, close } = await fresh();
    await page.goto('/signin');
    await page.addScriptTag({ content: 'window.__inline = 1' }).catch(() => undefined);
    await poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(await page.evaluate('typeof window.__inline')).toBe('undefined');
    await close();
  });
});
