import { problem, type Problem } from '../../domain/problem';
import { Conflict, ValidationError } from '../../app/errors';
import { json } from '../shared/http';
import type { Round } from '../shared/repository';
import { actorOf, requireRole, seesRoundsWhole } from './auth';
import { OpenRoundBody } from '../../contracts/api';
import { ROUND_ID_PATTERN } from '../../contracts/ids';
import type { ApiDeps } from './deps';
import { pageOf, parseBody, pathParam, type ApiRequest } from './request';
import { startExecution } from './sfn';

/**
 * Selection rounds (S-ROUND). The bureau opens one: the round item, then the round's state
 * machine. Bureau and approver see rounds whole (never the task token); a school sees the
 * public fields only — title, tiers, dates, status — so it knows the deadlines.
 */

/** Execution names allow letters, digits, '-' and '_': the round id fits, prefixed. */
export const roundExecutionName = (roundId: string) => `round-${roundId}`;

const PUBLIC_FIELDS = ['roundId', 'title', 'status', 'tiers', 'referenceDate', 'openedAt', 'intakeClosesAt', 'scoringClosesAt'] as const;
const NEVER_SHOWN = new Set(['taskToken']);

export function roundView(round: Round, full: boolean): Record<string, unknown> {
  if (!full) return Object.fromEntries(PUBLIC_FIELDS.filter((k) => round[k] !== undefined).map((k) => [k, round[k]]));
  return Object.fromEntries(Object.entries(round).filter(([k]) => !NEVER_SHOWN.has(k)));
}

const fullView = (req: ApiRequest) => seesRoundsWhole(req.caller);

/**
 * Deadlines already past at the request's time (req.now, the gateway's stamp) would run the
 * round straight through intake and scoring with nothing in it: refused, a problem each.
 */
function pastDeadlines(body: Pick<OpenRoundBody, 'intakeClosesAt' | 'scoringClosesAt'>, now: Date): Problem[] {
  const at = now.toISOString();
  const fields = [
    ['intakeClosesAt', '收表截止时间'],
    ['scoringClosesAt', '评分截止时间'],
  ] as const;
  return fields
    .filter(([field]) => !(Date.parse(body[field]) > now.getTime()))
    .map(([field, zh]) => problem(
      'ROUND_DEADLINE_PAST', field,
      `${zh}「${field}」已过，须晚于当前时间（${at}）`,
      `${field} is in the past: it must be after the current time (${at})`,
    ));
}

/** Step Functions: a Standard execution lasts at most one year (31,536,000 s). */
export const MAX_EXECUTION_SECONDS = 365 * 86_400;
/** After the scoring deadline: ScoreBatch, Rank, AdmitBatch loops and the outcome — a day's margin. */
export const ROUND_STEPS_MARGIN_SECONDS = 86_400;

const DAY_S = 86_400;
const days = (seconds: number) => {
  const d = seconds / DAY_S;
  return Number.isInteger(d) ? String(d) : d.toFixed(1);
};

/**
 * The round's execution starts now and waits for the scoring deadline, then for the
 * approval (AwaitDecision, up to `approvalTimeoutSeconds`), then scores and admits. Past a
 * Standard execution's year it would be ended by Step Functions with nothing recorded on
 * the round: refused, saying by how many days it is too long and the latest scoring deadline.
 */
function tooLong(body: Pick<OpenRoundBody, 'scoringClosesAt'>, now: Date, approvalTimeoutSeconds: number): Problem[] {
  const toScoring = Math.max(0, (Date.parse(body.scoringClosesAt) - now.getTime()) / 1000);
  const total = toScoring + approvalTimeoutSeconds + ROUND_STEPS_MARGIN_SECONDS;
  if (total <= MAX_EXECUTION_SECONDS) return [];
  const over = Math.ceil((total - MAX_EXECUTION_SECONDS) / DAY_S);
  const latest = new Date(now.getTime() + (MAX_EXECUTION_SECONDS - approvalTimeoutSeconds - ROUND_STEPS_MARGIN_SECONDS) * 1000).toISOString();
  const at = now.toISOString();
  return [problem(
    'ROUND_TOO_LONG', 'scoringClosesAt',
    `遴选批次无法在一年内办结：从现在（${at}）到评分截止时间「scoringClosesAt」${days(toScoring)} 天，加审批等待 ${days(approvalTimeoutSeconds)} 天、` +
      `评分和入库步骤预留 ${days(ROUND_STEPS_MARGIN_SECONDS)} 天，共 ${days(total)} 天，超过流程执行上限 365 天 ${over} 天；评分截止时间最晚为 ${latest}（S-ROUND）`,
    `the round cannot finish within a year: ${days(toScoring)} days from now (${at}) to scoringClosesAt, plus the approval wait of ${days(approvalTimeoutSeconds)} days ` +
      `and ${days(ROUND_STEPS_MARGIN_SECONDS)} day for scoring and admission, is ${days(total)} days — ${over} day${over === 1 ? '' : 's'} over the 365 days an execution may last; ` +
      `scoringClosesAt must be no later than ${latest} (S-ROUND)`,
  )];
}

export async function openRound(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau');
  const body = parseBody(req, OpenRoundBody);
  const refused = [...pastDeadlines(body, req.now), ...tooLong(body, req.now, deps.approvalTimeoutSeconds)];
  if (refused.length > 0) throw new ValidationError(refused);
  const round: Round = {
    roundId: body.roundId,
    title: body.title,
    status: 'open',
    openedAt: req.now.toISOString(),
    openedBy: req.caller.username,
    referenceDate: body.referenceDate,
    intakeClosesAt: body.intakeClosesAt,
    scoringClosesAt: body.scoringClosesAt,
    tiers: [...new Set(body.tiers)].sort((a, b) => a - b),
    scoringModel: { ...body.scoringModel, roundId: body.roundId },
    orgDeptApproval: body.orgDeptApproval,
  };
  let stored = round;
  try {
    await deps.repos.rounds.create(round);
  } catch (e) {
    // A retried POST whose first attempt stored the round but never started it resumes
    // with the stored round (same input, same execution name); anything else is a conflict.
    if (!(e instanceof Conflict)) throw e;
    const existing = await deps.repos.rounds.get(round.roundId);
    if (!existing || existing.executionArn !== undefined || existing.status !== 'open') throw e;
    stored = existing;
  }
  const started = await startExecution(deps.sfn, {
    stateMachineArn: deps.roundMachineArn,
    name: roundExecutionName(stored.roundId),
    input: { roundId: stored.roundId, intakeClosesAt: stored.intakeClosesAt, scoringClosesAt: stored.scoringClosesAt },
  }, () => new Conflict('ROUND_EXECUTION_EXISTS', `遴选批次 ${stored.roundId} 已启动`, `round ${stored.roundId} is already running`));
  const updated = await deps.repos.rounds.update(stored.roundId, { executionArn: started.executionArn });
  await deps.audit.append({
    entity: `round/${stored.roundId}`,
    action: 'round.opened',
    actor: actorOf(req.caller),
    clause: 'S-ROUND',
    at: stored.openedAt,
    idempotencyKey: `round/${stored.roundId}#opened`,
    details: {
      title: stored.title, tiers: stored.tiers, referenceDate: stored.referenceDate,
      intakeClosesAt: stored.intakeClosesAt, scoringClosesAt: stored.scoringClosesAt,
      orgDeptApproval: stored.orgDeptApproval, executionArn: started.executionArn,
    },
  });
  return json(201, { round: roundView(updated, true) }, { location: `/rounds/${stored.roundId}` });
}

export async function listRounds(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'approver', 'school');
  const page = await deps.repos.rounds.list(pageOf(req));
  const full = fullView(req);
  return json(200, { rounds: page.items.map((r) => roundView(r, full)), ...(page.cursor ? { cursor: page.cursor } : {}) });
}

export async function getRound(req: ApiRequest, deps: ApiDeps) {
  requireRole(req.caller, 'bureau', 'approver', 'school');
  const roundId = pathParam(req, 'roundId', ROUND_ID_PATTERN);
  const round = await deps.repos.rounds.require(roundId);
  return json(200, { round: roundView(round, fullView(req)) });
}
