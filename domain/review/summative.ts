import type { IsoDate } from '../dates';
import type { MemberEvent, RecommendationKind } from '../membership/events';
import type { Policy } from '../policy/schema';
import { withinShare } from '../scoring/rank';
import { TIERS } from '../tier';
import { vetoOutcome } from './annual';
import type { Outcome, SummativeReviewEntry } from './outcome';
import { rankTier } from './ranking';

type Rules = Pick<Policy, 'review'>;

/**
 * The summative review at the end of the third year (M-TERM 三年总结性考核), per tier.
 *
 *  - a veto → removed at once (M-VETO).
 *  - no assessment, no score (the summative ranking needs one) or an unknown grade →
 *    `missing-assessment`.
 *  - failed (grade in summativeFailGrades) → `removed` (M-FAIL): assessed, then removed in
 *    the same write; the seat is freed and the organisational talk falls due (one rule for
 *    M-WARN, M-VETO and M-FAIL, DESIGN §2 *Removal*).
 *  - top share (M-TOP): competition rank r ≤ topShare × n, n = the tier's members with a
 *    summative score (ties share a rank, so tied members are all in or all out). Failed
 *    members and members graded in lowGrades are not recommended even if their score is high.
 *      tier 1/2: recommended for appointment when meetsPostConditions, otherwise rotation;
 *      tier 3: shadowing (or acting, per tier3Placement) and priority for middle-management
 *      vacancies. They stay in the pool (holding the seat) until used, renewed or their term ends.
 *  - everyone else: `term-ended` (M-TERM) — what the review says of the term's end, not the
 *    end itself: the review records the assessment; the term ends on its third anniversary by
 *    itself (app/members/end-terms.ts, DESIGN §2 *Term end*), adjusted by this result: a grade
 *    in lowGrades → leaves-pool; otherwise may-be-renominated in a later round (or renewed by
 *    the bureau before the end, domain/membership/term.ts).
 */
export function summativeOutcomes(
  entries: readonly SummativeReviewEntry[],
  policy: Rules,
  review: { year: number; on: IsoDate },
): Outcome[] {
  const out: Outcome[] = [];
  for (const tier of TIERS) {
    const inTier = entries.filter((e) => e.tier === tier);
    const scores = new Map<string, number>();
    for (const e of inTier) {
      if (e.assessment?.score !== undefined && policy.review.grades.includes(e.assessment.grade)) scores.set(e.personId, e.assessment.score);
    }
    const ranking = rankTier(scores);
    for (const e of [...inTier].sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))) {
      out.push(decide(e, ranking, policy, review));
    }
  }
  return out;
}

function decide(e: SummativeReviewEntry, ranking: ReturnType<typeof rankTier>, policy: Rules, review: { year: number; on: IsoDate }): Outcome {
  const base = { personId: e.personId, tier: e.tier };
  if (e.veto) return vetoOutcome(e.personId, e.tier, e.veto, review.on);
  const a = e.assessment;
  const rank = ranking.rank.get(e.personId);
  if (a === null || a.score === undefined || rank === undefined) {
    const zh = a === null ? '未提交总结性考核结果' : a.score === undefined ? '未提交总结性考核分数' : `考核等次“${a.grade}”无效`;
    const en = a === null ? 'no summative assessment submitted' : a.score === undefined ? 'no summative score submitted' : `unknown grade "${a.grade}"`;
    return { ...base, kind: 'missing-assessment', clause: 'M-TERM', zh: `${zh}（报送期已过），无总结性考核结论，由区教育局督促所在单位说明情况`, en: `${en} (the window has closed): no summative outcome; the bureau follows it up with the unit`, events: [] };
  }
  const info = { rank, n: ranking.n };
  const assessed: MemberEvent = { type: 'assessed', on: review.on, clause: 'M-TERM', year: review.year, review: 'summative', grade: a.grade, score: a.score };

  if (policy.review.summativeFailGrades.includes(a.grade)) {
    // One removal rule (DESIGN §2 *Removal*): removed at the decision, the seat freed, the
    // organisational talk due from then (domain/talks).
    return {
      ...base, ...info, kind: 'removed', clause: 'M-FAIL',
      zh: `三年总结性考核${a.grade}：不再列入后备人才培养对象，进行组织谈话`,
      en: `summative review ${a.grade}: removed; the organisational talk is due`,
      events: [assessed, { type: 'removed', on: review.on, clause: 'M-FAIL', reason: `三年总结性考核${a.grade}` }],
    };
  }
  const low = policy.review.lowGrades.includes(a.grade);
  if (!low && withinShare(rank, policy.review.topShare, ranking.n)) {
    const pct = Math.round(policy.review.topShare * 100);
    const kinds: RecommendationKind[] = e.tier === 3
      ? [e.tier3Placement ?? 'shadowing', 'priority-middle-vacancy']
      : [e.meetsPostConditions ? 'appointment' : 'rotation'];
    const zh = e.tier === 3
      ? `总结性考核前${pct}%（第 ${rank} 名，共 ${ranking.n} 人）：安排${e.tier3Placement === 'acting' ? '顶岗实践' : '跟岗锻炼'}，本单位中层出现空缺或新一轮选任时优先推荐使用`
      : e.meetsPostConditions
        ? `总结性考核前${pct}%（第 ${rank} 名，共 ${ranking.n} 人）：适时提出使用建议`
        : `总结性考核前${pct}%（第 ${rank} 名，共 ${ranking.n} 人）：暂不具备任职条件，安排轮岗锻炼`;
    const en = e.tier === 3
      ? `summative top ${pct}% (rank ${rank} of ${ranking.n}): ${e.tier3Placement ?? 'shadowing'} post, first in line for middle-management vacancies`
      : e.meetsPostConditions
        ? `summative top ${pct}% (rank ${rank} of ${ranking.n}): recommended for appointment`
        : `summative top ${pct}% (rank ${rank} of ${ranking.n}): post conditions not yet met, rotation`;
    return {
      ...base, ...info, kind: 'recommended', clause: 'M-TOP', zh, en,
      events: [assessed, ...kinds.map((kind): MemberEvent => ({ type: 'recommended', on: review.on, clause: 'M-TOP', kind }))],
    };
  }
  return {
    ...base, ...info, kind: 'term-ended', clause: 'M-TERM',
    zh: low ? `总结性考核${a.grade}：三年任期届满之日离库，不再续列` : `总结性考核${a.grade}：三年任期届满之日离库，可参加新一轮选拔（或经教育局续任）`,
    en: low ? `summative ${a.grade}: leaves on the term's end day, not continued` : `summative ${a.grade}: leaves on the term's end day, may stand in a later round (or be renewed)`,
    // The term ends on its date (then leaves-pool or may-be-renominated), not today: only the assessment is written.
    events: [assessed],
  };
}
