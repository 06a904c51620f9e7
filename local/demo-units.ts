// The demo district's units in the unit registry, for a console whose sign-in picker offers
// them: a demo school can then take an upload link (links go to registered units only).
import { generateDistrict } from '../demo/district';
import { DEMO_SEED } from './console';
import type { LocalIssuer } from './gateway/jwt';

/**
 * Registers every unit of the demo district through the API (PUT /units/{code}, as the
 * bureau would), a few at a time. A unit already registered is left as the bureau set it:
 * the registry is the bureau's, a restart with --persist must not overwrite its edits.
 */
export async function registerDemoUnits(apiUrl: string, issuer: LocalIssuer, seed = DEMO_SEED): Promise<number> {
  const token = await issuer.mint({ sub: 'local-demo-bureau', username: 'demo-bureau', groups: ['bureau'] }, 600);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listed = await fetch(`${apiUrl}/units?limit=1000`, { headers });
  if (!listed.ok) throw new Error(`GET /units → ${listed.status}`);
  const known = new Set(((await listed.json()) as { units: Array<{ code: string }> }).units.map((u) => u.code));
  const missing = generateDistrict(seed).filter((u) => !known.has(u.code));
  for (let i = 0; i < missing.length; i += 6) {
    await Promise.all(missing.slice(i, i + 6).map(async (u) => {
      const res = await fetch(`${apiUrl}/units/${u.code}`, { method: 'PUT', headers, body: JSON.stringify({ name: u.name, type: u.type, orgDeptManaged: false, contacts: [demoContact(u.code)] }) });
      if (!res.ok) throw new Error(`PUT /units/${u.code} → ${res.status}: ${await res.text()}`);
    }));
  }
  return missing.length;
}

/**
 * Each demo unit's contact: an e-mail under a reserved domain (example.cn), so the outbox shows
 * what a unit would have been sent (locally an e-mail is only recorded, never sent).
 */
function demoContact(code: string): { name: string; role: string; email: string } {
  return { name: '人事干部', role: '组织人事', email: `renshi.${code.toLowerCase()}@example.cn` };
}
