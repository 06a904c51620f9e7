import type { ApiClient } from './api';
import type { Tier } from './types';

/**
 * The bureau's pool, members, talks and reviews as the API answers them (functions/api/pool.ts,
 * talks.ts, reviews.ts, units.ts, audit.ts); only the fields the console shows. The calls go
 * through the one client (its errors keep the API's problems with their field paths).
 */
export interface Warning { code: string; clause: string; zh: string; en: string }

export interface PoolMember {
  personId: string;
  name?: string;
  unit: string;
  tier: Tier;
  cohort: string;
  termStart: string;
  termEnd: string;
  status: string;
  holdsSeat: boolean;
  source: string;
  roundId?: string;
  warnings: Warning[];
  lastGrade: { year: number; review: string; grade: string; score?: number } | null;
  talks: number;
  trainings: number;
  trainingHours: number;
  rotations: number;
}

export interface TierSeats { tier: Tier; cap: number; held: number; free: number; name: { zh: string } }

export interface Pool {
  asOf: string;
  tiers: TierSeats[];
  members: PoolMember[];
  warnings: Array<Warning & { personId: string; name?: string; unit: string; tier: Tier }>;
}

export interface PoolQuery {
  tier?: string;
  unit?: string;
  unitType?: string;
  maxAge?: string;
  honourAtLeast?: string;
  termYear?: string;
  flag?: string;
}

export interface MemberEvent { at: string; seq: number; type: string; clause?: string; payload: Record<string, unknown>; recordedAt?: string; actor?: string }

export interface MemberDetail {
  asOf: string;
  member: PoolMember & {
    since?: string;
    assessments: Array<{ year: number; review: string; grade: string; on: string; score?: number }>;
    appointments: Array<Record<string, unknown>>;
    veto?: Record<string, unknown>;
    exit?: Record<string, unknown>;
  };
  events: MemberEvent[];
  dueTalks: { mustTalks: Array<{ trigger: string; due: string; overdue: boolean; organisational: boolean }>; overdue: boolean };
}

export interface AuditEntry { at: string; actor: string; action: string; clause?: string; details: Record<string, unknown> }

export interface TalkDue {
  member: { personId: string; name?: string; unit: string; tier: Tier; status: string };
  trigger: string;
  triggeredOn: string;
  due: string;
  overdue: boolean;
  organisational: boolean;
  clause: string;
  zh: string;
}

export interface TalksDue { asOf: string; counts: { total: number; overdue: number }; talks: TalkDue[] }

export interface Unit { code: string; name: string; type: string; orgDeptManaged: boolean }

export interface ReviewOutcome { personId: string; name?: string; unitCode: string; tier: Tier; reviewKind: string; kind: string; clause: string; zh: string; rank?: number; n?: number; applied?: boolean }

export interface Review {
  reviewId: string;
  status: string;
  reviewDate: string;
  year: number;
  windowClosesAt?: string;
  confirmationDueBy?: string;
  cohorts?: Array<{ cohortId: string; year: number; kind: string }>;
  expected?: number;
  proposals?: number;
  confirmation?: { by?: string; at?: string; changes?: Array<{ personId: string; outcome: string; reason: string }> | number };
  summary?: { perTier: Record<string, Record<string, number>>; dueTalks: number; changed?: number };
  outcomes?: ReviewOutcome[];
}

export interface ProposalMember {
  personId: string;
  name?: string;
  unitCode: string;
  tier: Tier;
  proposal: { kind: string; clause: string; zh: string; rank?: number; n?: number };
  assessment: { grade: string; score?: number } | null;
  allowed: string[];
  applied?: boolean;
  outcome?: { kind: string; zh: string };
}

export interface Proposals {
  reviewId: string;
  status: string;
  confirmationDueBy?: string;
  proposals: number;
  cohorts: Array<{ cohortId: string; reviewKind: string; members: ProposalMember[] }>;
}

const enc = encodeURIComponent;

export function poolPath(q: PoolQuery = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return `/pool${s ? `?${s}` : ''}`;
}

export const pool = (api: ApiClient, q?: PoolQuery) => api.request<Pool>('GET', poolPath(q));
export const member = (api: ApiClient, personId: string) => api.request<MemberDetail>('GET', `/pool/members/${enc(personId)}`);
export async function memberAudit(api: ApiClient, personId: string): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await api.request<{ entries: AuditEntry[]; cursor?: string }>('GET', `/pool/members/${enc(personId)}/audit${cursor ? `?cursor=${enc(cursor)}` : ''}`);
    all.push(...r.entries);
    cursor = r.cursor;
    if (!cursor) break;
  }
  return all;
}
export const talksDue = (api: ApiClient) => api.request<TalksDue>('GET', '/talks/due');
export async function units(api: ApiClient): Promise<Unit[]> {
  const all: Unit[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await api.request<{ units: Unit[]; cursor?: string }>('GET', `/units${cursor ? `?cursor=${enc(cursor)}` : ''}`);
    all.push(...r.units);
    cursor = r.cursor;
    if (!cursor) break;
  }
  return all;
}
export const reviews = async (api: ApiClient) => (await api.request<{ reviews: Review[] }>('GET', '/reviews')).reviews;
export interface ReviewDetail {
  review: Review;
  outcomes: Array<{ personId: string; name?: string; unitCode: string; tier: Tier; reviewKind: string; applied?: boolean; outcome: { kind: string; clause: string; zh: string; rank?: number; n?: number } }>;
  missing: Array<{ personId: string; name?: string; unit: string; tier: Tier }>;
  assessments: Array<{ personId: string; grade: string; score?: number }>;
}
export const review = (api: ApiClient, id: string) => api.request<ReviewDetail>('GET', `/reviews/${enc(id)}`);
export const proposals = (api: ApiClient, id: string) => api.request<Proposals>('GET', `/reviews/${enc(id)}/proposals`);
export const confirm = (api: ApiClient, id: string, body: { changes: Array<{ personId: string; outcome: string; reason: string }>; note?: string }) =>
  api.request<Record<string, unknown>>('POST', `/reviews/${enc(id)}/confirmation`, body);
export const record = (api: ApiClient, personId: string, kind: 'talks' | 'training' | 'rotations' | 'vetoes' | 'renewals', body: unknown) =>
  api.request<Record<string, unknown>>('POST', `/pool/members/${enc(personId)}/${kind}`, body);
export const appoint = (api: ApiClient, body: unknown) => api.request<Record<string, unknown>>('POST', '/appointments', body);

export interface XUseReport { from: string; to: string; total: number; fromPool: number; share: number | null; greaterPart: boolean; zh: string }
export const xUse = (api: ApiClient, from: string, to: string) => api.request<XUseReport>('GET', `/reports/x-use?from=${enc(from)}&to=${enc(to)}`);
