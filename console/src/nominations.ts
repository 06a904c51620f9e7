import type { Nomination } from './types';

/**
 * A unit's nominations as a school reads them: one row per person with the live entry on
 * top, and what it replaced — superseded forms, older rejections of the same person —
 * folded under it. A rejection newer than the live entry stays on top (the school's latest
 * attempt failed; the accepted one still stands). Rows without a name (a form too malformed
 * to name anyone) stand alone.
 */
export interface NominationRow extends Nomination {
  history: Nomination[];
}

const newestFirst = (a: Nomination, b: Nomination) => b.receivedAt.localeCompare(a.receivedAt) || (b.source.row ?? 0) - (a.source.row ?? 0);

export function foldNominations(all: readonly Nomination[]): NominationRow[] {
  const byPerson = new Map<string, Nomination[]>();
  const rows: NominationRow[] = [];
  for (const n of all) {
    const name = n.candidateName?.trim();
    if (!name) {
      rows.push({ ...n, history: [] });
      continue;
    }
    byPerson.set(name, [...(byPerson.get(name) ?? []), n]);
  }
  for (const list of byPerson.values()) {
    const sorted = [...list].sort(newestFirst);
    const live = sorted.find((n) => n.status === 'accepted');
    if (!live) {
      const [head, ...rest] = sorted as [Nomination, ...Nomination[]];
      rows.push({ ...head, history: rest });
      continue;
    }
    const newerRejections = sorted.filter((n) => n.status === 'rejected' && newestFirst(n, live) < 0);
    for (const r of newerRejections) rows.push({ ...r, history: [] });
    rows.push({ ...live, history: sorted.filter((n) => n !== live && !newerRejections.includes(n)) });
  }
  return rows.sort(newestFirst);
}

/** The file name a school chose, from the upload key `rounds/…/units/…/{uuid}-{name}`. */
export function fileNameOf(key: string): string {
  const last = key.split('/').pop() ?? key;
  return last.replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/i, '');
}
