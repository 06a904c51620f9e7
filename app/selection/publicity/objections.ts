import type { UseCaseContext } from '../../ports';

/**
 * Objections (异议) to a round's 公示 list still pending a resolution. The objections' store
 * and their routes are the 公示 slice of issue #14 (app/selection/publicity/); until a round
 * can receive one there is none pending.
 */
export async function pendingObjections(_deps: UseCaseContext, _roundId: string): Promise<number> {
  return 0;
}
