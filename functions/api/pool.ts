import type { Member } from '../../domain/membership';
import { beijingDate } from '../../domain/dates';
import { talkObligations } from '../../domain/talks';
import { TIERS, TIER_NAMES } from '../../domain/tier';
import { PERSON_ID_PATTERN } from '../../contracts/ids';
import { ValidationError } from '../../app/errors';
import { answer } from '../shared/answer';
import type { AnswerBody } from '../../contracts/views';
import type { MemberEventInput } from '../../domain/membership/events';
import type { MemberSnapshot, RecordKind } from '../shared/repository';
import { problem } from '../../domain/problem';
import { requireRole } from './auth';
import { UnitCodeSchema } from '../../contracts/api';
import type { ApiDeps } from './deps';
import { knownEvents, memberNotFound } from '../../app/members/append-event';
import { occupancy, poolMembers } from './occupancy';
import { pathParam, queryParam, tierQuery, type ApiRequest } from './request';
import { memberWarnings } from './warnings';
import { needs, parsePriorityQuery } from '../../domain/membership/priority';
import { queryPriority } from '../../app/members/priority';

type RecordShown = AnswerBody<'POST /pool/members/{personId}/talks'>['record'];

/**
 * The pool (T-CAP, M-TERM, C-PRIORITY): tiers against caps, members with terms, warnings
 * and last grade, filterable by ?tier= ?unit= ?status= ?warning= — the query the bureau runs
 * when a post, an award or a training place is to be filled from the pool.
 */

/** Today in Asia/Shanghai (the bureau's calendar). */

export function memberView(s: MemberSnapshot<Member>, asOf: string) {
  const m = s.state;
  const last = m.assessments[m.assessments.length - 1];
  return {
    personId: s.personId,
    name: s.name,
    unit: s.unitCode,
    tier: m.tier,
    tierName: TIER_NAMES[m.tier].zh,
    cohort: m.cohortId,
    termStart: m.termStart,
    termEnd: m.termEnd,
    status: m.status,
    holdsSeat: m.holdsSeat,
    source: m.source,
    ...(m.roundId ? { roundId: m.roundId } : {}),
    warnings: memberWarnings(m, asOf),
    lastGrade: last ? { year: last.year, review: last.review, grade: last.grade, ...(last.score !== undefined ? { score: last.score } : {}) } : null,
    talks: m.talks.length,
    trainings: m.trainings,
    trainingHours: m.trainingHours,
    rotations: m.rotations,
  };
}

const STATUSES = new Set(['active', 'removal-pending']);

export async function getPool(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const tier = tierQuery(req);
  // C-PRIORITY filters (domain/membership/priority.ts): every bad value a QUERY_INVALID at its field.
  const priority = parsePriorityQuery(req.query, deps.policy, beijingDate(req.now));
  if (!priority.ok) throw new ValidationError(priority.problems);
  const unit = queryParam(req, 'unit');
  const status = queryParam(req, 'status');
  const warning = queryParam(req, 'warning');
  if (unit !== undefined && !UnitCodeSchema.safeParse(unit).success) {
    throw new ValidationError([problem('QUERY_INVALID', 'unit', '单位代码格式不正确', 'unit: a unit code like JT-XYXX')]);
  }
  if (status !== undefined && !STATUSES.has(status)) {
    throw new ValidationError([problem('QUERY_INVALID', 'status', 'status 应为 active 或 removal-pending', 'status: active or removal-pending')]);
  }
  const q = priority.value;
  const asOf = q.asOf;
  // The term logs only when the query reads talks (flag=talk-overdue): every other answer is
  // drawn from the states, and the listing is lighter without them.
  const all = await poolMembers(deps, undefined, { lean: !needs(q).talks });
  const seats = await occupancy(deps, all);
  const filtered = Object.keys(q).length > 1
    ? await queryPriority(deps, all, q, (s) => memberWarnings(s.state, asOf).some((w) => w.code === 'WARNED'))
    : all;
  const members = filtered
    .filter((s) => s.state !== undefined && s.tier !== null)
    .map((s) => memberView(s, asOf))
    .filter((m) => (tier === undefined || m.tier === tier) && (unit === undefined || m.unit === unit) && (status === undefined || m.status === status))
    .filter((m) => warning === undefined || m.warnings.some((w) => w.code === warning))
    .sort((a, b) => a.tier - b.tier || a.unit.localeCompare(b.unit) || a.personId.localeCompare(b.personId));
  return answer('GET /pool', 200, {
    asOf,
    query: q,
    tiers: TIERS.map((t) => ({ ...seats[t], name: TIER_NAMES[t] })),
    members,
    warnings: members.flatMap((m) => m.warnings.map((w) => ({ personId: m.personId, name: m.name, unit: m.unit, tier: m.tier, ...w }))),
  });
}

const KINDS: RecordKind[] = ['talk', 'training', 'rotation'];

export async function getMember(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const personId = pathParam(req, 'personId', PERSON_ID_PATTERN);
  const s = await deps.repos.members.get<Member>(personId);
  if (!s || !s.state) throw memberNotFound(personId);
  const asOf = beijingDate(req.now);
  const [stored, talks, training, rotations] = await Promise.all([
    deps.repos.members.events(personId),
    ...KINDS.map((k) => deps.repos.records.list(personId, k)),
  ]);
  const m = s.state;
  // The history holds every talk (talked events); passing m.talks too would count each twice.
  const talkStatus = talkObligations(knownEvents(stored ?? []), [], asOf, deps.policy);
  return answer('GET /pool/members/{personId}', 200, {
    asOf,
    member: {
      ...memberView(s, asOf),
      since: m.since,
      assessments: m.assessments,
      recommendations: m.recommendations,
      appointments: m.appointments,
      tierHistory: m.tierHistory,
      previousTerms: m.previousTerms,
      ...(m.veto ? { veto: m.veto } : {}),
      ...(m.pendingRemoval ? { pendingRemoval: m.pendingRemoval } : {}),
      ...(m.exit ? { exit: m.exit } : {}),
      version: s.version,
    },
    events: (stored ?? []).map((e) => ({
      // The log stores each event as the reducer accepted it (domain/membership/events.ts); the port types it as a bag.
      at: e.at, seq: e.seq, type: e.type, clause: e.clause, payload: e.payload as MemberEventInput | undefined,
      ...(e.recordedAt !== undefined ? { recordedAt: e.recordedAt } : {}), ...(e.actor !== undefined ? { actor: e.actor } : {}),
    })),
    // Each record as its domain schema parsed it, with the repository's fields (the port types it as a bag).
    talks: talks as RecordShown[],
    training: training as RecordShown[],
    rotations: rotations as RecordShown[],
    dueTalks: talkStatus,
  });
}
