/**
 * A selection round's life (S-ROUND) as one table: every status, and for every step that
 * moves a round, the statuses it may start from and the one it leaves. The steps write the
 * new status with a condition on the old (RoundRepository.update), so two steps — or a
 * retried one — can never overtake each other; a step listed with its own target among its
 * sources is safe to repeat.
 *
 *   open → closed → scoring → ranked → awaiting-decision → admitting → completed
 *                                              ↘ rejected | approval-timed-out
 *   any status (a Catch, before an end) → failed
 */
export const ROUND_STATUSES = [
  'open', 'closed', 'scoring', 'ranked', 'awaiting-decision', 'publicising', 'admitting',
  'completed', 'rejected', 'approval-timed-out', 'failed',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Where a round ends: nothing moves it any more. */
export const ROUND_ENDS: readonly RoundStatus[] = ['completed', 'rejected', 'approval-timed-out', 'failed'];

export type RoundStep =
  | 'close-intake' | 'score' | 'rank' | 'await-decision' | 'publicise' | 'admit'
  | 'complete' | 'reject' | 'time-out' | 'fail';

export interface RoundTransition {
  readonly from: readonly RoundStatus[];
  readonly to: RoundStatus;
}

export const ROUND_TRANSITIONS: Readonly<Record<RoundStep, RoundTransition>> = {
  'close-intake': { from: ['open'], to: 'closed' },
  // Scoring batches and a retried rank find the round scoring; rank may also find it ranked.
  score: { from: ['closed', 'scoring'], to: 'scoring' },
  rank: { from: ['closed', 'scoring', 'ranked'], to: 'ranked' },
  // A retried AwaitDecision brings a new task token to a round already waiting.
  'await-decision': { from: ['ranked', 'awaiting-decision'], to: 'awaiting-decision' },
  publicise: { from: ['awaiting-decision', 'publicising'], to: 'publicising' },
  admit: { from: ['awaiting-decision', 'publicising', 'admitting'], to: 'admitting' },
  complete: { from: ['admitting', 'completed'], to: 'completed' },
  reject: { from: ['awaiting-decision', 'rejected'], to: 'rejected' },
  'time-out': { from: ['awaiting-decision', 'approval-timed-out'], to: 'approval-timed-out' },
  // RecordFailure is reached only from a Catch, before an end: it marks whatever was under way.
  fail: { from: ROUND_STATUSES, to: 'failed' },
};

/** The statuses a step may start from, for the conditional write that moves the round. */
export function movableFrom(step: RoundStep): readonly RoundStatus[] {
  return ROUND_TRANSITIONS[step].from;
}

export function canMove(status: RoundStatus, step: RoundStep): boolean {
  return ROUND_TRANSITIONS[step].from.includes(status);
}

/** Intake has closed (CloseIntake ran or a later step did): closing again changes nothing. */
export function isPastIntake(status: RoundStatus): boolean {
  return status !== 'open' && status !== 'failed';
}

/** The bureau's words for each status (what the console and exports show, never the code). */
export const ROUND_STATUS_NAMES: Readonly<Record<RoundStatus, { zh: string; en: string }>> = {
  open: { zh: '受理推荐中', en: 'open for nominations' },
  closed: { zh: '已截止受理', en: 'intake closed' },
  scoring: { zh: '评分中', en: 'scoring' },
  ranked: { zh: '已排名', en: 'ranked' },
  'awaiting-decision': { zh: '待组织部审批', en: 'awaiting the decision' },
  publicising: { zh: '公示中', en: 'in 公示' },
  admitting: { zh: '入库中', en: 'admitting' },
  completed: { zh: '已完成', en: 'completed' },
  rejected: { zh: '未获批准', en: 'rejected' },
  'approval-timed-out': { zh: '审批超时', en: 'approval timed out' },
  failed: { zh: '处理失败', en: 'failed' },
};
