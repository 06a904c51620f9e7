import { describe, expect, it } from 'vitest';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { policySchema } from '../../domain/policy/schema';

/**
 * PLAN_2020 is a literal (no parse at import: issue #12.7, cold start). What the parse used
 * to guarantee at every cold start is checked here once: the plan is valid, and already in
 * the schema's output form (every default written out), so nothing differs from a parsed one.
 */
describe('the 2020 plan as data', () => {
  it('is a valid policy, exactly its parsed form', () => {
    expect(policySchema().parse(PLAN_2020)).toStrictEqual(PLAN_2020);
  });

  it('the schema still refuses a broken plan (a tier without a cap, a rung without a title)', () => {
    const broken = structuredClone(PLAN_2020) as unknown as { tiers: Record<string, Record<string, unknown>>; honourLadder: Array<Record<string, unknown>> };
    delete broken.tiers['1']!.cap;
    broken.honourLadder[0]!.title = '';
    const r = policySchema().safeParse(broken);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['honourLadder.0.title', 'tiers.1.cap']);
  });

  it('builds the schema once', () => {
    expect(policySchema()).toBe(policySchema());
  });
});
