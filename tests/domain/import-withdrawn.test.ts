/**
 * import-withdrawn (S-ORGLIST, X-LEGACY; DESIGN §2 *Filed lists*: an import is refused whole):
 * the pure transition that takes back an entry an import filed before another entry lost a
 * race. Only that import's filing, only while nobody has served; the seat is freed, no talk is
 * owed, and the same import (or a round) may admit the person again — not as a second term.
 */
import { describe, expect, it } from 'vitest';
import { applyMemberEvent, replay, seatChanges, type Member, type MemberEventInput } from '../../domain/membership';
import { MemberEventSchema, type MemberEvent } from '../../domain/membership/events';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { talkObligations } from '../../domain/talks';

const P = PLAN_2020;
const IMPORT = 'S-ORGLIST-2026-11-28-0123456789abcdef';
const filed: MemberEventInput = {
  type: 'admitted', on: '2026-11-28', clause: 'S-ORGLIST', personId: 'P1', tier: 1, unit: 'JT-HLGZX', cohortId: IMPORT,
  termStart: '2026-11-28', source: 'org-dept-list', policyRef: 'jintan-2020@1',
};
const withdrawn: MemberEventInput = { type: 'import-withdrawn', on: '2026-11-28', clause: 'S-ORGLIST', importId: IMPORT, reason: '同批第 3 条已被其他操作入库，整批未导入' };

function state(events: MemberEventInput[]): Member {
  const r = replay(events, P);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
const codes = (r: ReturnType<typeof applyMemberEvent>) => (r.ok ? [] : r.problems.map((p) => p.code));

describe('import-withdrawn (S-ORGLIST / X-LEGACY)', () => {
  it('takes the filing back: no seat, status withdrawn, the tier period dropped, the seat released', () => {
    const before = state([filed]);
    const after = state([filed, withdrawn]);
    expect(after).toMatchObject({ status: 'withdrawn', holdsSeat: false, tierHistory: [], previousTerms: [], version: 2 });
    expect(after.exit).toEqual({ on: '2026-11-28', status: 'withdrawn', clause: 'S-ORGLIST', reason: expect.stringContaining('整批未导入') });
    expect(seatChanges(before, after)).toEqual({ release: 1 });
  });

  it('refuses another import\'s filing, another path, a round admission and a member who has served', () => {
    const other = { ...withdrawn, importId: 'S-ORGLIST-2026-11-28-ffffffffffffffff' };
    expect(codes(applyMemberEvent(state([filed]), other, P))).toEqual(['MEMBER_NOT_FILED_BY_IMPORT']);
    expect(codes(applyMemberEvent(state([filed]), { ...withdrawn, clause: 'X-LEGACY' }, P))).toEqual(['MEMBER_NOT_FILED_BY_IMPORT']);
    const round = { ...filed, clause: 'S-ROUND' as const, source: 'selection' as const, cohortId: IMPORT };
    expect(codes(applyMemberEvent(state([round]), withdrawn, P))).toEqual(['MEMBER_NOT_FILED_BY_IMPORT']);
    const served = state([filed, { type: 'assessed', on: '2027-12-01', year: 2027, review: 'annual', grade: '合格' }]);
    expect(codes(applyMemberEvent(served, { ...withdrawn, on: '2027-12-02' }, P))).toEqual(['MEMBER_WITHDRAWAL_SERVED']);
    expect(codes(applyMemberEvent(undefined, withdrawn, P))).toEqual(['MEMBER_NOT_ADMITTED']);
  });

  it('is withdrawn once, and nothing of a term can be recorded on a withdrawn filing', () => {
    const w = state([filed, withdrawn]);
    expect(codes(applyMemberEvent(w, withdrawn, P))).toEqual(['MEMBER_NOT_ACTIVE']);
    expect(codes(applyMemberEvent(w, { type: 'warned', on: '2026-12-01', year: 2026 }, P))).toEqual(['MEMBER_NOT_ACTIVE']);
  });

  it('lets the same import file the person again, as the one term (the withdrawn filing is not a term)', () => {
    const again = state([filed, withdrawn, filed]);
    expect(again).toMatchObject({ status: 'active', holdsSeat: true, cohortId: IMPORT, since: '2026-11-28', previousTerms: [], version: 3 });
    expect(again.tierHistory).toEqual([{ tier: 1, from: '2026-11-28' }]);
    expect(again.exit).toBeUndefined();
  });

  it('keeps an earlier real term when a person re-filed after it is withdrawn', () => {
    const first: MemberEventInput = { ...filed, on: '2020-09-01', termStart: '2020-09-01', cohortId: 'C-2020', clause: 'S-ROUND', source: 'selection' };
    const ended: MemberEventInput = { type: 'term-ended', on: '2023-09-01', adjustment: 'may-be-renominated' };
    const w = state([first, ended, filed, withdrawn]);
    expect(w.previousTerms.map((t) => t.cohortId)).toEqual(['C-2020']);
    expect(w.tierHistory).toEqual([{ tier: 1, from: '2020-09-01', to: '2023-09-01' }]);
    expect(state([first, ended, filed, withdrawn, filed]).previousTerms.map((t) => t.cohortId)).toEqual(['C-2020']);
  });

  it('owes no talk for a withdrawn filing, whatever the date asked about; a re-filing owes its own', () => {
    const ev = (e: MemberEventInput): MemberEvent => MemberEventSchema.parse(e);
    const history = [ev(filed), { ...ev(withdrawn), knownOn: '2026-12-01' }];
    for (const asOf of ['2026-11-28', '2026-11-30', '2028-01-01']) {
      expect(talkObligations(history, [], asOf, P)).toEqual({ mustTalks: [], years: [], overdue: false });
    }
    const refiled = talkObligations([...history, ev(filed)], [], '2028-01-01', P);
    expect(refiled.years.map((y) => [y.from, y.overdue])).toEqual([['2026-11-28', true], ['2027-11-28', false]]);
  });
});
