import * as z from 'zod';
import {
  AppointmentBody, AssessmentBody, RenewalBody, ConfirmationBody, DecisionBody, ImportBody, OpenRoundBody, RotationBody, ScoresBody, StartReviewBody,
  TalkBody, TrainingBody, UnitBody, UploadLinkBody, VetoBody,
} from './api';
import { NOMINATION_ID_PATTERN, PERSON_ID_PATTERN, REVIEW_ID_PATTERN, ROUND_ID_PATTERN, UNIT_CODE_PATTERN } from './ids';
import { ExportRequest } from './exports';
import { ObjectionBody, OBJECTION_ID_PATTERN, ResolveObjectionBody } from './publicity';
import { ErrorBodySchema } from './problem';
import { InspectionBody, InspectionCloseBody } from './inspection';
import { BallotSessionBody, BallotVoteBody, IssueCodesBody } from './ballot';
import { ANSWERS, type Answer } from './views';

/**
 * The HTTP API as an OpenAPI 3.1 document, built from the same zod schemas the handlers parse
 * with (z.toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 schema objects are). One entry
 * per deployed route, keyed by API Gateway route key; a test holds the keys equal to the routes
 * CDK synthesizes (tests/contracts/openapi.test.ts). Summaries are Chinese first: the readers
 * are the bureau's scripts and the people who write them.
 *
 * What a route answers on success is its schema in contracts/views (ANSWERS, the same schemas
 * the handlers' answers are typed by), one components.schemas entry each; `ok` below says in
 * words what each success status means. Every error answers ErrorBody.
 */

type Role = 'bureau' | 'approver' | 'school';
interface QueryParam { readonly name: string; readonly zh: string; readonly type?: 'string' | 'integer' }
export interface ApiOperation {
  /** Chinese first, the English after a slash. */
  readonly summary: string;
  readonly roles: readonly Role[];
  /** The request body's schema, by its name in components.schemas. */
  readonly body?: readonly [name: string, schema: z.ZodType];
  readonly query?: readonly QueryParam[];
  /** Success statuses and what each means. */
  readonly ok: Readonly<Record<number, string>>;
  /** No sign-in: the public 民主推荐 ballot (contracts/ballot.ts, throttled) and the public 公示 page. */
  readonly public?: true;
}

const PAGE: QueryParam[] = [
  { name: 'limit', zh: '每页条数（1–1000，默认 100）', type: 'integer' },
  { name: 'cursor', zh: '上一页返回的 cursor', type: 'string' },
];
const ALL: Role[] = ['bureau', 'approver', 'school'];

export const API_OPERATIONS = {
  'POST /rounds': { summary: '开启一轮遴选 / open a round (S-ROUND)', roles: ['bureau'], body: ['OpenRoundBody', OpenRoundBody], ok: { 201: '已开启的轮次 { round }' } },
  'GET /rounds': { summary: '轮次列表 / list rounds', roles: ALL, query: PAGE, ok: { 200: '{ rounds, cursor? }' } },
  'GET /rounds/{roundId}': { summary: '查看一轮遴选 / one round', roles: ALL, ok: { 200: '{ round }' } },
  'POST /rounds/{roundId}/uploads': { summary: '获取推荐表上传链接（预签名 POST）/ a presigned upload for a nomination file', roles: ['school', 'bureau'], body: ['UploadLinkBody', UploadLinkBody], ok: { 201: '{ url, fields, key, expiresAt, maxBytes, contentType }' } },
  'GET /template': { summary: '下载推荐表 Excel 模板 / the nomination workbook template', roles: ['bureau', 'approver', 'school'], ok: { 200: 'the .xlsx workbook' } },
  'GET /rounds/{roundId}/nominations': { summary: '本轮推荐情况（学校只见本单位）/ nominations (a school sees its own)', roles: ALL, query: [{ name: 'unit', zh: '单位代码（局端筛选）' }, ...PAGE], ok: { 200: '{ nominations, cursor? }' } },
  'PUT /rounds/{roundId}/nominations/{nominationId}/scores': { summary: '录入评分 / enter scores', roles: ['bureau'], body: ['ScoresBody', ScoresBody], ok: { 200: '{ nomination }' } },
  'GET /rounds/{roundId}/shortlist': { summary: '拟入库名单 / the shortlist', roles: ['bureau', 'approver'], ok: { 200: 'the ranked tiers with free seats' } },
  'POST /rounds/{roundId}/decision': { summary: '组织部审批决定 / the approver’s decision', roles: ['approver'], body: ['DecisionBody', DecisionBody], ok: { 200: '{ roundId, decision }' } },
  'GET /rounds/{roundId}/inspections': { summary: '考察对象及考察记录（S-INSPECT）/ the 考察对象 and their inspection records', roles: ['bureau', 'approver'], ok: { 200: '{ roundId, status, inspection, rules, tiers, counts }' } },
  'PUT /rounds/{roundId}/inspections/{nominationId}': { summary: '录入或更正一名考察对象的考察记录（考察组、日期、个别谈话人数、考察结论、合格/不合格或分数）/ record an inspection', roles: ['bureau'], body: ['InspectionBody', InspectionBody], ok: { 201: '已录入 / recorded', 200: '已更正 / replaced' } },
  'POST /rounds/{roundId}/inspections/close': { summary: '结束考察（每名考察对象均须有记录），进入最终排名 / close the inspection', roles: ['bureau'], body: ['InspectionCloseBody', InspectionCloseBody], ok: { 202: '{ roundId, closedAt, shortlisted }' } },
  'GET /pool': { summary: '人才库查询（C-PRIORITY）/ query the pool', roles: ['bureau'], query: [
    { name: 'tier', zh: '梯队（1–3）', type: 'integer' }, { name: 'unit', zh: '单位代码' }, { name: 'unitType', zh: '单位类型' },
    { name: 'maxAge', zh: '最大年龄', type: 'integer' }, { name: 'honourAtLeast', zh: '荣誉不低于' }, { name: 'termYear', zh: '任期第几年（1–3）', type: 'integer' },
    { name: 'flag', zh: '标记（如 talk-overdue）' }, { name: 'status', zh: '成员状态' }, { name: 'warning', zh: '预警' }, ...PAGE,
  ], ok: { 200: '{ members, cursor? }' } },
  'GET /pool/consistency': { summary: '人才库一致性检查 / pool consistency check', roles: ['bureau'], ok: { 200: 'counts per tier against the seats' } },
  'GET /pool/members/{personId}': { summary: '查看成员档案 / one member', roles: ['bureau'], ok: { 200: '{ member }' } },
  'POST /pool/members/{personId}/talks': { summary: '记录谈心谈话 / record a talk', roles: ['bureau'], body: ['TalkBody', TalkBody], ok: { 201: '{ record }' } },
  'POST /pool/members/{personId}/training': { summary: '记录培训 / record training', roles: ['bureau', 'school'], body: ['TrainingBody', TrainingBody], ok: { 201: '{ record }' } },
  'POST /pool/members/{personId}/rotations': { summary: '记录挂职轮岗 / record a rotation', roles: ['bureau'], body: ['RotationBody', RotationBody], ok: { 201: '{ record }' } },
  'POST /pool/members/{personId}/vetoes': { summary: '一票否决出库（M-VETO）/ a one-vote veto', roles: ['bureau'], body: ['VetoBody', VetoBody], ok: { 201: '已记录 / recorded', 200: '此前已记录（重复提交）/ already recorded' } },
  'POST /pool/members/{personId}/renewals': { summary: '续任一届（总结性考核合格者，M-TERM）/ renew a member for a new three-year term', roles: ['bureau'], body: ['RenewalBody', RenewalBody], ok: { 201: '已续任 / renewed', 200: '此前已续任 / already renewed' } },
  'GET /pool/members/{personId}/audit': { summary: '成员操作记录 / a member’s audit trail', roles: ['bureau'], query: PAGE, ok: { 200: '{ entries, cursor? }' } },
  'POST /pool/imports': { summary: '导入组织部备案名单或原优秀青年干部（S-ORGLIST, X-LEGACY）/ import filed lists', roles: ['bureau'], body: ['ImportBody', ImportBody], ok: { 201: '已导入 / imported', 200: '此前已导入 / already imported' } },
  'GET /talks/due': { summary: '到期及逾期谈话 / talks due pool-wide', roles: ['bureau'], query: [{ name: 'asOf', zh: '截至日期 YYYY-MM-DD（默认今天）' }], ok: { 200: 'talks due, each with trigger and clause' } },
  'GET /audit': { summary: '操作记录查询 / the audit trail', roles: ['bureau'], query: [{ name: 'entity', zh: '对象（如 round#2026-R1）' }, ...PAGE], ok: { 200: '{ entity, entries, cursor? }' } },
  'POST /reviews': { summary: '启动年度考核 / start the annual review', roles: ['bureau'], body: ['StartReviewBody', StartReviewBody], ok: { 202: '已启动 / started' } },
  'GET /reviews': { summary: '考核列表 / list reviews', roles: ['bureau', 'school'], query: PAGE, ok: { 200: '{ reviews, cursor? }' } },
  'GET /reviews/{reviewId}': { summary: '查看一次考核 / one review', roles: ['bureau'], ok: { 200: 'the review' } },
  'GET /reviews/{reviewId}/assessments': { summary: '考核成员及提交情况 / members to assess', roles: ['bureau', 'school'], query: [{ name: 'unit', zh: '单位代码（局端筛选）' }], ok: { 200: '{ reviewId, status, windowClosesAt, members }' } },
  'PUT /reviews/{reviewId}/assessments/{personId}': { summary: '提交考核结果 / submit an assessment', roles: ['bureau', 'school'], body: ['AssessmentBody', AssessmentBody], ok: { 201: '已提交 / submitted', 200: '已更新 / replaced' } },
  'GET /reviews/{reviewId}/proposals': { summary: '考核拟定结果（校准）/ proposed outcomes', roles: ['bureau'], ok: { 200: 'proposed outcomes per member' } },
  'POST /reviews/{reviewId}/confirmation': { summary: '确认考核结果（可附理由调整）/ confirm outcomes', roles: ['bureau'], body: ['ConfirmationBody', ConfirmationBody], ok: { 202: '{ reviewId, confirmation }' } },
  'GET /units': { summary: '单位名录 / the unit registry', roles: ['bureau', 'school'], query: PAGE, ok: { 200: '{ units, cursor? }' } },
  'GET /notices': { summary: '通知发送记录 / notices to units (the outbox)', roles: ['bureau', 'school'], query: [{ name: 'unit', zh: '单位代码（教育局可选；学校仅本单位）' }, ...PAGE], ok: { 200: '{ notices: [{ kind, unit, subject, at, status, deliveries: [{ channel, to, status, attempts, sentAt?, error? }] }], cursor? }' } },
  'PUT /units/{unitCode}': { summary: '登记或修改单位（学校仅限本单位）/ register or change a unit', roles: ['bureau', 'school'], body: ['UnitBody', UnitBody], ok: { 201: '已登记 / created', 200: '已修改 / changed' } },
  'POST /appointments': { summary: '记录干部任用（X-USE）/ record an appointment', roles: ['bureau'], body: ['AppointmentBody', AppointmentBody], ok: { 201: '已记录 / recorded', 200: '此前已记录 / already recorded' } },
  'GET /reports/x-use': { summary: '后备人才使用情况报表（X-USE）/ the X-USE report', roles: ['bureau'], query: [{ name: 'from', zh: '起始日期 YYYY-MM-DD' }, { name: 'to', zh: '截止日期 YYYY-MM-DD' }], ok: { 200: 'appointments by post kind, from the pool, the share' } },
  'GET /rounds/{roundId}/ballots': { summary: '民主推荐各单位选票：投票码发放与使用、计票结果（S-RECOMMEND）/ the ballots per unit: codes issued and used, the tally', roles: ['bureau'], query: PAGE, ok: { 200: '{ roundId, ballots, cursor? }' } },
  'POST /rounds/{roundId}/ballots/{unitCode}/codes': { summary: '为单位发放一次性投票码（仅在本次返回中显示）/ issue one-time ballot codes for a unit (shown once)', roles: ['bureau'], body: ['IssueCodesBody', IssueCodesBody], ok: { 201: '{ roundId, roundTitle, unitCode, closesAt, codes, issued }' } },
  'POST /ballot/session': { summary: '凭投票码打开选票（无需登录，限流）/ open the ballot with a code (public, throttled)', roles: [], public: true, body: ['BallotSessionBody', BallotSessionBody], ok: { 200: '{ roundTitle, unitCode, unitName?, closesAt, candidates }' } },
  'POST /ballot/votes': { summary: '投票：每个投票码一票（无需登录，限流）/ cast the ballot: one vote per code (public, throttled)', roles: [], public: true, body: ['BallotVoteBody', BallotVoteBody], ok: { 201: '{ accepted: true }' } },
  'GET /rounds/{roundId}/objections': { summary: '公示情况及异议（局端）/ the 公示: period, list, objections (S-PUBLICITY)', roles: ['bureau'], ok: { 200: '{ roundId, status, period, entries, objections, pending, awaitingObjections }' } },
  'POST /rounds/{roundId}/objections': { summary: '登记公示异议（公示期内收到的）/ record an objection received during the 公示', roles: ['bureau'], body: ['ObjectionBody', ObjectionBody], ok: { 201: '{ objection }' } },
  'PUT /rounds/{roundId}/objections/{objectionId}': { summary: '处理异议（成立则不予入库，须写明理由）/ resolve an objection: upheld keeps the candidate out, with the reason', roles: ['bureau'], body: ['ResolveObjectionBody', ResolveObjectionBody], ok: { 200: '{ objection, pending, resumed }' } },
  'GET /publicity/{roundId}': { summary: '公示（公开，无需登录）/ the public 公示 page: period and list, never an ID number', roles: [], public: true, ok: { 200: '{ publicity }' } },
  'POST /exports': { summary: '导出 Excel 名册及报表、公示通知与任免审批表（Word）、.lrmx（身份证号默认脱敏）/ an export or a document, as a short-lived download link', roles: ['bureau', 'school', 'approver'], body: ['ExportRequest', ExportRequest], ok: { 201: '{ url, expiresAt, fileName, kind, contentType, rows?, fullIds }' } },
} as const satisfies Record<string, ApiOperation>;

export type OperationKey = keyof typeof API_OPERATIONS;

const ERRORS: Record<number, string> = {
  400: '请求有误：每个问题给出字段路径及中英文说明 / a bad request: one problem per field',
  401: '未登录或登录已失效 / no or an expired token',
  403: '无权进行此操作 / not allowed for this role or unit',
  404: '未找到 / not found',
  409: '与当前状态冲突 / conflicts with the current state',
  503: '暂时不可用，请稍后重试 / transient, retry later',
};

/** Path parameters, by name: the same rules the handlers check (contracts/ids.ts). */
const PATH_PATTERNS: Record<string, RegExp> = {
  roundId: ROUND_ID_PATTERN, nominationId: NOMINATION_ID_PATTERN, objectionId: OBJECTION_ID_PATTERN, personId: PERSON_ID_PATTERN, reviewId: REVIEW_ID_PATTERN, unitCode: UNIT_CODE_PATTERN,
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function operationId(key: string): string {
  const [method, path] = key.split(' ') as [string, string];
  const words = path.split('/').filter(Boolean).map((s) => s.replace(/[{}]/g, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase()));
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

export interface OpenApiInfo {
  /** The API's base URL (a server entry), e.g. the stage URL or `/api` locally. */
  readonly serverUrl?: string;
  readonly version?: string;
}

/** The whole document, plain JSON (serve it as /openapi.json). */
export function buildOpenApi(info: OpenApiInfo = {}): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(ErrorBodySchema, { id: 'ErrorBody' });
  for (const op of Object.values(API_OPERATIONS) as ApiOperation[]) {
    if (op.body && !registry.has(op.body[1])) registry.add(op.body[1], { id: op.body[0] });
  }
  for (const a of Object.values(ANSWERS) as Answer[]) {
    if (a.name !== undefined && !registry.has(a.schema)) registry.add(a.schema, { id: a.name });
  }
  // Request bodies as clients send them (defaults optional), answers as the API writes them
  // (the same: the wire form); a refinement JSON Schema cannot say (an ID number's checksum,
  // a date being real) is left to the API's 400 with a problem.
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Each is a schema object of this document: no dialect or id of its own (a fragment-only $id is not a valid one).
  for (const s of Object.values(schemas)) {
    delete (s as Record<string, unknown>).$schema;
    delete (s as Record<string, unknown>).$id;
  }

  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of Object.entries(API_OPERATIONS) as Array<[string, ApiOperation]>) {
    const [method, path] = key.split(' ') as [string, string];
    const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const parameters = [
      ...pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string', ...(PATH_PATTERNS[name] ? { pattern: PATH_PATTERNS[name].source } : {}) } })),
      ...(op.query ?? []).map((q) => ({ name: q.name, in: 'query', required: false, description: q.zh, schema: { type: q.type ?? 'string' } })),
    ];
    const responses: Record<string, unknown> = {};
    const answer: Answer = ANSWERS[key as OperationKey];
    for (const [status, description] of Object.entries(op.ok)) {
      responses[status] = answer.name === undefined
        ? { description, content: { [answer.media]: { schema: { type: 'string', contentMediaType: answer.media } } } }
        : { description, content: { [answer.media]: { schema: ref(answer.name) } } };
    }
    for (const [status, description] of Object.entries(ERRORS)) {
      responses[status] = { description, content: { 'application/json': { schema: ref('ErrorBody') } } };
    }
    if (op.public) responses['429'] = { description: '请求过于频繁，请稍后再试 / throttled', content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } } };
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      operationId: operationId(key),
      summary: op.summary,
      description: op.public ? '公开，无需登录 / public: no sign-in' : `角色 / roles: ${op.roles.join(', ')}`,
      ...(op.public ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body[0]) } } } } : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: '金坛区教育系统后备人才梯队 API / talent-pool HTTP API',
      version: info.version ?? '1',
      description: '除标明“公开”的页面外，所有接口均需登录（Authorization: Bearer <JWT>，由 Cognito 用户池或所配置的 OIDC 提供方签发）。错误统一为 ErrorBody。',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'ID token of the user pool or the OIDC provider' } },
    },
  };
}
