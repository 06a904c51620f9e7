import { randomUUID } from 'node:crypto';
import { problem } from '../../domain/problem';
import { Conflict, Forbidden, ValidationError } from '../../app/errors';
import { classifyAwsError } from '../shared/aws-errors';
import { answer } from '../shared/answer';
import { actorOf, confinedUnit, requireRole } from './auth';
import { UPLOAD_EXTENSION, UPLOAD_TYPES, UploadLinkBody, XLSX_TYPE } from '../../contracts/api';
import { MAX_UPLOAD_BYTES, UPLOAD_LINK_SECONDS } from '../../contracts/limits';
import type { ApiDeps } from './deps';
import { parseBody, pathParam, type ApiRequest } from './request';
import { ROUND_ID_PATTERN } from '../../contracts/ids';
import { acceptsNominations } from '../../domain/round/round';
import { requireRegisteredUnit } from '../../app/units/registry';

/**
 * Upload links (S-ROUND): a presigned POST confined to one key under
 * `rounds/{roundId}/units/{unit}/`, one content type, 1 byte … 5 MB, five minutes. A school
 * gets links for its own unit only (from its token); the bureau names the unit. Either way the
 * unit must be in the unit registry (422 UNIT_UNKNOWN otherwise).
 */


/** Letters (any script), digits, '.', '_', '-'; anything else becomes '_'. */
export function safeFileName(name: string): string {
  // The extension is what intake reads the file by: kept whatever the rest of the name is.
  const ext = UPLOAD_EXTENSION.exec(name)?.[0].toLowerCase() ?? '';
  const stem = name.slice(0, name.length - ext.length).normalize('NFC').replace(/[^\p{L}\p{N}._-]/gu, '_').replace(/^[._]+/, '');
  return `${stem.slice(-(100 - ext.length)) || 'upload'}${ext}`;
}

/** The one content type an upload link allows, by the file's extension (UPLOAD_TYPES). */
export function contentTypeOf(fileName: string): string {
  const ext = UPLOAD_EXTENSION.exec(fileName)?.[1]?.toLowerCase() as keyof typeof UPLOAD_TYPES | undefined;
  return ext ? UPLOAD_TYPES[ext] : UPLOAD_TYPES.json;
}

export async function uploadLink(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'school', 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const body = parseBody(req, UploadLinkBody);
  const own = confinedUnit(req.caller);
  let unit: string;
  if (own !== undefined) {
    if (body.unit !== undefined && body.unit !== own) throw new Forbidden('只能为本单位申请上传链接', 'upload links for your own unit only');
    unit = own;
  } else if (body.unit !== undefined) {
    unit = body.unit;
  } else {
    throw new ValidationError([problem('BODY_INVALID', 'unit', '请填写单位代码 unit', 'unit is required for the bureau')]);
  }

  const round = await deps.repos.rounds.require(roundId);
  if (!acceptsNominations(round, req.now)) {
    throw new Conflict('ROUND_CLOSED', `遴选批次 ${roundId} 已截止报送`, `round ${roundId} is closed for nominations`, { clause: 'S-ROUND' });
  }
  // Only a unit of the registry gets a link: an unknown code is refused, never guessed at.
  await requireRegisteredUnit(deps, unit);

  const key = `rounds/${roundId}/units/${unit}/${randomUUID()}-${safeFileName(body.fileName)}`;
  const contentType = contentTypeOf(body.fileName);
  let post: { url: string; fields: Record<string, string> };
  try {
    // Imported here, not at the top: only this route needs the S3 SDK (a cold-start saving).
    const [s3, { createPresignedPost }] = await Promise.all([deps.s3(), import('@aws-sdk/s3-presigned-post')]);
    post = await createPresignedPost(s3, {
      Bucket: deps.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, MAX_UPLOAD_BYTES],
        ['eq', '$Content-Type', contentType],
        ['eq', '$key', key],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: UPLOAD_LINK_SECONDS,
    });
  } catch (e) {
    throw classifyAwsError(e);
  }
  const expiresAt = new Date(req.now.getTime() + UPLOAD_LINK_SECONDS * 1000).toISOString();
  await deps.audit.append({
    entity: `round/${roundId}`,
    action: 'upload.link-issued',
    actor: actorOf(req.caller),
    clause: 'S-ROUND',
    details: { unit, key, contentType, expiresAt },
  });
  return answer('POST /rounds/{roundId}/uploads', 201, { url: post.url, fields: post.fields, key, expiresAt, maxBytes: MAX_UPLOAD_BYTES, contentType });
}

const TEMPLATE_NAME = '后备人才推荐表模板.xlsx';

/** The Excel nomination template; anyone signed in. */
export async function getTemplate(_req: ApiRequest) {
  // Loaded here, not at the top: only this route writes a workbook (a cold-start saving, like the S3 SDK).
  const { buildNominationTemplate } = await import('../../formats/xlsx/template');
  const bytes = buildNominationTemplate();
  return {
    statusCode: 200,
    isBase64Encoded: true,
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': `attachment; filename="nomination-template.xlsx"; filename*=UTF-8''${encodeURIComponent(TEMPLATE_NAME)}`,
      'cache-control': 'private, max-age=300',
    },
    body: Buffer.from(bytes).toString('base64'),
  };
}
