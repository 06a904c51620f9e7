import { PoolClient } from '../cli/api-client';
import { failedExecutions, type ExecutionInfo, type LocalControl } from './control';
import type { UploadFile } from './files';
import type { DemoData, Tier } from './forms';
import { DemoError } from './json';
import type { Out } from './print';

/** One nomination as intake left it, tied back to the demo's own reference. */
export interface IntakeResult {
  ref: string;
  nominationId: string;
  status: string;
  eligible?: boolean;
  tier?: Tier;
  name?: string;
  unit: string;
}

export interface RoundInfo {
  roundId: string;
  /** The instant the bureau opened it: the demo's timeline counts from here (demo/timeline.ts). */
  openedAt: string;
  openDate: string;
  referenceDate: string;
  intakeClosesAt: string;
  /** 民主推荐's deadline (selection.recommendation.closesAt): between intake's close and scoring's. */
  ballotClosesAt: string;
  scoringClosesAt: string;
}

/** What the three selection steps left, for the later steps and the summary (DESIGN §7). */
export interface SelectionResult {
  ballot?: {
    units: number;
    issued: number;
    used: number;
    /** used / issued over every unit. */
    turnout: number;
    /** Held back by the notice's threshold (S-RECOMMEND), with their share. */
    belowThreshold: { nominationId: string; name: string; unit: string; share: number | null }[];
  };
  inspection?: {
    shortlisted: number;
    passed: number;
    failed: { nominationId: string; name: string; conclusion: string }[];
  };
  publicity?: {
    from: string;
    to: string;
    published: number;
    objections: { objectionId: string; name: string; status: string; reason: string }[];
  };
}

/** A yearly review's result, kept for the next year's assessments and the summary. */
export interface ReviewResult {
  reviewId: string;
  year: number;
  outcomes: { personId: string; name?: string; tier?: number; kind: string; zh?: string }[];
  dueTalks: number;
}

/** Everything the steps share. */
export interface Demo {
  out: Out;
  control: LocalControl;
  apiUrl: string;
  seed: number;
  bureau: PoolClient;
  approver: PoolClient;
  data?: DemoData;
  round?: RoundInfo;
  files: Map<string, UploadFile>;
  intake: Map<string, IntakeResult>;
  reviews: ReviewResult[];
  selection: SelectionResult;
  /** The ballot page printed on 民主推荐's slips: the console's /vote. */
  ballotUrl: string;
  /** Executions that had failed before the demo began (not the demo's to report). */
  failedBefore: Set<string>;
  notes: { zh: string; en: string }[];
  school(unit: string): Promise<PoolClient>;
}

export async function createDemo(out: Out, control: LocalControl, apiUrl: string, seed: number, ballotUrl = 'http://127.0.0.1:4102/vote'): Promise<Demo> {
  const schools = new Map<string, PoolClient>();
  const before = await control.executions();
  return {
    out, control, apiUrl, seed,
    bureau: new PoolClient(apiUrl, await control.token('bureau')),
    approver: new PoolClient(apiUrl, await control.token('approver')),
    files: new Map(),
    intake: new Map(),
    reviews: [],
    selection: {},
    ballotUrl,
    failedBefore: new Set(failedExecutions(before).map((e) => e.executionArn)),
    notes: [],
    async school(unit) {
      let c = schools.get(unit);
      if (!c) {
        c = new PoolClient(apiUrl, await control.token('school', unit));
        schools.set(unit, c);
      }
      return c;
    },
  };
}

/** Settles the stack and fails on any execution that failed meanwhile. */
export async function settle(demo: Demo): Promise<ExecutionInfo[]> {
  const list = await demo.control.settle();
  const failed = failedExecutions(list, demo.failedBefore);
  if (failed.length > 0) {
    throw new DemoError(`状态机执行失败：${failed.map((e) => `${e.machine} ${e.status}`).join('；')}`,
      `state-machine execution failed: ${failed.map((e) => `${e.executionArn} ${e.status}`).join('; ')}`, failed);
  }
  return list;
}

/** Runs `fn` over items with at most `n` in flight; results in input order. */
export async function inParallel<T, R>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** The Beijing calendar date of an instant: the domain's one implementation. */
export { beijingDate as shanghaiDate } from '../domain/dates';
