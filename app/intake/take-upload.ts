import { createHash } from 'node:crypto';
import { MAX_UPLOAD_BYTES } from '../../contracts/limits';
import { datedAfterReceipt } from '../../domain/form/cross-checks';
import { parseNominationForm } from '../../domain/form/parse';
import { decideEligibility } from '../../domain/eligibility/verdict';
import { boundedProblems, type Problem } from '../../domain/problem';
import { beijingDate } from '../../domain/dates';
import { TransientError } from '../errors';
import { cellFor, excelChoices } from '../../formats/xlsx/columns';
import { parseUploadKey } from '../../contracts/upload-key';
import { formsInFile, located, type RawForm } from './forms';
import { intakeProblems } from './problems';
import type { AuditTrail, Clock, Log, NominationStore, PersonClaimStore, RoundStore, UploadStatus } from '../ports';
import type { IntakeMetrics, ObjectRef, UploadStore } from '../ports/uploads';
import type { UnitStore } from '../ports/units';
import type { Notices } from '../ports/notices';
import { noticeFormsRejected } from '../notices/triggers';
import { type Nomination, uploadVersion } from '../../domain/round/nomination';
import { acceptsNominations, openTiers, type Round } from '../../domain/round/round';
import { supersedes } from '../../domain/round/supersede';

const ACTOR = 'system:intake';

export interface IntakeDeps {
  uploads: UploadStore;
  rounds: RoundStore;
  nominations: NominationStore;
  personClaims: PersonClaimStore;
  audit: AuditTrail;
  personId: (idNumber: string) => string;
  logger: Log;
  now: Clock;
  /** Counts of what became of each form (Powertools Metrics on AWS); none in tests that do not ask. */
  metrics?: IntakeMetrics;
  maxBytes?: number;
  /** The unit registry: a form whose unit.type disagrees with the registered type is refused (INTAKE_UNIT_TYPE_MISMATCH). */
  units?: Pick<UnitStore, 'get'>;
  /** Notices to units: a rejected form is told to its unit (app/notices; never throws). */
  notices?: Notices;
}

/** What one object came to; small and free of personal data (it is the idempotency record). */
export interface IntakeSummary {
  key: string;
  versionId: string;
  status: UploadStatus['status'];
  accepted: number;
  rejected: number;
  nominationIds: string[];
  problemCodes: string[];
}

/**
 * One uploaded object → nominations. Every outcome is recorded (an upload status, and a
 * nomination per form when the round is known) so a school sees why a file was refused.
 * A bad file never throws; an AWS failure does (TransientError), so the event is retried.
 * Every write is conditional on absence and keyed by the object's identity, so running
 * this twice for the same object changes nothing.
 */
export function createIntake(deps: IntakeDeps): (ref: ObjectRef) => Promise<IntakeSummary> {
  const now = deps.now;
  const maxBytes = deps.maxBytes ?? MAX_UPLOAD_BYTES;

  return async function processUpload(ref) {
    const log = deps.logger;
    const location = parseUploadKey(ref.key);
    if (!location) return finish(ref, undefined, [intakeProblems.keyInvalid(ref.key)], []);

    const round = await deps.rounds.get(location.roundId);
    if (!round) return finish(ref, location, [intakeProblems.roundUnknown(location.roundId)], []);
    if (!acceptsNominations(round, ref.eventTime)) return rejectFile(ref, location, round, [intakeProblems.closed(round.roundId)]);

    const fetched = await fetchObject(ref);
    if (!fetched.ok) return rejectFile(ref, location, round, [fetched.problem]);

    // The registered unit (the upload link was only issued if the registry knows it): its
    // type is checked against the form's, and an .lrmx, which names no unit, takes its name.
    const registered = await deps.units?.get(location.unitCode);
    const registeredType = registered?.type;
    const context = {
      roundId: round.roundId,
      unit: { code: location.unitCode, ...(registered ? { name: registered.name, type: registered.type } : {}) },
      openTiers: openTiers(round),
    };
    let forms;
    try {
      forms = await formsInFile(location.file, fetched.bytes, context);
    } catch (e) {
      // A reader bug must not lose the upload: the school hears "unreadable", we get the log.
      log.error('file reader failed', { error: e as Error, key: ref.key });
      return rejectFile(ref, location, round, [intakeProblems.unreadable()]);
    }
    if (!forms.ok) return rejectFile(ref, location, round, forms.problems);
    if (forms.value.length === 0) return rejectFile(ref, location, round, [intakeProblems.empty()]);

    const nominations: Nomination[] = [];
    // Two rows of one workbook for one person is a slip in the file, not a correction: the
    // later row is refused with the row it repeats (a correction is a new upload).
    const rowOf = new Map<string, number>();
    for (const raw of forms.value) {
      const judged = judge(ref, location, round, raw, forms.value.length, registeredType);
      const person = judged.status === 'accepted' ? judged.personId : undefined;
      const first = person === undefined ? undefined : rowOf.get(person);
      if (person !== undefined && first === undefined && raw.row !== undefined) rowOf.set(person, raw.row);
      const n = first === undefined
        ? await onePerRound(judged)
        : { ...withoutForm(judged), status: 'rejected' as const, problems: locate(raw, [intakeProblems.duplicateRow(first)]) };
      await store(n);
      nominations.push(n);
    }
    return finish(ref, location, [], nominations);
  };

  async function fetchObject(ref: ObjectRef): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: Problem }> {
    const got = await deps.uploads.fetch(ref, maxBytes);
    if (got.ok) return got;
    switch (got.reason) {
      case 'missing': return { ok: false, problem: intakeProblems.missing() };
      case 'empty': return { ok: false, problem: intakeProblems.empty() };
      case 'too-large': return { ok: false, problem: intakeProblems.tooLarge(got.size, maxBytes) };
    }
  }

  /**
   * The name a rejected form gives, when readable as written (never its tier: a refused
   * nomination has nothing to rank): the school sees whose form was refused, and the console
   * folds it under the person's later, accepted one.
   */
  function namedAs(form: unknown): { candidateName?: string } {
    const name = (form as { candidate?: { name?: unknown } } | null)?.candidate?.name;
    const trimmed = typeof name === 'string' ? name.trim() : '';
    return trimmed && trimmed.length <= 50 ? { candidateName: trimmed } : {};
  }

  function judge(ref: ObjectRef, location: { roundId: string; unitCode: string }, round: Round, raw: RawForm, formsInFile: number, registeredType?: string): Nomination {
    const base = {
      nominationId: nominationId(ref, raw.row),
      roundId: round.roundId,
      unitCode: location.unitCode,
      source: {
        bucket: ref.bucket, key: ref.key, versionId: ref.versionId, ...(ref.sequencer ? { sequencer: ref.sequencer } : {}), ...(raw.row ? { row: raw.row } : {}),
        ...(raw.entry !== undefined ? { entry: raw.entry } : {}),
        forms: formsInFile,
      },
      receivedAt: ref.eventTime,
    };
    // Bounded: what a school sent is echoed only so far, so the rejection always stores (domain/problem.ts).
    const rejected = (problems: Problem[]): Nomination => ({ ...base, ...namedAs(raw.form), status: 'rejected', problems: boundedProblems(locate(raw, problems)) });

    const parsed = parseNominationForm(raw.form);
    if (raw.problems.length > 0) return rejected([...raw.problems, ...(parsed.ok ? [] : parsed.problems.filter((q) => !covered(raw, q)).map((q) => inElement(raw, q)))]);
    if (!parsed.ok) return rejected(parsed.problems);
    const form = parsed.value;
    const mismatch: Problem[] = [];
    if (form.unit.code !== location.unitCode) mismatch.push(intakeProblems.unitMismatch(form.unit.code, location.unitCode));
    else if (registeredType !== undefined && form.unit.type !== registeredType) mismatch.push(intakeProblems.unitTypeMismatch(form.unit.type, registeredType, location.unitCode));
    if (form.roundId !== round.roundId) mismatch.push(intakeProblems.roundMismatch(form.roundId, round.roundId));
    // S-ROUND: a round admits only the tiers its notice opened; another tier is refused here.
    const open = openTiers(round);
    if (!open.includes(form.tier)) mismatch.push(intakeProblems.tierNotOpen(form.tier, open, round.roundId));
    if (mismatch.length > 0) return rejected(mismatch);
    const future = datedAfterReceipt(form, beijingDate(ref.eventTime));
    if (future.length > 0) return rejected(future);

    const verdict = decideEligibility(form, { asOf: round.referenceDate });
    return {
      ...base,
      status: 'accepted',
      personId: deps.personId(form.candidate.idNumber),
      tier: form.tier,
      candidateName: form.candidate.name,
      form,
      verdict,
      policyRef: verdict.policy,
    };
  }

  /**
   * One live nomination per person per round (S-ROUND: a round ranks people, not files).
   * A later upload from the same unit replaces the earlier one — that is how a school
   * corrects a form — and the earlier stays visible as `superseded`. A person another unit
   * already nominated is refused with the reason; the bureau settles it. Ties between rows of
   * one workbook go to the higher nomination id, so the answer never depends on order.
   */
  async function onePerRound(n: Nomination): Promise<Nomination> {
    if (n.status !== 'accepted' || !n.personId) return n;
    const claim = { roundId: n.roundId, personId: n.personId, nominationId: n.nominationId, unitCode: n.unitCode, receivedAt: n.receivedAt };
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = await deps.personClaims.claim(claim);
      if (r.held) return n;
      const { holder } = r;
      const rule = supersedes(holder, n);
      if (rule === 'other-unit') {
        return { ...n, status: 'rejected', problems: [intakeProblems.nominatedElsewhere()], nominatedElsewhere: { unitCode: holder.unitCode, nominationId: holder.nominationId } };
      }
      if (rule === 'holder-stays') return { ...n, status: 'superseded', supersededBy: holder.nominationId };
      // Mark the earlier one first: a crash before the claim moves leaves it to the redelivery.
      await deps.nominations.update(n.roundId, holder.nominationId, { status: 'superseded', supersededBy: n.nominationId });
      const marked = await deps.audit.append({
        entity: `nomination/${n.roundId}/${holder.nominationId}`, action: 'nomination.superseded', actor: ACTOR, clause: 'S-ROUND',
        at: n.receivedAt, idempotencyKey: `${holder.nominationId}#superseded#${n.nominationId}`, details: { by: n.nominationId, unitCode: n.unitCode },
      });
      // The audit entry is written once per supersession: a redelivery counts nothing again.
      if (marked) deps.metrics?.nomination('superseded');
      if (await deps.personClaims.takeOver(holder.nominationId, claim)) return { ...n, supersedes: holder.nominationId };
    }
    throw new TransientError(undefined, '同一人选的推荐正在并发处理，请稍后重试', 'nominations of one person are being processed at once; retry');
  }

  async function store(n: Nomination): Promise<void> {
    const created = await deps.nominations.putIfAbsent(n);
    // Counted on the first write only: a redelivered event counts nothing twice.
    if (created) deps.metrics?.nomination(n.status, n.problems?.[0]?.code);
    // The audit entry is keyed by the nomination and action: appended after a crash between
    // the two writes, and a no-op on a redelivery.
    await deps.audit.append({
      entity: `nomination/${n.roundId}/${n.nominationId}`,
      action: `nomination.${n.status}`,
      actor: ACTOR,
      clause: 'S-ROUND',
      at: n.receivedAt,
      idempotencyKey: `${n.nominationId}#${n.status}`,
      details: {
        unitCode: n.unitCode,
        row: n.source.row,
        ...(n.personId ? { personId: n.personId, tier: n.tier } : {}),
        ...(n.verdict ? { eligible: n.verdict.eligible, policy: n.policyRef } : {}),
        ...(n.problems ? { problemCodes: [...new Set(n.problems.map((p) => p.code))] } : {}),
        firstWrite: created,
      },
    });
    deps.logger.info('nomination stored', {
      nominationId: n.nominationId, roundId: n.roundId, unitCode: n.unitCode, status: n.status, row: n.source.row, created,
      ...(n.problems ? { problemCodes: n.problems.map((p) => p.code) } : {}),
    });
  }

  /** A whole file refused while the round is known: one rejected nomination the school can see. */
  async function rejectFile(ref: ObjectRef, location: { roundId: string; unitCode: string }, round: Round, problems: Problem[]): Promise<IntakeSummary> {
    problems = boundedProblems(problems);
    const n: Nomination = {
      nominationId: nominationId(ref, undefined),
      roundId: round.roundId,
      unitCode: location.unitCode,
      status: 'rejected',
      source: { bucket: ref.bucket, key: ref.key, versionId: ref.versionId, ...(ref.sequencer ? { sequencer: ref.sequencer } : {}), forms: 1 },
      receivedAt: ref.eventTime,
      problems,
    };
    await store(n);
    return finish(ref, location, problems, [n]);
  }

  async function finish(ref: ObjectRef, location: { roundId: string; unitCode: string } | undefined, problems: Problem[], noms: Nomination[]): Promise<IntakeSummary> {
    problems = boundedProblems(problems);
    const accepted = noms.filter((n) => n.status === 'accepted').length;
    const rejected = noms.length - accepted;
    const status: UploadStatus['status'] = problems.length > 0 || accepted === 0 ? 'rejected' : rejected > 0 ? 'partially-accepted' : 'accepted';
    const upload: UploadStatus = {
      bucket: ref.bucket,
      key: ref.key,
      versionId: ref.versionId,
      ...(ref.sequencer ? { sequencer: ref.sequencer } : {}),
      ...(location ? { roundId: location.roundId, unitCode: location.unitCode } : {}),
      status,
      problems,
      nominationIds: noms.map((n) => n.nominationId),
      counts: { accepted, rejected },
      receivedAt: ref.eventTime,
      processedAt: now().toISOString(),
    };
    const created = await deps.nominations.putUploadStatus(upload);
    // Every rejected form is told to its unit, also on a redelivery (the notice key sends it once).
    const refused = noms.filter((n) => n.status === 'rejected');
    if (location && refused.length > 0 && deps.notices) {
      await noticeFormsRejected({ logger: deps.logger, now, notices: deps.notices, ...(deps.units ? { units: deps.units } : {}) }, location.unitCode, refused);
    }
    await deps.audit.append({
      entity: `upload/${ref.bucket}/${ref.key}`,
      action: `upload.${status}`,
      actor: ACTOR,
      clause: 'S-ROUND',
      at: ref.eventTime,
      idempotencyKey: `${ref.bucket}/${ref.key}#${uploadVersion(ref)}`,
      details: { versionId: ref.versionId, accepted, rejected, problemCodes: problems.map((p) => p.code), firstWrite: created },
    });
    deps.logger.info('upload processed', { key: ref.key, versionId: ref.versionId, status, accepted, rejected, problemCodes: problems.map((p) => p.code) });
    return { key: ref.key, versionId: ref.versionId, status, accepted, rejected, nominationIds: upload.nominationIds, problemCodes: problems.map((p) => p.code) };
  }
}

/** Deterministic: the same object (and row) always yields the same id. */
export function nominationId(ref: Pick<ObjectRef, 'bucket' | 'key' | 'versionId' | 'sequencer'>, row: number | undefined): string {
  const h = createHash('sha256').update(`${ref.bucket}\n${ref.key}\n${uploadVersion(ref)}\n${row ?? 0}`).digest('hex');
  return `N${h.slice(0, 20)}`;
}

/** Whether the reader already reported this missing field (or the field it lies in): see RawForm.covers. */
function covered(raw: RawForm, q: Problem): boolean {
  const path = q.path;
  return (raw.covers ?? []).some((c) => c === '' || (q.code === 'FORM_REQUIRED' && (path === c || path.startsWith(`${c}.`) || path.startsWith(`${c}[`))));
}

/** A form parser's problem of an .lrmx person names the element the value came from (`Person/ShenFenZheng`), and the entry. */
function inElement(raw: RawForm, q: Problem): Problem {
  if (!raw.elements) return q;
  const element = cellFor({ cells: raw.elements }, q.path);
  return located({ ...q, ...(element ? { element } : {}) }, raw.entry);
}

/** Adds the workbook cell to each problem of a row ("推荐表!J7：…"), keeping the form path. */
function locate(raw: RawForm, problems: Problem[]): Problem[] {
  if (!raw.cells) return problems;
  return problems.map((q) => {
    if ('cell' in q) return q;
    const p = inWorkbookTerms(q);
    const cell = cellFor({ cells: raw.cells ?? {} }, p.path);
    return cell ? { ...p, cell, zh: `${cell}：${p.zh}`, en: `${cell}: ${p.en}` } : p;
  });
}

/** An enum problem of a workbook row lists the choices as the template writes them (第一梯队 …). */
function inWorkbookTerms(p: Problem): Problem {
  const column = p.code === 'FORM_ENUM' ? excelChoices(p.path) : undefined;
  if (!column) return p;
  return { ...p, zh: `「${column.label}」取值无效，可选：${column.choices.join('、')}`, en: `${p.path} must be one of ${column.choices.join(', ')}` };
}

/** A refused nomination keeps no form (personal data is kept only where it is needed). */
function withoutForm(n: Nomination): Nomination {
  const { form: _form, verdict: _verdict, personId: _personId, policyRef: _policyRef, ...rest } = n;
  return rest;
}
