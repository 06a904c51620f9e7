import type { IsoDate } from '../dates';
import type { MemberEvent } from '../membership/events';
import type { Policy } from '../policy/schema';
import { withinShare } from '../scoring/rank';
import { TIERS } from '../tier';
import type { AnnualReviewEntry, Outcome } from './outcome';
import { rankTier } from './ranking';

type Rules = Pick<Policy, 'review'>;

/**
 * The annual review's outcomes (M-TERM 每年考核一次; M-WARN; M-VETO), per tier.
 *
 * Pass every member of a tier under annual review that year, across cohorts: "ranked low"
 * is relative to the tier. Rules (DESIGN §2, policy.review):
 *  - ranked low = in the bottom share by annual score, OR an annual grade in lowGrades.
 *    Bottom share: b = 1 + the number of the tier's scored members with a strictly lower
 *    score (ties shared, counted from the bottom); in it when b ≤ bottomShare × n, n = the
 *    scored members of the tier. With n < 10 at 10% nobody is in it by score (b ≥ 1 > 0.1n):
 *    small tiers are judged by grade alone. Tied members at the bottom are all in or all out.
 *  - a tier is ranked all or none: if any member of the tier has a score, a member with a
 *    grade but no score is `missing-assessment` (else a unit could dodge the ranking).
 *  - ranked low and warned warningFollowUpYears before (一年之后仍达不到要求) → removed (M-WARN);
 *    ranked low otherwise → warned (M-WARN).
 *  - a veto → removed at once (M-VETO), whatever the assessment.
 *  - nothing submitted, or a grade the policy does not know → `missing-assessment`.
 */
export function annualOutcomes(
  entries: readonly AnnualReviewEntry[],
  policy: Rules,
  review: { year: number; on: IsoDate },
): Outcome[] {
  const out: Outcome[] = [];
  for (const tier of TIERS) {
    const inTier = entries.filter((e) => e.tier === tier);
    const scores = new Map<string, number>();
    for (const e of inTier) if (e.assessment?.score !== undefined) scores.set(e.personId, e.assessment.score);
    const ranking = rankTier(scores);
    const ranked = scores.size > 0;
    for (const e of [...inTier].sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))) {
      out.push(decide(e, ranked, ranking, policy, review));
    }
  }
  return out;
}

function decide(
  e: AnnualReviewEntry,
  ranked: boolean,
  ranking: ReturnType<typeof rankTier>,
  policy: Rules,
  review: { year: number; on: IsoDate },
): Outcome {
  const base = { personId: e.personId, tier: e.tier };
  if (e.veto) return vetoOutcome(e.personId, e.tier, e.veto, review.on);
  const a = e.assessment;
  if (a === null || !policy.review.grades.includes(a.grade) || (ranked && a.score === undefined)) {
    const why = a === null ? '未提交年度考核结果' : !policy.review.grades.includes(a.grade) ? `考核等次“${a.grade}”无效` : '未提交年度考核分数';
    const whyEn = a === null ? 'no annual assessment submitted' : !policy.review.grades.includes(a.grade) ? `unknown grade "${a.grade}"` : 'no annual score submitted';
    return { ...base, kind: 'missing-assessment', clause: 'M-TERM', zh: `${why}（报送期已过），本年度无考核结论，由区教育局督促所在单位说明情况`, en: `${whyEn} (the window has closed): no outcome this year; the bureau follows it up with the unit`, events: [] };
  }
  const assessed: MemberEvent = {
    type: 'assessed', on: review.on, clause: 'M-TERM', year: review.year, review: 'annual', grade: a.grade,
    ...(a.score !== undefined ? { score: a.score } : {}),
  };
  const rank = ranking.rank.get(e.personId);
  const bottomRank = ranking.bottom.get(e.personId);
  const scoreInfo = rank !== undefined ? { rank, bottomRank, n: ranking.n } : {};
  const lowByScore = bottomRank !== undefined && withinShare(bottomRank, policy.review.bottomShare, ranking.n);
  const lowByGrade = policy.review.lowGrades.includes(a.grade);
  if (!lowByScore && !lowByGrade) {
    return { ...base, ...scoreInfo, kind: 'satisfactory', clause: 'M-TERM', zh: `${review.year} 年度考核：${a.grade}`, en: `${review.year} annual review: ${a.grade}`, events: [assessed] };
  }
  const whyZh = lowByScore ? `年度考核成绩靠后（倒数第 ${bottomRank}，共 ${ranking.n} 人）` : `年度考核等次为${a.grade}`;
  const whyEn = lowByScore ? `ranked low (bottom rank ${bottomRank} of ${ranking.n})` : `annual grade ${a.grade}`;
  const warnedIn = review.year - policy.review.warningFollowUpYears;
  if (e.warnedInYears.includes(warnedIn)) {
    return {
      ...base, ...scoreInfo, kind: 'removed', clause: 'M-WARN',
      zh: `${whyZh}，${warnedIn} 年已提醒，一年之后仍达不到要求，不再列入后备人才培养对象`,
      en: `${whyEn}; warned in ${warnedIn} and still not meeting requirements: removed`,
      events: [assessed, { type: 'removed', on: review.on, clause: 'M-WARN', reviewYear: review.year, reason: `${whyZh}；${warnedIn} 年已提醒` }],
    };
  }
  return {
    ...base, ...scoreInfo, kind: 'warned', clause: 'M-WARN',
    zh: `${whyZh}，予以提醒；一年之后仍达不到要求的，不再列入`,
    en: `${whyEn}: warned; removed if still not meeting requirements a year later`,
    events: [assessed, { type: 'warned', on: review.on, clause: 'M-WARN', year: review.year, reason: whyZh }],
  };
}

/**
 * M-VETO: 有一票否决行为的 → removed. The veto is recorded, then the removal, dated the day the
 * matter was reported (never before the review's date). Reported in an assessment, it goes
 * through the review; the bureau records one whenever it arises (POST …/vetoes) and the
 * member leaves that day — the same two events either way.
 */
export function vetoOutcome(personId: string, tier: Outcome['tier'], veto: { on: IsoDate; reason: string }, on: IsoDate): Outcome {
  const when = veto.on > on ? veto.on : on;
  return {
    personId, tier, kind: 'removed', clause: 'M-VETO',
    zh: `有一票否决情形（${veto.reason}），不再列入后备人才培养对象`,
    en: `one-vote veto (${veto.reason}): removed at once`,
    events: [
      { type: 'vetoed', on: when, clause: 'M-VETO', reason: veto.reason, via: 'assessment' },
      { type: 'removed', on: when, clause: 'M-VETO', reason: veto.reason },
    ],
  };
}
