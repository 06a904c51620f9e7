import { beijingDate } from '../domain/dates';
import { calendarYears } from '../domain/calendar/working-days';
import { publicityPeriod, type PublicityPeriod } from '../domain/selection/publicity';
import { DemoError } from './json';
import { PUBLICITY_WORKING_DAYS } from './scoring';

/**
 * The demo round's dates, counted from the instant the bureau opens it: a week of intake,
 * 民主推荐 for two days after it, scoring closing on day 10; the 考察 team out on days 10–11 and
 * its records entered on day 12; the approver deciding on day 13; then 公示 from the first
 * working day after. Each step moves the simulated clock to these instants.
 */
const DAY = 86_400_000;

export interface RoundTimeline {
  intakeClosesAt: string;
  ballotClosesAt: string;
  scoringClosesAt: string;
  /** The 考察 team's visits (Beijing dates), both before the records are entered. */
  inspectionFrom: string;
  inspectionTo: string;
  /** When the bureau enters the records: the day after the visits. */
  inspectionRecordedAt: string;
  /** When the approver decides. */
  decisionAt: string;
}

export function roundTimeline(opened: Date | string): RoundTimeline {
  const t0 = new Date(opened).getTime();
  const at = (days: number) => new Date(t0 + days * DAY).toISOString();
  return {
    intakeClosesAt: at(7),
    ballotClosesAt: at(9),
    scoringClosesAt: at(10),
    inspectionFrom: beijingDate(at(10)),
    inspectionTo: beijingDate(at(11)),
    inspectionRecordedAt: at(12),
    decisionAt: at(13),
  };
}

/** The 公示 the planned approval gives, as the round machine will count it. */
export function plannedPublicity(opened: Date | string): PublicityPeriod | undefined {
  const r = publicityPeriod(beijingDate(roundTimeline(opened).decisionAt), PUBLICITY_WORKING_DAYS);
  return r.ok ? r.value : undefined;
}

/**
 * The working-day calendar covers the years the State Council has published (2020–2026 when
 * written). A round opened late in the last of them would be approved and publicised into a
 * year without data: the API refuses that (CALENDAR_YEAR_UNKNOWN) rather than guess, so the
 * demo says so before storing anything, and how to run it anyway.
 */
export function checkPublicityFits(opened: Date): void {
  if (plannedPublicity(opened)) return;
  const years = calendarYears();
  const range = `${years[0]}–${years[years.length - 1]}`;
  const approvedOn = beijingDate(roundTimeline(opened).decisionAt);
  throw new DemoError(
    `演示时钟为 ${beijingDate(opened)}：按计划 ${approvedOn} 审批后，公示期会进入节假日数据未收录的年份（已收录 ${range} 年），系统不予推算。` +
      '请用 --start 指定收录年份内的开始时间：npm run demo -- --start 2026-11-02T09:00:00+08:00（演示自行启动本地环境时），或 npm start -- --start 2026-11-02T09:00:00+08:00 后再运行演示',
    `the demo's clock is at ${beijingDate(opened)}: approved on ${approvedOn} as planned, the 公示 would run into a year the working-day calendar does not cover (it covers ${range}), ` +
      'which the system refuses to guess. Start the clock in a covered year: npm run demo -- --start 2026-11-02T09:00:00+08:00 (a stack of its own), or npm start -- --start 2026-11-02T09:00:00+08:00 and then the demo',
  );
}
