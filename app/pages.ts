import { MAX_PAGE_LIMIT } from '../contracts/limits';
import type { Page, PageRequest } from './ports/page';

/**
 * The one page iterator: every page of a list, in order, until the last. Anything that reads
 * a whole list — a round's nominations, a tier's members, a review's assessments — walks it
 * with this (over a repository's list method or a raw query), never with a loop of its own.
 */
export async function* pagesOf<T>(list: (page: PageRequest) => Promise<Page<T>>, limit = MAX_PAGE_LIMIT): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await list({ limit, ...(cursor ? { cursor } : {}) });
    yield page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** Every item of a list (for lists of bounded size: a round's nominations, a tier's seats, a member's events). */
export async function allOf<T>(list: (page: PageRequest) => Promise<Page<T>>, limit = MAX_PAGE_LIMIT): Promise<T[]> {
  const out: T[] = [];
  for await (const items of pagesOf(list, limit)) out.push(...items);
  return out;
}

