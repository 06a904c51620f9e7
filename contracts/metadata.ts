/**
 * CloudFormation metadata keys the local runner reads from the synthesized template,
 * so it never needs a hand-written list of logical ids.
 */

/** On every AWS::Lambda::Function: the handler module, relative to the repo root. */
export const HANDLER_METADATA_KEY = 'talentPool:handler';

/** On every AWS::StepFunctions::StateMachine: which machine it is. */
export const STATE_MACHINE_METADATA_KEY = 'talentPool:stateMachine';

export type StateMachineKind = 'round' | 'review' | 'term';

/**
 * On every AWS::Scheduler::Schedule: which schedule it is, and how the local scheduler
 * (local/schedule.ts) replays firings the simulated clock jumped over — `each` (every
 * firing in turn: each annual review is its own review) or `latest` (one firing, the last:
 * for a step that does everything due by its date, as the daily term end does).
 */
export const SCHEDULE_METADATA_KEY = 'talentPool:schedule';

export interface ScheduleMetadata {
  kind: 'annual-review' | 'term-end';
  catchUp: 'each' | 'latest';
}
