/** The plan's three tiers (三(一)): 1 党政正职后备, 2 党政副职后备, 3 学校中层后备. */
export type Tier = 1 | 2 | 3;
export const TIERS: readonly Tier[] = [1, 2, 3] as const;

export const TIER_NAMES: Record<Tier, { zh: string; en: string }> = {
  1: { zh: '第一梯队（党政正职后备）', en: 'Tier 1 (principal / party-secretary reserves)' },
  2: { zh: '第二梯队（党政副职后备）', en: 'Tier 2 (deputy reserves)' },
  3: { zh: '第三梯队（学校中层后备）', en: 'Tier 3 (middle-management reserves)' },
};

export function isTier(x: unknown): x is Tier {
  return x === 1 || x === 2 || x === 3;
}
