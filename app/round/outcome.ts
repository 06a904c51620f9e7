import { allNominations } from './nominations';
import { failureNote } from '../failure';
import type { RecordFailureInput, RecordOutcomeInput } from '../../contracts/tasks/round';
import { ROUND_TRANSITIONS, movableFrom, type RoundStatus, type RoundStep } from '../../domain/round/lifecycle';
import type { UseCaseContext } from '../ports';

const ACTOR = 'system:round';

/** Which end of the lifecycle each outcome is (domain/round/lifecycle.ts). */
const OUTCOME: Record<RecordOutcomeInput['outcome'], RoundStep> = {
  admitted: 'complete',
  rejected: 'reject',
  'approval-timed-out': 'time-out',
};

export interface OutcomeCounts {
  accepted: number;
  admitted: number;
  capReached: number;
  refused: number;
  /** Kept out by an upheld 公示 objection (S-PUBLICITY); absent when none. */
  excluded?: number;
}

/**
 * RecordOutcome (S-ROUND): the round's final status with the counts, recounted from the
 * nominations (so a retry counts the same), the task token dropped (nothing answers it any
 * more). The timestamp is kept from the first run, which keeps the audit entry single.
 */
export async function recordOutcome(deps: UseCaseContext, input: RecordOutcomeInput): Promise<{ status: RoundStatus; counts: OutcomeCounts }> {
  const { rounds, nominations } = deps.repos;
  const round = await rounds.require(input.roundId);
  const counts: OutcomeCounts = { accepted: 0, admitted: 0, capReached: 0, refused: 0 };
  for (const n of await allNominations(nominations, input.roundId)) {
    if (n.status === 'accepted') counts.accepted++;
    const s = n.admission?.status;
    if (s === 'admitted') counts.admitted++;
    else if (s === 'cap-reached') counts.capReached++;
    else if (s === 'refused') counts.refused++;
    else if (s === 'objection-upheld') counts.excluded = (counts.excluded ?? 0) + 1;
  }
  const at = round.outcome?.at ?? deps.now().toISOString();
  const { to: status, from } = ROUND_TRANSITIONS[OUTCOME[input.outcome]];
  await rounds.update(input.roundId, { status, taskToken: null, outcome: { outcome: input.outcome, clause: 'S-ROUND', counts, at } }, from);
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: `round.${status}`, actor: ACTOR, clause: 'S-ROUND',
    at, idempotencyKey: `${input.roundId}#outcome`, details: { outcome: input.outcome, counts },
  });
  return { status, counts };
}

/**
 * RecordFailure: the round shows `failed` with the error's name and a safe message (no
 * stack, no personal data — see failureNote) for the bureau to see.
 */
export async function recordRoundFailure(deps: UseCaseContext, input: RecordFailureInput): Promise<{ status: 'failed'; error: string }> {
  const note = failureNote(input.error);
  const at = deps.now().toISOString();
  await deps.repos.rounds.update(input.roundId, { status: 'failed', failure: { ...note, at } }, movableFrom('fail'));
  await deps.audit.append({
    entity: `round/${input.roundId}`, action: 'round.failed', actor: ACTOR, clause: 'S-ROUND', at, details: { ...note },
  });
  deps.logger.error('round failed', { roundId: input.roundId, error: note.error, code: note.code });
  return { status: 'failed', error: note.error };
}
