import type { ApiClient } from './api';
import type { Nomination, Tier } from './types';

/**
 * The bureau's administrative calls (functions/api/nominations.ts putScores, units.ts,
 * imports.ts): entered scores, the unit registry, filed-list imports. Only the fields the
 * console shows; errors keep the API's problems with their field paths (ApiError).
 */
const enc = encodeURIComponent;

export type ScoredNomination = Nomination & { enteredScores?: Record<string, number> };

export function putScores(api: ApiClient, roundId: string, nominationId: string, components: Record<string, number>) {
  return api.request<{ nomination: ScoredNomination }>('PUT', `/rounds/${enc(roundId)}/nominations/${enc(nominationId)}/scores`, { components });
}

export interface UnitContact { name: string; role?: string; phone?: string; email?: string; wecomWebhook?: string; dingtalkWebhook?: string; wecomSecret?: string; dingtalkSecret?: string }

export interface RegistryUnit {
  code: string;
  name: string;
  type: string;
  typeName?: { zh: string; en: string } | string;
  orgDeptManaged: boolean;
  group?: string;
  contacts: UnitContact[];
  updatedAt?: string;
}

export async function listRegistry(api: ApiClient): Promise<RegistryUnit[]> {
  const all: RegistryUnit[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await api.request<{ units: RegistryUnit[]; cursor?: string }>('GET', `/units${cursor ? `?cursor=${enc(cursor)}` : ''}`);
    all.push(...r.units);
    cursor = r.cursor;
    if (!cursor) break;
  }
  return all;
}

export function putUnit(api: ApiClient, code: string, body: Omit<RegistryUnit, 'code' | 'typeName' | 'updatedAt'>) {
  return api.request<{ unit: RegistryUnit; created: boolean }>('PUT', `/units/${enc(code)}`, body);
}

export type ImportSource = 'org-dept-list' | 'legacy-young-cadre';

export interface ImportAnswer {
  recorded?: boolean;
  importId?: string;
  entries: Array<{
    index: number; personId: string; name: string; unit: string; tier: Tier; seat?: string;
    status: 'filed' | 'already-filed';
    verdict: { tier: Tier; eligible: boolean; reasons: Array<{ clause: string; rule: string; ok: boolean; message: string }> };
  }>;
}

export function postImport(api: ApiClient, body: { source: ImportSource; on: string; documentNo: string; entries: unknown[] }) {
  return api.request<ImportAnswer>('POST', '/pool/imports', body);
}

/** contracts/api.ts MAX_IMPORT_ENTRIES (copied: that module brings zod into the bundle). */
export const MAX_IMPORT = 200;
