// The yearly EventBridge Scheduler schedule, locally: read from the synthesized template
// (expression, time zone, target, input — nothing hand-copied), its next firing computed in
// its own time zone, and fired on the SimulatedClock so a demo can live through years in
// seconds. `fireNow()` is the "start the review now" button. Each schedule's metadata
// (contracts/metadata.ts) names it and says how firings the clock jumped over are replayed.
import { randomUUID } from 'node:crypto';
import { SCHEDULE_METADATA_KEY, type ScheduleMetadata } from '../contracts/metadata';
import type { SimulatedClock } from './clock';
import type { LocalStepFunctions } from './stepfunctions';
import { resolveValue, resourcesOfType, type CfnTemplate, type ResolveOptions } from './template';

export interface ScheduleSpec {
  logicalId: string;
  expression: string;
  timezone: string;
  enabled: boolean;
  targetArn: string;
  /** The target input with Scheduler's context placeholders still in it. */
  input: string;
  /** From the template's metadata; a schedule without it is an annual-review-like `each`. */
  kind?: ScheduleMetadata['kind'];
  catchUp?: ScheduleMetadata['catchUp'];
}

function scheduleMetadata(meta: unknown): Partial<ScheduleMetadata> {
  if (typeof meta !== 'object' || meta === null) return {};
  const m = meta as Record<string, unknown>;
  return {
    ...(m.kind === 'annual-review' || m.kind === 'term-end' ? { kind: m.kind } : {}),
    ...(m.catchUp === 'each' || m.catchUp === 'latest' ? { catchUp: m.catchUp } : {}),
  };
}

export function schedulesFromTemplate(template: CfnTemplate, options: ResolveOptions = {}): ScheduleSpec[] {
  return resourcesOfType(template, 'AWS::Scheduler::Schedule').map(([logicalId, res]) => {
    const p = (resolveValue(template, res.Properties ?? {}, options, logicalId) ?? {}) as Record<string, unknown>;
    const target = (p.Target ?? {}) as Record<string, unknown>;
    const meta = scheduleMetadata(res.Metadata?.[SCHEDULE_METADATA_KEY]);
    return {
      ...(meta.kind ? { kind: meta.kind } : {}),
      catchUp: meta.catchUp ?? 'each',
      logicalId,
      expression: String(p.ScheduleExpression),
      timezone: String(p.ScheduleExpressionTimezone ?? 'UTC'),
      enabled: p.State !== 'DISABLED',
      targetArn: String(target.Arn),
      input: typeof target.Input === 'string' ? target.Input : '{}',
    };
  });
}

// ---- cron(min hour day-of-month month day-of-week year), EventBridge flavour ----

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  dom: Set<number> | null; // null = '?' or '*'
  months: Set<number>;
  dow: Set<number> | null; // 1 = SUN … 7 = SAT, as EventBridge counts
  years: Set<number> | null;
}

function field(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
  const out = new Set<number>();
  const value = (s: string) => {
    const i = names.indexOf(s.toUpperCase());
    const n = i >= 0 ? i + nameBase : Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron: '${s}' is outside ${min}-${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    if (/[LW#]/.test(part)) throw new Error(`cron: '${part}' (L, W, #) is not supported locally`);
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron: bad step in '${part}'`);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [min, max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [lo, hi] = [value(a), value(b)];
    } else {
      lo = value(range);
      hi = stepText === undefined ? lo : max;
    }
    for (let n = lo; n <= hi; n += step) out.add(n);
  }
  return out;
}

export function parseCron(expression: string): Cron {
  const m = /^cron\((.+)\)$/.exec(expression.trim());
  if (!m?.[1]) throw new Error(`only cron(...) schedules run locally, not '${expression}'`);
  const parts = m[1].trim().split(/\s+/);
  if (parts.length !== 6) throw new Error(`cron needs 6 fields, got ${parts.length}: '${expression}'`);
  const [mi, h, dom, mo, dow, y] = parts as [string, string, string, string, string, string];
  return {
    minutes: field(mi, 0, 59),
    hours: field(h, 0, 23),
    dom: dom === '?' || dom === '*' ? null : field(dom, 1, 31),
    months: field(mo, 1, 12, MONTHS, 1),
    dow: dow === '?' || dow === '*' ? null : field(dow, 1, 7, DAYS, 1),
    years: y === '*' ? null : field(y, 1970, 2199),
  };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Asia/Shanghai: +480). */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The first firing strictly after `after`, searching up to ten years ahead. */
export function nextFireTime(expression: string, timeZone: string, after: Date): Date {
  const cron = parseCron(expression);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const hours = [...cron.hours].sort((a, b) => a - b);
  const startLocal = new Date(after.getTime() + offsetMinutes(timeZone, after.getTime()) * 60_000);
  let day = Date.UTC(startLocal.getUTCFullYear(), startLocal.getUTCMonth(), startLocal.getUTCDate());
  for (let i = 0; i < 3700; i++, day += 86_400_000) {
    const d = new Date(day);
    if (cron.years && !cron.years.has(d.getUTCFullYear())) continue;
    if (!cron.months.has(d.getUTCMonth() + 1)) continue;
    if (cron.dom && !cron.dom.has(d.getUTCDate())) continue;
    if (cron.dow && !cron.dow.has(d.getUTCDay() + 1)) continue;
    for (const h of hours) {
      for (const mi of minutes) {
        const localMs = day + (h * 60 + mi) * 60_000;
        const instant = localMs - offsetMinutes(timeZone, localMs) * 60_000;
        if (instant > after.getTime()) return new Date(instant);
      }
    }
  }
  throw new Error(`cron '${expression}' does not fire within ten years of ${after.toISOString()}`);
}

/** Scheduler's context attributes in a target input. */
function renderInput(input: string, scheduledTime: Date): string {
  return input
    .replaceAll('<aws.scheduler.scheduled-time>', scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.execution-id>', randomUUID())
    .replaceAll('<aws.scheduler.attempt-number>', '1');
}

export interface Firing {
  schedule: string;
  scheduledTime: string;
  executionArn?: string;
  error?: string;
}

export class LocalScheduler {
  readonly firings: Firing[] = [];
  private cancels: Array<() => void> = [];

  constructor(
    private readonly specs: ScheduleSpec[],
    private readonly clock: SimulatedClock,
    private readonly sfn: LocalStepFunctions,
  ) {}

  /** Arms every enabled schedule on the clock; each re-arms itself after firing. */
  start(): void {
    for (const spec of this.specs) if (spec.enabled) this.arm(spec);
  }

  stop(): void {
    for (const c of this.cancels) c();
    this.cancels = [];
  }

  next(): Array<{ schedule: string; kind?: string; expression: string; timezone: string; next: string }> {
    return this.specs.map((s) => ({
      schedule: s.logicalId, ...(s.kind ? { kind: s.kind } : {}), expression: s.expression, timezone: s.timezone,
      next: nextFireTime(s.expression, s.timezone, this.clock.now()).toISOString(),
    }));
  }

  /**
   * Fires a schedule now, as if its time had come: by logical id or kind; by default the
   * annual review (the "start the review now" button), else the first schedule.
   */
  async fireNow(which?: string): Promise<Firing> {
    const spec = which
      ? this.specs.find((s) => s.logicalId === which || s.kind === which)
      : this.specs.find((s) => s.kind === 'annual-review') ?? this.specs[0];
    if (!spec) throw new Error(which ? `no schedule '${which}'` : 'the template has no schedule');
    return this.fire(spec, this.clock.now());
  }

  /**
   * The next firing after `after` (the previous firing, once it has fired): a clock jumped
   * across several years fires each year's review in turn, as the schedule would have.
   */
  private arm(spec: ScheduleSpec, after: Date = this.clock.now()): void {
    const at = nextFireTime(spec.expression, spec.timezone, after);
    const cancel = this.clock.schedule(at, () => {
      const fireAt = spec.catchUp === 'latest' ? this.latestDue(spec, at) : at;
      void this.fire(spec, fireAt).finally(() => this.arm(spec, fireAt));
    });
    this.cancels.push(cancel);
  }

  /**
   * `catchUp: latest` (the daily term end): of the firings the clock has jumped over, only
   * the last. On AWS the schedule never falls behind; locally a demo jumping three years
   * would otherwise start a thousand executions that each do what the last one alone does
   * (it ends everything due by its date, each term dated its own end day). Bounded: at most
   * ten years of daily firings are stepped over.
   */
  private latestDue(spec: ScheduleSpec, from: Date): Date {
    let latest = from;
    for (let i = 0; i < 3700; i++) {
      const next = nextFireTime(spec.expression, spec.timezone, latest);
      if (next.getTime() > this.clock.nowMs()) break;
      latest = next;
    }
    return latest;
  }

  private async fire(spec: ScheduleSpec, at: Date): Promise<Firing> {
    const firing: Firing = { schedule: spec.logicalId, scheduledTime: at.toISOString() };
    try {
      const { executionArn } = await this.sfn.startExecution({ stateMachineArn: spec.targetArn, input: renderInput(spec.input, at) });
      firing.executionArn = executionArn;
    } catch (e) {
      // Scheduler would retry and then dead-letter; locally the failure is kept for the operator.
      firing.error = (e as Error).message;
    }
    this.firings.push(firing);
    return firing;
  }
}
