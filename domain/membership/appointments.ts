/**
 * X-USE (六(三)): leaders are chosen mainly from the pool. The share of appointments drawn
 * from it, over appointments the caller lists (from the pool or not), in a period the caller
 * chooses. null when there were none (0 of 0 is not 0%).
 */
export function appointmentShare(appointments: readonly { fromPool: boolean }[]): { total: number; fromPool: number; share: number | null } {
  const fromPool = appointments.filter((a) => a.fromPool).length;
  const total = appointments.length;
  return { total, fromPool, share: total === 0 ? null : fromPool / total };
}
