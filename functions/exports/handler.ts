import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { NotFound, ValidationError } from '../../app/errors';
import { produceExport } from '../../app/exports/produce';
import { EXPORT_LINK_SECONDS, EXPORT_PREFIX, ExportRequest, type ExportLink } from '../../contracts/exports';
import { parseWith } from '../../domain/issues';
import { problem } from '../../domain/problem';
import { classifyAwsError } from '../shared/aws-errors';
import { actorOf, callerOf } from '../shared/caller';
import { wallClock } from '../shared/clock';
import { errorResponse } from '../shared/http';
import { answer } from '../shared/answer';
import { logger } from '../shared/logger';
import { attachmentDisposition } from './disposition';
import { exportsClaims, exportsDeps } from './deps';
import { EXPORT_ROUTE_KEYS } from './routes';

export { EXPORT_ROUTE_KEYS } from './routes';
export { resetExportsWiring } from './deps';

/**
 * The exports Lambda behind the HTTP API (POST /exports, DESIGN.md §8): its own function so
 * the Api and intake bundles carry no workbook writer. Thin: who is calling (the same
 * claims rule as the Api) → the body (zod, one branch per kind) → the file (app/exports/produce:
 * a list's use case and workbook, or a document's use case — who may, the data, the audit) →
 * S3 under exports/ (the bucket's SSE-KMS
 * default, expired by its lifecycle rule) → a presigned GET that lives a few minutes and
 * names the file in Chinese. No row, name or ID number is logged.
 */
async function exportsApi(event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    if (!(EXPORT_ROUTE_KEYS as readonly string[]).includes(event.routeKey)) throw new NotFound({ zh: '该接口', en: 'route' }, 'ROUTE_NOT_FOUND');
    const caller = callerOf(event, exportsClaims());
    logger.appendKeys({ routeKey: event.routeKey, caller: caller.username });
    const body = parseBody(event);
    const now = requestTime(event);
    const deps = exportsDeps();
    const file = await produceExport(deps, { username: caller.username, actor: actorOf(caller), roles: caller.roles, ...(caller.unit ? { unit: caller.unit } : {}) }, body, now);
    const day = now.toISOString().slice(0, 10);
    const key = `${EXPORT_PREFIX}${day}/${randomUUID()}.${file.extension}`;
    const disposition = attachmentDisposition(file.fileName, `${body.kind}-${day}.${file.extension}`);
    let url: string;
    try {
      // Loaded on first use, like the Api's S3 routes: the SDK's S3 client and the presigner.
      const [s3, { PutObjectCommand, GetObjectCommand }, { getSignedUrl }] = await Promise.all([
        deps.s3(), import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner'),
      ]);
      await s3.send(new PutObjectCommand({ Bucket: deps.bucket, Key: key, Body: file.bytes, ContentType: file.contentType, ContentDisposition: disposition }));
      url = await getSignedUrl(s3, new GetObjectCommand({
        Bucket: deps.bucket, Key: key, ResponseContentDisposition: disposition, ResponseContentType: file.contentType,
      }), { expiresIn: EXPORT_LINK_SECONDS });
    } catch (e) {
      throw classifyAwsError(e);
    }
    logger.info('export written', { kind: body.kind, rows: file.rows, fullIds: file.fullIds, bytes: file.bytes.length });
    // The link expires on the clock the SDK signed it with (the real one, even when the local
    // system runs a simulated calendar), so that is the time the answer gives.
    const expiresAt = new Date(signingClock() + EXPORT_LINK_SECONDS * 1000).toISOString();
    const link: ExportLink = {
      url, expiresAt, fileName: file.fileName, kind: body.kind, contentType: file.contentType, fullIds: file.fullIds, ...(file.rows !== undefined ? { rows: file.rows } : {}),
    };
    return answer('POST /exports', 201, link);
  } catch (e) {
    return errorResponse(e, logger);
  } finally {
    logger.removeKeys(['routeKey', 'caller']);
  }
}

const signingClock = (): number => Date.now();

function parseBody(event: APIGatewayProxyEventV2WithJWTAuthorizer): ExportRequest {
  const raw = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  let value: unknown = {};
  if (raw.trim() !== '') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      throw new ValidationError([problem('BODY_NOT_JSON', '', '请求内容不是有效的 JSON', 'the body is not valid JSON')]);
    }
  }
  const parsed = parseWith(ExportRequest, value, 'BODY_INVALID');
  if (!parsed.ok) throw new ValidationError(parsed.problems);
  return parsed.value;
}

/** "Now" is API Gateway's stamp on the request (the local gateway stamps its simulated clock), as for the Api. */
function requestTime(event: APIGatewayProxyEventV2WithJWTAuthorizer): Date {
  const epoch = event.requestContext?.timeEpoch;
  return typeof epoch === 'number' && Number.isFinite(epoch) ? new Date(epoch) : wallClock();
}

export const handler = middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>(exportsApi)
  .use(injectLambdaContext(logger, { resetKeys: true }));
