import { useEffect, useState } from 'react';
import type { ApiClient } from './api';
import { units as listUnits, type Unit } from './pool';

/**
 * The bureau's unit registry (GET /units): names and types by code, fetched once per sign-in
 * and shared by the pool's pages, so a unit is always shown by its Chinese name.
 */
const cache = new WeakMap<ApiClient, Promise<Unit[]>>();

export function useRegistry(api: ApiClient): { units: Unit[]; byCode: Map<string, Unit>; name(code: string): string } {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    let p = cache.get(api);
    if (!p) {
      p = listUnits(api).catch(() => [] as Unit[]);
      cache.set(api, p);
    }
    void p.then((u) => live && setUnits(u));
    return () => { live = false; };
  }, [api]);
  const byCode = new Map(units.map((u) => [u.code, u]));
  return { units, byCode, name: (code: string) => byCode.get(code)?.name ?? code };
}
