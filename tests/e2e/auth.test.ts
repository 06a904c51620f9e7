/**
 * End to end, through HTTP only: who may do what. No token, a forged or an expired token is
 * refused at the gateway (401, as API Gateway's JWT authorizer does); a school cannot open
 * rounds, decide, or see the pool; an approver cannot open rounds; the bureau cannot decide.
 * Every refusal the API itself makes carries { error: { code, zh, en } }.
 */
import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSystem, type E2eSystem } from './support';

const START = '2026-11-02T09:00:00+08:00';
const ROUND = '2026-AUTH';

interface Answer { status: number; body: unknown; route: string }

let sys: E2eSystem;
const tokens: Record<'bureau' | 'approver' | 'school' | 'otherSchool', string> = { bureau: '', approver: '', school: '', otherSchool: '' };
/** Every answer the API gave in this file, to check the error bodies of all its 4xx. */
const answers: Answer[] = [];

async function call(token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: {
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text, and the checks below will say so
  }
  const answer = { status: res.status, body: parsed, route: `${method} ${path}` };
  answers.push(answer);
  return answer;
}

const ROUND_BODY = {
  roundId: ROUND, title: '权限测试批次', referenceDate: '2026-12-01',
  intakeClosesAt: '2026-11-12T17:00:00+08:00', scoringClosesAt: '2026-11-13T17:00:00+08:00', tiers: [3],
  orgDeptApproval: { ref: '坛组干〔2026〕12 号', date: '2026-10-28' },
  scoringModel: { components: [{ id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 1, min: 0, max: 8, source: 'form', derive: 'honour' }] },
};

/** Routes and bodies a caller might try, one of each kind. */
const EVERY_ROUTE: Array<[string, string, unknown?]> = [
  ['POST', '/rounds', ROUND_BODY],
  ['GET', '/rounds'],
  ['GET', `/rounds/${ROUND}`],
  ['POST', `/rounds/${ROUND}/uploads`, { fileName: 'a.json' }],
  ['GET', '/template'],
  ['GET', `/rounds/${ROUND}/nominations`],
  ['PUT', `/rounds/${ROUND}/nominations/N0000/scores`, { components: { interview: 80 } }],
  ['GET', `/rounds/${ROUND}/shortlist`],
  ['POST', `/rounds/${ROUND}/decision`, { decision: 'approve' }],
  ['GET', '/pool'],
  ['GET', '/pool/members/P0123456789abcdef0123'],
  ['POST', '/pool/members/P0123456789abcdef0123/talks', { on: '2026-11-10', by: 'x' }],
  ['POST', '/reviews', {}],
  ['GET', '/reviews/REV-2027-09-01'],
  ['PUT', '/reviews/REV-2027-09-01/assessments/P0123456789abcdef0123', { grade: '合格', score: 80, assessedBy: 'x' }],
  ['GET', '/units'],
  ['PUT', '/units/JT-XYXX', { name: '金坛区西旸小学', type: 'primary', orgDeptManaged: false }],
];

function expectApiError(a: Answer): void {
  const body = a.body as { error?: { code?: unknown; zh?: unknown; en?: unknown } };
  expect(body?.error, `${a.route} → ${a.status}: ${JSON.stringify(a.body)}`).toBeDefined();
  expect(typeof body.error?.code, a.route).toBe('string');
  expect(body.error?.code, a.route).toMatch(/^[A-Z][A-Z_]+$/);
  expect(String(body.error?.zh), a.route).toMatch(/[\u4e00-\u9fff]/);
  expect(String(body.error?.en).length, a.route).toBeGreaterThan(0);
}

beforeAll(async () => {
  sys = await startE2eSystem(START);
  tokens.bureau = await sys.control.token('bureau');
  tokens.approver = await sys.control.token('approver');
  tokens.school = await sys.control.token('school', 'JT-XYXX');
  tokens.otherSchool = await sys.control.token('school', 'JT-JTZX');
  const opened = await call(tokens.bureau, 'POST', '/rounds', ROUND_BODY);
  for (const [code, name] of [['JT-XYXX', '金坛区西旸小学'], ['JT-JTZX', '江苏省金坛中学']] as const) {
    const put = await call(tokens.bureau, 'PUT', `/units/${code}`, { name, type: code === 'JT-XYXX' ? 'primary' : 'middle', orgDeptManaged: false });
    if (put.status !== 201) throw new Error(`could not register ${code}: ${JSON.stringify(put.body)}`);
  }
  if (opened.status !== 201) throw new Error(`could not open the round: ${JSON.stringify(opened.body)}`);
});

afterAll(async () => {
  await sys?.close();
});

describe('authentication at the gateway', () => {
  it('no token → 401 on every route', async () => {
    for (const [method, path, body] of EVERY_ROUTE) {
      const a = await call(undefined, method, path, body);
      expect(a.status, a.route).toBe(401);
    }
    // A malformed Authorization header is no token either.
    expect((await call(undefined, 'GET', '/rounds', undefined, { authorization: tokens.bureau })).status).toBe(401);
    expect((await call(undefined, 'GET', '/rounds', undefined, { authorization: 'Basic YnVyZWF1OmJ1cmVhdQ==' })).status).toBe(401);
  });

  it('a forged token → 401: a tampered payload, a foreign key, alg "none", garbage', async () => {
    const [header, , signature] = tokens.school.split('.') as [string, string, string];
    const claims = decodeJwt(tokens.school);
    // A school promotes itself to the bureau by editing its token: the signature no longer fits.
    const promoted = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['bureau'] })).toString('base64url');
    expect((await call(`${header}.${promoted}.${signature}`, 'GET', '/pool')).status).toBe(401);

    // Same issuer and audience, signed with someone else's key.
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ 'cognito:groups': ['bureau'], 'cognito:username': 'mallory', token_use: 'id' })
      .setProtectedHeader({ alg: 'ES256', kid: 'local-1' })
      .setSubject('mallory').setIssuer(String(claims.iss)).setAudience(claims.aud as string).setIssuedAt().setExpirationTime('1h')
      .sign(privateKey);
    expect((await call(foreign, 'GET', '/pool')).status).toBe(401);

    // Unsigned.
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['bureau'] })).toString('base64url')}.`;
    expect((await call(none, 'GET', '/pool')).status).toBe(401);

    expect((await call('not-a-jwt', 'GET', '/rounds')).status).toBe(401);
  });

  it('an expired token → 401, even one correctly signed for the bureau', async () => {
    const expired = await sys.expiredToken('bureau');
    expect(decodeJwt(expired).exp as number).toBeLessThan(Date.now() / 1000);
    for (const path of ['/rounds', '/pool', `/rounds/${ROUND}`]) expect((await call(expired, 'GET', path)).status, path).toBe(401);
    expect((await call(expired, 'POST', '/rounds', { ...ROUND_BODY, roundId: '2026-EXPIRED' })).status).toBe(401);
    // The same identity with a fresh token is let in.
    expect((await call(tokens.bureau, 'GET', '/pool')).status).toBe(200);
  });

  it('a 401 carries API Gateway\'s own body: the request never reached the API', async () => {
    const a = await call(undefined, 'GET', '/pool');
    expect(a).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
  });
});

describe('authorization in the API', () => {
  it('a school cannot open rounds, score, see the shortlist, decide, see the pool or run reviews (403)', async () => {
    const refused: Array<[string, string, unknown?]> = [
      ['POST', '/rounds', { ...ROUND_BODY, roundId: '2026-SCHOOL' }],
      ['PUT', `/rounds/${ROUND}/nominations/N0000/scores`, { components: { honour: 1 } }],
      ['GET', `/rounds/${ROUND}/shortlist`],
      ['POST', `/rounds/${ROUND}/decision`, { decision: 'approve' }],
      ['GET', '/pool'],
      ['GET', '/pool?unit=JT-XYXX'],
      ['GET', '/pool/members/P0123456789abcdef0123'],
      ['POST', '/pool/members/P0123456789abcdef0123/talks', { on: '2026-11-10', by: 'x' }],
      ['POST', '/reviews', {}],
      ['GET', '/reviews/REV-2027-09-01'],
    ];
    for (const [method, path, body] of refused) {
      const a = await call(tokens.school, method, path, body);
      expect(a.status, a.route).toBe(403);
      expect((a.body as { error: { code: string } }).error.code, a.route).toBe('FORBIDDEN');
    }
    // Nothing was opened behind the refusal.
    expect((await call(tokens.bureau, 'GET', '/rounds/2026-SCHOOL')).status).toBe(404);
  });

  it('a school may do what is its own: the round\'s public view, the template, its upload link and nominations', async () => {
    expect((await call(tokens.school, 'GET', `/rounds/${ROUND}`)).status).toBe(200);
    const template = await fetch(`${sys.apiUrl}/template`, { headers: { authorization: `Bearer ${tokens.school}` } });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toMatch(/spreadsheetml/);
    await template.arrayBuffer();
    expect((await call(tokens.school, 'POST', `/rounds/${ROUND}/uploads`, { fileName: 'a.json' })).status).toBe(201);
    expect((await call(tokens.school, 'GET', `/rounds/${ROUND}/nominations`)).status).toBe(200);
    // …and not another unit's.
    expect((await call(tokens.school, 'POST', `/rounds/${ROUND}/uploads`, { fileName: 'a.json', unit: 'JT-JTZX' })).status).toBe(403);
    expect((await call(tokens.school, 'GET', `/rounds/${ROUND}/nominations?unit=JT-JTZX`)).status).toBe(403);
  });

  it('a school account whose unit is missing or malformed is refused everything (403)', async () => {
    const bad = await sys.control.token('school', 'jt-lowercase');
    for (const path of ['/rounds', `/rounds/${ROUND}/nominations`]) {
      const a = await call(bad, 'GET', path);
      expect(a.status, path).toBe(403);
    }
  });

  it('an approver cannot open rounds, ask for upload links, score, see the pool or run reviews (403), but sees rounds and the shortlist', async () => {
    const refused: Array<[string, string, unknown?]> = [
      ['POST', '/rounds', { ...ROUND_BODY, roundId: '2026-APPROVER' }],
      ['POST', `/rounds/${ROUND}/uploads`, { fileName: 'a.json', unit: 'JT-XYXX' }],
      ['GET', `/rounds/${ROUND}/nominations`],
      ['PUT', `/rounds/${ROUND}/nominations/N0000/scores`, { components: { honour: 1 } }],
      ['GET', '/pool'],
      ['POST', '/reviews', {}],
      ['PUT', '/reviews/REV-2027-09-01/assessments/P0123456789abcdef0123', { grade: '合格', score: 80, assessedBy: 'x' }],
    ];
    for (const [method, path, body] of refused) {
      const a = await call(tokens.approver, method, path, body);
      expect(a.status, a.route).toBe(403);
    }
    const round = await call(tokens.approver, 'GET', `/rounds/${ROUND}`);
    expect(round.status).toBe(200);
    expect((round.body as { round: { taskToken?: unknown; scoringModel?: unknown } }).round.scoringModel).toBeDefined();
    expect((await call(tokens.approver, 'GET', `/rounds/${ROUND}/shortlist`)).status).toBe(200);
    // Not yet awaiting a decision: a conflict, not a permission problem.
    const early = await call(tokens.approver, 'POST', `/rounds/${ROUND}/decision`, { decision: 'approve' });
    expect([early.status, (early.body as { error: { code: string } }).error.code]).toEqual([409, 'ROUND_NOT_AWAITING_DECISION']);
  });

  it('the bureau cannot decide on a round (403): that is the organisation department\'s', async () => {
    const a = await call(tokens.bureau, 'POST', `/rounds/${ROUND}/decision`, { decision: 'approve' });
    expect(a.status).toBe(403);
  });

  it('bad requests are 4xx with reasons: invalid bodies (400, a problem per field), unknown things (404), conflicts (409)', async () => {
    const invalid = await call(tokens.bureau, 'POST', '/rounds', { ...ROUND_BODY, roundId: 'R1', tiers: [4], extra: true });
    expect(invalid.status).toBe(400);
    const problems = (invalid.body as { error: { problems: Array<{ code: string; path: string; zh: string; en: string }> } }).error.problems;
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['roundId', 'tiers.0']));
    for (const p of problems) expect(p).toMatchObject({ code: expect.any(String), path: expect.any(String), zh: expect.any(String), en: expect.any(String) });

    expect((await call(tokens.bureau, 'POST', '/rounds', '{"roundId": ')).status).toBe(400);
    expect((await call(tokens.bureau, 'GET', '/rounds/2026-NOPE')).status).toBe(404);
    expect((await call(tokens.bureau, 'GET', '/reviews/REV-2027-09-01')).status).toBe(404);
    expect((await call(tokens.bureau, 'GET', '/pool/members/P0123456789abcdef0123')).status).toBe(404);
    expect((await call(tokens.bureau, 'GET', '/pool?tier=9')).status).toBe(400);
    expect((await call(tokens.bureau, 'POST', '/rounds', ROUND_BODY)).status).toBe(409);
    expect((await call(tokens.bureau, 'POST', `/rounds/${ROUND}/uploads`, { fileName: 'a.json' })).status).toBe(400);
    expect((await call(tokens.bureau, 'POST', `/rounds/${ROUND}/uploads`, { fileName: '../x.json', unit: 'JT-XYXX' })).status).toBe(400);
  });

  it('every 4xx the API answered in this file carries error.code, zh and en', () => {
    const fromApi = answers.filter((a) => a.status >= 400 && a.status < 500 && a.status !== 401);
    expect(fromApi.length).toBeGreaterThan(30);
    for (const a of fromApi) expectApiError(a);
    // The statuses seen: 400, 403, 404, 409 from the API; 401 only from the gateway.
    expect([...new Set(fromApi.map((a) => a.status))].sort()).toEqual([400, 403, 404, 409]);
    for (const a of answers.filter((x) => x.status === 401)) expect(a.body).toEqual({ message: 'Unauthorized' });
  });
});
