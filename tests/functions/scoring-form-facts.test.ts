import { describe, expect, it } from 'vitest';
import { compositeScore } from '../../domain/scoring/composite';
import { scoringFactsFromForm } from '../../domain/scoring/form-facts';
import { parseScoringModel } from '../../domain/scoring/model';
import { parseNominationForm } from '../../domain/form/parse';
import type { NominationForm } from '../../domain/form/schema';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { parsedFixture } from '../fixtures/forms/builders';
import { validForm } from '../support/forms';

function form(over: (f: ReturnType<typeof validForm>) => void = () => {}): NominationForm {
  const raw = validForm();
  over(raw);
  const r = parseNominationForm(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('scoringFactsFromForm: the form facts a round scores', () => {
  it('tier 3: best counting honour, highest education, class-teacher years, best lesson award', () => {
    const facts = scoringFactsFromForm(form(), '2026-04-01', PLAN_2020);
    expect(facts.honourRank).toBe(2); // 常州市教学能手
    expect(facts.educationLevel).toBe('bachelor');
    expect(facts.bestLessonAward).toEqual({ level: 'district', prize: 2 });
    // 2015-09-01 → 2026-04-01, days ÷ 365.
    expect(facts.experienceYears).toBeCloseTo(3865 / 365, 9);
  });

  it('titles awarded after the reference date, or unknown to the ladder, do not count; none is null, not a guess', () => {
    const f = form((raw) => {
      raw.candidate.honours = [{ title: '常州市教学能手', awarded: '2019-09-10' }, { title: '某某优秀教师', awarded: '2015-01-01' }];
    });
    // Judged on 2019-06-01: the 教学能手 title (2019-09-10) and the 2021 lesson prize come later.
    const facts = scoringFactsFromForm(f, '2019-06-01', PLAN_2020);
    expect(facts.honourRank).toBeNull();
    expect(facts.bestLessonAward).toBeNull();
  });

  it('tier 1 counts years as a deputy leader (the tier\'s own experience kinds)', () => {
    const f = parsedFixture('tier1-eligible.json');
    const facts = scoringFactsFromForm(f, '2026-04-01', PLAN_2020);
    expect(facts.experienceYears).toBeGreaterThanOrEqual(2);
    expect(facts.educationLevel).toBe('master');
  });

  it('feeds compositeScore: a form component derives, an entered one must be entered', () => {
    const model = parseScoringModel({
      components: [
        { id: 'interview', name: { zh: '面试', en: 'interview' }, weight: 0.6, min: 0, max: 100, source: 'entered' },
        { id: 'lesson', name: { zh: '优质课', en: 'lesson awards' }, weight: 0.4, min: 0, max: 12, source: 'form', derive: 'lesson-awards' },
      ],
    });
    if (!model.ok) throw new Error('model');
    const facts = scoringFactsFromForm(form(), '2026-04-01', PLAN_2020);
    const scored = compositeScore(model.value, { interview: 90 }, facts);
    // 0.6 × 90 + 0.4 × (district 2nd prize = 2 of 12) × 100 = 60.666… → 60.67
    expect(scored.ok && scored.value.score).toBe(60.67);
    const missing = compositeScore(model.value, {}, facts);
    expect(missing.ok).toBe(false);
  });
});
