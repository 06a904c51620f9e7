import { describe, expect, it } from 'vitest';
import { applyMemberEvent, appointmentShare, replay, seatChanges, type Member, type MemberEventInput } from '../../domain/membership';
import { PLAN_2020 } from '../../domain/policy/plan-2020';

const P = PLAN_2020;

const admitted = (over: Partial<Extract<MemberEventInput, { type: 'admitted' }>> = {}): MemberEventInput => ({
  type: 'admitted', on: '2026-06-01', personId: 'P0001', tier: 2, unit: 'JT-XYXX', cohortId: '2026-R1',
  termStart: '2026-07-01', source: 'selection', policyRef: 'jintan-2020@1', roundId: '2026-R1', ...over,
});

function member(events: MemberEventInput[]): Member {
  const r = replay(events, P);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function codeOf(state: Member | undefined, e: MemberEventInput): string | undefined {
  const r = applyMemberEvent(state, e, P);
  return r.ok ? undefined : r.problems[0]?.code;
}

describe('admission and seats (T-CAP, M-TERM)', () => {
  it('admits into one tier with a three-year term and claims a seat', () => {
    const m = member([admitted()]);
    expect(m).toMatchObject({ status: 'active', holdsSeat: true, tier: 2, termEnd: '2029-07-01', version: 1 });
    expect(seatChanges(undefined, m)).toEqual({ claim: 2 });
  });

  it('refuses an event before admission and a second admission while a member', () => {
    expect(codeOf(undefined, { type: 'warned', on: '2026-12-01', year: 2026 })).toBe('MEMBER_NOT_ADMITTED');
    expect(codeOf(member([admitted()]), admitted({ tier: 3, on: '2026-08-01' }))).toBe('MEMBER_ALREADY_ADMITTED');
  });

  it('moving tier releases the old seat and claims the new; the same tier is refused', () => {
    const before = member([admitted()]);
    const r = applyMemberEvent(before, { type: 'moved-tier', on: '2027-09-01', tier: 1 }, P);
    expect(r.ok).toBe(true);
    if (r.ok) expect(seatChanges(before, r.value)).toEqual({ release: 2, claim: 1 });
    expect(codeOf(before, { type: 'moved-tier', on: '2027-09-01', tier: 2 })).toBe('MEMBER_SAME_TIER');
  });

  it('refuses lifecycle dates going backwards but accepts a record logged late', () => {
    const m = member([admitted(), { type: 'assessed', on: '2026-12-10', year: 2026, review: 'annual', grade: '合格' }]);
    expect(codeOf(m, { type: 'warned', on: '2026-12-01', year: 2026 })).toBe('MEMBER_DATE_BACKWARDS');
    expect(codeOf(m, { type: 'talked', on: '2026-12-05', record: { by: '教育工委' } })).toBeUndefined();
    expect(codeOf(m, { type: 'talked', on: '2026-05-01', record: { by: '教育工委' } })).toBe('MEMBER_DATE_BEFORE_ADMISSION');
  });

  it('refuses a grade the policy does not know and a second assessment for a year', () => {
    const m = member([admitted(), { type: 'assessed', on: '2026-12-10', year: 2026, review: 'annual', grade: '合格' }]);
    expect(codeOf(m, { type: 'assessed', on: '2027-12-10', year: 2027, review: 'annual', grade: '良好' })).toBe('MEMBER_GRADE_UNKNOWN');
    expect(codeOf(m, { type: 'assessed', on: '2026-12-11', year: 2026, review: 'annual', grade: '优秀' })).toBe('MEMBER_ASSESSMENT_DUPLICATE');
  });

  it('refuses a malformed event with field paths', () => {
    const r = applyMemberEvent(undefined, { type: 'admitted', on: '2026-02-30' } as MemberEventInput, P);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.every((p) => p.code === 'MEMBER_EVENT_INVALID')).toBe(true);
  });
});

const year1 = [admitted(), { type: 'assessed', on: '2026-12-10', year: 2026, review: 'annual', grade: '基本合格' } as const];

describe('M-WARN', () => {
  it('warns after an assessment, and removes when low again one year later', () => {
    const warned = member([...year1, { type: 'warned', on: '2026-12-10', year: 2026 }]);
    expect(warned.warnings).toEqual([{ year: 2026, on: '2026-12-10' }]);
    const next = member([
      ...year1, { type: 'warned', on: '2026-12-10', year: 2026 },
      { type: 'assessed', on: '2027-12-10', year: 2027, review: 'annual', grade: '基本合格' },
      { type: 'removed', on: '2027-12-10', clause: 'M-WARN', reviewYear: 2027, reason: '一年之后仍达不到要求' },
    ]);
    expect(next).toMatchObject({ status: 'removed', holdsSeat: false, exit: { clause: 'M-WARN' } });
    expect(seatChanges(warned, next)).toEqual({ release: 2 });
  });

  it('refuses a warning without that year’s assessment, and an M-WARN removal without a warning a year before', () => {
    expect(codeOf(member([admitted()]), { type: 'warned', on: '2026-12-10', year: 2026 })).toBe('MEMBER_WARNING_WITHOUT_ASSESSMENT');
    const m = member(year1);
    expect(codeOf(m, { type: 'removed', on: '2026-12-10', clause: 'M-WARN', reviewYear: 2026, reason: 'x' })).toBe('MEMBER_REMOVAL_UNFOUNDED');
  });
});

describe('M-VETO', () => {
  it('records a veto and removes at once', () => {
    const m = member([admitted(), { type: 'vetoed', on: '2027-03-01', reason: '违反师德师风' }, { type: 'removed', on: '2027-03-01', clause: 'M-VETO', reason: '违反师德师风' }]);
    expect(m).toMatchObject({ status: 'removed', holdsSeat: false });
  });

  it('refuses an M-VETO removal with no veto recorded, and anything but removal after a veto', () => {
    expect(codeOf(member([admitted()]), { type: 'removed', on: '2027-03-01', clause: 'M-VETO', reason: 'x' })).toBe('MEMBER_REMOVAL_UNFOUNDED');
    const vetoed = member([admitted(), { type: 'vetoed', on: '2027-03-01', reason: '违反师德师风' }]);
    expect(vetoed.holdsSeat).toBe(true);
    expect(codeOf(vetoed, { type: 'assessed', on: '2027-12-01', year: 2027, review: 'annual', grade: '优秀' })).toBe('MEMBER_REMOVAL_PENDING');
  });
});

const summativeFail = [admitted(), { type: 'assessed', on: '2028-12-10', year: 2028, review: 'summative', grade: '不合格', score: 40 } as const];

describe('M-FAIL', () => {
  it('a failed summative review → removed at the decision (seat freed); the organisational talk follows', () => {
    // One removal rule (DESIGN §2 *Removal*): no removal-pending state any more.
    expect(member(summativeFail)).toMatchObject({ status: 'active', holdsSeat: true });
    expect(member(summativeFail).pendingRemoval).toBeUndefined();
    const removed = member([...summativeFail, { type: 'removed', on: '2028-12-10', clause: 'M-FAIL', reason: '总结性考核不合格' }]);
    expect(removed).toMatchObject({ status: 'removed', holdsSeat: false, exit: { clause: 'M-FAIL', on: '2028-12-10' } });
    const talked = member([
      ...summativeFail,
      { type: 'removed', on: '2028-12-10', clause: 'M-FAIL', reason: '总结性考核不合格' },
      { type: 'talked', on: '2028-12-20', record: { by: '教育工委', kind: 'organisational' } },
    ]);
    expect(talked).toMatchObject({ status: 'removed', talks: [{ on: '2028-12-20', kind: 'organisational' }] });
  });

  it('refuses M-FAIL without a failed summative review', () => {
    expect(codeOf(member([admitted()]), { type: 'removed', on: '2028-12-20', clause: 'M-FAIL', reason: 'x' })).toBe('MEMBER_REMOVAL_UNFOUNDED');
  });
});

describe('M-TOP and X-USE', () => {
  const summativeGood = (tier: 1 | 2 | 3) => [admitted({ tier }), { type: 'assessed', on: '2028-12-10', year: 2028, review: 'summative', grade: '优秀', score: 95 } as const];

  it('tier 1/2 may be recommended for appointment; tier 3 for shadowing and vacancy priority', () => {
    expect(member([...summativeGood(2), { type: 'recommended', on: '2028-12-10', kind: 'appointment' }]).recommendations).toHaveLength(1);
    expect(member([...summativeGood(3), { type: 'recommended', on: '2028-12-10', kind: 'shadowing' }, { type: 'recommended', on: '2028-12-10', kind: 'priority-middle-vacancy' }]).recommendations).toHaveLength(2);
  });

  it('refuses a recommendation of the wrong tier’s kind, or before any summative review', () => {
    expect(codeOf(member(summativeGood(3)), { type: 'recommended', on: '2028-12-10', kind: 'appointment' })).toBe('MEMBER_RECOMMENDATION_TIER');
    expect(codeOf(member(summativeGood(1)), { type: 'recommended', on: '2028-12-10', kind: 'shadowing' })).toBe('MEMBER_RECOMMENDATION_TIER');
    expect(codeOf(member([admitted()]), { type: 'recommended', on: '2027-12-10', kind: 'appointment' })).toBe('MEMBER_NO_SUMMATIVE');
  });

  it('an appointment that exits the pool frees the seat; the member is no longer active', () => {
    const before = member([...summativeGood(1), { type: 'recommended', on: '2028-12-10', kind: 'appointment' }]);
    const r = applyMemberEvent(before, { type: 'appointed', on: '2029-02-01', post: '校长', unit: 'JT-XYXX', level: 'principal', exitsPool: true }, P);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ status: 'appointed', holdsSeat: false });
    expect(seatChanges(before, r.value)).toEqual({ release: 1 });
    expect(codeOf(r.value, { type: 'trained', on: '2029-03-01', record: { kind: 'course', title: 'x', provider: 'y', hours: 8, from: '2029-03-01', to: '2029-03-01' } })).toBe('MEMBER_NOT_ACTIVE');
    const ended = applyMemberEvent(before, { type: 'term-ended', on: '2029-07-01', adjustment: 'may-be-renominated' }, P);
    if (ended.ok) expect(codeOf(ended.value, { type: 'appointed', on: '2029-08-01', post: '校长', unit: 'JT-XYXX', level: 'principal', exitsPool: true })).toBe('MEMBER_NOT_ACTIVE');
    expect(appointmentShare([{ fromPool: true }, { fromPool: true }, { fromPool: false }, { fromPool: true }])).toEqual({ total: 4, fromPool: 3, share: 0.75 });
    expect(appointmentShare([]).share).toBeNull();
  });
});

describe('M-TERM: term end and a new term', () => {
  it('refuses term-ended before expiry without a summative review; accepts it at expiry', () => {
    const m = member([admitted()]);
    expect(codeOf(m, { type: 'term-ended', on: '2029-06-30', adjustment: 'may-be-renominated' })).toBe('MEMBER_TERM_NOT_OVER');
    const r = applyMemberEvent(m, { type: 'term-ended', on: '2029-07-01', adjustment: 'may-be-renominated' }, P);
    expect(r.ok && r.value.status).toBe('term-ended');
    if (r.ok) expect(seatChanges(m, r.value)).toEqual({ release: 2 });
  });

  it('a member whose term ended may be admitted to a new term (rolling management)', () => {
    const again = member([
      admitted(), { type: 'term-ended', on: '2029-07-01', adjustment: 'may-be-renominated' },
      admitted({ on: '2029-09-01', termStart: '2029-09-01', tier: 1, cohortId: '2029-R1' }),
    ]);
    expect(again).toMatchObject({ status: 'active', tier: 1, cohortId: '2029-R1', termEnd: '2032-09-01', assessments: [] });
    expect(again.previousTerms).toHaveLength(1);
  });
});

describe('D-TRAIN, D-ROTATE, C-TALK records on a member', () => {
  it('counts training hours and rotations', () => {
    const m = member([
      admitted(),
      { type: 'trained', on: '2026-10-10', record: { kind: 'training-class', title: '第二梯队后备人才培训班', provider: '金坛区委党校', hours: 24, from: '2026-10-08', to: '2026-10-10' } },
      { type: 'rotated', on: '2027-02-20', record: { kind: 'temporary-posting', hostUnit: { name: '金坛区华城实验小学' }, postArea: 'moral-education', from: '2027-02-20', to: null } },
    ]);
    expect(m).toMatchObject({ trainings: 1, trainingHours: 24, rotations: 1 });
  });

  it('refuses a training record ending before it starts', () => {
    expect(codeOf(member([admitted()]), { type: 'trained', on: '2026-10-10', record: { kind: 'course', title: 'x', provider: 'y', hours: 8, from: '2026-10-10', to: '2026-10-01' } })).toBe('MEMBER_EVENT_INVALID');
  });
});

describe('removed is terminal', () => {
  it('refuses every event after removal with MEMBER_REMOVED', () => {
    const m = member([admitted(), { type: 'removed', on: '2027-01-01', clause: 'M-TERM', reason: '调离教育系统' }]);
    expect(codeOf(m, { type: 'talked', on: '2027-01-02', record: { by: '教育工委' } })).toBe('MEMBER_REMOVED');
    // An M-TERM withdrawal owes no organisational talk.
    expect(codeOf(m, { type: 'talked', on: '2027-01-02', record: { by: '教育工委', kind: 'organisational' } })).toBe('MEMBER_REMOVED');
    expect(codeOf(m, admitted({ on: '2028-01-01', termStart: '2028-01-01' }))).toBe('MEMBER_REMOVED');
  });

  it('after an M-VETO / M-WARN / M-FAIL removal: exactly the organisational talk, on or after it, once', () => {
    const m = member([admitted(), { type: 'vetoed', on: '2027-03-01', reason: '违反师德师风' }, { type: 'removed', on: '2027-03-01', clause: 'M-VETO', reason: '违反师德师风' }]);
    expect(codeOf(m, { type: 'talked', on: '2027-03-05', record: { by: '教育工委', kind: 'regular' } })).toBe('MEMBER_REMOVED');
    expect(codeOf(m, { type: 'talked', on: '2027-02-28', record: { by: '教育工委', kind: 'organisational' } })).toBe('MEMBER_DATE_BEFORE_REMOVAL');
    expect(codeOf(m, { type: 'trained', on: '2027-03-05', record: { kind: 'course', title: 't', provider: 'p', hours: 2, from: '2027-03-05', to: '2027-03-05' } })).toBe('MEMBER_REMOVED');
    const talked = applyMemberEvent(m, { type: 'talked', on: '2027-03-05', record: { by: '教育工委', kind: 'organisational' } }, PLAN_2020);
    expect(talked.ok && talked.value).toMatchObject({ status: 'removed', holdsSeat: false, version: m.version + 1 });
    if (!talked.ok) return;
    expect(codeOf(talked.value, { type: 'talked', on: '2027-03-06', record: { by: '教育工委', kind: 'organisational' } })).toBe('MEMBER_REMOVED');
  });
});
