import type * as z from 'zod';
import type { ObjectionBody, ResolveObjectionBody } from '../../contracts/publicity';
import type { ApiClient } from './api';
import { ApiError } from './api';
import type { ApiErrorBody, Tier } from './types';

/**
 * 公示 (S-PUBLICITY) as the console reads it: the public page's data (GET /publicity/{roundId},
 * no sign-in) and the bureau's (GET /rounds/{roundId}/objections), and the two writes.
 * The shapes are app/selection/publicity/view.ts's.
 */
export type ObjectionRequest = z.input<typeof ObjectionBody>;
export type ResolveRequest = z.input<typeof ResolveObjectionBody>;

export interface PeriodView {
  from: string;
  to: string;
  workingDays: number;
  endsAt: string;
  running: boolean;
  workingDaysElapsed: number;
  closed: boolean;
}

export interface PublicEntry {
  no: number;
  tier: Tier;
  tierName: string;
  name: string;
  gender: string;
  birthMonth: string;
  unitAndPost: string;
}

export interface PublicPublicity {
  roundId: string;
  title: string;
  period: PeriodView;
  entries: PublicEntry[];
  office: string;
  contact?: string;
  zh: string;
}

export interface Objection {
  objectionId: string;
  against: string;
  tier: Tier;
  receivedOn: string;
  from?: { name?: string; contact?: string; unit?: string };
  anonymous: boolean;
  matter: string;
  status: 'pending' | 'upheld' | 'dismissed';
  resolution?: { status: 'upheld' | 'dismissed'; reason: string; by: string; at: string };
  recordedBy: string;
  recordedAt: string;
}

export interface BureauPublicity {
  roundId: string;
  status: string;
  period: PeriodView;
  entries: Array<Omit<PublicEntry, 'no'> & { nominationId: string; objections: number; upheld: boolean }>;
  objections: Objection[];
  pending: number;
  awaitingObjections: boolean;
}

export const OBJECTION_STATUS_ZH: Record<Objection['status'], string> = { pending: '待核查', upheld: '异议成立', dismissed: '异议不成立' };

const enc = encodeURIComponent;

export const publicityApi = {
  bureau: (api: ApiClient, roundId: string) => api.request<BureauPublicity>('GET', `/rounds/${enc(roundId)}/objections`),
  record: (api: ApiClient, roundId: string, body: ObjectionRequest) => api.request<{ objection: Objection }>('POST', `/rounds/${enc(roundId)}/objections`, body),
  resolve: (api: ApiClient, roundId: string, objectionId: string, body: ResolveRequest) =>
    api.request<{ objection: Objection; pending: number; resumed: boolean }>('PUT', `/rounds/${enc(roundId)}/objections/${enc(objectionId)}`, body),
};

/** The public page's data: no token, nobody signed in. */
export async function fetchPublicPublicity(apiBaseUrl: string, roundId: string): Promise<PublicPublicity> {
  let res: Response;
  try {
    res = await fetch(`${apiBaseUrl}/publicity/${enc(roundId)}`, { cache: 'no-store' });
  } catch {
    throw new ApiError(0, undefined);
  }
  const text = await res.text();
  if (!res.ok) {
    let body: ApiErrorBody | undefined;
    try {
      body = JSON.parse(text) as ApiErrorBody;
    } catch {
      body = undefined;
    }
    throw new ApiError(res.status, body?.error ? body : undefined);
  }
  return (JSON.parse(text) as { publicity: PublicPublicity }).publicity;
}
