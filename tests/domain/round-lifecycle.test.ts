import { describe, expect, it } from 'vitest';
import { ROUND_ENDS, ROUND_STATUSES, ROUND_TRANSITIONS, canMove, isPastIntake } from '../../domain/round/lifecycle';
import { acceptsNominations, openTiers } from '../../domain/round/round';
import { REVIEW_STATUSES, REVIEW_TRANSITIONS } from '../../domain/review/lifecycle';

describe('the round lifecycle, one table (S-ROUND)', () => {
  it('every step starts from known statuses and leads to one', () => {
    for (const t of Object.values(ROUND_TRANSITIONS)) {
      expect(ROUND_STATUSES).toContain(t.to);
      for (const s of t.from) expect(ROUND_STATUSES).toContain(s);
    }
  });

  it('nothing but a failure moves an ended round, and every step but the first is safe to repeat', () => {
    for (const [step, t] of Object.entries(ROUND_TRANSITIONS)) {
      if (step !== 'fail') for (const end of ROUND_ENDS.filter((e) => e !== t.to)) expect(t.from).not.toContain(end);
      if (step !== 'close-intake') expect(t.from).toContain(t.to);
    }
  });

  it('intake closes once; a round admits only after a decision was awaited', () => {
    expect(canMove('open', 'close-intake')).toBe(true);
    expect(canMove('closed', 'close-intake')).toBe(false);
    expect(canMove('ranked', 'admit')).toBe(false);
    expect(canMove('awaiting-decision', 'admit')).toBe(true);
    expect(isPastIntake('open')).toBe(false);
    expect(isPastIntake('scoring')).toBe(true);
  });

  it('the review lifecycle names only review statuses', () => {
    for (const t of Object.values(REVIEW_TRANSITIONS)) for (const s of [...t.from, t.to]) expect(REVIEW_STATUSES).toContain(s);
  });
});

describe('deadlines are instants, not strings', () => {
  const round = { status: 'open' as const };
  it('a deadline written in Beijing time is compared with a UTC stamp as the same moment', () => {
    // Midnight in Beijing is 16:00 UTC: as strings, '2026-04-15T17:00:00.000Z' < '2026-04-16T00:00:00+08:00' would pass.
    expect(acceptsNominations({ ...round, intakeClosesAt: '2026-04-16T00:00:00+08:00' }, '2026-04-15T17:00:00.000Z')).toBe(false);
    expect(acceptsNominations({ ...round, intakeClosesAt: '2026-04-16T00:00:00+08:00' }, '2026-04-15T15:59:59.000Z')).toBe(true);
  });
  it('a round not open takes nothing', () => {
    expect(acceptsNominations({ status: 'closed', intakeClosesAt: '2099-01-01T00:00:00Z' }, '2026-01-01T00:00:00Z')).toBe(false);
  });
  it('a round stored without tiers opened all three; tiers come sorted once each', () => {
    expect(openTiers({})).toEqual([1, 2, 3]);
    expect(openTiers({ tiers: [3, 2, 3] })).toEqual([2, 3]);
  });
});
