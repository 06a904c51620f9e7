import type { Nomination } from '../../domain/round/nomination';
import type { NominationStore } from '../ports';
import { allOf } from '../pages';

/**
 * Every nomination of a round, a page at a time. Rank and admission read the whole round
 * (hundreds of items at most); the state machine's payload never carries them.
 */
export function allNominations(nominations: NominationStore, roundId: string): Promise<Nomination[]> {
  return allOf((page) => nominations.listByRound(roundId, page));
}

/** Runs `fn` over items, a few at a time (DynamoDB writes without flooding the table). */
export async function inChunks<T>(items: readonly T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}
