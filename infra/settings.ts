import {
  DEFAULT_CONFIRMATION_TIMEOUT_SECONDS, MAX_APPROVAL_TIMEOUT_SECONDS, MAX_BATCH_SIZE, MAX_CONFIRMATION_TIMEOUT_SECONDS, MAX_EXECUTION_SECONDS, MAX_TALLY_BATCH_SIZE,
  MAX_REVIEW_WINDOW_DAYS, MAX_STEP_TIMEOUT_SECONDS,
} from '../contracts/limits';
import type { TalentPoolStackProps } from './stack';

/**
 * The deployment parameters checked before anything is synthesized: a value CloudFormation
 * or Step Functions would take and then misbehave on (a schedule that never fires, an
 * approval wait longer than a Standard execution may live, an alarm e-mail that is not one)
 * stops the synth with the parameter's name and what it accepts.
 */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`部署参数有误 / invalid deployment parameters:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

// The limits live in contracts/limits.ts: the handlers parse their inputs against the same numbers.
export { MAX_APPROVAL_TIMEOUT_SECONDS, MAX_BATCH_SIZE, MAX_CONFIRMATION_TIMEOUT_SECONDS, MAX_REVIEW_WINDOW_DAYS, MAX_STEP_TIMEOUT_SECONDS };

const CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;
const RATE = /^rate\(\d+ (minute|minutes|hour|hours|day|days)\)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
const COGNITO_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A working day: idle sign-out later than that is no sign-out. */
export const MAX_CONSOLE_IDLE_MINUTES = 1440;

export function validateSettings(props: TalentPoolStackProps): void {
  const problems: string[] = [];
  const range = (name: string, v: number | undefined, max: number) => {
    if (v !== undefined && (!Number.isInteger(v) || v <= 0 || v > max)) problems.push(`${name} 应为 1…${max} 的整数 / ${name} is an integer from 1 to ${max} (got ${v})`);
  };
  if (props.reviewSchedule !== undefined && !CRON.test(props.reviewSchedule) && !RATE.test(props.reviewSchedule)) {
    problems.push(`reviewSchedule 应为 EventBridge Scheduler 的 cron(分 时 日 月 周 年)（六个字段）或 rate(…) / reviewSchedule is a six-field cron(…) or rate(…) expression (got ${props.reviewSchedule})`);
  }
  if (props.termEndSchedule !== undefined && !CRON.test(props.termEndSchedule) && !RATE.test(props.termEndSchedule)) {
    problems.push(`termEndSchedule 应为 EventBridge Scheduler 的 cron(分 时 日 月 周 年)（六个字段）或 rate(…) / termEndSchedule is a six-field cron(…) or rate(…) expression (got ${props.termEndSchedule})`);
  }
  range('approvalTimeoutSeconds', props.approvalTimeoutSeconds, MAX_APPROVAL_TIMEOUT_SECONDS);
  range('reviewWindowDays', props.reviewWindowDays, MAX_REVIEW_WINDOW_DAYS);
  range('confirmationTimeoutSeconds', props.confirmationTimeoutSeconds, MAX_CONFIRMATION_TIMEOUT_SECONDS);
  // The review's execution waits for the window, then for the bureau's confirmation, then
  // applies: all within the year a Standard execution may last (a day kept for the steps).
  const windowSeconds = (props.reviewWindowDays ?? 30) * 86_400;
  const confirmSeconds = props.confirmationTimeoutSeconds ?? DEFAULT_CONFIRMATION_TIMEOUT_SECONDS;
  const inRange = (v: number, max: number) => Number.isInteger(v) && v > 0 && v <= max;
  if (inRange(windowSeconds, MAX_REVIEW_WINDOW_DAYS * 86_400) && inRange(confirmSeconds, MAX_CONFIRMATION_TIMEOUT_SECONDS)
    && windowSeconds + confirmSeconds + 86_400 > MAX_EXECUTION_SECONDS) {
    problems.push(`reviewWindowDays + confirmationTimeoutSeconds 超出一次执行的一年期限（须不超过 364 天）/ reviewWindowDays plus confirmationTimeoutSeconds must fit in a Standard execution's year, a day kept for the steps (got ${windowSeconds / 86_400} + ${confirmSeconds / 86_400} days)`);
  }
  range('batchSize', props.batchSize, MAX_BATCH_SIZE);
  range('tallyBatchSize', props.tallyBatchSize, MAX_TALLY_BATCH_SIZE);
  range('stepTimeoutSeconds', props.stepTimeoutSeconds, MAX_STEP_TIMEOUT_SECONDS);
  if (props.noticeEmail !== undefined && !EMAIL.test(props.noticeEmail.from)) {
    problems.push(`noticeEmailFrom 不是电子邮箱地址 / noticeEmailFrom is not an e-mail address (got ${props.noticeEmail.from})`);
  }
  if (props.alarmEmail !== undefined && !EMAIL.test(props.alarmEmail)) {
    problems.push(`alarmEmail 不是电子邮箱地址 / alarmEmail is not an e-mail address (got ${props.alarmEmail})`);
  }
  if (props.consoleIdleMinutes !== undefined && !(Number.isInteger(props.consoleIdleMinutes) && props.consoleIdleMinutes >= 1 && props.consoleIdleMinutes <= MAX_CONSOLE_IDLE_MINUTES)) {
    problems.push(`consoleIdleMinutes 应为 1…${MAX_CONSOLE_IDLE_MINUTES} 的整数（分钟）/ consoleIdleMinutes is a whole number of minutes from 1 to ${MAX_CONSOLE_IDLE_MINUTES} (got ${props.consoleIdleMinutes})`);
  }
  if (props.cognitoDomainPrefix !== undefined && !(COGNITO_PREFIX.test(props.cognitoDomainPrefix) && !/aws|amazon|cognito/.test(props.cognitoDomainPrefix))) {
    problems.push(`cognitoDomainPrefix 只能含小写字母、数字和连字符（1–63 位，不以连字符开头或结尾，且不含 aws、amazon、cognito）/ cognitoDomainPrefix is lowercase letters, digits and hyphens, 1–63 long, not starting or ending with a hyphen, without aws, amazon or cognito (got ${props.cognitoDomainPrefix})`);
  }
  for (const o of props.allowedOrigins ?? []) {
    if (!ORIGIN.test(o)) problems.push(`allowedOrigins 中的 ${JSON.stringify(o)} 不是来源地址（如 https://pool.jyj.example.cn）/ ${JSON.stringify(o)} in allowedOrigins is not an origin like https://pool.jyj.example.cn (no wildcards)`);
  }
  if (problems.length > 0) throw new SettingsError(problems);
}

/**
 * Where browsers may upload from and call the API: given, or in dev the local web app's
 * origin; in prod nothing by default (the CLI needs no CORS) rather than a developer's
 * localhost.
 */
export function allowedOriginsFor(props: TalentPoolStackProps): readonly string[] {
  return props.allowedOrigins ?? (props.stage === 'prod' ? [] : ['http://localhost:5173']);
}
