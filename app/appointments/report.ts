import type { IsoDate } from '../../domain/dates';
import { appointmentShare, isGreaterPart } from '../../domain/membership';
import { POST_KIND_ZH } from '../../domain/eligibility/words';
import { PostKind } from '../../domain/policy/schema';
import type { UseCaseContext } from '../ports';

/**
 * X-USE report (GET /reports/x-use): the appointments dated in a period, by post kind, how
 * many went to pool members at the time, the share (domain appointmentShare) and whether it
 * is the greater part, as the plan asks (以后备人才为主: share > 0.5). No appointments: share
 * and greaterPart are null (0 of 0 is not 0%).
 */
export interface XUseLine { kind: PostKind; zh: string; total: number; fromPool: number; share: number | null }
export interface XUseReport {
  clause: 'X-USE';
  from: IsoDate;
  to: IsoDate;
  total: number;
  fromPool: number;
  share: number | null;
  greaterPart: boolean | null;
  byKind: XUseLine[];
  zh: string;
  en: string;
}

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

export async function xUseReport(deps: Pick<UseCaseContext, 'repos'>, from: IsoDate, to: IsoDate): Promise<XUseReport> {
  const all = await deps.repos.appointments.between(from, to);
  const byKind = PostKind.options.flatMap((kind) => {
    const of = all.filter((a) => a.post.kind === kind);
    return of.length === 0 ? [] : [{ kind, zh: POST_KIND_ZH[kind], ...appointmentShare(of) }];
  });
  const { total, fromPool, share } = appointmentShare(all);
  const greaterPart = isGreaterPart(share);
  const verdict = greaterPart === null
    ? { zh: '期间无任用记录', en: 'no appointments in the period' }
    : greaterPart
      ? { zh: '以后备人才为主', en: 'mainly from the pool, as the plan asks' }
      : { zh: '未达到以后备人才为主（须过半）', en: 'not mainly from the pool (the plan asks for more than half)' };
  return {
    clause: 'X-USE', from, to, total, fromPool, share, greaterPart, byKind,
    zh: `${from} 至 ${to} 任用 ${total} 人，其中后备人才 ${fromPool} 人，占 ${pct(share)}：${verdict.zh}`,
    en: `${from} to ${to}: ${total} appointment(s), ${fromPool} from the pool (${pct(share)}): ${verdict.en}`,
  };
}
