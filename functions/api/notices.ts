import { UNIT_CODE_PATTERN } from '../../contracts/ids';
import { DELIVERY_STATUS_NAMES } from '../../contracts/notices';
import { NOTICE_CHANNEL_NAMES, NOTICE_KIND_NAMES } from '../../domain/notices/notice';
import type { NoticeRecord } from '../../app/ports/notices';
import { ValidationError } from '../../app/errors';
import { problem } from '../../domain/problem';
import { answer } from '../shared/answer';
import { confinedUnit, requireRole } from './auth';
import type { ApiDeps } from './deps';
import { pageOf, queryParam, type ApiRequest } from './request';

/**
 * The outbox for the console (DESIGN §7): what was sent to whom, when, by which channel and
 * how it went — the bureau every unit's (or one unit's, `?unit=`), a school its own.
 */
export function noticeView(n: NoticeRecord) {
  return {
    key: n.key, kind: n.kind, kindName: NOTICE_KIND_NAMES[n.kind], unit: n.unit, entity: n.entity, clause: n.clause,
    subject: n.subject, body: n.body, link: n.link, at: n.at, recordedAt: n.recordedAt,
    ...(n.enqueuedAt ? { enqueuedAt: n.enqueuedAt } : {}),
    status: n.status, statusName: DELIVERY_STATUS_NAMES[n.status],
    deliveries: n.deliveries.map((d) => {
      const s = n.states[d.id] ?? { status: 'pending' as const, attempts: 0 };
      return { ...d, channelName: NOTICE_CHANNEL_NAMES[d.channel], ...s, statusName: DELIVERY_STATUS_NAMES[s.status] };
    }),
  };
}

export async function listNotices(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'school');
  const own = confinedUnit(req.caller);
  const asked = queryParam(req, 'unit');
  if (asked !== undefined && !UNIT_CODE_PATTERN.test(asked)) {
    throw new ValidationError([problem('UNIT_CODE_INVALID', 'unit', '单位代码格式不正确', 'not a unit code')]);
  }
  const unit = own ?? asked;
  if (!deps.notices) return answer('GET /notices', 200, { notices: [] });
  const page = await deps.notices.store.list(unit ? { unit } : {}, pageOf(req));
  return answer('GET /notices', 200, { notices: page.items.map(noticeView), ...(page.cursor ? { cursor: page.cursor } : {}) });
}
