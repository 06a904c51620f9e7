import type { PoolMember } from './pool';
import { hashUnit } from './prng';

/**
 * The units' annual assessments (X-UNITS), deterministic for the seed: most members 合格 or
 * 优秀; a few 基本合格 / 不合格 in year 1; in year 2 half of those warned stay low (→ removed,
 * M-WARN) and one member has a one-vote-veto matter (M-VETO); in the summative year a couple
 * fail (M-FAIL) and the rest are ranked for the top 30% (M-TOP).
 */

export interface AssessmentBody {
  grade: '优秀' | '合格' | '基本合格' | '不合格';
  score: number;
  assessedBy: string;
  veto?: { reason: string };
  meetsPostConditions?: boolean;
}

export interface PlannedAssessment { member: PoolMember; body: AssessmentBody; note?: 'low' | 'fail' | 'veto' | 'low-again' | 'recovered' }

const round1 = (x: number) => Math.round(x * 10) / 10;

export function planAssessments(seed: number, year: 1 | 2 | 3, members: readonly PoolMember[], warnedLastYear: ReadonlySet<string>, partyOf: (unit: string) => string): PlannedAssessment[] {
  const key = (m: PoolMember) => `${m.name ?? ''}@${m.unit}`;
  const h = (m: PoolMember, salt: string) => hashUnit(seed, `${salt}:${year}:${key(m)}`);
  const ordered = [...members].sort((a, b) => h(a, 'order') - h(b, 'order') || key(a).localeCompare(key(b)));
  const plan = new Map<PoolMember, PlannedAssessment>();
  const normal = (m: PoolMember): AssessmentBody => {
    const score = round1(75 + h(m, 'score') * 23);
    return { grade: score >= 92 ? '优秀' : '合格', score, assessedBy: partyOf(m.unit) };
  };
  const set = (m: PoolMember, body: Omit<AssessmentBody, 'assessedBy'>, note: PlannedAssessment['note']) => plan.set(m, { member: m, body: { ...body, assessedBy: partyOf(m.unit) }, note });

  for (const tier of [1, 2, 3]) {
    const inTier = ordered.filter((m) => m.tier === tier);
    if (year === 1) {
      inTier.slice(0, 2).forEach((m) => set(m, { grade: '基本合格', score: round1(62 + h(m, 'low') * 6) }, 'low'));
      if (tier === 3 && inTier[2]) set(inTier[2], { grade: '不合格', score: 55 }, 'fail');
    } else if (year === 2) {
      const warned = inTier.filter((m) => warnedLastYear.has(m.personId));
      warned.forEach((m, i) => {
        if (i % 2 === 0) set(m, { grade: '基本合格', score: round1(60 + h(m, 'low') * 6) }, 'low-again');
        else set(m, { grade: '合格', score: round1(88 + h(m, 'up') * 7) }, 'recovered');
      });
      const vetoed = tier === 2 ? inTier.find((m) => !warnedLastYear.has(m.personId)) : undefined;
      if (vetoed) set(vetoed, { grade: '不合格', score: 40, veto: { reason: '违反《中小学教师职业道德规范》，组织有偿补课，经区纪委查实' } }, 'veto');
    } else {
      const failing = tier === 1 ? [] : inTier.slice(0, 1);
      failing.forEach((m) => set(m, { grade: '不合格', score: round1(50 + h(m, 'fail') * 8) }, 'fail'));
    }
  }
  return ordered.map((m) => {
    const planned = plan.get(m) ?? { member: m, body: normal(m) };
    if (year === 3 && (m.tier === 1 || m.tier === 2)) planned.body.meetsPostConditions = h(m, 'post') > 0.2;
    return planned;
  });
}
