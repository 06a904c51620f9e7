import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decideEligibility } from '../domain/eligibility/verdict';
import { parseNominationForm } from '../domain/form/parse';
import type { NominationForm } from '../domain/form/schema';
import { TIERS } from '../domain/tier';

/**
 * Verdicts per second over already-parsed forms, on one core: the fixture forms (every tier,
 * source and unit type the plan names), each judged against all three tiers, at varying
 * reference dates. Parsing is outside the timed loop.
 */
export async function benchEligibility(): Promise<Record<string, string | number>> {
  const dir = fileURLToPath(new URL('../tests/fixtures/forms/', import.meta.url));
  const forms: NominationForm[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    try {
      const r = parseNominationForm(JSON.parse(readFileSync(dir + name, 'utf8')));
      if (r.ok) forms.push(r.value);
    } catch {
      // the deliberately broken fixtures
    }
  }
  const dates = ['2026-04-01', '2026-09-01', '2027-03-01'];
  const cases = forms.flatMap((form) => TIERS.flatMap((tier) => dates.map((asOf) => ({ form, tier, asOf }))));

  let sink = 0;
  const runFor = (ms: number): { n: number; elapsed: number } => {
    const start = performance.now();
    let n = 0;
    let elapsed = 0;
    while (elapsed < ms) {
      for (const c of cases) if (decideEligibility(c.form, { asOf: c.asOf, tier: c.tier }).eligible) sink++;
      n += cases.length;
      elapsed = performance.now() - start;
    }
    return { n, elapsed };
  };
  runFor(300); // warm-up
  sink = 0;
  const { n, elapsed } = runFor(1500);
  return {
    'eligibility.verdictsPerSecond': Math.round((n / elapsed) * 1000),
    'eligibility.verdicts': n,
    'eligibility.ms': Math.round(elapsed),
    'eligibility.distinctCases': cases.length,
    /** Share of eligible verdicts in the mix (a mix of passes and failures is what is timed). */
    'eligibility.eligibleShare': Number((sink / n).toFixed(3)),
  };
}
