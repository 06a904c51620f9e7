import { problem, rejection, type Problem, type Result } from '../problem';
import { deriveRaw, type ScoringFacts } from './facts';
import type { ScoringComponent, ScoringModel } from './model';

/** One component's contribution to a composite score. */
export interface ComponentScore {
  id: string;
  source: ScoringComponent['source'];
  /** The value as entered or derived (form values clamped into [min, max]). */
  value: number;
  /** (value − min) / (max − min), 0..1. */
  normalised: number;
  /** weight × normalised × 100: the points this component adds to the composite. */
  points: number;
}

export interface CompositeScore {
  /** 0–100, rounded half-up to 2 decimals. */
  score: number;
  /** In the model's order (the first-listed component breaks ties first). */
  components: ComponentScore[];
}

/**
 * Round half-up (away from zero) to 2 decimals, in integer millionths so binary noise cannot
 * decide: 1.005 → 1.01 and 72.125 → 72.13 (plain Math.round(x × 100) gives 1.00 for 1.005).
 */
export function round2(x: number): number {
  const micro = Math.round(Math.abs(x) * 1e6);
  return (Math.sign(x) * Math.floor((micro + 5000) / 10000)) / 100 + 0;
}

/**
 * The composite (S-ROUND): Σ weight × (value − min) / (max − min) × 100 over the model's
 * components, summed unrounded and rounded once to 2 decimals.
 *
 * An entered score that is missing, not a number, or outside [min, max] is a Problem — never
 * guessed as 0: a missing interview score is a data-entry gap, not a zero. An entered id the
 * model does not know is also a Problem (a typo would otherwise be dropped silently).
 */
export function compositeScore(
  model: ScoringModel,
  entered: Readonly<Record<string, number>>,
  facts: ScoringFacts,
  /**
   * Values a selection step gave, by component id (民主推荐's share × 100, 考察's score). A
   * missing one is a problem like a missing entered score; the step's own code decides when a
   * pass may leave one out (考察's preliminary ranking).
   */
  steps: Readonly<Record<string, number>> = {},
): Result<CompositeScore> {
  const problems: Problem[] = [];
  const components: ComponentScore[] = [];
  let total = 0;
  const known = new Set(model.components.map((c) => c.id));
  for (const id of Object.keys(entered)) {
    if (!known.has(id)) {
      problems.push(problem('SCORE_UNKNOWN_COMPONENT', `entered.${id}`,
        `评分方案中没有评分项“${id}”`, `the scoring model has no component "${id}"`));
    }
  }
  for (const c of model.components) {
    let value: number;
    if (c.source === 'entered') {
      const v = Object.hasOwn(entered, c.id) ? entered[c.id] : undefined;
      if (v === undefined) {
        problems.push(problem('SCORE_MISSING', `entered.${c.id}`,
          `缺少评分项“${c.name.zh}”的分数`, `missing score for "${c.name.en}"`));
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        problems.push(problem('SCORE_NOT_A_NUMBER', `entered.${c.id}`,
          `评分项“${c.name.zh}”的分数不是数字`, `score for "${c.name.en}" is not a number`));
        continue;
      }
      if (v < c.min || v > c.max) {
        problems.push(problem('SCORE_OUT_OF_RANGE', `entered.${c.id}`,
          `评分项“${c.name.zh}”的分数 ${v} 超出 ${c.min}–${c.max}`, `score ${v} for "${c.name.en}" is outside ${c.min}–${c.max}`));
        continue;
      }
      value = v;
    } else if (c.source === 'recommendation' || c.source === 'inspection') {
      const v = Object.hasOwn(steps, c.id) ? steps[c.id] : undefined;
      if (v === undefined || !Number.isFinite(v)) {
        const step = c.source === 'recommendation' ? ['民主推荐', 'democratic recommendation'] : ['考察', 'inspection'];
        problems.push(problem('SCORE_STEP_MISSING', `steps.${c.id}`,
          `评分项“${c.name.zh}”尚无${step[0]}结果`, `"${c.name.en}" has no ${step[1]} result yet`));
        continue;
      }
      value = Math.min(c.max, Math.max(c.min, v));
    } else {
      // The schema guarantees derive on form components.
      const raw = c.derive === undefined ? undefined : deriveRaw(c.derive, facts);
      if (raw === undefined || !Number.isFinite(raw)) {
        problems.push(problem('SCORE_FACT_MISSING', `facts.${c.derive ?? c.id}`,
          `无法从报名表得出评分项“${c.name.zh}”`, `cannot derive "${c.name.en}" from the form`));
        continue;
      }
      value = Math.min(c.max, Math.max(c.min, raw));
    }
    const normalised = (value - c.min) / (c.max - c.min);
    const points = c.weight * normalised * 100;
    total += points;
    components.push({ id: c.id, source: c.source, value, normalised, points });
  }
  if (problems.length > 0) return rejection(problems);
  return { ok: true, value: { score: round2(total), components } };
}

/**
 * The tie-break vector of a composite: each component's points in the model's order, so
 * among equal composites the higher first-listed component goes first, then the second…
 * (rounded to 6 decimals so binary noise cannot decide a tie).
 */
export function tiebreakOf(score: CompositeScore): number[] {
  return score.components.map((c) => Math.round(c.points * 1e6) / 1e6);
}
