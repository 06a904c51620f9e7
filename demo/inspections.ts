import { arr, isObj, obj, optNum, optStr } from './json';

/** The round's 考察对象 as the bureau reads them (GET /rounds/{roundId}/inspections). */
export interface InspectionTier {
  tier: number;
  quota: number;
  candidates: { nominationId: string; name?: string; unit: string; rank: number | null; recorded: boolean; result?: string; score?: number }[];
}

export interface InspectionsView {
  status?: string;
  tiers: InspectionTier[];
  counts: { shortlisted: number; recorded: number; missing: number };
}

export function readInspections(body: unknown): InspectionsView {
  const b = obj(body, 'inspections');
  const counts = obj(b.counts, 'inspections.counts');
  return {
    ...(optStr(b.status) ? { status: optStr(b.status) } : {}),
    tiers: arr(b.tiers, 'inspections.tiers').filter(isObj).map((t) => ({
      tier: optNum(t.tier) ?? 0,
      quota: optNum(t.quota) ?? 0,
      candidates: arr(t.candidates, 'inspections.tiers[].candidates').filter(isObj).map((c) => {
        const record = isObj(c.record) ? c.record : undefined;
        return {
          nominationId: String(c.nominationId),
          ...(optStr(c.name) ? { name: optStr(c.name) } : {}),
          unit: optStr(c.unit) ?? '',
          rank: optNum(c.rank) ?? null,
          recorded: record !== undefined,
          ...(optStr(record?.result) ? { result: optStr(record?.result) } : {}),
          ...(optNum(record?.score) !== undefined ? { score: optNum(record?.score) } : {}),
        };
      }),
    })),
    counts: { shortlisted: optNum(counts.shortlisted) ?? 0, recorded: optNum(counts.recorded) ?? 0, missing: optNum(counts.missing) ?? 0 },
  };
}
