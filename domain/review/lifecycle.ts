/**
 * An annual review's life (M-TERM, X-UNITS) as one table, like a round's
 * (domain/round/lifecycle.ts): the statuses, and per step the statuses it may start from.
 *
 *   planned → open (the window for assessments) → closed (outcomes computed) → completed
 *   any → failed (RecordFailure, from a Catch)
 */
export const REVIEW_STATUSES = ['planned', 'open', 'closed', 'completed', 'failed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type ReviewStep = 'open-window' | 'close-window' | 'summarize';

export const REVIEW_TRANSITIONS: Readonly<Record<ReviewStep, { readonly from: readonly ReviewStatus[]; readonly to: ReviewStatus }>> = {
  // Each step finds its own target on a retry.
  'open-window': { from: ['planned', 'open'], to: 'open' },
  // ComputeOutcomes closes the window for each cohort of the Map: the first closes it.
  'close-window': { from: ['open', 'closed'], to: 'closed' },
  // A review with no cohort goes from planned (or an empty window) straight to its summary.
  summarize: { from: ['planned', 'open', 'closed', 'completed'], to: 'completed' },
};

export function reviewMovableFrom(step: ReviewStep): readonly ReviewStatus[] {
  return REVIEW_TRANSITIONS[step].from;
}

export const REVIEW_STATUS_NAMES: Readonly<Record<ReviewStatus, { zh: string; en: string }>> = {
  planned: { zh: '已安排', en: 'planned' },
  open: { zh: '考核材料报送中', en: 'open for assessments' },
  closed: { zh: '报送已截止', en: 'window closed' },
  completed: { zh: '已完成', en: 'completed' },
  failed: { zh: '处理失败', en: 'failed' },
};
