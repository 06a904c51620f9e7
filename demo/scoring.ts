import { hashUnit } from './prng';
import type { Tier } from './forms';

/**
 * The round notice's scoring model (S-ROUND): four components derived from the form, two the
 * bureau enters (a written test and an interview), and the two the selection steps give —
 * 民主推荐's share of 推荐 × 100 (S-RECOMMEND) and the 考察 score (S-INSPECT). Weights sum to 1.
 */
export const SCORING_MODEL = {
  components: [
    { id: 'honour', name: { zh: '荣誉称号', en: 'honour title' }, weight: 0.15, min: 0, max: 8, source: 'form', derive: 'honour' },
    { id: 'education', name: { zh: '学历', en: 'education' }, weight: 0.05, min: 0, max: 3, source: 'form', derive: 'education' },
    { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.1, min: 0, max: 10, source: 'form', derive: 'experience' },
    { id: 'lesson-awards', name: { zh: '优质课获奖', en: 'lesson awards' }, weight: 0.05, min: 0, max: 12, source: 'form', derive: 'lesson-awards' },
    { id: 'written', name: { zh: '笔试', en: 'written test' }, weight: 0.2, min: 0, max: 100, source: 'entered' },
    { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.2, min: 0, max: 100, source: 'entered' },
    { id: 'recommendation', name: { zh: '民主推荐', en: 'democratic recommendation' }, weight: 0.15, min: 0, max: 100, source: 'recommendation' },
    { id: 'inspection', name: { zh: '考察', en: 'inspection' }, weight: 0.1, min: 0, max: 100, source: 'inspection' },
  ],
} as const;

/**
 * How the notice runs the three selection steps (DESIGN §7). 民主推荐 is a component and a bar:
 * a candidate recommended by fewer than half of the ballots cast is not ranked — the half
 * many districts' practice writes into the notice. 考察 is a gate and a component, 差额考察 at
 * 1.2 考察对象 per free seat (the ratio is the notice's, 1–3). 公示 for the statutory minimum of
 * five working days (条例 art. 41).
 */
export const RECOMMENDATION_THRESHOLD = 0.5;
export const INSPECTION_RATIO = 1.2;
export const PUBLICITY_WORKING_DAYS = 5;

/** Entered scores for a nomination: deterministic for the seed and the candidate. */
export function enteredScores(seed: number, ref: string, tier: Tier): { written: number; interview: number } {
  const base = tier === 1 ? 72 : tier === 2 ? 68 : 64;
  const w = hashUnit(seed, `written:${ref}`);
  const i = hashUnit(seed, `interview:${ref}`);
  // Half-points, as a marking panel writes them.
  const half = (x: number) => Math.round(x * 2) / 2;
  return { written: half(Math.min(100, base + w * 28)), interview: half(Math.min(100, base - 4 + i * 32)) };
}
