import { describe, expect, it } from 'vitest';
import { MemberEventSchema, type MemberEvent, type MemberEventInput } from '../../domain/membership';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { parseRotationRecord, parseTalkRecord, parseTrainingRecord, sortTalksDue, talkObligations, talksDue } from '../../domain/talks';

const P = PLAN_2020;
const ev = (e: MemberEventInput): MemberEvent => MemberEventSchema.parse(e);
const admitted = ev({ type: 'admitted', on: '2026-06-01', personId: 'P1', tier: 3, unit: 'JT-A', cohortId: 'C', termStart: '2026-07-01', source: 'selection', policyRef: 'jintan-2020@1' });

describe('C-TALK: the four must-talks', () => {
  const history = [
    admitted,
    ev({ type: 'assessed', on: '2026-12-15', year: 2026, review: 'annual', grade: '基本合格' }),
    ev({ type: 'warned', on: '2026-12-15', year: 2026 }),
    ev({ type: 'rotated', on: '2027-03-01', record: { kind: 'shadowing', hostUnit: { name: '金坛区第二实验小学' }, postArea: 'teaching', from: '2027-02-20', to: null } }),
  ];

  it('an assessment, a setback and a post change each call for a talk, due within 30 days', () => {
    const s = talkObligations(history, [], '2027-01-10', P);
    expect(s.mustTalks.map((m) => [m.trigger, m.due, m.overdue])).toEqual([
      ['assessment', '2027-01-14', false],
      ['setback', '2027-01-14', false],
      ['setback', '2027-01-14', false],
    ]);
    expect(s.mustTalks.every((m) => m.clause === 'C-TALK')).toBe(true);
  });

  it('overdue when no talk is held by the due date; a talk on or after the trigger discharges it', () => {
    const late = talkObligations(history, [], '2027-03-31', P);
    expect(late.overdue).toBe(true);
    expect(late.mustTalks.find((m) => m.trigger === 'post-change')).toMatchObject({ triggeredOn: '2027-02-20', due: '2027-03-22', overdue: true });
    const held = talkObligations(history, [{ on: '2026-12-20' }, { on: '2027-03-01' }], '2027-03-31', P);
    expect(held.mustTalks).toEqual([]);
    expect(held.overdue).toBe(false);
  });

  it('a removal (M-FAIL, M-WARN, M-VETO) owes the organisational talk, and only that; a regular talk does not discharge it', () => {
    for (const clause of ['M-FAIL', 'M-WARN', 'M-VETO'] as const) {
      const h = [
        admitted,
        ev({ type: 'assessed', on: '2028-12-15', year: 2028, review: 'summative', grade: '不合格', score: 30 }),
        ev({ type: 'removed', on: '2028-12-15', clause, reason: 'x', ...(clause === 'M-WARN' ? { reviewYear: 2028 } : {}) }),
      ];
      const s = talkObligations(h, [{ on: '2028-12-16', kind: 'regular' }], '2028-12-20', P);
      expect(s.mustTalks).toEqual([expect.objectContaining({ trigger: 'removal', clause, organisational: true, triggeredOn: '2028-12-15', due: '2029-01-14', overdue: false })]);
      expect(s.years).toEqual([]);
      expect(talkObligations(h, [{ on: '2028-12-16', kind: 'organisational' }], '2028-12-20', P).mustTalks).toEqual([]);
      // Still owed, and overdue, years later — until it is recorded.
      expect(talkObligations(h, [], '2031-01-01', P)).toMatchObject({ overdue: true, mustTalks: [{ trigger: 'removal', overdue: true }] });
    }
  });

  it('due dates count from the day a fact is known, not its date (an outcome applied a month after the review date)', () => {
    const h = [
      admitted,
      { ...ev({ type: 'assessed', on: '2027-09-01', year: 2027, review: 'annual', grade: '基本合格' }), knownOn: '2027-10-01' },
      { ...ev({ type: 'warned', on: '2027-09-01', year: 2027 }), knownOn: '2027-10-01' },
    ];
    // Before it is known, nothing is owed for it.
    expect(talkObligations(h, [], '2027-09-15', P).mustTalks).toEqual([]);
    const s = talkObligations(h, [], '2027-10-02', P);
    expect(s.mustTalks.map((m) => [m.trigger, m.triggeredOn, m.knownOn, m.due])).toEqual([
      ['assessment', '2027-09-01', '2027-10-01', '2027-10-31'],
      ['setback', '2027-09-01', '2027-10-01', '2027-10-31'],
      ['setback', '2027-09-01', '2027-10-01', '2027-10-31'],
    ]);
    // The removal talk's period is its own policy parameter.
    const removal = [admitted, { ...ev({ type: 'vetoed', on: '2027-05-10', reason: '师德' }), knownOn: '2027-05-12' }, { ...ev({ type: 'removed', on: '2027-05-10', clause: 'M-VETO', reason: '师德' }), knownOn: '2027-05-12' }];
    const policy = { ...P, talks: { ...P.talks, removalTalkWithinDays: 15 } };
    expect(talkObligations(removal, [], '2027-05-12', policy).mustTalks).toEqual([expect.objectContaining({ trigger: 'removal', knownOn: '2027-05-12', due: '2027-05-27' })]);
  });

  it('at least one talk per year of membership: a year without one is overdue once it is over', () => {
    const s = talkObligations([admitted], [{ on: '2026-09-01' }], '2028-01-01', P);
    expect(s.years.map((y) => [y.from, y.held, y.overdue, y.open])).toEqual([
      ['2026-07-01', 1, false, false],
      ['2027-07-01', 0, false, true],
    ]);
    const later = talkObligations([admitted], [{ on: '2026-09-01' }], '2028-07-01', P);
    expect(later.years[1]).toMatchObject({ overdue: true });
    expect(later.overdue).toBe(true);
  });

  it('nobody is owed a talk once out of the pool otherwise (withdrawal, term ended)', () => {
    const h = [admitted, ev({ type: 'removed', on: '2027-01-01', clause: 'M-TERM', reason: '调离' })];
    expect(talkObligations(h, [], '2030-01-01', P)).toEqual({ mustTalks: [], years: [], overdue: false });
  });
});

describe('D-TRAIN and D-ROTATE records', () => {
  it('accepts a training class with provider, hours and dates', () => {
    const r = parseTrainingRecord({ kind: 'training-class', title: '第三梯队后备人才培训班', provider: '金坛区教师发展中心', hours: 16, from: '2026-10-08', to: '2026-10-09' });
    expect(r.ok).toBe(true);
  });

  it('rejects no hours, an impossible date, or an end before the start — with field paths', () => {
    const r = parseTrainingRecord({ kind: 'course', title: 'x', provider: 'y', hours: 0, from: '2026-02-30', to: '2026-01-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.path).sort()).toEqual(['from', 'hours', 'to']);
      expect(r.problems.every((p) => p.code === 'TRAINING_RECORD_INVALID')).toBe(true);
    }
    const order = parseTrainingRecord({ kind: 'course', title: 'x', provider: 'y', hours: 4, from: '2026-02-10', to: '2026-01-01' });
    expect(!order.ok && order.problems[0]?.path).toBe('to');
  });

  it('accepts each rotation kind on a key post; rejects an unknown kind and an end before the start', () => {
    for (const kind of ['temporary-posting', 'shadowing', 'group-school-exchange', 'school-office-exchange']) {
      expect(parseRotationRecord({ kind, hostUnit: { code: 'JT-HC', name: '金坛区华城实验小学' }, postArea: 'moral-education', from: '2027-02-20', to: null }).ok).toBe(true);
    }
    expect(parseRotationRecord({ kind: 'holiday', hostUnit: { name: 'x' }, postArea: 'teaching', from: '2027-02-20', to: null }).ok).toBe(false);
    expect(parseRotationRecord({ kind: 'shadowing', hostUnit: { name: 'x' }, postArea: 'teaching', from: '2027-02-20', to: '2027-01-01' }).ok).toBe(false);
  });

  it('validates talk records (who held it is required)', () => {
    expect(parseTalkRecord({ on: '2027-01-05', by: '教育工委组织科', triggers: ['assessment'] }).ok).toBe(true);
    expect(parseTalkRecord({ on: '2027-01-05', triggers: ['gossip'] }).ok).toBe(false);
  });
});

describe('C-TALK pool-wide: talksDue', () => {
  const who = { personId: 'P1', name: '周小燕', unit: 'JT-A', tier: 3 as const, status: 'active' };

  it('lists the must-talks, the running year and every missed year, each with its clause and words', () => {
    const h = [admitted, { ...ev({ type: 'assessed', on: '2027-09-01', year: 2027, review: 'annual', grade: '合格' }), knownOn: '2027-10-01' }];
    const list = talksDue(who, h, '2027-10-05', P);
    expect(list.map((t) => [t.trigger, t.clause, t.due, t.overdue])).toEqual([
      ['assessment', 'C-TALK', '2027-10-31', false],
      ['yearly-minimum', 'C-TALK', '2027-07-01', true],
      ['yearly-minimum', 'C-TALK', '2028-07-01', false],
    ]);
    for (const t of list) expect(t).toMatchObject({ member: who, zh: expect.any(String), en: expect.any(String) });
    expect(sortTalksDue(list).map((t) => t.trigger)).toEqual(['yearly-minimum', 'assessment', 'yearly-minimum']);
  });

  it('a removed member owes the organisational talk until it is recorded, and nothing else', () => {
    const h = [admitted, ev({ type: 'vetoed', on: '2027-05-10', reason: '师德' }), ev({ type: 'removed', on: '2027-05-10', clause: 'M-VETO', reason: '师德' })];
    const gone = { ...who, status: 'removed' };
    expect(talksDue(gone, h, '2027-05-10', P).map((t) => [t.trigger, t.clause, t.organisational, t.due])).toEqual([['removal', 'M-VETO', true, '2027-06-09']]);
    const talked = [...h, ev({ type: 'talked', on: '2027-05-20', record: { by: '教育工委', kind: 'organisational' } })];
    expect(talksDue(gone, talked, '2027-06-01', P)).toEqual([]);
  });
});
