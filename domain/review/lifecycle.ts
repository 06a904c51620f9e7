/**
 * An annual review's life (M-TERM, X-UNITS) as one table, like a round's
 * (domain/round/lifecycle.ts): the statuses, and per step the statuses it may start from.
 *
 *   planned → open (the window for assessments) → closed (outcomes computed: proposals)
 *     → awaiting-confirmation (the bureau calibrates and confirms; DESIGN §2 Calibration)
 *     → confirmed (outcomes applying) → completed
 *   awaiting-confirmation → confirmation-timed-out (no confirmation within the wait: nothing applied)
 *   any → failed (RecordFailure, from a Catch)
 */
export const REVIEW_STATUSES = [
  'planned', 'open', 'closed', 'awaiting-confirmation', 'confirmed', 'completed', 'confirmation-timed-out', 'failed',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type ReviewStep = 'open-window' | 'close-window' | 'await-confirmation' | 'apply' | 'confirmation-time-out' | 'summarize';

export const REVIEW_TRANSITIONS: Readonly<Record<ReviewStep, { readonly from: readonly ReviewStatus[]; readonly to: ReviewStatus }>> = {
  // Each step finds its own target on a retry.
  'open-window': { from: ['planned', 'open'], to: 'open' },
  // ComputeOutcomes closes the window for each cohort of the Map: the first closes it.
  'close-window': { from: ['open', 'closed'], to: 'closed' },
  // AwaitConfirmation keeps the task token on the review (a retry brings a new one).
  'await-confirmation': { from: ['closed', 'awaiting-confirmation'], to: 'awaiting-confirmation' },
  // The first ApplyOutcomes after the bureau's confirmation (only then do outcomes apply).
  apply: { from: ['awaiting-confirmation', 'confirmed'], to: 'confirmed' },
  // The wait ran out: the review says so and nothing applies.
  'confirmation-time-out': { from: ['awaiting-confirmation', 'confirmation-timed-out'], to: 'confirmation-timed-out' },
  // A review with no one to review goes from planned (or an empty window) straight to its summary.
  summarize: { from: ['planned', 'open', 'closed', 'confirmed', 'completed'], to: 'completed' },
};

export function reviewMovableFrom(step: ReviewStep): readonly ReviewStatus[] {
  return REVIEW_TRANSITIONS[step].from;
}

export const REVIEW_STATUS_NAMES: Readonly<Record<ReviewStatus, { zh: string; en: string }>> = {
  planned: { zh: '已安排', en: 'planned' },
  open: { zh: '考核材料报送中', en: 'open for assessments' },
  closed: { zh: '报送已截止', en: 'window closed' },
  'awaiting-confirmation': { zh: '待教育局校准确认', en: 'awaiting the bureau\'s confirmation' },
  confirmed: { zh: '已确认，结论执行中', en: 'confirmed, outcomes applying' },
  completed: { zh: '已完成', en: 'completed' },
  'confirmation-timed-out': { zh: '确认超时，结论未执行', en: 'confirmation timed out: nothing applied' },
  failed: { zh: '处理失败', en: 'failed' },
};
