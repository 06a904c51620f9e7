import { benchEligibility } from './eligibility';
import { benchSelection } from './selection';
import { benchBundles } from './bundles';
import { benchLocal } from './local';
import { benchConsole } from './console';
import { benchProvince } from './province';
import { benchBallot } from './ballot';
import { benchDashboard } from './dashboard';
import { benchDashboardApi } from './dashboard-api';

/**
 * `npm run bench`: prints measured figures. Benchmarks measure; they assert nothing (the
 * test suite does not time anything). Each section runs on its own so one failing does not
 * hide the rest.
 */
const sections: Array<[string, () => Promise<Record<string, string | number>>]> = [
  ['Eligibility verdicts (domain, one core)', benchEligibility],
  ['Score, rank and select 10,000 nominations (domain)', benchSelection],
  ['Lambda bundles and cold import', benchBundles],
  ['Web console (Vite build): initial JS and page chunks', benchConsole],
  ['Bureau dashboard\'s API reads: talks due and age queries on the demo district (105 members)', benchDashboardApi],
  ['Bureau dashboard in Chromium: the demo district (105 members)', benchDashboard],
  ['Local end to end (HTTP): latency, round transitions, demo', benchLocal],
  // A few minutes at 3,000 units (`npm run bench ballot` alone; BENCH_BALLOT_UNITS scales it).
  ['民主推荐 at scale: a round\'s ballots tallied in batches by the machine (embedded default)', benchBallot],
  // Last: it takes tens of minutes on this 2-core machine (`npm run bench province` alone).
  ['A province-scale round: 30,000 nominations from 3,000 units (embedded default)', benchProvince],
];

const only = process.argv.slice(2);
let failed = false;
for (const [title, fn] of sections) {
  if (only.length && !only.some((o) => title.toLowerCase().includes(o.toLowerCase()))) continue;
  console.log(`\n## ${title}`);
  try {
    const figures = await fn();
    const width = Math.max(...Object.keys(figures).map((k) => k.length));
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
  } catch (e) {
    failed = true;
    console.log(`  failed: ${(e as Error).message}`);
  }
}
process.exitCode = failed ? 1 : 0;
