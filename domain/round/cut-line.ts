import type { CutoffTie } from '../scoring/propose';

/**
 * The cut-line tie (S-ROUND): candidates sharing a rank on both sides of a tier's last free
 * seat. Rank stores it when it draws up the proposal; for a shortlist ranked before it did,
 * it is worked out from the places (a list in position order, each with its rank and what
 * was proposed). The approver is told, so an edit of the list is made knowingly; the
 * tie-break that decided is the model's stated order (first-listed component, then earlier
 * submission, then id).
 */
export function cutoffTieOf(list: readonly { nominationId: string; rank: number; proposed: string }[]): CutoffTie | undefined {
  const admits = list.filter((x) => x.proposed === 'admit');
  const last = admits[admits.length - 1];
  const firstWaiting = list.find((x) => x.proposed === 'waitlist');
  if (!last || !firstWaiting || last.rank !== firstWaiting.rank) return undefined;
  return {
    clause: 'S-ROUND' as const,
    rank: last.rank,
    admitted: admits.filter((x) => x.rank === last.rank).map((x) => x.nominationId),
    waitlisted: list.filter((x) => x.proposed === 'waitlist' && x.rank === last.rank).map((x) => x.nominationId),
    zh: `第 ${last.rank} 名并列者跨越最后一个名额：按评分方案中靠前评分项得分、提交时间、编号依次排序决定`,
    en: `candidates tied at rank ${last.rank} straddle the last seat: decided by the first-listed component, then submission time, then id`,
  };
}
