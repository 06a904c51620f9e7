import * as z from 'zod';
import { addWorkingDays, CalendarYearUnknown, calendarYears, isWorkingDay, PUBLICITY_CLAUSE } from '../calendar/working-days';
import { addDays, beijingDate, isIsoDate, type IsoDate } from '../dates';
import { problem, type Problem, type Result } from '../problem';

/**
 * 公示 (DESIGN §7; 2014 条例 art. 41 "公示期不少于五个工作日"; clause S-PUBLICITY): after the
 * organisation department's approval and before admission, the approved list is published for
 * N working days (the notice's `publicity.workingDays`, at least 5, at most 30) on the State
 * Council's calendar (domain/calendar). Objections received in the period are recorded and each
 * resolved with a reason: upheld → that candidate is not admitted; dismissed → recorded. The
 * round admits once the period has ended with no objection pending.
 *
 * Pure: every date and instant is an argument.
 *
 * The period (decided here, since the plan is silent):
 *  - it starts on the first working day AFTER the approval's Beijing date: the office needs the
 *    approval in hand to post the notice, and a notice posted late on the approval day would
 *    count a day nobody could read it;
 *  - it runs N working days counted from that first day (addWorkingDays: both ends included);
 *  - it ends at the end of its last working day, Beijing time: `endsAt` is 00:00 (+08:00) of the
 *    next calendar day, the instant the state machine waits for;
 *  - a period that would reach a year without calendar data is refused (CALENDAR_YEAR_UNKNOWN,
 *    with the year), never guessed from weekdays.
 */

export const PUBLICITY_MIN_WORKING_DAYS = 5;
export const PUBLICITY_MAX_WORKING_DAYS = 30;
export const PUBLICITY_DEFAULT_WORKING_DAYS = 5;

export interface PublicityPeriod {
  /** First and last day of the 公示时间, both working days, both included. */
  startsOn: IsoDate;
  endsOn: IsoDate;
  workingDays: number;
  /** The end of `endsOn` in Beijing: 00:00 (+08:00) of the next day, the instant the machine waits for. */
  endsAt: string;
}

/** 00:00 Beijing time of `date`, with its offset (an instant Step Functions' Wait reads). */
export function beijingMidnight(date: IsoDate): string {
  return `${date}T00:00:00+08:00`;
}

function yearUnknown(year: number, path: string): Problem & { clause: typeof PUBLICITY_CLAUSE; year: number; years: number[] } {
  const ys = calendarYears();
  const covered = ys.length === 0 ? '无' : `${ys[0]}–${ys[ys.length - 1]}`;
  return {
    ...problem('CALENDAR_YEAR_UNKNOWN', path,
      `公示期将进入 ${year} 年，系统尚未收录该年国务院节假日安排，无法计算工作日（已收录 ${covered} 年），不予推算`,
      `the 公示 period would run into ${year}, a year without the State Council's holiday calendar (covered: ${covered}): working days are not guessed`),
    clause: PUBLICITY_CLAUSE, year, years: ys,
  };
}

/**
 * The period for an approval given on `approvedOn` (a Beijing date) with `workingDays` working
 * days, or CALENDAR_YEAR_UNKNOWN when the calendar cannot say (at `path`).
 */
export function publicityPeriod(approvedOn: IsoDate, workingDays: number, path = 'selection.publicity'): Result<PublicityPeriod> {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError(`publicityPeriod: workingDays must be a positive integer, not ${workingDays}`);
  try {
    let startsOn = addDays(approvedOn, 1);
    // Bounded: each step moves one day on, and the calendar's data ends (CalendarYearUnknown).
    while (!isWorkingDay(startsOn)) startsOn = addDays(startsOn, 1);
    const endsOn = addWorkingDays(startsOn, workingDays);
    return { ok: true, value: { startsOn, endsOn, endsAt: beijingMidnight(addDays(endsOn, 1)), workingDays } };
  } catch (e) {
    if (!(e instanceof CalendarYearUnknown)) throw e;
    return { ok: false, kind: 'rejection', problems: [yearUnknown(e.year, path)] };
  }
}

/**
 * At open time: the earliest period the round could have — approved on the day scoring closes —
 * already reaches a year without data, so every later one does too. Anything later is checked
 * again at StartPublicity (an approval given later may still run out of the data).
 */
export function publicityOpenProblems(scoringClosesAt: string, workingDays: number, path = 'selection.publicity'): Problem[] {
  const result = publicityPeriod(beijingDate(scoringClosesAt), workingDays, path);
  return result.ok ? [] : result.problems;
}

// ── Objections (异议) ───────────────────────────────────────────────────────────────────

export const OBJECTION_STATUSES = ['pending', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export const OBJECTION_MATTER_MAX = 2000;
export const OBJECTION_REASON_MAX = 1000;

export const OBJECTION_STATUS_NAMES: Readonly<Record<ObjectionStatus, { zh: string; en: string }>> = {
  pending: { zh: '待核查', en: 'pending' },
  upheld: { zh: '异议成立', en: 'upheld' },
  dismissed: { zh: '异议不成立', en: 'dismissed' },
};

/** Who raised it: 实名 preferred by practice, anonymous allowed (both fields absent). */
export const ObjectorSchema = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  /** A phone or an address, so the office can reply (personal data: shown to the bureau only, never logged). */
  contact: z.string().trim().min(1).max(200).optional(),
  /** 以单位名义: the unit that raised it. */
  unit: z.string().trim().min(1).max(60).optional(),
});
export type Objector = z.infer<typeof ObjectorSchema>;

export const ObjectionResolutionSchema = z.object({
  status: z.enum(['upheld', 'dismissed']),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

/** An objection as stored (`ROUND#{roundId}` / `OBJECTION#{objectionId}`). */
export const ObjectionSchema = z.object({
  roundId: z.string(),
  objectionId: z.string(),
  clause: z.literal('S-PUBLICITY'),
  /** The nomination it is against (a candidate on the published list). */
  against: z.string(),
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  receivedOn: z.string(),
  from: ObjectorSchema.optional(),
  anonymous: z.boolean(),
  matter: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  resolution: ObjectionResolutionSchema.optional(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Objection = z.infer<typeof ObjectionSchema>;

/**
 * When an objection may be recorded: received within the period (its first to its last day,
 * Beijing dates) and not in the future. One received before the notice was posted concerns
 * nothing published yet; one received after the period closed is too late (the 公示 is over —
 * a matter that comes up later is a veto or a review matter, not an objection). A letter
 * received on the last day may be entered the next morning: what counts is `receivedOn`, as
 * long as the round has not moved on to admission (the caller checks the round).
 */
export function objectionReceiptProblems(period: Pick<PublicityPeriod, 'startsOn' | 'endsOn'>, receivedOn: string, today: IsoDate): Problem[] {
  const path = 'receivedOn';
  if (!isIsoDate(receivedOn)) return [problem('OBJECTION_DATE_INVALID', path, '收到日期须为日期（YYYY-MM-DD）', 'receivedOn must be a date (YYYY-MM-DD)')];
  if (receivedOn > today) return [problem('OBJECTION_DATE_FUTURE', path, `收到日期 ${receivedOn} 晚于今天（${today}）`, `receivedOn ${receivedOn} is after today (${today})`)];
  if (receivedOn < period.startsOn) {
    return [problem('OBJECTION_BEFORE_PERIOD', path, `收到日期 ${receivedOn} 早于公示开始日 ${period.startsOn}：公示前收到的意见不作为公示异议`, `received ${receivedOn}, before the period starts (${period.startsOn}): not an objection to the 公示`)];
  }
  if (receivedOn > period.endsOn) {
    return [problem('OBJECTION_AFTER_PERIOD', path, `收到日期 ${receivedOn} 晚于公示结束日 ${period.endsOn}：公示期已结束，不再受理异议`, `received ${receivedOn}, after the period ended (${period.endsOn}): objections are taken during the period only`)];
  }
  return [];
}

/** A resolution needs a reason (the record says why the candidate is kept out, or is not). */
export function resolutionProblems(reason: string | undefined): Problem[] {
  const r = reason?.trim() ?? '';
  if (r === '') return [problem('OBJECTION_REASON_REQUIRED', 'reason', '处理异议须写明理由', 'a resolution needs a reason')];
  if (r.length > OBJECTION_REASON_MAX) return [problem('OBJECTION_REASON_TOO_LONG', 'reason', `理由不超过${OBJECTION_REASON_MAX}个字`, `reason: at most ${OBJECTION_REASON_MAX} characters`)];
  return [];
}

export function pendingCount(objections: readonly Objection[]): number {
  return objections.filter((o) => o.status === 'pending').length;
}

/** Why a candidate is kept out: the first upheld objection against them (by receipt, then id). */
export interface Exclusion {
  nominationId: string;
  objectionId: string;
  clause: typeof PUBLICITY_CLAUSE;
  reason: string;
  zh: string;
  en: string;
}

/** The candidates an upheld objection keeps out of the pool (S-PUBLICITY), by nomination id. */
export function exclusions(objections: readonly Objection[]): Map<string, Exclusion> {
  const out = new Map<string, Exclusion>();
  const upheld = objections
    .filter((o) => o.status === 'upheld' && o.resolution)
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.objectionId < b.objectionId ? -1 : 1));
  for (const o of upheld) {
    if (out.has(o.against)) continue;
    const reason = o.resolution!.reason;
    out.set(o.against, {
      nominationId: o.against, objectionId: o.objectionId, clause: PUBLICITY_CLAUSE, reason,
      zh: `公示期间异议经核查成立，不予入库：${reason}`,
      en: `an objection during the 公示 was upheld: not admitted (${reason})`,
    });
  }
  return out;
}

// ── The round's 公示 state: its own module (publicity-state.ts), so that what reads a stored
// round (intake among them) does not carry the calendar's data and the objection rules.
export { PublicityStateSchema, type PublicityState } from './publicity-state';
