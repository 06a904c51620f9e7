import type { ApiClient } from './api';
import type { InspectionView } from '../../app/selection/inspection/list';
import type { InspectionBody } from '../../contracts/inspection';

/**
 * 考察 (S-INSPECT) calls: the 考察对象 and their records, one record, the close. The view and
 * the body are the very types the API writes and parses (types only: nothing of zod or the app
 * reaches the bundle).
 */
const enc = encodeURIComponent;

export type { InspectionView, InspectionBody };
export type InspectionCandidate = InspectionView['tiers'][number]['candidates'][number];

export function getInspections(api: ApiClient, roundId: string) {
  return api.request<InspectionView>('GET', `/rounds/${enc(roundId)}/inspections`);
}

export function putInspection(api: ApiClient, roundId: string, nominationId: string, body: InspectionBody) {
  return api.request<{ inspection: NonNullable<InspectionCandidate['record']> }>('PUT', `/rounds/${enc(roundId)}/inspections/${enc(nominationId)}`, body);
}

export function closeInspection(api: ApiClient, roundId: string, note?: string) {
  return api.request<{ closedAt: string; shortlisted: number }>('POST', `/rounds/${enc(roundId)}/inspections/close`, note ? { note } : {});
}
