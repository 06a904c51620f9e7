import { useEffect, useState } from 'react';
import { useSession } from './session';
import type { Identity } from './types';

/**
 * Unit code → Chinese name. The API has no unit registry yet (GET /units is planned), so
 * the console reads the names from the sign-in identities (the demo district); an unknown
 * code is shown as itself.
 */
let cache: Promise<Map<string, string>> | undefined;

export function useUnitNames(): Map<string, string> {
  const { config } = useSession();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  // Only the local sign-in has the identities list; signed in by OIDC, codes are shown as they are.
  const identitiesUrl = config.signIn.mode === 'local' ? config.signIn.identitiesUrl : undefined;
  useEffect(() => {
    let live = true;
    if (!identitiesUrl) return;
    cache ??= fetch(identitiesUrl, { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ identities: Identity[] }>) : { identities: [] }))
      .then((b) => new Map(b.identities.filter((i) => i.unit).map((i) => [i.unit as string, i.name])))
      .catch(() => new Map<string, string>());
    void cache.then((m) => live && setNames(m));
    return () => { live = false; };
  }, [identitiesUrl]);
  return names;
}
