import type { Policy } from '../policy/schema';
import { rejection, type Result } from '../problem';
import { parseWith } from '../issues';
import { TIER_NAMES, type Tier } from '../tier';
import { MemberEventSchema, RECORD_EVENTS, type EventOf, type MemberEvent, type MemberEventInput } from './events';
import { seatHolding, type Member } from './member';
import { refuse } from './problems';
import { fulfilsTier } from './appointments';
import { renewalProblems, termEndOf } from './term';

type Rules = Pick<Policy, 'term' | 'review'>;

/**
 * The member lifecycle as a pure reducer: the current state and one event give the next state
 * or a Problem saying why the event is illegal. The adapter stores the events and the reduced
 * snapshot; `seatChanges` (seats.ts) tells it which seat to release or claim.
 *
 * Dates: lifecycle events (admission, assessments, warnings, removal…) never go backwards.
 * Records (talked, trained, rotated) are facts logged possibly late, so they need only fall
 * on or after the first admission — and, like everything, not after a removal.
 */
export function applyMemberEvent(state: Member | undefined, input: MemberEventInput, policy: Rules): Result<Member> {
  const parsed = parseWith(MemberEventSchema, input, 'MEMBER_EVENT_INVALID');
  if (!parsed.ok) return parsed;
  const e = parsed.value;

  if (state === undefined) {
    if (e.type !== 'admitted') {
      return refuse('MEMBER_NOT_ADMITTED', 'type', `尚未入库，不能记录“${e.type}”`, `not a member yet: cannot apply "${e.type}"`);
    }
    return ok(admit(undefined, e, policy));
  }
  if (state.status === 'removed') return afterRemoval(state, e);
  if (RECORD_EVENTS.has(e.type)) {
    if (e.on < state.since) {
      return refuse('MEMBER_DATE_BEFORE_ADMISSION', 'on', `日期 ${e.on} 早于入库日期 ${state.since}`, `${e.on} is before admission on ${state.since}`);
    }
  } else if (e.on < state.lastEventOn) {
    return refuse('MEMBER_DATE_BACKWARDS', 'on', `日期 ${e.on} 早于上一事项 ${state.lastEventOn}`, `${e.on} is before the previous event on ${state.lastEventOn}`);
  } else if (seatHolding(state.status) && e.type !== 'term-ended' && e.type !== 'admitted' && e.on >= state.termEnd) {
    // M-TERM: the term ends on its date, by itself. Nothing of the term can happen on or
    // after its end day but the end itself (records, logged late, are dated as they happened).
    return refuse('MEMBER_TERM_OVER', 'on', `任期已于 ${state.termEnd} 届满，${e.on} 不能再记录本届事项`,
      `the term ended on ${state.termEnd}: nothing of it can be recorded on ${e.on}`);
  }

  if (e.type === 'admitted') {
    if (e.personId !== state.personId) {
      return refuse('MEMBER_PERSON_MISMATCH', 'personId', '人员编号不一致', `event for ${e.personId} applied to ${state.personId}`);
    }
    if (seatHolding(state.status)) {
      return refuse('MEMBER_ALREADY_ADMITTED', 'type', `已在${TIER_NAMES[state.tier].zh}中，同一人只能在一个梯队`,
        `already a member of ${TIER_NAMES[state.tier].en}: one tier at a time`);
    }
    return ok(admit(state, e, policy));
  }

  if (state.status === 'appointed' && e.type === 'talked') return afterUse(state, e);
  if (state.status === 'term-ended' || state.status === 'appointed' || state.status === 'withdrawn') {
    return refuse('MEMBER_NOT_ACTIVE', 'type', '任期已结束或已离库，不能记录此事项', `no longer in the pool (${state.status}): cannot apply "${e.type}"`);
  }
  if (state.pendingRemoval !== undefined) {
    const pendingClause = state.pendingRemoval.clause;
    const allowed = e.type === 'talked' || (e.type === 'removed' && e.clause === pendingClause);
    if (!allowed) {
      return refuse('MEMBER_REMOVAL_PENDING', 'type', `待按 ${pendingClause} 不再列入，只能进行组织谈话或办理出库`,
        `removal under ${pendingClause} is pending: only a talk or that removal may follow`);
    }
  }

  const next: Member = { ...state, version: state.version + 1, lastEventOn: RECORD_EVENTS.has(e.type) ? state.lastEventOn : e.on };
  switch (e.type) {
    case 'assessed': return assessed(next, e, policy);
    case 'warned': return warned(next, e);
    case 'vetoed':
      // The removal (M-VETO) is written with it, in the same commit: nobody sees this state.
      return ok({
        ...next, status: 'removal-pending', pendingRemoval: { clause: 'M-VETO', since: e.on },
        veto: { on: e.on, reason: e.reason, ...(e.reportedBy ? { reportedBy: e.reportedBy } : {}), ...(e.documentNo ? { documentNo: e.documentNo } : {}) },
      });
    case 'removed': return removed(next, e, policy);
    case 'recommended': return recommended(next, e);
    case 'appointed': {
      if (e.kind !== undefined && fulfilsTier(next.tier, e.kind) !== e.exitsPool) {
        return e.exitsPool
          ? refuse('MEMBER_APPOINTMENT_BELOW_TIER', 'exitsPool', `${TIER_NAMES[next.tier].zh}成员任${e.post}不属于提拔使用，应继续在库（调整岗位）`,
            `a ${e.kind} post does not use a member of ${TIER_NAMES[next.tier].en}: they stay in the pool (a post change, X-USE)`)
          : refuse('MEMBER_APPOINTMENT_USES_RESERVE', 'exitsPool', `${TIER_NAMES[next.tier].zh}成员任${e.post}即为已使用，应出库`,
            `a ${e.kind} post uses a member of ${TIER_NAMES[next.tier].en}: they leave the pool as used (X-USE)`);
      }
      const appointments = [...next.appointments, { post: e.post, unit: e.unit, level: e.level, on: e.on, exitsPool: e.exitsPool }];
      if (!e.exitsPool) return ok({ ...next, appointments });
      return ok(leave({ ...next, appointments }, 'appointed', { on: e.on, status: 'appointed', clause: 'X-USE', reason: e.post }));
    }
    case 'term-ended': {
      // M-TERM (DESIGN §2 *Term end*): on the third anniversary, not earlier — the summative
      // review records its outcome, the term still runs to its end. (Leaving earlier is a
      // removal, with its clause.)
      if (e.on < next.termEnd) {
        return refuse('MEMBER_TERM_NOT_OVER', 'on', `任期至 ${next.termEnd} 届满，${e.on} 尚未到期`,
          `the term runs to ${next.termEnd}: not over on ${e.on}`);
      }
      return ok(leave(next, 'term-ended', { on: e.on, status: 'term-ended', clause: 'M-TERM', adjustment: e.adjustment, ...(e.reason ? { reason: e.reason } : {}) }));
    }
    case 'renewed': {
      const problems = renewalProblems(state, e.on, policy);
      if (problems.length > 0) return rejection(problems);
      // A new term in the same tier and seat; this term's record is kept with the earlier terms.
      return ok({
        ...next, cohortId: e.cohortId, termStart: e.on, termEnd: termEndOf(e.on, policy),
        assessments: [], warnings: [], recommendations: [],
        previousTerms: [...next.previousTerms, { cohortId: state.cohortId, tier: state.tier, termStart: state.termStart, renewedOn: e.on }],
      });
    }
    case 'import-withdrawn': return importWithdrawn(next, e);
    case 'moved-tier': {
      if (e.tier === next.tier) {
        return refuse('MEMBER_SAME_TIER', 'tier', `已在${TIER_NAMES[e.tier].zh}`, `already in ${TIER_NAMES[e.tier].en}`);
      }
      return ok({ ...next, tier: e.tier, tierHistory: [...closeTier(next.tierHistory, e.on), { tier: e.tier, from: e.on }] });
    }
    case 'rotated': return ok({ ...next, rotations: next.rotations + 1 });
    case 'trained': return ok({ ...next, trainings: next.trainings + 1, trainingHours: next.trainingHours + e.record.hours });
    case 'talked': return ok({ ...next, talks: [...next.talks, { on: e.on, kind: e.record.kind }] });
  }
}

/** Apply events in the order given (the order they were applied, not re-sorted by date). */
export function replay(events: readonly MemberEventInput[], policy: Rules): Result<Member> {
  let state: Member | undefined;
  for (const [i, e] of events.entries()) {
    const r = applyMemberEvent(state, e, policy);
    if (!r.ok) return rejection(r.problems.map((p) => ({ ...p, path: p.path === '' ? `events.${i}` : `events.${i}.${p.path}` })));
    state = r.value;
  }
  if (state === undefined) return refuse('MEMBER_NO_EVENTS', 'events', '没有任何事项', 'no events');
  return ok(state);
}

function ok(value: Member): Result<Member> {
  return { ok: true, value };
}

function admit(prev: Member | undefined, e: EventOf<'admitted'>, policy: Rules): Member {
  const fresh = {
    personId: e.personId, tier: e.tier, unit: e.unit, cohortId: e.cohortId, termStart: e.termStart,
    termEnd: termEndOf(e.termStart, policy), source: e.source, policyRef: e.policyRef,
    ...(e.roundId !== undefined ? { roundId: e.roundId } : {}),
    status: 'active' as const, holdsSeat: true, lastEventOn: e.on,
    assessments: [], warnings: [], recommendations: [],
  };
  if (prev === undefined) {
    return {
      ...fresh, since: e.on, appointments: [], talks: [], trainings: 0, trainingHours: 0, rotations: 0,
      tierHistory: [{ tier: e.tier, from: e.on }], previousTerms: [], version: 1,
    };
  }
  // A new term after an earlier one ended (rolling management): keep the person's records.
  const { exit, veto: _veto, pendingRemoval: _pending, roundId: _round, ...kept } = prev;
  return {
    ...kept, ...fresh,
    tierHistory: [...prev.tierHistory, { tier: e.tier, from: e.on }],
    // A withdrawn filing (import-withdrawn) was never a term: it is not listed among them.
    previousTerms: prev.status === 'withdrawn'
      ? prev.previousTerms
      : [...prev.previousTerms, { cohortId: prev.cohortId, tier: prev.tier, termStart: prev.termStart, ...(exit ? { exit } : {}) }],
    version: prev.version + 1,
  };
}

const IMPORT_SOURCE_OF: Readonly<Record<EventOf<'import-withdrawn'>['clause'], Member['source']>> = {
  'S-ORGLIST': 'org-dept-list',
  'X-LEGACY': 'legacy-young-cadre',
};

/**
 * S-ORGLIST / X-LEGACY (an import past a rule is refused whole): the filing of the import
 * named is taken back — only that import's filing (its cohort, its path's source), and only
 * while nothing of a term has happened to it (no assessment, warning or recommendation:
 * nobody served). The seat is freed (seats.ts) and no talk falls due (talks/obligations.ts):
 * the filing was never a membership, so its tier period is dropped from the tier history;
 * the events stay in the log, which shows the filing and its withdrawal as they happened.
 */
function importWithdrawn(m: Member, e: EventOf<'import-withdrawn'>): Result<Member> {
  if (m.cohortId !== e.importId || m.source !== IMPORT_SOURCE_OF[e.clause]) {
    return refuse('MEMBER_NOT_FILED_BY_IMPORT', 'importId', `该成员不是由导入 ${e.importId} 备案入库的，不能撤回`,
      `the member was not filed by import ${e.importId}: nothing to withdraw`);
  }
  if (m.assessments.length > 0 || m.warnings.length > 0 || m.recommendations.length > 0) {
    return refuse('MEMBER_WITHDRAWAL_SERVED', 'type', '该成员本届已有考核、提醒或使用建议，不能作为未生效的导入撤回',
      'the member has assessments, warnings or recommendations this term: not a filing that never took effect');
  }
  const tierHistory = m.tierHistory.slice(0, -1);
  return ok({
    ...m, status: 'withdrawn', holdsSeat: false, tierHistory,
    exit: { on: e.on, status: 'withdrawn', clause: e.clause, reason: e.reason },
  });
}

function assessed(m: Member, e: EventOf<'assessed'>, policy: Rules): Result<Member> {
  if (!policy.review.grades.includes(e.grade)) {
    return refuse('MEMBER_GRADE_UNKNOWN', 'grade', `考核等次“${e.grade}”不在 ${policy.review.grades.join('、')} 之中`,
      `grade "${e.grade}" is not one of ${policy.review.grades.join(', ')}`);
  }
  if (m.assessments.some((a) => a.year === e.year)) {
    return refuse('MEMBER_ASSESSMENT_DUPLICATE', 'year', `${e.year} 年度考核已记录`, `the ${e.year} assessment is already recorded`);
  }
  if (e.review === 'summative' && m.assessments.some((a) => a.review === 'summative')) {
    return refuse('MEMBER_ASSESSMENT_DUPLICATE', 'review', '本届总结性考核已记录', 'this term already has its summative review');
  }
  const assessment = { year: e.year, review: e.review, grade: e.grade, on: e.on, ...(e.score !== undefined ? { score: e.score } : {}) };
  // M-FAIL: a failed summative review is followed by the removal (the review writes both);
  // the organisational talk falls due at the removal (DESIGN §2 *Removal*).
  return ok({ ...m, assessments: [...m.assessments, assessment] });
}

function warned(m: Member, e: EventOf<'warned'>): Result<Member> {
  if (!m.assessments.some((a) => a.year === e.year && a.review === 'annual')) {
    return refuse('MEMBER_WARNING_WITHOUT_ASSESSMENT', 'year', `${e.year} 年度考核结果未记录，不能提醒`,
      `no ${e.year} annual assessment recorded: cannot warn (M-WARN)`);
  }
  if (m.warnings.some((w) => w.year === e.year)) {
    return refuse('MEMBER_WARNING_DUPLICATE', 'year', `${e.year} 年度已提醒`, `already warned for ${e.year}`);
  }
  return ok({ ...m, warnings: [...m.warnings, { year: e.year, on: e.on, ...(e.reason !== undefined ? { reason: e.reason } : {}) }] });
}

function removed(m: Member, e: EventOf<'removed'>, policy: Rules): Result<Member> {
  switch (e.clause) {
    case 'M-VETO':
      if (m.veto === undefined) {
        return refuse('MEMBER_REMOVAL_UNFOUNDED', 'clause', '未记录一票否决事项', 'no veto matter recorded (M-VETO)');
      }
      break;
    case 'M-FAIL': {
      // A snapshot from before the one removal rule may still be removal-pending under M-FAIL.
      const failed = m.pendingRemoval?.clause === 'M-FAIL'
        || m.assessments.some((a) => a.review === 'summative' && policy.review.summativeFailGrades.includes(a.grade));
      if (!failed) {
        return refuse('MEMBER_REMOVAL_UNFOUNDED', 'clause', '总结性考核未判定不合格', 'no failed summative review (M-FAIL)');
      }
      break;
    }
    case 'M-WARN': {
      const y = e.reviewYear;
      const warnedIn = y === undefined ? undefined : y - policy.review.warningFollowUpYears;
      if (y === undefined || !m.warnings.some((w) => w.year === warnedIn) || !m.assessments.some((a) => a.year === y)) {
        return refuse('MEMBER_REMOVAL_UNFOUNDED', 'reviewYear', '须在提醒一年后的年度考核中仍然靠后，才能不再列入',
          `M-WARN removal needs a warning ${policy.review.warningFollowUpYears} year(s) before reviewYear and that year's assessment`);
      }
      break;
    }
    case 'M-TERM':
      break;
  }
  const rest: Member = { ...m };
  delete rest.pendingRemoval;
  return ok(leave(rest, 'removed', { on: e.on, status: 'removed', clause: e.clause, reason: e.reason }));
}

/**
 * After a removal (不再列入, terminal) exactly one thing may still be recorded: the
 * organisational talk (组织谈话) the removal made due (M-WARN, M-VETO, M-FAIL: 进行组织谈话;
 * an M-TERM withdrawal owes none), held on or after the removal, once. Everything else is
 * MEMBER_REMOVED.
 */
function afterRemoval(m: Member, e: MemberEvent): Result<Member> {
  const exitOn = m.exit?.on ?? m.lastEventOn;
  const owesTalk = m.exit?.clause === 'M-WARN' || m.exit?.clause === 'M-VETO' || m.exit?.clause === 'M-FAIL';
  if (owesTalk && e.type === 'talked' && e.record.kind === 'organisational') {
    if (e.on < exitOn) {
      return refuse('MEMBER_DATE_BEFORE_REMOVAL', 'on', `组织谈话日期 ${e.on} 早于不再列入日期 ${exitOn}`,
        `the organisational talk on ${e.on} is before the removal on ${exitOn}`);
    }
    if (!m.talks.some((t) => t.kind === 'organisational' && t.on >= exitOn)) {
      return ok({ ...m, version: m.version + 1, talks: [...m.talks, { on: e.on, kind: 'organisational' }] });
    }
    return refuse('MEMBER_REMOVED', 'type', '已不再列入后备人才培养对象，组织谈话已记录，不能再记录任何事项',
      'removed from the pool and the organisational talk is recorded: nothing further can be recorded');
  }
  return refuse('MEMBER_REMOVED', 'type', '已不再列入后备人才培养对象，只能记录组织谈话（kind: organisational）',
    'removed from the pool: only the organisational talk (kind: organisational) can still be recorded');
}

/**
 * After leaving as used (X-USE, 已使用) a talk may still be recorded: the promotion talk
 * (提拔重用时必谈) the appointment made due, on or after the appointment. Nothing else.
 */
function afterUse(m: Member, e: EventOf<'talked'>): Result<Member> {
  const exitOn = m.exit?.on ?? m.lastEventOn;
  if (e.on < exitOn) {
    return refuse('MEMBER_DATE_BEFORE_EXIT', 'on', `谈话日期 ${e.on} 早于任用出库日期 ${exitOn}`, `the talk on ${e.on} is before leaving on appointment on ${exitOn}`);
  }
  return ok({ ...m, version: m.version + 1, talks: [...m.talks, { on: e.on, kind: e.record.kind }] });
}

const TIER_RECOMMENDATIONS: Record<Tier, readonly string[]> = {
  1: ['appointment', 'rotation'],
  2: ['appointment', 'rotation'],
  3: ['shadowing', 'acting', 'priority-middle-vacancy'],
};

function recommended(m: Member, e: EventOf<'recommended'>): Result<Member> {
  if (!m.assessments.some((a) => a.review === 'summative')) {
    return refuse('MEMBER_NO_SUMMATIVE', 'type', '本届尚无总结性考核结果，不能提出使用建议', 'no summative review this term (M-TOP)');
  }
  if (!TIER_RECOMMENDATIONS[m.tier].includes(e.kind)) {
    return refuse('MEMBER_RECOMMENDATION_TIER', 'kind', `${TIER_NAMES[m.tier].zh}不适用“${e.kind}”`,
      `"${e.kind}" does not apply to ${TIER_NAMES[m.tier].en} (M-TOP)`);
  }
  if (m.recommendations.some((r) => r.kind === e.kind)) {
    return refuse('MEMBER_RECOMMENDATION_DUPLICATE', 'kind', '该建议已记录', `"${e.kind}" already recommended this term`);
  }
  return ok({ ...m, recommendations: [...m.recommendations, { kind: e.kind, on: e.on }] });
}

function closeTier(history: Member['tierHistory'], on: string): Member['tierHistory'] {
  return history.map((h, i) => (i === history.length - 1 && h.to === undefined ? { ...h, to: on } : h));
}

function leave(m: Member, status: 'removed' | 'term-ended' | 'appointed', exit: NonNullable<Member['exit']>): Member {
  return { ...m, status, holdsSeat: false, exit, tierHistory: closeTier(m.tierHistory, exit.on) };
}
