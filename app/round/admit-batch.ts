import { TIERS, type Tier } from '../../domain/tier';
import { allNominations } from './nominations';
import { DomainRejection } from '../errors';
import { admissionList, type Admit } from '../../domain/round/admission-list';
import { movableFrom } from '../../domain/round/lifecycle';
import type { RoundDecision } from '../../domain/round/round';
import { admitOne } from './admit-one';
import type { AdmitBatchInput } from '../../contracts/tasks/round';
import { beijingDate } from '../../domain/dates';
import { type Round, openTiers } from '../../domain/round/round';
import type { UseCaseContext } from '../ports';
import { excludeByObjection, publicityExclusions } from '../selection/publicity/exclude';

export interface AdmitBatchResult {
  /** Offset of the next batch in the admission list; null when done. */
  cursor: string | null;
  admitted: number;
  capReached: number;
  refused: number;
  /** Kept out by an upheld 公示 objection (S-PUBLICITY): no seat claimed (absent when none). */
  excluded?: number;
}

/**
 * AdmitBatch (S-ROUND, T-CAP, M-TERM): the first batch (cursor null) draws up the admission
 * list from the shortlist and the approver's decision and keeps it on the round; each batch
 * admits the next `batchSize` of it. The cursor is an offset into that list.
 */
export async function admitBatch(deps: UseCaseContext, input: AdmitBatchInput): Promise<AdmitBatchResult> {
  const { rounds } = deps.repos;
  const round = await rounds.update(input.roundId, { status: 'admitting' }, movableFrom('admit'));
  const decision = decisionOf(round);
  const list = input.cursor == null ? await drawUp(deps, round, decision) : await storedList(deps, round, decision);

  const offset = input.cursor == null ? 0 : Number(input.cursor);
  const batch = list.slice(offset, offset + input.batchSize);
  await ensureSeats(deps, new Set(batch.map((a) => a.tier)));

  // M-TERM: a term runs three years from admission. Without 公示 that is the approval; with it the
  // list is admitted only once the 公示 has closed (S-PUBLICITY), so its close is the day, stored
  // once, so a retried or later batch dates its members the same.
  const admittedAt = round.publicity?.closedAt ?? decision.at;
  const ctx = { roundId: input.roundId, on: beijingDate(admittedAt), at: admittedAt, by: decision.by };
  const result: AdmitBatchResult = { cursor: null, admitted: 0, capReached: 0, refused: 0 };
  const excluded = await publicityExclusions(deps, round);
  // One at a time: seat claims within a tier then fill seats in ranking order.
  for (const a of batch) {
    const why = excluded.get(a.id);
    if (why) {
      await excludeByObjection(deps, ctx, a, why);
      result.excluded = (result.excluded ?? 0) + 1;
      continue;
    }
    const status = await admitOne(deps, ctx, a);
    if (status === 'admitted') result.admitted++;
    else if (status === 'cap-reached') result.capReached++;
    else result.refused++;
  }
  const next = offset + input.batchSize;
  result.cursor = next < list.length ? String(next) : null;
  deps.logger.info('admit batch', { roundId: input.roundId, offset, size: batch.length, ...result });
  return result;
}

function decisionOf(round: Round): RoundDecision {
  const decision = round.decision;
  if (!decision || decision.decision === 'reject') {
    throw new DomainRejection([], '遴选批次没有可执行的批准决定', 'the round has no approval to carry out', 'S-ROUND');
  }
  return decision;
}

async function drawUp(deps: UseCaseContext, round: Round, decision: RoundDecision): Promise<Admit[]> {
  const shortlist = round.shortlist;
  if (!shortlist) throw new DomainRejection([], '遴选批次尚未排名', 'the round has no shortlist', 'S-ROUND');
  const list = admissionList(shortlist, decision, await allNominations(deps.repos.nominations, round.roundId), openTiers(round));
  if (!list.ok) {
    // The bureau sees why on the round; the step fails (RecordFailure) rather than admit a list the plan refuses.
    await deps.repos.rounds.update(round.roundId, { admissionProblems: list.problems });
    throw new DomainRejection(list.problems, '审批后的入库名单不符合方案规定', 'the approved admission list breaks the plan\'s rules', 'T-CAP');
  }
  await deps.repos.rounds.update(round.roundId, {
    admission: { clause: 'S-ROUND', ids: list.value, freeSeats: shortlist.freeSeats, decidedOn: beijingDate(decision.at), approvedBy: decision.by },
  });
  return list.value;
}

async function storedList(deps: UseCaseContext, round: Round, decision: RoundDecision): Promise<Admit[]> {
  return round.admission ? round.admission.ids : drawUp(deps, round, decision);
}

/** The tier's seat items (T-CAP), created on first use; existing seats are left alone. */
async function ensureSeats(deps: UseCaseContext, tiers: Set<Tier>): Promise<void> {
  for (const tier of TIERS) {
    if (!tiers.has(tier)) continue;
    const cap = deps.policy.tiers[tier].cap;
    if ((await deps.repos.seats.list(tier)).length < cap) await deps.repos.seats.ensureSeats(tier, cap);
  }
}
