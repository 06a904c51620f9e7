import type { Member } from '../../domain/membership';
import { matchesPriority, needs, type PriorityFacts, type PriorityQuery } from '../../domain/membership/priority';
import { parseNominationForm } from '../../domain/form/parse';
import type { NominationForm } from '../../domain/form/schema';
import type { UnitType } from '../../domain/policy/schema';
import { talkObligations } from '../../domain/talks';
import type { Tier } from '../../domain/tier';
import { ROUND_ID_PATTERN } from '../../contracts/ids';
import { mapBounded } from '../bounded';
import type { UseCaseContext } from '../ports';
import type { MemberSnapshot } from '../ports/members';
import { knownEvents } from './append-event';
import { termEvents } from './term-log';

/**
 * C-PRIORITY queries over the pool: gathers, for each member, only the facts the query asks
 * about — the admission nomination's form (birth date, honours, unit type) through the
 * round's person claim, the unit's type from the registry, the talk obligations from the
 * member's history — and filters with the domain's rule (domain/membership/priority.ts).
 * A member admitted without a round's nomination (an import) has no form here: a filter on
 * age or honours does not match them, never a guess.
 */
export async function queryPriority(
  ctx: Pick<UseCaseContext, 'repos' | 'policy'>,
  members: readonly MemberSnapshot<Member>[],
  q: PriorityQuery,
  warned: (m: MemberSnapshot<Member>) => boolean,
): Promise<MemberSnapshot<Member>[]> {
  const need = needs(q);
  const inPool = members.filter((s) => s.state !== undefined && s.tier !== null);
  // The facts a query needs, read for every member at once — a few reads at a time
  // (mapBounded), each unit once — rather than one member after another.
  const unitTypes = new Map<string, UnitType>();
  if (need.unitType) {
    const codes = [...new Set(inPool.map((m) => m.unitCode))];
    const units = await mapBounded(codes, (code) => ctx.repos.units.get(code));
    units.forEach((u, i) => { if (u) unitTypes.set(codes[i] as string, u.type); });
  }
  const forms = await mapBounded(inPool, (s) => (need.form || (need.unitType && !unitTypes.has(s.unitCode)) ? admissionForm(ctx, s) : Promise.resolve(undefined)));
  const overdue = need.talks
    ? await mapBounded(inPool, async (s) => talkObligations(knownEvents(await termEvents(ctx.repos.members, s)), [], q.asOf, ctx.policy).overdue)
    : undefined;
  const out: MemberSnapshot<Member>[] = [];
  for (const [i, s] of inPool.entries()) {
    const m = s.state;
    const form = forms[i];
    const facts: PriorityFacts = {
      tier: s.tier as Tier,
      unit: s.unitCode,
      termStart: m.termStart,
      warned: warned(s),
      recommended: m.recommendations.length > 0,
    };
    const unitType = unitTypes.get(s.unitCode) ?? form?.unit.type;
    if (unitType !== undefined) facts.unitType = unitType;
    if (form) {
      facts.birthDate = form.candidate.birthDate;
      facts.honours = form.candidate.honours;
    }
    if (overdue) facts.talkOverdue = overdue[i] as boolean;
    if (matchesPriority(q, facts, ctx.policy)) out.push(s);
  }
  return out;
}

/** The form of the nomination the member was admitted from (the round's person claim names it). */
export async function admissionForm(ctx: Pick<UseCaseContext, 'repos'>, s: MemberSnapshot<Member>): Promise<NominationForm | undefined> {
  const roundId = s.state.roundId ?? s.state.cohortId;
  // Person claims are kept under round ids only: a cohort that is not one (an import's,
  // S-ORGLIST-… / X-LEGACY-…, the demo district's whole pool) has no claim to read.
  if (!ROUND_ID_PATTERN.test(roundId)) return undefined;
  const claim = await ctx.repos.personClaims.get(roundId, s.personId);
  if (!claim) return undefined;
  const n = await ctx.repos.nominations.get(roundId, claim.nominationId);
  if (!n?.form) return undefined;
  const parsed = parseNominationForm(n.form);
  return parsed.ok ? parsed.value : undefined;
}
