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
 *
 * With the notice's selection steps (DESIGN §7), each in its place:
 *   closed → recommending → recommended → scoring          民主推荐: the ballots, then the tally
 *   ranked → inspecting → scoring → ranked                 考察: then the final pass
 *   awaiting-decision → publicising → admitting            公示: after approval, before admission
 */
export const ROUND_STATUSES = [
  'open', 'closed', 'recommending', 'recommended', 'scoring', 'ranked', 'inspecting', 'awaiting-decision',
  'publicising', 'admitting', 'completed', 'rejected', 'approval-timed-out', 'failed',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Where a round ends: nothing moves it any more. */
export const ROUND_ENDS: readonly RoundStatus[] = ['completed', 'rejected', 'approval-timed-out', 'failed'];

export type RoundStep =
  | 'close-intake' | 'open-ballot' | 'tally-ballot' | 'score' | 'rank' | 'await-inspection'
  | 'await-decision' | 'publicise' | 'admit'
  | 'complete' | 'reject' | 'time-out' | 'fail';

export interface RoundTransition {
  readonly from: readonly RoundStatus[];
  readonly to: RoundStatus;
}

export const ROUND_TRANSITIONS: Readonly<Record<RoundStep, RoundTransition>> = {
  'close-intake': { from: ['open'], to: 'closed' },
  'open-ballot': { from: ['closed', 'recommending'], to: 'recommending' },
  'tally-ballot': { from: ['recommending', 'recommended'], to: 'recommended' },
  // Scoring batches and a retried rank find the round scoring; rank may also find it ranked.
  // The first batch finds it closed, recommended (after the tally) or inspecting (考察's final pass).
  score: { from: ['closed', 'recommended', 'inspecting', 'scoring'], to: 'scoring' },
  rank: { from: ['closed', 'scoring', 'ranked'], to: 'ranked' },
  // A retried AwaitDecision brings a new task token to a round already waiting.
  'await-inspection': { from: ['ranked', 'inspecting'], to: 'inspecting' },
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
  recommending: { zh: '民主推荐中', en: 'democratic recommendation under way' },
  recommended: { zh: '民主推荐已计票', en: 'recommendation tallied' },
  scoring: { zh: '评分中', en: 'scoring' },
  ranked: { zh: '已排名', en: 'ranked' },
  inspecting: { zh: '考察中', en: 'inspection under way' },
  'awaiting-decision': { zh: '待组织部审批', en: 'awaiting the decision' },
  publicising: { zh: '公示中', en: 'publicity period' },
  admitting: { zh: '入库中', en: 'admitting' },
  completed: { zh: '已完成', en: 'completed' },
  rejected: { zh: '未获批准', en: 'rejected' },
  'approval-timed-out': { zh: '审批超时', en: 'approval timed out' },
  failed: { zh: '处理失败', en: 'failed' },
};
