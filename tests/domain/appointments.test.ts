import { describe, expect, it } from 'vitest';
import {
  applyMemberEvent, appointmentOutcome, fulfilsTier, isGreaterPart, levelOfPostKind, MemberEventSchema, replay, seatChanges,
  type Member, type MemberEventInput,
} from '../../domain/membership';
import { PostKind } from '../../domain/policy/schema';
import { PLAN_2020 } from '../../domain/policy/plan-2020';
import { talkObligations } from '../../domain/talks';
import type { Tier } from '../../domain/tier';

const P = PLAN_2020;
const admitted = (tier: Tier): MemberEventInput => ({
  type: 'admitted', on: '2026-06-01', personId: 'P0001', tier, unit: 'JT-XYXX', cohortId: '2026-R1',
  termStart: '2026-07-01', source: 'selection', policyRef: 'jintan-2020@1',
});
const appointed = (kind: PostKind, exitsPool: boolean, on = '2027-03-14'): MemberEventInput => ({
  type: 'appointed', on, post: '岗位', unit: 'JT-XYXX', level: levelOfPostKind(kind), kind, exitsPool,
});
function member(events: MemberEventInput[]): Member {
  const r = replay(events, P);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe("X-USE: the tier's post or higher uses the reserve", () => {
  const used = (tier: Tier) => PostKind.options.filter((k) => fulfilsTier(tier, k));

  it('tier 1 → principal (党政正职) only; tier 2 → deputy or higher; tier 3 → middle or higher', () => {
    expect(used(1)).toEqual(['principal']);
    expect(used(2)).toEqual(['principal', 'deputy']);
    expect(used(3)).toEqual(['principal', 'deputy', 'middle']);
  });

  it('class-teacher, team, teacher and other posts never use the reserve: a post change', () => {
    for (const tier of [1, 2, 3] as const) {
      for (const k of ['class-teacher', 'team', 'teacher', 'other'] as const) expect(appointmentOutcome(tier, k)).toBe('post-change');
    }
    expect(appointmentOutcome(1, 'deputy')).toBe('post-change');
    expect(appointmentOutcome(2, 'middle')).toBe('post-change');
    expect(appointmentOutcome(3, 'principal')).toBe('used');
  });

  it('the reducer holds an appointment with a kind to the rule', () => {
    const m = member([admitted(3)]);
    const r = applyMemberEvent(m, appointed('middle', true), P);
    expect(r.ok && r.value).toMatchObject({ status: 'appointed', holdsSeat: false, exit: { clause: 'X-USE', on: '2027-03-14' } });
    if (r.ok) expect(seatChanges(m, r.value)).toEqual({ release: 3 });
    const below = applyMemberEvent(member([admitted(2)]), appointed('middle', true), P);
    expect(below.ok ? undefined : below.problems[0]?.code).toBe('MEMBER_APPOINTMENT_BELOW_TIER');
    const uses = applyMemberEvent(member([admitted(2)]), appointed('deputy', false), P);
    expect(uses.ok ? undefined : uses.problems[0]?.code).toBe('MEMBER_APPOINTMENT_USES_RESERVE');
    const stays = applyMemberEvent(member([admitted(1)]), appointed('deputy', false), P);
    expect(stays.ok && stays.value).toMatchObject({ status: 'active', holdsSeat: true });
    expect(isGreaterPart(0.5)).toBe(false);
    expect(isGreaterPart(0.51)).toBe(true);
    expect(isGreaterPart(null)).toBeNull();
  });

  it('after a use the promotion talk is owed (from the day known) and only a talk is taken, on or after the appointment', () => {
    const events = [admitted(3), appointed('middle', true)].map((e) => MemberEventSchema.parse(e));
    const known = [events[0], { ...events[1], knownOn: '2027-03-15' }] as Parameters<typeof talkObligations>[0];
    const owed = talkObligations(known, [], '2027-03-20', P).mustTalks;
    expect(owed.map((t) => [t.trigger, t.clause, t.knownOn, t.due])).toEqual([['promotion', 'C-TALK', '2027-03-15', '2027-04-14']]);
    expect(talkObligations(known, [{ on: '2027-03-16' }], '2027-03-20', P).mustTalks).toEqual([]);
    const m = member([admitted(3), appointed('middle', true)]);
    const early = applyMemberEvent(m, { type: 'talked', on: '2027-03-13', record: { by: '区委教育工委' } }, P);
    expect(early.ok ? undefined : early.problems[0]?.code).toBe('MEMBER_DATE_BEFORE_EXIT');
    expect(applyMemberEvent(m, { type: 'talked', on: '2027-03-16', record: { by: '区委教育工委' } }, P).ok).toBe(true);
    expect(applyMemberEvent(m, { type: 'trained', on: '2027-03-16', record: { kind: 'course', title: 'x', provider: 'y', hours: 8, from: '2027-03-16', to: '2027-03-16' } }, P).ok).toBe(false);
  });

  it('an appointment that keeps the member in makes the post-change talk due', () => {
    const events = [admitted(1), appointed('deputy', false)].map((e) => MemberEventSchema.parse(e));
    expect(talkObligations(events, [], '2027-03-20', P).mustTalks.map((t) => t.trigger)).toEqual(['post-change']);
  });
});
