import { beijingDate, isIsoDate } from '../../domain/dates';
import { problem } from '../../domain/problem';
import { ValidationError } from '../../app/errors';
import { listTalksDue } from '../../app/talks/due';
import { answer } from '../shared/answer';
import { requireRole } from './auth';
import type { ApiDeps } from './deps';
import { queryParam, type ApiRequest } from './request';

/**
 * GET /talks/due?asOf=YYYY-MM-DD (C-TALK; bureau): every talk due or overdue pool-wide as of
 * then (today in Beijing by default), each with the member, trigger, clause, due date and
 * words (app/talks/due.ts).
 */
export async function getTalksDue(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const raw = queryParam(req, 'asOf');
  if (raw !== undefined && !isIsoDate(raw)) {
    throw new ValidationError([problem('QUERY_INVALID', 'asOf', 'asOf 应为有效日期 YYYY-MM-DD', 'asOf: a real date YYYY-MM-DD')]);
  }
  const { asOf, talks } = await listTalksDue(deps, raw ?? beijingDate(req.now));
  return answer('GET /talks/due', 200, {
    asOf,
    counts: { total: talks.length, overdue: talks.filter((t) => t.overdue).length },
    talks,
  });
}
