import { hashUnit } from './prng';
import type { Tier } from './forms';

/**
 * The round notice's scoring model (S-ROUND): four components derived from the form and
 * two the bureau enters (a written test and an interview). Weights sum to 1.
 */
export const SCORING_MODEL = {
  components: [
    { id: 'honour', name: { zh: '荣誉称号', en: 'honour title' }, weight: 0.2, min: 0, max: 8, source: 'form', derive: 'honour' },
    { id: 'education', name: { zh: '学历', en: 'education' }, weight: 0.05, min: 0, max: 3, source: 'form', derive: 'education' },
    { id: 'experience', name: { zh: '任职年限', en: 'years in post' }, weight: 0.1, min: 0, max: 10, source: 'form', derive: 'experience' },
    { id: 'lesson-awards', name: { zh: '优质课获奖', en: 'lesson awards' }, weight: 0.05, min: 0, max: 12, source: 'form', derive: 'lesson-awards' },
    { id: 'written', name: { zh: '笔试', en: 'written test' }, weight: 0.3, min: 0, max: 100, source: 'entered' },
    { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.3, min: 0, max: 100, source: 'entered' },
  ],
} as const;

/** Entered scores for a nomination: deterministic for the seed and the candidate. */
export function enteredScores(seed: number, ref: string, tier: Tier): { written: number; interview: number } {
  const base = tier === 1 ? 72 : tier === 2 ? 68 : 64;
  const w = hashUnit(seed, `written:${ref}`);
  const i = hashUnit(seed, `interview:${ref}`);
  // Half-points, as a marking panel writes them.
  const half = (x: number) => Math.round(x * 2) / 2;
  return { written: half(Math.min(100, base + w * 28)), interview: half(Math.min(100, base - 4 + i * 32)) };
}
