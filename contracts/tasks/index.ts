import type { ReviewStepInput } from './review';
import type { RoundStepInput } from './round';
import type { ScoringInput } from './scoring';

/**
 * Every action a state-machine task may send (infra/constructs/*-machine.ts build the
 * payloads, the step Lambdas parse them): the CDK app types its payloads with this, so an
 * action renamed on one side and not the other fails the type check, not a round.
 */
export type TaskAction = RoundStepInput['action'] | ScoringInput['action'] | ReviewStepInput['action'];
