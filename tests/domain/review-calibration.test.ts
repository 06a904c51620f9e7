import { describe, expect, it } from 'vitest';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { annualOutcomes } from '../../domain/review/annual';
import { calibrate, calibrationTargets, type OutcomeBasis } from '../../domain/review/calibration';
import type { Outcome } from '../../domain/review/outcome';
import { summativeOutcomes } from '../../domain/review/summative';

const AT = { year: 2028, on: '2028-09-01' };
const P = (i: number) => `P${String(i).padStart(20, '0')}`;
const basis = (grade: string, score: number, extra: Partial<OutcomeBasis> = {}): OutcomeBasis => ({ grade, score, warnedInYears: [], ...extra });

function annual(grade: string, score: number, warnedInYears: number[] = []): Outcome {
  const [o] = annualOutcomes([{ personId: P(1), tier: 2, assessment: { grade, score }, warnedInYears }], PLAN_2020, AT);
  return o as Outcome;
}

describe('calibration (DESIGN §2): which outcome the bureau may set, built from what the proposal rests on', () => {
  it('annual: a warning withdrawn keeps the assessment, drops the warning, and says why', () => {
    const warned = annual('基本合格', 60);
    expect(warned.kind).toBe('warned');
    const r = calibrate({ proposed: warned, reviewKind: 'annual', basis: basis('基本合格', 60), outcome: 'satisfactory', reason: '单位已说明情况' }, PLAN_2020, AT);
    expect(r.ok && r.value).toMatchObject({ kind: 'satisfactory', clause: 'M-TERM', calibration: { from: 'warned', reason: '单位已说明情况' } });
    expect(r.ok && r.value.events.map((e) => e.type)).toEqual(['assessed']);
    expect(r.ok && r.value.zh).toContain('单位已说明情况');
  });

  it('annual: a removal (M-WARN) only for a member warned the year before', () => {
    const ok = annual('合格', 80);
    expect(calibrate({ proposed: ok, reviewKind: 'annual', basis: basis('合格', 80), outcome: 'removed', reason: 'x' }, PLAN_2020, AT))
      .toMatchObject({ ok: false, problems: [{ code: 'CALIBRATION_NOT_WARNED', path: 'outcome' }] });
    const r = calibrate({ proposed: ok, reviewKind: 'annual', basis: basis('合格', 80, { warnedInYears: [2027] }), outcome: 'removed', reason: '仍未达到要求' }, PLAN_2020, AT);
    expect(r.ok && r.value.events.map((e) => e.type)).toEqual(['assessed', 'removed']);
    expect(r.ok && r.value.clause).toBe('M-WARN');
    expect(calibrationTargets(ok, 'annual', basis('合格', 80), PLAN_2020, AT)).toEqual(['warned']);
    expect(calibrationTargets(ok, 'annual', basis('合格', 80, { warnedInYears: [2027] }), PLAN_2020, AT)).toEqual(['warned', 'removed']);
  });

  it('refused, each with its code: another review kind\'s outcome, the same outcome, no reason, a veto, a missing assessment, a failed summative grade', () => {
    const ok = annual('合格', 80);
    const codes = (c: Parameters<typeof calibrate>[0]) => {
      const r = calibrate(c, PLAN_2020, AT);
      return r.ok ? [] : r.problems.map((p) => [p.code, p.path]);
    };
    expect(codes({ proposed: ok, reviewKind: 'annual', basis: basis('合格', 80), outcome: 'recommended', reason: 'x' })).toEqual([['CALIBRATION_OUTCOME_NOT_ALLOWED', 'outcome']]);
    expect(codes({ proposed: ok, reviewKind: 'annual', basis: basis('合格', 80), outcome: 'satisfactory', reason: 'x' })).toEqual([['CALIBRATION_UNCHANGED', 'outcome']]);
    expect(codes({ proposed: ok, reviewKind: 'annual', basis: basis('合格', 80), outcome: 'warned', reason: ' ' })).toEqual([['CALIBRATION_REASON_REQUIRED', 'reason']]);
    const [vetoed] = annualOutcomes([{ personId: P(2), tier: 3, assessment: { grade: '合格', score: 80 }, warnedInYears: [], veto: { on: AT.on, reason: '师德' } }], PLAN_2020, AT);
    expect(codes({ proposed: vetoed as Outcome, reviewKind: 'annual', basis: basis('合格', 80, { veto: true }), outcome: 'satisfactory', reason: 'x' })).toEqual([['CALIBRATION_VETO_FINAL', 'outcome']]);
    const [missing] = annualOutcomes([{ personId: P(3), tier: 3, assessment: null, warnedInYears: [] }], PLAN_2020, AT);
    expect(codes({ proposed: missing as Outcome, reviewKind: 'annual', basis: null, outcome: 'satisfactory', reason: 'x' })).toEqual([['CALIBRATION_NO_ASSESSMENT', 'outcome']]);
    const [failed] = summativeOutcomes([{ personId: P(4), tier: 3, assessment: { grade: '不合格', score: 40 }, meetsPostConditions: false }], PLAN_2020, AT);
    expect(codes({ proposed: failed as Outcome, reviewKind: 'summative', basis: basis('不合格', 40), outcome: 'term-ended', reason: 'x' })).toEqual([['CALIBRATION_FAIL_GRADE', 'outcome']]);
  });

  it('summative: a term end turned into a recommendation gets the tier\'s recommendations; a recommendation turned into a term end', () => {
    const entries = [1, 2, 3, 4].map((i) => ({ personId: P(i), tier: 1 as const, assessment: { grade: '合格', score: 70 + i }, meetsPostConditions: i === 1 }));
    const out = summativeOutcomes(entries, PLAN_2020, AT);
    const ended = out.find((o) => o.personId === P(1)) as Outcome;
    const top = out.find((o) => o.personId === P(4)) as Outcome;
    expect([ended.kind, top.kind]).toEqual(['term-ended', 'recommended']);
    const r = calibrate({ proposed: ended, reviewKind: 'summative', basis: basis('合格', 71, { meetsPostConditions: true }), outcome: 'recommended', reason: '挂职表现突出' }, PLAN_2020, AT);
    expect(r.ok && r.value.events).toEqual([
      expect.objectContaining({ type: 'assessed', review: 'summative', grade: '合格', score: 71 }),
      expect.objectContaining({ type: 'recommended', kind: 'appointment', note: '挂职表现突出' }),
    ]);
    const back = calibrate({ proposed: top, reviewKind: 'summative', basis: basis('合格', 74), outcome: 'term-ended', reason: '岗位条件不符' }, PLAN_2020, AT);
    expect(back.ok && back.value.events.map((e) => e.type)).toEqual(['assessed']);
  });
});
