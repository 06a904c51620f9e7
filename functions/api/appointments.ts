import { AppointmentBody } from '../../contracts/api';
import { isIsoDate } from '../../domain/dates';
import { problem } from '../../domain/problem';
import { ValidationError } from '../../app/errors';
import { recordAppointment } from '../../app/appointments/appoint';
import { xUseReport } from '../../app/appointments/report';
import { answer } from '../shared/answer';
import { actorOf, requireRole } from './auth';
import type { ApiDeps } from './deps';
import { parseBody, queryParam, type ApiRequest } from './request';

/**
 * POST /appointments (X-USE; bureau): a leader appointment, of a member or anyone else
 * (app/appointments/appoint.ts): a member appointed to their tier's post or higher leaves as
 * used, seat freed, promotion talk due; another post keeps them in, post-change talk due.
 * 201 when recorded; 200 for the same appointment again.
 */
export async function postAppointment(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const body = parseBody(req, AppointmentBody);
  const result = await recordAppointment(deps, { body, by: { username: req.caller.username, actor: actorOf(req.caller) }, now: req.now });
  return answer('POST /appointments', result.recorded ? 201 : 200, result);
}

/** GET /reports/x-use?from&to (X-USE; bureau): appointments in the period by post kind, from the pool, the share. */
export async function getXUseReport(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const from = queryParam(req, 'from');
  const to = queryParam(req, 'to');
  const problems = [
    ...(from === undefined || !isIsoDate(from) ? [problem('QUERY_INVALID', 'from', 'from 应为有效日期 YYYY-MM-DD', 'from: a real date YYYY-MM-DD')] : []),
    ...(to === undefined || !isIsoDate(to) ? [problem('QUERY_INVALID', 'to', 'to 应为有效日期 YYYY-MM-DD', 'to: a real date YYYY-MM-DD')] : []),
  ];
  if (problems.length > 0) throw new ValidationError(problems);
  if ((to as string) < (from as string)) {
    throw new ValidationError([problem('QUERY_INVALID', 'to', `to（${to}）早于 from（${from}）`, `to (${to}) is before from (${from})`)]);
  }
  return answer('GET /reports/x-use', 200, await xUseReport(deps, from as string, to as string));
}
