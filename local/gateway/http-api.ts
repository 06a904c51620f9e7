import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { flattenClaims, type LocalIssuer } from './jwt';
import { compileRoute, matchRoute, type RouteMatcher, type RouteThrottle } from './routes';
import { RouteThrottles } from './throttle';
import { keepIdleConnections } from '../keep-alive';

/**
 * The HTTP API on 127.0.0.1: it turns each request into the API Gateway v2 event the
 * deployed API sends (payload format 2.0, JWT authorizer claims), calls the same handler,
 * and writes its answer back. Authorization fails here exactly where API Gateway's JWT
 * authorizer would fail: no token, a bad signature, a wrong issuer or audience, expiry.
 */
export type ApiHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: unknown) => Promise<APIGatewayProxyStructuredResultV2 | string | object>;

export interface LocalHttpApiOptions {
  routeKeys: string[];
  issuer: LocalIssuer;
  handler: ApiHandler;
  port?: number;
  /** Routes API Gateway would serve without the authorizer (none by default). */
  publicRoutes?: string[];
  /** Per-route throttles (the stage's RouteSettings); a route over its limit answers 429. */
  throttles?: Record<string, RouteThrottle>;
  maxBodyBytes?: number;
  /** The request time stamped on each event (requestContext.timeEpoch); default real time. */
  now?: () => Date;
}

export interface LocalHttpApi {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

export async function startLocalHttpApi(opts: LocalHttpApiOptions): Promise<LocalHttpApi> {
  const routes: RouteMatcher[] = opts.routeKeys.map(compileRoute);
  const maxBody = opts.maxBodyBytes ?? 10 * 1024 * 1024; // API Gateway's payload limit
  const throttles = new RouteThrottles(opts.throttles ?? {});
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { message: 'Internal Server Error' }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.writeHead(204, corsHeaders()).end();
      return;
    }
    const match = matchRoute(routes, method, url.pathname);
    if (!('route' in match)) {
      send(res, 404, { message: 'Not Found' });
      return;
    }
    if (!throttles.take(match.route.routeKey)) {
      send(res, 429, { message: 'Too Many Requests' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        send(res, 413, { message: 'Request Entity Too Large' });
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const isPublic = opts.publicRoutes?.includes(match.route.routeKey) ?? false;
    let claims: Record<string, string> = {};
    if (!isPublic) {
      const auth = req.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
      if (!token) {
        send(res, 401, { message: 'Unauthorized' });
        return;
      }
      try {
        claims = flattenClaims(await opts.issuer.verify(token));
      } catch {
        send(res, 401, { message: 'Unauthorized' });
        return;
      }
    }
    const raw = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    const isText = raw.length === 0 || TEXT_TYPES.test(contentType);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => {
      query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
    });
    const now = (opts.now ?? (() => new Date()))().getTime();
    const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
      version: '2.0',
      routeKey: match.route.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.replace(/^\?/, ''),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: '127.0.0.1',
        domainPrefix: 'local',
        http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId: randomUUID(),
        routeKey: match.route.routeKey,
        stage: '$default',
        time: new Date(now).toISOString(),
        timeEpoch: now,
        authorizer: { jwt: { claims, scopes: null } },
      },
      isBase64Encoded: !isText,
      ...(raw.length ? { body: isText ? raw.toString('utf8') : raw.toString('base64') } : {}),
    };
    const context = { awsRequestId: event.requestContext.requestId, functionName: 'local-api', getRemainingTimeInMillis: () => 29_000 };
    const result = await opts.handler(event, context);
    writeResult(res, result);
  }

  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization,content-type',
    'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
  };
}

function send(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...corsHeaders() }).end(JSON.stringify(body));
}

/** Payload format 2.0: a structured result, or anything else JSON-encoded with 200. */
function writeResult(res: ServerResponse, result: APIGatewayProxyStructuredResultV2 | string | object): void {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const r = result as APIGatewayProxyStructuredResultV2;
    const headers: Record<string, string> = { ...corsHeaders() };
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    const body = r.body === undefined ? Buffer.alloc(0) : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : Buffer.from(r.body, 'utf8');
    if (r.cookies?.length) res.setHeader('set-cookie', r.cookies);
    res.writeHead(r.statusCode ?? 200, headers).end(body);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', ...corsHeaders() }).end(typeof result === 'string' ? result : JSON.stringify(result));
}
