import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { API_OPERATIONS, buildOpenApi } from '../../contracts/openapi';
import { ANSWERS } from '../../contracts/views';
import { VetoBody } from '../../contracts/api';
import { ROUTE_KEYS } from '../../functions/api/router';
import { EXPORT_ROUTE_KEYS } from '../../functions/exports/routes';
import { PUBLIC_ROUTE_KEYS } from '../../functions/public/routes';
import { SELECTION_ROUTE_KEYS } from '../../functions/selection/routes';
import { synthTalentPool } from '../../infra/synth';
import { routeKeysFromTemplate } from '../../local/gateway/routes';
import { startConsoleServer } from '../../local/console';
import { createLocalIssuer } from '../../local/gateway/jwt';

/**
 * The OpenAPI 3.1 document (contracts/openapi.ts), generated from the zod schemas the handlers
 * parse with: exactly the routes CDK deploys, structurally a 3.1 document, and its schemas
 * real JSON Schema 2020-12 that accept and refuse what the API does.
 */

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const doc = buildOpenApi({ serverUrl: 'https://api.example.cn' }) as {
  openapi: string; info: Json; paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json>; securitySchemes: Json }; security: unknown[];
};

function documentRouteKeys(): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`)).sort();
}

describe('the OpenAPI document', () => {
  it('has exactly the routes the synthesized template deploys (paths × methods)', () => {
    const { template } = synthTalentPool();
    const deployed = routeKeysFromTemplate(template as Parameters<typeof routeKeysFromTemplate>[0]);
    expect(deployed.length).toBeGreaterThan(20);
    expect(documentRouteKeys()).toEqual(deployed);
    // and the routers serve the same (tests/functions/api-routes.test.ts holds routers = template)
    expect(Object.keys(API_OPERATIONS).sort()).toEqual([...ROUTE_KEYS, ...SELECTION_ROUTE_KEYS, ...PUBLIC_ROUTE_KEYS, ...EXPORT_ROUTE_KEYS].sort());
  }, 60_000);

  it('is structurally OpenAPI 3.1: version, info, every operation with responses, declared path parameters, unique ids', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith('/')).toBe(true);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        expect(typeof op.operationId).toBe('string');
        expect(ids.has(op.operationId as string)).toBe(false);
        ids.add(op.operationId as string);
        expect(op.summary as string).toMatch(/[\u4e00-\u9fff]/); // Chinese first
        const responses = op.responses as Record<string, { description?: string }>;
        expect(Object.keys(responses).length).toBeGreaterThan(0);
        expect(Object.keys(responses).some((s) => /^2\d\d$/.test(s))).toBe(true);
        for (const [status, r] of Object.entries(responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(typeof r.description).toBe('string');
        }
        const params = (op.parameters ?? []) as Array<{ name: string; in: string; required?: boolean }>;
        expect(params.filter((p) => p.in === 'path').map((p) => p.name).sort()).toEqual(inPath);
        for (const p of params.filter((p) => p.in === 'path')) expect(p.required).toBe(true);
        expect((responses['401'] as Json).content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } });
      }
    }
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('every $ref resolves inside the document; every body a handler parses is there', () => {
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') refs.push(x);
          else walk(x);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      expect(r).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[r.split('/').pop()!], r).toBeDefined();
    }
    const op = doc.paths['/pool/members/{personId}/vetoes']!.post!;
    expect(op.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/VetoBody' } } } });
    expect(doc.paths['/rounds']!.post!.requestBody).toBeDefined();
    expect(doc.paths['/rounds']!.get!.requestBody).toBeUndefined();
  });

  it('its schemas are JSON Schema 2020-12 that agree with the zod schema on what is refused', () => {
    // refs are document-relative: the whole document is one resource, each schema compiled from it
    const whole = new Ajv2020({ strict: false, allErrors: true });
    whole.addSchema({ $id: 'https://doc.invalid/openapi.json', components: doc.components } as Json);
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => whole.getSchema(`https://doc.invalid/openapi.json#/components/schemas/${name}`), name).not.toThrow();
    }
    const veto = whole.getSchema('https://doc.invalid/openapi.json#/components/schemas/VetoBody')!;
    const good = { on: '2027-03-01', matter: '违反师德', reportedBy: '区纪委' };
    expect(VetoBody.safeParse(good).success).toBe(true);
    expect(veto(good)).toBe(true);
    for (const bad of [{ ...good, extra: 1 }, { on: '2027-03-01', matter: '', reportedBy: 'x' }, { matter: 'x', reportedBy: 'y' }]) {
      expect(VetoBody.safeParse(bad).success).toBe(false);
      expect(veto(bad)).toBe(false);
    }
    const errorBody = whole.getSchema('https://doc.invalid/openapi.json#/components/schemas/ErrorBody')!;
    expect(errorBody({ error: { code: 'BODY_INVALID', zh: '请求有误', en: 'bad', problems: [{ code: 'DATE_INVALID', path: 'on', zh: '日期', en: 'date' }] } })).toBe(true);
    expect(errorBody({ error: { code: 'X' } })).toBe(false);
    const decision = whole.getSchema('https://doc.invalid/openapi.json#/components/schemas/DecisionBody')!;
    expect(decision({ decision: 'approve' })).toBe(true);
    expect(decision({ decision: 'maybe' })).toBe(false);
  });
});

describe('the success answers in the document', () => {
  it('each operation answers the statuses its ANSWERS entry names, each with the route\'s schema by reference', () => {
    for (const [key, op] of Object.entries(API_OPERATIONS)) {
      const answer = ANSWERS[key as keyof typeof ANSWERS];
      expect(Object.keys(op.ok).map(Number).sort(), key).toEqual([...answer.status].sort());
      const [method, path] = key.split(' ') as [string, string];
      const responses = doc.paths[path]![method.toLowerCase()]!.responses as Record<string, { content: Record<string, { schema: Json }> }>;
      for (const status of answer.status) {
        const content = responses[String(status)]!.content;
        expect(Object.keys(content), key).toEqual([answer.media]);
        if ('name' in answer) expect(content[answer.media]!.schema, key).toEqual({ $ref: `#/components/schemas/${answer.name}` });
        else expect(content[answer.media]!.schema, key).toEqual({ type: 'string', contentMediaType: answer.media });
      }
    }
  });

  it('compiles with ajv 2020-12 and agrees with the zod schema on an answer and a broken one', () => {
    const whole = new Ajv2020({ strict: false, allErrors: true });
    whole.addSchema({ $id: 'https://doc.invalid/openapi.json', components: doc.components } as Json);
    const upload = whole.getSchema('https://doc.invalid/openapi.json#/components/schemas/UploadLinkAnswer')!;
    const good = { url: 'https://s3.example', fields: { key: 'k' }, key: 'k', expiresAt: '2026-11-02T01:05:00.000Z', maxBytes: 5242880, contentType: 'application/json' };
    expect(ANSWERS['POST /rounds/{roundId}/uploads'].schema.safeParse(good).success).toBe(true);
    expect(upload(good)).toBe(true);
    const bad = { ...good, maxBytes: '5 MB' };
    expect(ANSWERS['POST /rounds/{roundId}/uploads'].schema.safeParse(bad).success).toBe(false);
    expect(upload(bad)).toBe(false);
    const vote = whole.getSchema('https://doc.invalid/openapi.json#/components/schemas/BallotVoteAnswer')!;
    expect([vote({ accepted: true }), vote({ accepted: false })]).toEqual([true, false]);
  });
});

describe('served', () => {
  it('the local console serves it at /openapi.json, its server the /api prefix', async () => {
    const server = await startConsoleServer({ distDir: '/nonexistent-console-dist', issuer: await createLocalIssuer() });
    try {
      const res = await fetch(new URL('/openapi.json', server.origin));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const served = (await res.json()) as Json;
      expect(served).toEqual(buildOpenApi({ serverUrl: '/api' }));
      expect(served.servers).toEqual([{ url: '/api' }]);
    } finally {
      await server.close();
    }
  });
});
