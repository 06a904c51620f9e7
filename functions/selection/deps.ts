import type { SelectionDeps } from '../api/deps';
import { ballotSecrets } from '../shared/ballot-secrets';
import { sfnClient } from '../shared/clients';
import { readConfig } from '../shared/config';
import { useCaseContext } from '../shared/context';
import { onRewire } from '../shared/wiring';
import { answerTask } from '../shared/workflows';

/**
 * The selection function's wiring, built once per container on first use: the use-case
 * context over the pool and audit tables, the ballot's keyed hashes (PERSON_ID_KEY, read on
 * first use), and answering the round's waiting step by its token — its role may send the
 * round machine's task responses and nothing else of Step Functions (no StartExecution).
 */
let cached: SelectionDeps | undefined;

export function selectionDeps(): SelectionDeps {
  cached ??= {
    ...useCaseContext(readConfig(['POOL_TABLE', 'AUDIT_TABLE', 'REVIEW_WINDOW_DAYS'])),
    workflows: { answer: (taskToken, output) => answerTask(sfnClient, taskToken, output) },
    ballotSecrets: () => ballotSecrets(readConfig(['PERSON_ID_KEY']).PERSON_ID_KEY),
  };
  return cached;
}

export function resetSelectionWiring(): void {
  cached = undefined;
}

onRewire(resetSelectionWiring);
