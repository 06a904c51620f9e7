import { addDays, type IsoDate } from '../dates';
import { CalendarYearUnknown, addWorkingDays, calendarYears, isWorkingDay } from '../calendar/working-days';
import { problem, rejection, type Result } from '../problem';

/**
 * The 公示 period for a list approved on `approvedOn` (a Beijing date): it is posted on the
 * first working day after the approval — the approver's day is spent on the decision, and a
 * list approved on a Friday or before a holiday is not up over days nobody reads it — and runs
 * `workingDays` working days counted from that day itself (domain/calendar/working-days.ts), to
 * the end of the last one in Beijing (24:00 +08:00, the next day's first instant). A period that
 * runs into a year without calendar data has no answer: CALENDAR_YEAR_UNKNOWN, never a guess.
 */
export interface PublicityPeriod {
  startsOn: IsoDate;
  endsOn: IsoDate;
  endsAt: string;
  workingDays: number;
}

export function publicityPeriod(approvedOn: IsoDate, workingDays: number): Result<PublicityPeriod> {
  try {
    let startsOn = addDays(approvedOn, 1);
    // Bounded: a working day comes within a fortnight, or the data ends (CalendarYearUnknown).
    while (!isWorkingDay(startsOn)) startsOn = addDays(startsOn, 1);
    const endsOn = addWorkingDays(startsOn, workingDays);
    return { ok: true, value: { startsOn, endsOn, endsAt: `${addDays(endsOn, 1)}T00:00:00+08:00`, workingDays } };
  } catch (e) {
    if (!(e instanceof CalendarYearUnknown)) throw e;
    const ys = calendarYears();
    return rejection([problem('CALENDAR_YEAR_UNKNOWN', 'selection.publicity',
      `公示期涉及 ${e.year} 年，系统尚未收录该年国务院节假日安排，无法计算工作日（已收录 ${ys[0]}–${ys[ys.length - 1]} 年）（S-PUBLICITY）`,
      `the publicity period runs into ${e.year}, a year without the State Council's holiday calendar: working days cannot be counted (covered: ${ys[0]}–${ys[ys.length - 1]}) (S-PUBLICITY)`)]);
  }
}
