import type { ImportBody } from '../../contracts/api';
import { beijingDate } from '../../domain/dates';
import { decideEligibility } from '../../domain/eligibility/verdict';
import type { Verdict } from '../../domain/eligibility/types';
import { parseNominationForm } from '../../domain/form/parse';
import type { NominationForm } from '../../domain/form/schema';
import type { MemberEventInput } from '../../domain/membership/events';
import {
  duplicatePersonProblems, filedEntryProblems, IMPORT_CLAUSE, importIdOf, overCap, overCapProblems, type FiledUnit, type TierShortfall,
} from '../../domain/membership/filed';
import type { Member } from '../../domain/membership/member';
import { applyMemberEvent } from '../../domain/membership/reducer';
import { policyRef } from '../../domain/policy/schema';
import { boundedProblems, problem, type Problem } from '../../domain/problem';
import { TIERS, type Tier } from '../../domain/tier';
import { CapReached, Conflict, Unprocessable, ValidationError } from '../errors';
import type { UseCaseContext } from '../ports';
import { reconcileSeat } from './seat-reconcile';
import { writeMemberEvents } from './write-events';

/**
 * POST /pool/imports (S-ORGLIST 三(三), X-LEGACY 六(一)): the District Organization
 * Department's filed list for the units it manages, or the former outstanding young cadres
 * (tier 2 only). Imported, not selected (DESIGN §2 *Filed lists*):
 *
 * - every entry is parsed as a form v1 (problems at `entries.{i}.…`); one malformed entry
 *   refuses the whole import (400), nothing written;
 * - the rules of the path (domain/membership/filed.ts): the form's source, X-LEGACY tier 2
 *   only, a registered unit and for S-ORGLIST one the Department manages; the same person
 *   twice; a person already in the pool or removed (the reducer's dry run) — 422
 *   IMPORT_REFUSED, nothing written;
 * - each entry **enters its tier as filed**: an `admitted` event with the path's source and
 *   clause, dated `on`, cohort = the import id; never ranked by a round. Its eligibility
 *   verdict is computed on `on` and returned (and kept in the audit entry) for information:
 *   an ineligible entry is still filed, with its verdict;
 * - caps hold (T-CAP): free seats are counted first and an import past a cap is refused
 *   whole (422 IMPORT_OVER_CAP naming the tier, its free seats and the entries); then seats
 *   are claimed one by one, and a claim that fails midway (a concurrent admission took the
 *   last seats) gives back every seat this import claimed and answers the same refusal.
 *
 * - a person admitted elsewhere between the check and the write (a race) refuses the import
 *   whole as well (409 IMPORT_RACE): the entries already filed are withdrawn
 *   (`import-withdrawn`), every seat given back, nothing imported.
 *
 * The same import posted again (same source, date and document) files nobody twice: the
 * entries already filed by it are answered `already-filed`; entries it filed and withdrew
 * (a race) are filed again.
 */
export interface ImportCommand {
  body: ImportBody;
  by: { username: string; actor: string };
  now: Date;
}

export interface ImportedEntry {
  index: number;
  personId: string;
  name: string;
  unit: string;
  tier: Tier;
  seat?: string;
  status: 'filed' | 'already-filed';
  /** For information only: the entry is filed whatever it says. */
  verdict: Verdict;
}

export interface ImportResult {
  /** False when every entry had already been filed by this very import. */
  recorded: boolean;
  importId: string;
  source: ImportBody['source'];
  clause: 'S-ORGLIST' | 'X-LEGACY';
  on: string;
  documentNo: string;
  counts: { entries: number; filed: number; alreadyFiled: number; ineligible: number };
  entries: ImportedEntry[];
}

interface Entry {
  index: number;
  form: NominationForm;
  personId: string;
  event: MemberEventInput & { type: 'admitted' };
  already: boolean;
}

export async function importFiled(deps: UseCaseContext, cmd: ImportCommand): Promise<ImportResult> {
  const { body } = cmd;
  const { members, seats, units } = deps.repos;
  const clause = IMPORT_CLAUSE[body.source];
  const importId = importIdOf(body);
  const today = beijingDate(cmd.now);
  if (body.on > today) {
    throw new ValidationError([problem('RECORD_DATE_FUTURE', 'on', `「on」${body.on} 晚于今天（${today}），只能登记已备案的名单`, `on ${body.on} is after today (${today}): file what has been filed`)]);
  }

  // 1. Every entry a form v1; one malformed entry refuses the whole import.
  const forms: NominationForm[] = [];
  const malformed: Problem[] = [];
  body.entries.forEach((input, i) => {
    const r = parseNominationForm(input);
    if (r.ok) forms.push(r.value);
    else malformed.push(...r.problems.map((p) => ({ ...p, path: p.path === '' ? `entries.${i}` : `entries.${i}.${p.path}` })));
  });
  if (malformed.length > 0) throw new ValidationError(boundedProblems(malformed), '导入名单中有不合格的推荐表，整批未导入', 'an entry of the import is malformed; nothing imported');

  // 2. The path's rules, the registry, the pool: all checked before anything is written.
  const personIds = forms.map((f) => deps.personIdOf(f.candidate.idNumber));
  const registry = new Map<string, FiledUnit | undefined>();
  for (const code of new Set(forms.map((f) => f.unit.code))) registry.set(code, await units.get(code));
  const problems: Problem[] = [
    ...forms.flatMap((f, i) => filedEntryProblems(body.source, f, registry.get(f.unit.code), i)),
    ...duplicatePersonProblems(personIds),
  ];
  const entries: Entry[] = [];
  for (const [i, form] of forms.entries()) {
    const personId = personIds[i] as string;
    const event: Entry['event'] = {
      type: 'admitted', on: body.on, clause, personId, tier: form.tier, unit: form.unit.code, cohortId: importId,
      termStart: body.on, source: body.source, policyRef: policyRef(deps.policy),
    };
    const current = (await members.get<Member>(personId))?.state;
    const already = current !== undefined && current.cohortId === importId && current.holdsSeat;
    if (!already) {
      const dryRun = applyMemberEvent(current, event, deps.policy);
      if (!dryRun.ok) problems.push(...dryRun.problems.map((p) => ({ ...p, path: `entries.${i}` })));
    }
    entries.push({ index: i, form, personId, event, already });
  }
  if (problems.length > 0) {
    throw new Unprocessable('IMPORT_REFUSED', '导入名单不符合规定，整批未导入', 'the import breaks the plan\'s rules; nothing imported', {
      clause, problems: boundedProblems(problems),
    });
  }

  // 3. Caps (T-CAP): count the free seats first; past a cap, refused whole.
  const toFile = entries.filter((e) => !e.already);
  const tiers = new Set(toFile.map((e) => e.form.tier));
  for (const tier of tiers) {
    const cap = deps.policy.tiers[tier].cap;
    if ((await seats.list(tier)).length < cap) await seats.ensureSeats(tier, cap);
  }
  const free = await freeSeats(deps, tiers);
  const past = overCap(toFile.map((e) => e.form.tier), free);
  if (past.length > 0) throw overCapError(past);

  // 4. Claim seats one by one; a claim lost to a race gives back all this import claimed.
  const claimed: Entry[] = [];
  for (const e of toFile) {
    try {
      await seats.claimSeat(e.form.tier, e.personId);
      claimed.push(e);
    } catch (err) {
      await giveBack(deps, [...claimed, e]);
      if (!(err instanceof CapReached)) throw err;
      // Counted again after the give-back: what a concurrent admission has left free.
      const now = await freeSeats(deps, tiers);
      const wanted = toFile.map((x) => x.form.tier);
      const shortfalls = overCap(wanted, now);
      throw overCapError(shortfalls.length > 0 ? shortfalls : [{ tier: e.form.tier, entries: wanted.filter((t) => t === e.form.tier).length, free: now[e.form.tier] }]);
    }
  }

  // 5. The members, as filed. Only a race on the same person (admitted elsewhere since the
  // check) can refuse one here. The import is then refused whole (DESIGN §2 *Filed lists*):
  // without transactions, by compensation — the entries it has filed are withdrawn, every
  // seat it claimed goes back, and the answer says nothing was imported (withdrawFiled).
  const filed: ImportedEntry[] = [];
  for (const [k, e] of toFile.entries()) {
    const written = await writeMemberEvents({ members, policy: deps.policy, now: () => cmd.now }, e.personId, [e.event], {
      applied: (m) => m !== undefined && m.cohortId === importId && m.holdsSeat,
      actor: cmd.by.actor,
      name: e.form.candidate.name,
    });
    if (!written.ok) {
      const reason = `第 ${e.index + 1} 条在导入过程中已被其他操作入库，整批未导入`;
      await withdrawFiled(deps, cmd, { importId, clause, reason }, toFile.slice(0, k));
      await giveBack(deps, toFile.slice(k));
      throw new Conflict('IMPORT_RACE',
        `第 ${e.index + 1} 条在导入过程中已被其他操作入库，整批未导入（已登记的 ${k} 条已撤回，席位已退回）；请核对该条后重新提交`,
        `entry ${e.index + 1} was admitted elsewhere while importing: nothing imported (the ${k} entries already filed were withdrawn, their seats given back); check it and post again`,
        { clause, problems: written.problems.map((p) => ({ ...p, path: `entries.${e.index}` })) });
    }
    const seat = await reconcileSeat(deps.repos, e.form.tier, e.personId, 'admitted');
    const verdict = verdictOf(deps, e.form, body.on);
    await deps.audit.append({
      entity: `member/${e.personId}`,
      action: 'member.admitted',
      actor: cmd.by.actor,
      clause,
      // The member's version: a filing withdrawn and filed again by a retry is two entries.
      idempotencyKey: `${importId}#${e.personId}#admitted#v${written.after.version}`,
      details: {
        importId, source: body.source, documentNo: body.documentNo, tier: e.form.tier, ...(seat ? { seat: seat.seat } : {}),
        cohortId: importId, termStart: body.on, recordedBy: cmd.by.username,
        verdict: { eligible: verdict.eligible, asOf: verdict.asOf, failed: verdict.reasons.filter((r) => !r.ok && r.route === undefined).map((r) => `${r.clause}:${r.rule}`) },
      },
    });
    filed.push(answer(e, 'filed', verdict, seat?.seat));
  }
  const alreadyFiled: ImportedEntry[] = [];
  for (const e of entries.filter((x) => x.already)) {
    const seat = (await seats.list(e.form.tier)).find((s) => s.holder === e.personId);
    alreadyFiled.push(answer(e, 'already-filed', verdictOf(deps, e.form, body.on), seat?.seat));
  }
  const all = [...filed, ...alreadyFiled].sort((a, b) => a.index - b.index);
  await deps.audit.append({
    entity: `import/${importId}`,
    action: 'pool.imported',
    actor: cmd.by.actor,
    clause,
    idempotencyKey: `${importId}#imported#${filed.length}`,
    details: {
      source: body.source, on: body.on, documentNo: body.documentNo, entries: entries.length, filed: filed.length,
      alreadyFiled: alreadyFiled.length, byTier: Object.fromEntries(TIERS.map((t) => [t, filed.filter((f) => f.tier === t).length])),
      recordedBy: cmd.by.username,
    },
  });
  return {
    recorded: filed.length > 0,
    importId, source: body.source, clause, on: body.on, documentNo: body.documentNo,
    counts: { entries: entries.length, filed: filed.length, alreadyFiled: alreadyFiled.length, ineligible: all.filter((a) => !a.verdict.eligible).length },
    entries: all,
  };
}

function verdictOf(deps: UseCaseContext, form: NominationForm, on: string): Verdict {
  return decideEligibility(form, { asOf: on, policy: deps.policy });
}

function answer(e: Entry, status: ImportedEntry['status'], verdict: Verdict, seat: string | undefined): ImportedEntry {
  return {
    index: e.index, personId: e.personId, name: e.form.candidate.name, unit: e.form.unit.code, tier: e.form.tier,
    ...(seat !== undefined ? { seat } : {}), status, verdict,
  };
}

async function freeSeats(deps: UseCaseContext, tiers: ReadonlySet<Tier>): Promise<Record<Tier, number>> {
  const free: Record<Tier, number> = { 1: 0, 2: 0, 3: 0 };
  for (const tier of TIERS) {
    if (!tiers.has(tier)) continue;
    const { held, total } = await deps.repos.seats.occupancy(tier);
    free[tier] = Math.max(0, Math.min(total, deps.policy.tiers[tier].cap) - held);
  }
  return free;
}

/**
 * Takes back what this import has filed (an import is refused whole, S-ORGLIST / X-LEGACY):
 * each entry's member gets an `import-withdrawn` event (the reducer accepts it only for this
 * import's own filing, while nobody has served), its seat goes back (reconcileSeat: the state
 * no longer holds it), and the audit says so. An entry whose member no longer holds this
 * import's filing (a veto recorded in between removed them) is left as it is: it is out of
 * the pool already. Each step is idempotent, so a retried request completes a compensation
 * that died half way.
 *
 * The member's timeline (GET /pool/members/{id}) shows the filing and its withdrawal as they
 * happened rather than hiding them: the event log is append-only (the snapshot's version is
 * its commit point), the audit trail already holds the admission, and a bureau that sees a
 * name admitted and gone must be able to read why. The withdrawal carries its reason and
 * owes nothing (no talk, not a term).
 */
async function withdrawFiled(
  deps: UseCaseContext,
  cmd: ImportCommand,
  what: { importId: string; clause: 'S-ORGLIST' | 'X-LEGACY'; reason: string },
  entries: readonly Entry[],
): Promise<void> {
  const event = { type: 'import-withdrawn' as const, on: cmd.body.on, clause: what.clause, importId: what.importId, reason: what.reason };
  const filedByThis = (m: Member | undefined) => m !== undefined && m.cohortId === what.importId && m.holdsSeat;
  for (const e of entries) {
    const written = await writeMemberEvents({ members: deps.repos.members, policy: deps.policy, now: () => cmd.now }, e.personId, [event], {
      applied: (m) => m !== undefined && !filedByThis(m),
      actor: cmd.by.actor,
    });
    await reconcileSeat(deps.repos, e.form.tier, e.personId, 'refused');
    if (!written.ok || !written.written) continue;
    await deps.audit.append({
      entity: `member/${e.personId}`,
      action: 'member.import-withdrawn',
      actor: cmd.by.actor,
      clause: what.clause,
      idempotencyKey: `${what.importId}#${e.personId}#import-withdrawn#v${written.after.version}`,
      details: { importId: what.importId, source: cmd.body.source, documentNo: cmd.body.documentNo, tier: e.form.tier, reason: what.reason, recordedBy: cmd.by.username },
    });
  }
  await deps.audit.append({
    entity: `import/${what.importId}`,
    action: 'pool.import-refused',
    actor: cmd.by.actor,
    clause: what.clause,
    details: { source: cmd.body.source, on: cmd.body.on, documentNo: cmd.body.documentNo, withdrawn: entries.length, personIds: entries.map((e) => e.personId), reason: what.reason, recordedBy: cmd.by.username },
  });
}

/** Gives back the seats these entries claimed, unless the member's state holds that seat (reconcileSeat). */
async function giveBack(deps: UseCaseContext, entries: readonly Entry[]): Promise<void> {
  for (const e of entries) await reconcileSeat(deps.repos, e.form.tier, e.personId, 'refused');
}

function overCapError(past: readonly TierShortfall[]): Unprocessable {
  const tiers = past.map((s) => s.tier).join('、');
  return new Unprocessable('IMPORT_OVER_CAP',
    `第${tiers}梯队席位不足，导入名单超出上限（方案三(一)），整批未导入`,
    `the import is past the cap of tier ${past.map((s) => s.tier).join(', ')} (T-CAP); nothing imported`,
    { clause: 'T-CAP', problems: overCapProblems(past) });
}
