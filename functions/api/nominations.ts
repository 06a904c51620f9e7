import { problem, type Problem } from '../../domain/problem';
import { ScoringModelSchema } from '../../domain/scoring/model';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../app/errors';
import { answer } from '../shared/answer';
import { actorOf, confinedUnit, isBureau, requireRole } from './auth';
import { ScoresBody, UnitCodeSchema } from '../../contracts/api';
import type { ApiDeps } from './deps';
import { pageOf, parseBody, pathParam, queryParam, type ApiRequest } from './request';
import { ROUND_ID_PATTERN } from '../../contracts/ids';
import { nominationView } from './views';
import { ROUND_STATUS_NAMES, type RoundStatus } from '../../domain/round/lifecycle';

/** The round states in which the approver reads the nominations: from ranking on (what they decide on). */
/** Between intake's close and ScoreBatch: with 民主推荐 on, the ballots run meanwhile (DESIGN §7). */
const SCORE_ENTRY: ReadonlySet<RoundStatus> = new Set(['closed', 'recommending', 'recommended']);
const NOT_ENTERED_ZH = { form: '由推荐表自动计算', recommendation: '取自民主推荐计票结果', inspection: '取自考察结果' } as const;
const NOT_ENTERED_EN = { form: 'is derived from the form', recommendation: 'comes from the ballot tally', inspection: 'comes from the inspection' } as const;
const APPROVER_READS: ReadonlySet<RoundStatus> = new Set(['ranked', 'inspecting', 'awaiting-decision', 'publicising', 'admitting', 'completed', 'rejected', 'approval-timed-out']);

/**
 * A round's nominations: a school sees its own unit's (gsi1 `UNIT#…`), the bureau all of
 * the round or one unit (?unit=); the approver, once the round is ranked, all of it (what
 * they are asked to approve, never blind). Paginated (?limit, ?cursor).
 */
export async function listNominations(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'school', 'bureau', 'approver');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const approverOnly = !req.caller.roles.has('school') && !isBureau(req.caller);
  const own = confinedUnit(req.caller);
  const asked = queryParam(req, 'unit');
  if (asked !== undefined && !UnitCodeSchema.safeParse(asked).success) {
    throw new ValidationError([problem('QUERY_INVALID', 'unit', '单位代码格式不正确', 'unit: a unit code like JT-XYXX')]);
  }
  if (own !== undefined && asked !== undefined && asked !== own) {
    throw new Forbidden('只能查看本单位的推荐', 'a school sees its own unit\'s nominations only');
  }
  const round = await deps.repos.rounds.require(roundId);
  if (approverOnly && !APPROVER_READS.has(round.status)) {
    throw new Forbidden(`遴选批次当前状态为 ${round.status}：排名后审批人方可查看推荐`, `round is ${round.status}: the approver reads the nominations once the round is ranked`);
  }
  const unit = own ?? asked;
  const page = unit !== undefined
    ? await deps.repos.nominations.listByUnit(unit, { ...pageOf(req), roundId })
    : await deps.repos.nominations.listByRound(roundId, pageOf(req));
  const bureau = isBureau(req.caller);
  return answer('GET /rounds/{roundId}/nominations', 200, {
    roundId,
    ...(unit !== undefined ? { unit } : {}),
    nominations: page.items.map((n) => nominationView(n, { bureau, roundStatus: round.status })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
}

/**
 * Entered score components (S-ROUND: the notice's interview, written test …). Allowed while
 * the round is `closed`: intake is over and scoring has not started. Components given are
 * set; components not given are kept (enter the interview today, the written test tomorrow).
 */
export async function putScores(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const nominationId = pathParam(req, 'nominationId');
  const body = parseBody(req, ScoresBody);
  const round = await deps.repos.rounds.require(roundId);
  const model = ScoringModelSchema.parse(round.scoringModel);

  const problems: Problem[] = [];
  const ids = Object.keys(body.components);
  if (ids.length === 0) problems.push(problem('SCORE_NONE', 'components', '未填写任何评分项', 'no component given'));
  for (const id of ids) {
    const value = body.components[id] as number;
    const c = model.components.find((x) => x.id === id);
    const path = `components.${id}`;
    if (!c) problems.push(problem('SCORE_UNKNOWN_COMPONENT', path, `评分方案中没有评分项“${id}”`, `the scoring model has no component "${id}"`));
    else if (c.source !== 'entered') problems.push(problem('SCORE_NOT_ENTERED', path, `评分项“${c.name.zh}”${NOT_ENTERED_ZH[c.source]}，不能录入`, `"${id}" ${NOT_ENTERED_EN[c.source]}, not entered`));
    else if (value < c.min || value > c.max) problems.push(problem('SCORE_OUT_OF_RANGE', path, `评分项“${c.name.zh}”应在 ${c.min} 至 ${c.max} 之间`, `"${id}" must be within ${c.min}…${c.max}`));
  }
  if (problems.length > 0) throw new ValidationError(problems);

  if (!SCORE_ENTRY.has(round.status)) {
    throw new Conflict('SCORES_NOT_NOW', `遴选批次当前状态为“${ROUND_STATUS_NAMES[round.status].zh}”：报送截止后、评分开始前才能录入成绩`,
      `round is ${round.status}: scores are entered after intake closes and before scoring starts`, { clause: 'S-ROUND' });
  }
  const n = await deps.repos.nominations.get(roundId, nominationId);
  if (!n) throw new NotFound({ zh: `推荐 ${nominationId}`, en: `nomination ${nominationId}` }, 'NOMINATION_NOT_FOUND');
  if (n.status !== 'accepted') {
    throw new Conflict('NOMINATION_REJECTED', '该推荐未被受理，不能录入成绩', 'the nomination was rejected: no scores');
  }
  const previous = n.enteredScores ?? {};
  const enteredScores = { ...previous, ...body.components };
  const updated = await deps.repos.nominations.update(roundId, nominationId, {
    enteredScores, enteredScoresBy: req.caller.username, enteredScoresAt: req.now.toISOString(),
  });
  await deps.audit.append({
    entity: `nomination/${roundId}/${nominationId}`,
    action: 'nomination.scores-entered',
    actor: actorOf(req.caller),
    clause: 'S-ROUND',
    details: { set: body.components, previous },
  });
  return answer('PUT /rounds/{roundId}/nominations/{nominationId}/scores', 200, { nomination: nominationView(updated, { bureau: true }) });
}
