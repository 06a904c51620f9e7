import { MAX_EXECUTION_SECONDS } from '../../contracts/limits';
import { problem, type Problem } from '../../domain/problem';
import type { SelectionNotice } from '../../domain/selection/notice';

/**
 * Whether a round's dates can run (S-ROUND), judged at the moment it is opened:
 *
 * - Deadlines already past would run the round straight through intake and scoring with
 *   nothing in it (ROUND_DEADLINE_PAST, a problem each).
 * - The round's execution starts now, waits for the scoring deadline, then for the approval
 *   (AwaitDecision, up to the deployment's approval wait), then scores and admits. A Standard
 *   execution lives at most a year; past it Step Functions ends the round with nothing
 *   recorded, so such a round is refused, saying by how many days and the latest scoring
 *   deadline (ROUND_TOO_LONG).
 */
export interface RoundDates {
  intakeClosesAt: string;
  scoringClosesAt: string;
}

/** After the scoring deadline: ScoreBatch, Rank, the AdmitBatch loop and the outcome — a day's margin. */
export const ROUND_STEPS_MARGIN_SECONDS = 86_400;

const DAY_S = 86_400;
const days = (seconds: number) => {
  const d = seconds / DAY_S;
  return Number.isInteger(d) ? String(d) : d.toFixed(1);
};

export function pastDeadlines(dates: RoundDates, now: Date): Problem[] {
  const at = now.toISOString();
  const fields = [
    ['intakeClosesAt', '收表截止时间'],
    ['scoringClosesAt', '评分截止时间'],
  ] as const;
  return fields
    .filter(([field]) => !(Date.parse(dates[field]) > now.getTime()))
    .map(([field, zh]) => problem(
      'ROUND_DEADLINE_PAST', field,
      `${zh}「${field}」已过，须晚于当前时间（${at}）`,
      `${field} is in the past: it must be after the current time (${at})`,
    ));
}

/**
 * The longest the notice's selection steps after the scoring deadline can take (DESIGN §7):
 * 考察 waits for the bureau as long as the approver may take, 公示 lasts its working days —
 * bounded here without the calendar as a week per five working days plus ten days for a
 * holiday run — and then waits on pending objections as long again as the approver.
 */
export function selectionSeconds(selection: SelectionNotice | undefined, approvalTimeoutSeconds: number): number {
  let s = 0;
  if (selection?.inspection) s += approvalTimeoutSeconds;
  if (selection?.publicity) s += (Math.ceil(selection.publicity.workingDays / 5) * 7 + 10) * DAY_S + approvalTimeoutSeconds;
  return s;
}

export function tooLong(dates: Pick<RoundDates, 'scoringClosesAt'>, now: Date, approvalTimeoutSeconds: number, selection?: SelectionNotice): Problem[] {
  const toScoring = Math.max(0, (Date.parse(dates.scoringClosesAt) - now.getTime()) / 1000);
  const steps = selectionSeconds(selection, approvalTimeoutSeconds);
  const waits = approvalTimeoutSeconds + steps;
  const total = toScoring + waits + ROUND_STEPS_MARGIN_SECONDS;
  if (total <= MAX_EXECUTION_SECONDS) return [];
  const over = Math.ceil((total - MAX_EXECUTION_SECONDS) / DAY_S);
  const latest = new Date(now.getTime() + (MAX_EXECUTION_SECONDS - waits - ROUND_STEPS_MARGIN_SECONDS) * 1000).toISOString();
  const at = now.toISOString();
  const stepsZh = steps > 0 ? `考察、公示及异议处理最长 ${days(steps)} 天、` : '';
  const stepsEn = steps > 0 ? `, up to ${days(steps)} days for inspection, publicity and objections` : '';
  return [problem(
    'ROUND_TOO_LONG', 'scoringClosesAt',
    `遴选批次无法在一年内办结：从现在（${at}）到评分截止时间「scoringClosesAt」${days(toScoring)} 天，加审批等待 ${days(approvalTimeoutSeconds)} 天、${stepsZh}` +
      `评分和入库步骤预留 ${days(ROUND_STEPS_MARGIN_SECONDS)} 天，共 ${days(total)} 天，超过流程执行上限 365 天 ${over} 天；评分截止时间最晚为 ${latest}（S-ROUND）`,
    `the round cannot finish within a year: ${days(toScoring)} days from now (${at}) to scoringClosesAt, plus the approval wait of ${days(approvalTimeoutSeconds)} days${stepsEn} ` +
      `and ${days(ROUND_STEPS_MARGIN_SECONDS)} day for scoring and admission, is ${days(total)} days — ${over} day${over === 1 ? '' : 's'} over the 365 days an execution may last; ` +
      `scoringClosesAt must be no later than ${latest} (S-ROUND)`,
  )];
}

/** Every problem with the dates, or none. */
export function roundDateProblems(dates: RoundDates, now: Date, approvalTimeoutSeconds: number, selection?: SelectionNotice): Problem[] {
  return [...pastDeadlines(dates, now), ...tooLong(dates, now, approvalTimeoutSeconds, selection)];
}
