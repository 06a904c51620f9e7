import type { ApiClient } from './api';

/** 民主推荐 (S-RECOMMEND) as the bureau's page reads it: GET /rounds/{id}/ballots, POST …/codes. */
export interface BallotResult { for: number; against: number; abstain: number; cast: number; share: number | null }
export interface BallotRow {
  unitCode: string;
  closesAt: string;
  openedAt: string;
  issued: number;
  used: number;
  candidates: Array<{ nominationId: string; name: string; tier: number; post?: string; result?: BallotResult }>;
  tally?: { issued: number; used: number; turnout: number | null; cast: number; talliedAt?: string };
}
export interface IssuedCodes { roundId: string; roundTitle: string; unitCode: string; closesAt: string; codes: string[]; issued: number }

const enc = encodeURIComponent;

export async function listBallots(api: ApiClient, roundId: string): Promise<BallotRow[]> {
  const all: BallotRow[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const q = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
    const r = await api.request<{ ballots: BallotRow[]; cursor?: string }>('GET', `/rounds/${enc(roundId)}/ballots?${q}`);
    all.push(...r.ballots);
    cursor = r.cursor;
    if (!cursor) break;
  }
  return all;
}

export function issueCodes(api: ApiClient, roundId: string, unitCode: string, count: number): Promise<IssuedCodes> {
  return api.request<IssuedCodes>('POST', `/rounds/${enc(roundId)}/ballots/${enc(unitCode)}/codes`, { count });
}

/** 66.7%: the share as the bureau reads it. */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

/** The public ballot page the slips print: this console's /vote. */
export function ballotPageUrl(): string {
  return new URL('/vote', window.location.origin).toString();
}
