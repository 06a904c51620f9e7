/**
 * One live nomination per person per round (S-ROUND: a round ranks people, not files). Of
 * two nominations of one person from the same unit, the later one stays — that is how a
 * school corrects a form — and the earlier is kept, visible, as superseded. "Later" is when
 * S3 received the file; two rows of one workbook (the same instant) go to the higher
 * nomination id, so the answer never depends on the order they are processed in. A person
 * another unit already nominated is not superseded at all: intake refuses the newcomer and
 * the bureau settles it.
 */
export interface LiveNomination {
  nominationId: string;
  unitCode: string;
  receivedAt: string;
}

export type Supersession = 'other-unit' | 'holder-stays' | 'newcomer-replaces';

export function supersedes(holder: LiveNomination, newcomer: LiveNomination): Supersession {
  if (holder.unitCode !== newcomer.unitCode) return 'other-unit';
  const holderIsLater = holder.receivedAt > newcomer.receivedAt
    || (holder.receivedAt === newcomer.receivedAt && holder.nominationId > newcomer.nominationId);
  return holderIsLater ? 'holder-stays' : 'newcomer-replaces';
}
