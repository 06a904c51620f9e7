import type { IsoDate } from '../dates';
import type { MemberEvent, RecommendationKind } from '../membership/events';
import type { Policy } from '../policy/schema';
import { problem, type Problem, type Result } from '../problem';
import type { ReviewKind } from './cohort';
import type { Outcome, OutcomeKind } from './outcome';

/**
 * Calibration (DESIGN §2): a review's computed outcomes are proposals; the bureau may change
 * any of them, with a recorded reason, before it confirms, and only then do they apply.
 * This module says which outcome the bureau may set for a member under each kind of review,
 * and builds the changed outcome (its events, clause and words) from what the computed one
 * rests on — the grade and score the unit submitted. Pure: the API validates a change with
 * it, and ApplyOutcomes builds the very same outcome from the stored change.
 *
 *  annual:    satisfactory · warned (M-WARN) · removed (M-WARN, only for a member warned
 *             warningFollowUpYears before: 一年之后仍达不到要求)
 *  summative: recommended (M-TOP) · term-ended (M-TERM)
 *
 * Not changeable: a one-vote veto (M-VETO, removal at once whatever the review), a missing
 * assessment (there is nothing to rest an outcome on), and a failed summative grade
 * (M-FAIL follows from the unit's grade: 不合格 → removed at the decision, the organisational
 * talk due, as for every removal).
 */
export const CALIBRATION_TARGETS: Readonly<Record<ReviewKind, readonly OutcomeKind[]>> = {
  annual: ['satisfactory', 'warned', 'removed'],
  summative: ['recommended', 'term-ended'],
};

/** The outcomes' names as the bureau reads them. */
export const OUTCOME_NAMES: Readonly<Record<OutcomeKind, { zh: string; en: string }>> = {
  satisfactory: { zh: '合格', en: 'satisfactory' },
  warned: { zh: '提醒', en: 'warned' },
  removed: { zh: '不再列入', en: 'removed' },
  recommended: { zh: '推荐使用', en: 'recommended' },
  'term-ended': { zh: '任期届满', en: 'term ended' },
  'missing-assessment': { zh: '未报送考核', en: 'no assessment' },
};

const RECOMMENDATION_ZH: Readonly<Record<RecommendationKind, string>> = {
  appointment: '适时提出使用建议', rotation: '安排轮岗锻炼', shadowing: '安排跟岗锻炼', acting: '安排顶岗实践', 'priority-middle-vacancy': '中层空缺时优先推荐使用',
};

/** What a computed outcome rests on, stored beside it (null: nothing was submitted). */
export interface OutcomeBasis {
  grade: string;
  score?: number;
  /** Tier 1/2 summative: the post conditions are met (M-TOP: appointment rather than rotation). */
  meetsPostConditions?: boolean;
  tier3Placement?: 'shadowing' | 'acting';
  /** Review years in which the member was warned (M-WARN), this term. */
  warnedInYears: readonly number[];
  veto?: boolean;
}

export interface CalibrationChange {
  proposed: Outcome;
  reviewKind: ReviewKind;
  basis: OutcomeBasis | null;
  /** The outcome the bureau sets (one of CALIBRATION_TARGETS[reviewKind]). */
  outcome: string;
  reason: string;
}

type Rules = Pick<Policy, 'review'>;
type At = { year: number; on: IsoDate };

/** Why a member's computed outcome cannot be changed at all, if it cannot. */
function fixed(proposed: Outcome, reviewKind: ReviewKind, basis: OutcomeBasis | null, policy: Rules, path: string): Problem | undefined {
  if (proposed.clause === 'M-VETO') {
    return problem('CALIBRATION_VETO_FINAL', path, '一票否决事项不能在校准中改变（M-VETO：有一票否决情形的，不再列入）', 'a one-vote veto cannot be calibrated away (M-VETO: removed at once)');
  }
  if (proposed.kind === 'missing-assessment' || basis === null) {
    return problem('CALIBRATION_NO_ASSESSMENT', path, '未报送考核结果，没有可依据的考核等次，不能设定考核结论', 'no assessment was submitted: there is no grade to rest an outcome on');
  }
  if (reviewKind === 'summative' && policy.review.summativeFailGrades.includes(basis.grade)) {
    return problem('CALIBRATION_FAIL_GRADE', path, `总结性考核等次为${basis.grade}，依方案不再列入后备人才培养对象并进行组织谈话（M-FAIL），不能校准`, `the summative grade is ${basis.grade}: the plan removes the member, with the organisational talk (M-FAIL); not changeable`);
  }
  return undefined;
}

/** The outcomes the bureau may set for this member instead of the computed one (empty: none). */
export function calibrationTargets(proposed: Outcome, reviewKind: ReviewKind, basis: OutcomeBasis | null, policy: Rules, at: At): OutcomeKind[] {
  if (fixed(proposed, reviewKind, basis, policy, '')) return [];
  return CALIBRATION_TARGETS[reviewKind].filter((k) => k !== proposed.kind && calibrate({ proposed, reviewKind, basis, outcome: k, reason: '-' }, policy, at).ok);
}

/**
 * The changed outcome, or the problems (paths `outcome` / `reason`, relative to the change;
 * the caller prefixes `changes.{i}.`).
 */
export function calibrate(change: CalibrationChange, policy: Rules, at: At): Result<Outcome> {
  const { proposed, reviewKind, basis, reason } = change;
  const fail = (p: Problem): Result<Outcome> => ({ ok: false, kind: 'rejection', problems: [p] });
  if (reason.trim() === '') return fail(problem('CALIBRATION_REASON_REQUIRED', 'reason', '修改考核结论须写明理由', 'a change needs its reason'));
  const targets = CALIBRATION_TARGETS[reviewKind];
  if (!(targets as readonly string[]).includes(change.outcome)) {
    return fail(problem('CALIBRATION_OUTCOME_NOT_ALLOWED', 'outcome',
      `${reviewKind === 'annual' ? '年度考核' : '总结性考核'}的结论只能是 ${targets.join(' / ')}（得到 ${change.outcome}）`,
      `a${reviewKind === 'annual' ? 'n annual' : ' summative'} review's outcome is one of ${targets.join(', ')} (got ${change.outcome})`));
  }
  const stop = fixed(proposed, reviewKind, basis, policy, 'outcome');
  if (stop) return fail(stop);
  const b = basis as OutcomeBasis;
  const target = change.outcome as OutcomeKind;
  if (target === proposed.kind) {
    return fail(problem('CALIBRATION_UNCHANGED', 'outcome', `与计算结果相同（${target}），无需修改`, `the same as the computed outcome (${target}): nothing to change`));
  }
  const assessed: MemberEvent = {
    type: 'assessed', on: at.on, clause: 'M-TERM', year: at.year, review: reviewKind, grade: b.grade, ...(b.score !== undefined ? { score: b.score } : {}),
  };
  const note = { zh: `（区教育局校准，原拟“${OUTCOME_NAMES[proposed.kind].zh}”：${reason}）`, en: ` (calibrated by the bureau, computed ${proposed.kind}: ${reason})` };
  const base = {
    personId: proposed.personId, tier: proposed.tier, calibration: { from: proposed.kind, reason },
    ...(proposed.rank !== undefined ? { rank: proposed.rank } : {}),
    ...(proposed.bottomRank !== undefined ? { bottomRank: proposed.bottomRank } : {}),
    ...(proposed.n !== undefined ? { n: proposed.n } : {}),
  };
  switch (target) {
    case 'satisfactory':
      return { ok: true, value: { ...base, kind: 'satisfactory', clause: 'M-TERM', zh: `${at.year} 年度考核：${b.grade}${note.zh}`, en: `${at.year} annual review: ${b.grade}${note.en}`, events: [assessed] } };
    case 'warned':
      return { ok: true, value: {
        ...base, kind: 'warned', clause: 'M-WARN', zh: `予以提醒；一年之后仍达不到要求的，不再列入${note.zh}`, en: `warned; removed if still not meeting requirements a year later${note.en}`,
        events: [assessed, { type: 'warned', on: at.on, clause: 'M-WARN', year: at.year, reason }],
      } };
    case 'removed': {
      const warnedIn = at.year - policy.review.warningFollowUpYears;
      if (!b.warnedInYears.includes(warnedIn)) {
        return fail(problem('CALIBRATION_NOT_WARNED', 'outcome', `${warnedIn} 年未受提醒：一年之后仍达不到要求的才不再列入（M-WARN）`, `not warned in ${warnedIn}: only a member still not meeting requirements a year after a warning is removed (M-WARN)`));
      }
      return { ok: true, value: {
        ...base, kind: 'removed', clause: 'M-WARN', zh: `${warnedIn} 年已提醒，一年之后仍达不到要求，不再列入后备人才培养对象${note.zh}`, en: `warned in ${warnedIn} and still not meeting requirements: removed${note.en}`,
        events: [assessed, { type: 'removed', on: at.on, clause: 'M-WARN', reviewYear: at.year, reason: `${warnedIn} 年已提醒；${reason}` }],
      } };
    }
    case 'recommended': {
      const kinds: RecommendationKind[] = proposed.tier === 3
        ? [b.tier3Placement ?? 'shadowing', 'priority-middle-vacancy']
        : [b.meetsPostConditions ? 'appointment' : 'rotation'];
      return { ok: true, value: {
        ...base, kind: 'recommended', clause: 'M-TOP', zh: `推荐使用：${kinds.map((k) => RECOMMENDATION_ZH[k]).join('，')}${note.zh}`, en: `recommended (${kinds.join(', ')})${note.en}`,
        events: [assessed, ...kinds.map((kind): MemberEvent => ({ type: 'recommended', on: at.on, clause: 'M-TOP', kind, note: reason }))],
      } };
    }
    case 'term-ended': {
      // As summative.ts: the review records the assessment; the term ends on its own date.
      return { ok: true, value: {
        ...base, kind: 'term-ended', clause: 'M-TERM', zh: `总结性考核${b.grade}：三年任期届满之日离库${note.zh}`, en: `summative ${b.grade}: leaves on the term's end day${note.en}`,
        events: [assessed],
      } };
    }
    default:
      return fail(problem('CALIBRATION_OUTCOME_NOT_ALLOWED', 'outcome', `不能设定为 ${target}`, `cannot be set to ${target}`));
  }
}
