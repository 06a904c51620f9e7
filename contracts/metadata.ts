/**
 * CloudFormation metadata keys the local runner reads from the synthesized template,
 * so it never needs a hand-written list of logical ids.
 */

/** On every AWS::Lambda::Function: the handler module, relative to the repo root. */
export const HANDLER_METADATA_KEY = 'talentPool:handler';

/** On every AWS::StepFunctions::StateMachine: which machine it is. */
export const STATE_MACHINE_METADATA_KEY = 'talentPool:stateMachine';

export type StateMachineKind = 'round' | 'review';
