import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../contracts/views';
import { ROUTE_KEYS } from '../../functions/api/router';
import { EXPORT_ROUTE_KEYS } from '../../functions/exports/routes';
import { PUBLIC_ROUTE_KEYS } from '../../functions/public/routes';
import { SELECTION_ROUTE_KEYS } from '../../functions/selection/routes';

describe('ANSWERS: a success schema for every route', () => {
  it('has exactly the routes of the API, selection, public and exports functions', () => {
    expect(Object.keys(ANSWERS).sort()).toEqual([...ROUTE_KEYS, ...SELECTION_ROUTE_KEYS, ...PUBLIC_ROUTE_KEYS, ...EXPORT_ROUTE_KEYS].sort());
  });

  it('names at least one 2xx status per route, and JSON for all but the workbook template', () => {
    for (const [key, a] of Object.entries(ANSWERS)) {
      expect(a.status.length, key).toBeGreaterThan(0);
      for (const s of a.status) expect(s >= 200 && s < 300, `${key} ${s}`).toBe(true);
      expect(a.media === 'application/json', key).toBe(key !== 'GET /template');
    }
  });
});
