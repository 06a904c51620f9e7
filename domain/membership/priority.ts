import { completedYears, isIsoDate, type IsoDate } from '../dates';
import { honourRung, meetsHonour } from '../policy/honours';
import { UnitType, type Policy } from '../policy/schema';
import { problem, rejection, type Problem, type Result } from '../problem';
import type { Tier } from '../tier';

/**
 * C-PRIORITY (五(三)): members are preferred for promotion, post hiring, awards, the city's
 * "three famous" programme and high-level training, so the pool must be easy to query for
 * them — by tier, unit, unit type, age on a date, an honour at or above a rung of the ladder
 * (the policy's ladder, "X or above" includes X), the year of the term, and what stands out
 * (warned, recommended under M-TOP, a talk overdue under C-TALK). Pure: the facts of each
 * member are gathered by the caller; every bad value is QUERY_INVALID at its field, with the
 * values allowed.
 */

export const PRIORITY_FLAGS = ['warned', 'recommended', 'talk-overdue'] as const;
export type PriorityFlag = (typeof PRIORITY_FLAGS)[number];

export const TERM_YEARS = [1, 2, 3] as const;

export interface PriorityQuery {
  asOf: IsoDate;
  tier?: Tier;
  unit?: string;
  unitType?: UnitType;
  maxAge?: number;
  /** The ladder title as the policy writes it (an alias is resolved to its rung's title). */
  honourAtLeast?: string;
  termYear?: 1 | 2 | 3;
  flag?: PriorityFlag;
}

/** What the query reads of one member; a fact not known (undefined) matches no filter on it. */
export interface PriorityFacts {
  tier: Tier;
  unit: string;
  unitType?: UnitType;
  birthDate?: IsoDate;
  honours?: readonly { title: string; awarded: IsoDate }[];
  termStart: IsoDate;
  warned: boolean;
  recommended: boolean;
  talkOverdue?: boolean;
}

/** The year of the term a date falls in: 1 from admission, 2 from the first anniversary … */
export function termYearOf(termStart: IsoDate, asOf: IsoDate): number {
  return completedYears(termStart, asOf) + 1;
}

/** Which filters need which facts, so a caller gathers only those. */
export function needs(q: PriorityQuery): { form: boolean; unitType: boolean; talks: boolean } {
  return { form: q.maxAge !== undefined || q.honourAtLeast !== undefined, unitType: q.unitType !== undefined, talks: q.flag === 'talk-overdue' };
}

const MIN_AGE = 18;
const MAX_AGE = 70;

function invalid(field: string, zh: string, en: string): Problem {
  return problem('QUERY_INVALID', field, `${field}：${zh}`, `${field}: ${en}`);
}

/** The query from the raw query string (`today` when no asOf). */
export function parsePriorityQuery(raw: Readonly<Record<string, string | undefined>>, policy: Policy, today: IsoDate): Result<PriorityQuery> {
  const problems: Problem[] = [];
  const q: PriorityQuery = { asOf: today };
  const get = (k: string) => {
    const v = raw[k];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const asOf = get('asOf');
  if (asOf !== undefined) {
    if (isIsoDate(asOf)) q.asOf = asOf;
    else problems.push(invalid('asOf', '应为日期 YYYY-MM-DD', 'a date, YYYY-MM-DD'));
  }
  const tier = get('tier');
  if (tier !== undefined) {
    if (tier === '1' || tier === '2' || tier === '3') q.tier = Number(tier) as Tier;
    else problems.push(invalid('tier', '可选 1、2、3', 'one of 1, 2, 3'));
  }
  const unit = get('unit');
  if (unit !== undefined) q.unit = unit;
  const unitType = get('unitType');
  if (unitType !== undefined) {
    const t = UnitType.safeParse(unitType);
    if (t.success) q.unitType = t.data;
    else problems.push(invalid('unitType', `可选 ${UnitType.options.join('、')}`, `one of ${UnitType.options.join(', ')}`));
  }
  const maxAge = get('maxAge');
  if (maxAge !== undefined) {
    const n = Number(maxAge);
    if (/^\d+$/.test(maxAge) && n >= MIN_AGE && n <= MAX_AGE) q.maxAge = n;
    else problems.push(invalid('maxAge', `应为 ${MIN_AGE} 至 ${MAX_AGE} 的整数（周岁）`, `an integer ${MIN_AGE}…${MAX_AGE} (completed years)`));
  }
  const honour = get('honourAtLeast');
  if (honour !== undefined) {
    const rung = honourRung(honour, policy);
    if (rung) q.honourAtLeast = rung.title;
    else {
      const titles = policy.honourLadder.map((r) => r.title);
      problems.push(invalid('honourAtLeast', `荣誉称号阶梯中没有“${honour}”，可选：${titles.join('、')}`, `not a title of the honour ladder; one of ${titles.join(', ')}`));
    }
  }
  const termYear = get('termYear');
  if (termYear !== undefined) {
    if (termYear === '1' || termYear === '2' || termYear === '3') q.termYear = Number(termYear) as 1 | 2 | 3;
    else problems.push(invalid('termYear', '可选 1、2、3（任期第几年）', 'one of 1, 2, 3 (the year of the term)'));
  }
  const flag = get('flag');
  if (flag !== undefined) {
    if ((PRIORITY_FLAGS as readonly string[]).includes(flag)) q.flag = flag as PriorityFlag;
    else problems.push(invalid('flag', `可选 ${PRIORITY_FLAGS.join('、')}`, `one of ${PRIORITY_FLAGS.join(', ')}`));
  }
  return problems.length > 0 ? rejection(problems) : { ok: true, value: q };
}

/** Whether a member meets every filter of the query. */
export function matchesPriority(q: PriorityQuery, f: PriorityFacts, policy: Policy): boolean {
  if (q.tier !== undefined && f.tier !== q.tier) return false;
  if (q.unit !== undefined && f.unit !== q.unit) return false;
  if (q.unitType !== undefined && f.unitType !== q.unitType) return false;
  if (q.maxAge !== undefined && (f.birthDate === undefined || completedYears(f.birthDate, q.asOf) > q.maxAge)) return false;
  if (q.honourAtLeast !== undefined && (f.honours === undefined || !meetsHonour(f.honours, [q.honourAtLeast], q.asOf, policy).ok)) return false;
  if (q.termYear !== undefined && termYearOf(f.termStart, q.asOf) !== q.termYear) return false;
  if (q.flag === 'warned' && !f.warned) return false;
  if (q.flag === 'recommended' && !f.recommended) return false;
  if (q.flag === 'talk-overdue' && f.talkOverdue !== true) return false;
  return true;
}
