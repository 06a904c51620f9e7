// The web console on 127.0.0.1, on one origin with the API: the built console (console/dist)
// at `/`, the HTTP API under `/api/…` (passed through unchanged to the local gateway, so the
// API's own routes stay exactly the CDK's), `/config.json` (the runtime settings), and the
// local sign-in: `/local/identities` (the demo identities) and `/local/tokens` (a token for
// one of them, minted by the local user pool), and `/openapi.json` (the API's OpenAPI document,
// which a deployment serves from the console's bucket). Nothing else here exists in a deployment: there
// CloudFront serves the build and the console calls the API Gateway URL.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { buildOpenApi } from '../contracts/openapi';
import { consoleCsp } from '../infra/console-csp';
import { generateDistrict, UNIT_TYPE_ZH, type UnitType } from '../demo/district';
import type { LocalIssuer, Role } from './gateway/jwt';
import { keepIdleConnections } from './keep-alive';

export interface ConsoleIdentity {
  id: string;
  role: Role;
  unit?: string;
  name: string;
  group: string;
}

/** The demo district's seed (`npm run demo` uses the same by default). */
export const DEMO_SEED = 2020;

const TYPE_ORDER: UnitType[] = ['primary', 'middle', 'kindergarten', 'bureau-office', 'institution'];

/** 区教育局, 区委组织部, and every unit of the demo district by its Chinese name. */
export function demoIdentities(seed = DEMO_SEED): ConsoleIdentity[] {
  const units = generateDistrict(seed).sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
  return [
    { id: 'bureau', role: 'bureau', name: '区教育局', group: '区教育局' },
    { id: 'approver', role: 'approver', name: '区委组织部', group: '区委组织部' },
    ...units.map((u) => ({ id: `school:${u.code}`, role: 'school' as const, unit: u.code, name: u.name, group: UNIT_TYPE_ZH[u.type] })),
  ];
}

export interface ConsoleServerOptions {
  port?: number;
  distDir: string;
  issuer: LocalIssuer;
  identities?: ConsoleIdentity[];
  /** Idle sign-out, minutes (default 30). */
  idleMinutes?: number;
  /** Live refresh, seconds (default 5). */
  refreshSeconds?: number;
  /**
   * Another sign-in than the demo picker, as /config.json's `signIn` (say `{ mode: 'oidc', … }`
   * against a local authorization server in a test), and the origins it calls (CSP connect-src).
   */
  signIn?: Record<string, unknown>;
  connectSources?: string[];
}

export interface ConsoleServer {
  url: string;
  origin: string;
  /** Where the API listens and which origins the console may upload to (the local S3). */
  connect(target: { apiUrl: string; uploadOrigins: string[] }): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.txt': 'text/plain; charset=utf-8',
};

function securityHeaders(uploadOrigins: string[]): Record<string, string> {
  return {
    // The deployed console's policy (CloudFront sends the same), so the browser tests prove it.
    'content-security-policy': consoleCsp(uploadOrigins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 4096) return undefined;
    chunks.push(c as Buffer);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function startConsoleServer(opts: ConsoleServerOptions): Promise<ConsoleServer> {
  const identities = opts.identities ?? demoIdentities();
  const byId = new Map(identities.map((i) => [i.id, i]));
  let target: { apiUrl: string; uploadOrigins: string[] } | undefined;
  const root = normalize(opts.distDir);
  let openApi: Record<string, unknown> | undefined;

  const config = () => ({
    apiBaseUrl: '/api',
    signIn: opts.signIn ?? { mode: 'local', identitiesUrl: '/local/identities', tokenUrl: '/local/tokens' },
    idleMinutes: opts.idleMinutes ?? 30,
    refreshSeconds: opts.refreshSeconds ?? 5,
    environmentName: '本地演示环境',
  });

  function proxy(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (!target) {
      json(res, 503, { message: 'Service Unavailable' });
      return;
    }
    const url = new URL(path, target.apiUrl);
    const headers = { ...req.headers, host: url.host };
    delete headers.origin;
    delete headers.referer;
    const upstream = httpRequest(url, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => json(res, 502, { message: 'Bad Gateway' }));
    req.pipe(upstream);
  }

  function serveFile(res: ServerResponse, file: string, headers: Record<string, string>): void {
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = file.startsWith(join(root, 'assets') + sep);
    res.writeHead(200, {
      'content-type': type,
      'content-length': String(statSync(file).size),
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...headers,
    });
    createReadStream(file).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const headers = securityHeaders([...(target?.uploadOrigins ?? []), ...(opts.connectSources ?? [])]);

    if (path === '/api' || path.startsWith('/api/')) {
      proxy(req, res, `${path.slice(4) || '/'}${url.search}`);
      return;
    }
    if (path === '/config.json' && method === 'GET') return json(res, 200, config(), headers);
    // The API's OpenAPI 3.1 document (contracts/openapi.ts), its server the `/api` prefix here.
    if (path === '/openapi.json' && method === 'GET') return json(res, 200, (openApi ??= buildOpenApi({ serverUrl: '/api' })), headers);
    if (path === '/local/identities' && method === 'GET') return json(res, 200, { identities }, headers);
    if (path === '/local/tokens') {
      // JSON only: a cross-site form cannot send it without a preflight this server never answers.
      if (method !== 'POST' || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return json(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', zh: '请以 JSON 提交', en: 'POST JSON' } }, headers);
      const body = await readJson(req);
      const who = typeof body?.id === 'string' ? byId.get(body.id) : undefined;
      if (!who) return json(res, 400, { error: { code: 'UNKNOWN_IDENTITY', zh: '没有这个演示身份', en: 'no such demo identity' } }, headers);
      const username = who.role === 'school' ? `school-${who.unit}` : `demo-${who.role}`;
      const token = await opts.issuer.mint({ sub: `local-${username}`, username, groups: [who.role], ...(who.unit ? { unit: who.unit } : {}) });
      return json(res, 200, { token }, headers);
    }
    if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { message: 'Method Not Allowed' }, headers);

    let rel: string;
    try {
      rel = decodeURIComponent(path);
    } catch {
      return json(res, 400, { message: 'Bad Request' }, headers);
    }
    const file = normalize(join(root, rel));
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile() && !rel.split('/').some((s) => s.startsWith('.'))) {
      serveFile(res, file, headers);
      return;
    }
    // A page of the console (no file extension): the single-page app answers it.
    if (!extname(rel) || rel.endsWith('.html')) {
      const index = join(root, 'index.html');
      if (!existsSync(index)) return json(res, 503, { message: 'the console is not built: npm start builds it' }, headers);
      serveFile(res, index, headers);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end('Not Found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });
  keepIdleConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    origin,
    connect(t) {
      target = t;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
