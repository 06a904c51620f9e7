import { describe, expect, it } from 'vitest';
import { SelectionNoticeSchema } from '../../domain/selection/notice';
import { selectionNoticeProblems } from '../../domain/selection/notice-checks';
import { publicityPeriod } from '../../domain/selection/publicity';
import type { ScoringModel } from '../../domain/scoring/model';

const DATES = { intakeClosesAt: '2026-04-15T16:00:00Z', scoringClosesAt: '2026-04-30T16:00:00Z' };
const comp = (id: string, source: 'form' | 'entered' | 'recommendation' | 'inspection', weight: number) => ({
  id, name: { zh: id, en: id }, weight, min: 0, max: 100, source, ...(source === 'form' ? { derive: 'experience' as const } : {}),
});
const model = (...c: ReturnType<typeof comp>[]): ScoringModel => ({ components: c });

describe('the notice\'s selection steps (DESIGN §7)', () => {
  it('fills the defaults: a ratio of 1 and a gate for 考察, five working days for 公示', () => {
    expect(SelectionNoticeSchema.parse({ inspection: {}, publicity: {} })).toEqual({ inspection: { ratio: 1, gate: true }, publicity: { workingDays: 5 } });
    expect(SelectionNoticeSchema.safeParse({ publicity: { workingDays: 4 } }).success).toBe(false);
    expect(SelectionNoticeSchema.safeParse({ recommendation: { closesAt: '2026-04-20T00:00:00Z', threshold: 1.2 } }).success).toBe(false);
    expect(SelectionNoticeSchema.safeParse({ ballots: {} }).success).toBe(false);
  });

  it('each step counts for something, and a component comes only from a step that runs', () => {
    expect(selectionNoticeProblems(undefined, DATES, model(comp('e', 'entered', 1)))).toEqual([]);
    expect(selectionNoticeProblems(undefined, DATES, model(comp('e', 'entered', 0.5), comp('r', 'recommendation', 0.5))).map((p) => [p.code, p.path]))
      .toEqual([['SELECTION_COMPONENT_WITHOUT_STEP', 'scoringModel.components.1.source']]);
    const on = SelectionNoticeSchema.parse({ recommendation: { closesAt: '2026-04-20T00:00:00Z' }, inspection: { gate: false } });
    expect(selectionNoticeProblems(on, DATES, model(comp('e', 'entered', 1))).map((p) => p.code)).toEqual(['RECOMMENDATION_UNUSED', 'INSPECTION_UNUSED']);
    expect(selectionNoticeProblems(on, DATES, model(comp('e', 'entered', 0.4), comp('r', 'recommendation', 0.3), comp('i', 'inspection', 0.3)))).toEqual([]);
  });

  it('the ballot closes after intake and no later than scoring', () => {
    const ballot = (closesAt: string) => SelectionNoticeSchema.parse({ recommendation: { closesAt, threshold: 0.5 } });
    const codes = (closesAt: string) => selectionNoticeProblems(ballot(closesAt), DATES, model(comp('e', 'entered', 1))).map((p) => p.code);
    expect(codes('2026-04-15T16:00:00Z')).toEqual(['RECOMMENDATION_CLOSES_ORDER']);
    expect(codes('2026-04-30T16:00:01Z')).toEqual(['RECOMMENDATION_CLOSES_ORDER']);
    expect(codes('2026-04-30T16:00:00Z')).toEqual([]);
    // The same instant written in Beijing time is the same deadline.
    expect(codes('2026-05-01T00:00:00+08:00')).toEqual([]);
  });
});

describe('the 公示 period (S-PUBLICITY)', () => {
  it('starts on the first working day after the approval and counts five working days from it, across a holiday', () => {
    // 2026: 中秋 25–27 Sep, 国庆 1–7 Oct.
    expect(publicityPeriod('2026-09-24', 5)).toEqual({ ok: true, value: { startsOn: '2026-09-28', endsOn: '2026-10-09', endsAt: '2026-10-10T00:00:00+08:00', workingDays: 5 } });
  });

  it('counts a 调休 make-up Saturday as a working day', () => {
    // Approved Thu 8 Oct 2026: Fri 9 (1), Sat 10 Oct is a make-up workday (2), Mon 12 … Wed 14 (3–5).
    expect(publicityPeriod('2026-10-08', 5)).toMatchObject({ ok: true, value: { startsOn: '2026-10-09', endsOn: '2026-10-14' } });
  });

  it('a period that runs into a year without calendar data is refused, not guessed', () => {
    const r = publicityPeriod('2026-12-28', 5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ code: 'CALENDAR_YEAR_UNKNOWN', path: 'selection.publicity' })]);
  });
});
