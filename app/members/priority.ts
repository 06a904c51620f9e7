import type { Member } from '../../domain/membership';
import { matchesPriority, needs, type PriorityFacts, type PriorityQuery } from '../../domain/membership/priority';
import { parseNominationForm } from '../../domain/form/parse';
import type { NominationForm } from '../../domain/form/schema';
import type { UnitType } from '../../domain/policy/schema';
import { talkObligations } from '../../domain/talks';
import type { UseCaseContext } from '../ports';
import type { MemberSnapshot } from '../ports/members';
import { domainEvents } from './append-event';

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
  const unitTypes = new Map<string, UnitType>();
  if (need.unitType) {
    for (const code of new Set(members.map((m) => m.unitCode))) {
      const u = await ctx.repos.units.get(code);
      if (u) unitTypes.set(code, u.type);
    }
  }
  const out: MemberSnapshot<Member>[] = [];
  for (const s of members) {
    const m = s.state;
    if (!m || s.tier === null) continue;
    const form = need.form || (need.unitType && !unitTypes.has(s.unitCode)) ? await admissionForm(ctx, s) : undefined;
    const facts: PriorityFacts = {
      tier: s.tier,
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
    if (need.talks) {
      const events = await ctx.repos.members.events(s.personId);
      facts.talkOverdue = talkObligations(domainEvents(events), [], q.asOf, ctx.policy).overdue;
    }
    if (matchesPriority(q, facts, ctx.policy)) out.push(s);
  }
  return out;
}

/** The form of the nomination the member was admitted from (the round's person claim names it). */
export async function admissionForm(ctx: Pick<UseCaseContext, 'repos'>, s: MemberSnapshot<Member>): Promise<NominationForm | undefined> {
  const roundId = s.state.roundId ?? s.state.cohortId;
  const claim = await ctx.repos.personClaims.get(roundId, s.personId);
  if (!claim) return undefined;
  const n = await ctx.repos.nominations.get(roundId, claim.nominationId);
  if (!n?.form) return undefined;
  const parsed = parseNominationForm(n.form);
  return parsed.ok ? parsed.value : undefined;
}
