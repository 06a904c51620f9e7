import { describe, expect, it } from 'vitest';
import { replay, type Member, type MemberEventInput } from '../../domain/membership';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { memberWarnings } from '../../functions/api/warnings';

const admitted: MemberEventInput = {
  type: 'admitted', on: '2026-06-01', personId: 'P0001', tier: 3, unit: 'JT-XYXX', cohortId: '2026-R1',
  termStart: '2026-07-01', source: 'selection', policyRef: 'jintan-2020@1', roundId: '2026-R1',
};

function warnedFor(reason: string | undefined): Member {
  const r = replay([
    admitted,
    { type: 'assessed', on: '2027-07-01', clause: 'M-TERM', year: 2027, review: 'annual', grade: '不合格', score: 55 },
    { type: 'warned', on: '2027-07-01', clause: 'M-WARN', year: 2027, ...(reason ? { reason } : {}) },
  ], PLAN_2020);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('the pool\'s warnings say why, as the review did (M-WARN)', () => {
  it('a low grade is not called a low rank', () => {
    const [w] = memberWarnings(warnedFor('年度考核等次为不合格'), '2027-08-01');
    expect(w).toMatchObject({ code: 'WARNED', clause: 'M-WARN', zh: '2027 年度考核等次为不合格，已提醒' });
  });

  it('a warning stands until the next review judges the member again', () => {
    const r = replay([
      admitted,
      { type: 'assessed', on: '2027-07-01', clause: 'M-TERM', year: 2027, review: 'annual', grade: '不合格', score: 55 },
      { type: 'warned', on: '2027-07-01', clause: 'M-WARN', year: 2027, reason: '年度考核等次为不合格' },
      { type: 'assessed', on: '2028-07-01', clause: 'M-TERM', year: 2028, review: 'annual', grade: '合格', score: 85 },
    ], PLAN_2020);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(memberWarnings(r.value, '2028-08-01').map((w) => w.code)).not.toContain('WARNED');
  });

  it('a low rank, and a warning recorded without its reason', () => {
    expect(memberWarnings(warnedFor('年度考核成绩靠后（倒数第 1，共 10 人）'), '2027-08-01')[0]?.zh).toBe('2027 年度考核成绩靠后（倒数第 1，共 10 人），已提醒');
    expect(memberWarnings(warnedFor(undefined), '2027-08-01')[0]?.zh).toBe('2027 年度考核未达到要求，已提醒');
  });
});

describe('the pool counts talks by years of the term, as the member page does (C-TALK)', () => {
  it('a finished term year without a talk is named; a talk in that year clears it', () => {
    const none = replay([admitted], PLAN_2020);
    if (!none.ok) throw new Error(JSON.stringify(none.problems));
    expect(memberWarnings(none.value, '2027-06-30').map((w) => w.code)).not.toContain('TALK_YEAR_MISSED'); // year 1 still running
    expect(memberWarnings(none.value, '2027-07-01').find((w) => w.code === 'TALK_YEAR_MISSED')?.zh).toBe('任期第 1 年（2026-07-01 至 2027-07-01）谈心谈话 0 次，少于每年 1 次');
    const talked = replay([admitted, { type: 'talked', on: '2027-06-30', record: { by: '教育工委' } }], PLAN_2020);
    if (!talked.ok) throw new Error(JSON.stringify(talked.problems));
    expect(memberWarnings(talked.value, '2027-07-01').map((w) => w.code)).not.toContain('TALK_YEAR_MISSED');
  });
});
