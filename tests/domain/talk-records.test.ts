import { describe, expect, it } from 'vitest';
import { applyMemberEvent, replay } from '../../domain/membership';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { parseRotationRecord, UnitCodeSchema, type RotationRecord } from '../../domain/talks/records';
import { UnitCodeSchema as ApiUnitCodeSchema } from '../../contracts/api';

const rotation = (hostUnit: unknown) => ({ kind: 'shadowing', hostUnit, postArea: 'teaching', from: '2027-02-20', to: null });

describe('a rotation\'s host unit code is a unit code (D-ROTATE)', () => {
  it('accepts codes like JT-XYXX, and a host unit without a code', () => {
    for (const code of ['JT-XYXX', 'JT-JYJ-RSK', 'JT-HC', 'A1', '320482-001']) {
      expect(parseRotationRecord(rotation({ code, name: '金坛区华城实验小学' })).ok, code).toBe(true);
    }
    expect(parseRotationRecord(rotation({ name: '金坛区华城实验小学' })).ok).toBe(true);
  });

  it('refuses "bad" and friends with the field named, in Chinese and English', () => {
    for (const code of ['bad', 'jt-xyxx', 'J', '-JT', 'JT XYXX', 'JT_XYXX', '', 'X'.repeat(33), 'JT-中学']) {
      const r = parseRotationRecord(rotation({ code, name: '某校' }));
      expect(r.ok, code).toBe(false);
      if (!r.ok) {
        expect(r.problems).toEqual([{
          code: 'ROTATION_RECORD_INVALID',
          path: 'hostUnit.code',
          zh: '「hostUnit.code」不是有效的单位代码（如 JT-XYXX：大写字母、数字和连字符，2 至 32 位）',
          en: 'hostUnit.code is not a valid unit code (like JT-XYXX: capital letters, digits and dashes, 2 to 32 characters)',
        }]);
      }
    }
  });

  it('a code that is not text is a type error', () => {
    const r = parseRotationRecord(rotation({ code: 7, name: '某校' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ path: 'hostUnit.code', zh: '「hostUnit.code」类型错误，应为文本' });
  });

  it('the domain rule is the API\'s rule', () => {
    for (const code of ['JT-XYXX', 'A1', 'bad', 'jt-x', 'J', `J${'-'.repeat(31)}`, `J${'-'.repeat(32)}`, 'JT-XYXX\n']) {
      expect(UnitCodeSchema.safeParse(code).success, JSON.stringify(code)).toBe(ApiUnitCodeSchema.safeParse(code).success);
    }
  });

  it('a member event carrying a rotation is checked the same way', () => {
    const admitted = replay([{
      type: 'admitted', on: '2026-06-01', personId: 'P0001', tier: 2, unit: 'JT-XYXX', cohortId: '2026-R1',
      termStart: '2026-07-01', source: 'selection', policyRef: 'jintan-2020@1', roundId: '2026-R1',
    }], PLAN_2020);
    if (!admitted.ok) throw new Error(JSON.stringify(admitted.problems));
    const rotated = (code: string) => applyMemberEvent(admitted.value, { type: 'rotated', on: '2027-02-20', record: rotation({ code, name: '金坛区华城实验小学' }) as RotationRecord }, PLAN_2020);
    expect(rotated('JT-HC').ok).toBe(true);
    const r = rotated('bad');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ code: 'MEMBER_EVENT_INVALID', path: 'record.hostUnit.code' })]);
  });
});
