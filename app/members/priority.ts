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
  const wantsForm = (s: MemberSnapshot<Member>) => need.form || (need.unitType && !unitTypes.has(s.unitCode));
  const forms = await admissionForms(ctx, inPool.filter(wantsForm));
  const overdue = need.talks
    ? await mapBounded(inPool, async (s) => talkObligations(knownEvents(await termEvents(ctx.repos.members, s)), [], q.asOf, ctx.policy).overdue)
    : undefined;
  const out: MemberSnapshot<Member>[] = [];
  for (const [i, s] of inPool.entries()) {
    const m = s.state;
    const form = forms.get(s.personId);
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

/** The round a member's admission form is filed under, if any (claims are kept under round ids only). */
function admissionRound(s: MemberSnapshot<Member>): string | undefined {
  const roundId = s.state.roundId ?? s.state.cohortId;
  // A cohort that is not a round's (an import's, S-ORGLIST-… / X-LEGACY-…: the demo district's
  // filed pool) has no claim to read.
  return ROUND_ID_PATTERN.test(roundId) ? roundId : undefined;
}

/**
 * The admission forms of many members at once (C-PRIORITY over the pool): each round's person
 * claims in one query (a round's claims are one partition of small items), then the claimed
 * nominations a few at a time (mapBounded). The same forms as admissionForm, member by member.
 */
export async function admissionForms(ctx: Pick<UseCaseContext, 'repos'>, members: readonly MemberSnapshot<Member>[]): Promise<Map<string, NominationForm>> {
  const byRound = new Map<string, MemberSnapshot<Member>[]>();
  for (const s of members) {
    const roundId = admissionRound(s);
    if (roundId !== undefined) byRound.set(roundId, [...(byRound.get(roundId) ?? []), s]);
  }
  const wanted: Array<{ personId: string; roundId: string; nominationId: string }> = [];
  for (const [roundId, inRound] of byRound) {
    const claims = new Map((await ctx.repos.personClaims.listRound(roundId)).map((c) => [c.personId, c.nominationId]));
    for (const s of inRound) {
      const nominationId = claims.get(s.personId);
      if (nominationId !== undefined) wanted.push({ personId: s.personId, roundId, nominationId });
    }
  }
  const forms = await mapBounded(wanted, async (w) => formOf(await ctx.repos.nominations.get(w.roundId, w.nominationId)));
  const out = new Map<string, NominationForm>();
  wanted.forEach((w, i) => { const f = forms[i]; if (f) out.set(w.personId, f); });
  return out;
}

function formOf(n: { form?: unknown } | undefined): NominationForm | undefined {
  if (!n?.form) return undefined;
  const parsed = parseNominationForm(n.form);
  return parsed.ok ? parsed.value : undefined;
}

/** The form of the nomination the member was admitted from (the round's person claim names it). */
export async function admissionForm(ctx: Pick<UseCaseContext, 'repos'>, s: MemberSnapshot<Member>): Promise<NominationForm | undefined> {
  const roundId = admissionRound(s);
  if (roundId === undefined) return undefined;
  const claim = await ctx.repos.personClaims.get(roundId, s.personId);
  if (!claim) return undefined;
  return formOf(await ctx.repos.nominations.get(roundId, claim.nominationId));
}
