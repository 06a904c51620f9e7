import { ROUND_ID_PATTERN, UNIT_CODE_PATTERN } from './ids';

/**
 * Where a school's upload lands: `rounds/{roundId}/units/{unitCode}/{file}`. The API's
 * presigned POST is confined to exactly such a key (for the caller's own unit), and intake
 * reads round and unit back from it — the one place both agree on.
 */
const inner = (p: RegExp) => p.source.replace(/^\^/, '').replace(/\$$/, '');
const KEY = new RegExp(`^rounds/(${inner(ROUND_ID_PATTERN)})/units/(${inner(UNIT_CODE_PATTERN)})/([^/]{1,200})$`);

export function uploadKey(roundId: string, unitCode: string, file: string): string {
  return `rounds/${roundId}/units/${unitCode}/${file}`;
}

/** The round, unit and file name of an upload key, or null when it is not one. */
export function parseUploadKey(key: string): { roundId: string; unitCode: string; file: string } | null {
  const m = KEY.exec(key);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  if (m[3] === '.' || m[3] === '..') return null;
  return { roundId: m[1], unitCode: m[2], file: m[3] };
}
