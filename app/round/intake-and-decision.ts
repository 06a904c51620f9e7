import { Conflict } from '../errors';
import type { AwaitDecisionInput, CloseIntakeInput } from '../../contracts/tasks/round';
import type { UseCaseContext } from '../ports';
import { isPastIntake, movableFrom } from '../../domain/round/lifecycle';

const ACTOR = 'system:round';

/** Statuses that come after intake closed: closing again is a no-op. */

/**
 * CloseIntake (S-ROUND): open → closed, a conditional write, so a late upload is refused by
 * intake from here on. Idempotent: a round already past intake is left as it is.
 */
export async function closeIntake(deps: UseCaseContext, input: CloseIntakeInput): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  if (isPastIntake(round.status)) return { status: round.status };
  const closedAt = round.intakeClosesAt;
  try {
    await rounds.update(input.roundId, { status: 'closed', intakeClosedAt: closedAt }, movableFrom('close-intake'));
  } catch (e) {
    // Closed by a concurrent retry between our read and write: that is the same outcome.
    const now = e instanceof Conflict ? await rounds.require(input.roundId) : undefined;
    if (!now || !isPastIntake(now.status)) throw e;
    return { status: now.status };
  }
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.intake-closed', actor: ACTOR, clause: 'S-ROUND',
    at: closedAt, idempotencyKey: `${input.roundId}#intake-closed`, details: {},
  });
  return { status: 'closed' };
}

/**
 * AwaitDecision: keep the task token on the round for the API (POST …/decision answers it)
 * and show the round as awaiting the organisation department. A retried task brings a new
 * token, which replaces the old one.
 */
export async function awaitDecision(deps: UseCaseContext, input: AwaitDecisionInput): Promise<{ status: string }> {
  const { rounds } = deps.repos;
  const round = await rounds.require(input.roundId);
  const since = typeof round.awaitingSince === 'string' ? round.awaitingSince : deps.now().toISOString();
  await rounds.update(input.roundId, { status: 'awaiting-decision', taskToken: input.taskToken, awaitingSince: since }, movableFrom('await-decision'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.awaiting-decision', actor: ACTOR, clause: 'S-ROUND',
    at: since, idempotencyKey: `${input.roundId}#awaiting-decision`, details: {},
  });
  return { status: 'awaiting-decision' };
}
