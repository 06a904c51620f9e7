import { PLAN_2020 } from '../domain/policy/plan-2020';
import { compositeScore, freeSeats, parseScoringModel, proposeAdmissions, tiebreakOf, type Candidate } from '../domain/scoring';
import type { Tier } from '../domain/tier';

/**
 * Score, rank and select 10,000 nominations (goal: under 100 ms in all).
 * A five-component model (four entered, one derived from the form), deterministic data
 * (a small LCG, so runs compare), scores on a 0.5 grid so ties are common. Reports the
 * median of 7 timed runs after 2 warm-ups, split into score vs rank+select.
 */
export async function benchSelection(): Promise<Record<string, string | number>> {
  const N = 10_000;
  const parsed = parseScoringModel({
    components: [
      { id: 'written', name: { zh: '笔试', en: 'written test' }, weight: 0.3, min: 0, max: 100, source: 'entered' },
      { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.3, min: 0, max: 100, source: 'entered' },
      { id: 'democratic', name: { zh: '民主推荐', en: 'democratic recommendation' }, weight: 0.15, min: 0, max: 10, source: 'entered' },
      { id: 'inspection', name: { zh: '考察', en: 'inspection' }, weight: 0.15, min: 0, max: 10, source: 'entered' },
      { id: 'honour', name: { zh: '荣誉称号', en: 'honour' }, weight: 0.1, min: 0, max: 8, source: 'form', derive: 'honour' },
    ],
  });
  if (!parsed.ok) throw new Error('bench model invalid');
  const model = parsed.value;

  let seed = 20200414;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const half = (max: number) => Math.round(rnd() * max * 2) / 2;
  const nominations = Array.from({ length: N }, (_, i) => ({
    id: `N${String(i).padStart(5, '0')}`,
    tier: ((i % 3) + 1) as Tier,
    eligible: rnd() > 0.2,
    submittedAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z`,
    entered: { written: half(100), interview: half(100), democratic: half(10), inspection: half(10) },
    facts: { honourRank: rnd() < 0.3 ? null : Math.floor(rnd() * 7) },
  }));
  const seats = freeSeats(PLAN_2020, { 1: 5, 2: 10, 3: 20 });

  const run = () => {
    const t0 = performance.now();
    const candidates: Candidate[] = [];
    for (const n of nominations) {
      const r = compositeScore(model, n.entered, n.facts);
      if (!r.ok) throw new Error(`bench score failed: ${n.id}`);
      candidates.push({ id: n.id, tier: n.tier, eligible: n.eligible, score: r.value.score, tiebreak: tiebreakOf(r.value), submittedAt: n.submittedAt });
    }
    const t1 = performance.now();
    const proposal = proposeAdmissions({ candidates, freeSeats: seats });
    const t2 = performance.now();
    return { score: t1 - t0, select: t2 - t1, total: t2 - t0, proposal };
  };

  for (let i = 0; i < 2; i++) run();
  const runs = Array.from({ length: 7 }, run);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const last = runs[runs.length - 1];
  const admitted = last ? last.proposal[1].admit.length + last.proposal[2].admit.length + last.proposal[3].admit.length : 0;
  const ties = last ? [1, 2, 3].filter((t) => last.proposal[t as Tier].cutoffTie !== undefined).length : 0;
  const total = median(runs.map((r) => r.total));
  return {
    'selection.nominations': N,
    'selection.score_ms_median': Number(median(runs.map((r) => r.score)).toFixed(2)),
    'selection.rank_select_ms_median': Number(median(runs.map((r) => r.select)).toFixed(2)),
    'selection.total_ms_median': Number(total.toFixed(2)),
    'selection.total_ms_max': Number(Math.max(...runs.map((r) => r.total)).toFixed(2)),
    'selection.admitted': admitted,
    'selection.tiers_with_cutoff_tie': ties,
    'selection.goal': total < 100 ? 'met (< 100 ms)' : 'MISSED (>= 100 ms)',
  };
}
