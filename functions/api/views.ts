import { EXCLUSION_WORDS } from '../../domain/selection/inspection';
import type { Nomination, Proposal, StoredVerdict } from '../../domain/round/nomination';
import type { RoundStatus } from '../../domain/round/lifecycle';

export type { Proposal };

/**
 * How nominations are shown. Never the form's personal data (ID number, birth date): the
 * candidate's name, the verdict with its clauses, the problems of a rejection, what
 * scoring put on the item (score, rank, position, proposed) and what admission made of it.
 * The nomination arrives parsed (domain/round/nomination.ts): nothing here guesses a shape.
 */

/** The composite score scoring put on the nomination (`score`; null while incomplete). */
export function scoreOf(n: Nomination): number | undefined {
  if (typeof n.score === 'number') return n.score;
  return n.scoring?.status === 'scored' ? n.scoring.score : undefined;
}

/** Scoring's proposal for the nomination (`proposed`), when ranked. */
export function proposalOf(n: Nomination): Proposal | undefined {
  return n.proposed;
}

export function eligibleOf(n: Nomination): boolean | undefined {
  return n.verdict?.eligible;
}

const problemView = (p: { code: string; path: string; zh: string; en: string; cell?: string; element?: string }) =>
  ({ code: p.code, path: p.path, zh: p.zh, en: p.en, ...(p.cell !== undefined ? { cell: p.cell } : {}), ...(p.element !== undefined ? { element: p.element } : {}) });

export function verdictView(v: StoredVerdict) {
  return {
    tier: v.tier,
    eligible: v.eligible,
    asOf: v.asOf,
    policy: v.policy,
    reasons: v.reasons.map((r) => ({ clause: r.clause, rule: r.rule, ok: r.ok, message: r.message, ...(r.messageEn ? { messageEn: r.messageEn } : {}) })),
    ...(v.unknownHonours ? { unknownHonours: v.unknownHonours } : {}),
  };
}

/** Why a ranked nomination took no seat although nothing went wrong with it: the round's end. */
const ROUND_ENDED: Partial<Record<RoundStatus, { zh: string; en: string }>> = {
  completed: { zh: '未列入批准的入库名单', en: 'not on the approved admission list' },
  rejected: { zh: '拟入库名单未获区委组织部批准（退回），本轮无人入库', en: 'the shortlist was rejected; nobody was admitted in this round' },
  'approval-timed-out': { zh: '拟入库名单审批超时，本轮无人入库', en: 'the approval timed out; nobody was admitted in this round' },
};

/**
 * What became of the nomination at admission (S-ROUND, T-CAP): admitted (tier, seat's day),
 * cap-reached, refused with the problems, kept out by an upheld 公示 objection with its reason — or, when the round ended without admissions,
 * that; nothing while the round is still under way.
 */
function admissionView(n: Nomination, roundStatus: RoundStatus | undefined) {
  const a = n.admission;
  if (a) {
    return {
      status: a.status, clause: a.clause, tier: a.tier, on: a.on,
      ...(a.status === 'cap-reached' ? { zh: a.zh, en: a.en } : {}),
      ...(a.status === 'refused' ? { problems: a.problems.map(problemView) } : {}),
      // 公示 (S-PUBLICITY): the upheld objection and its reason, as the bureau recorded it.
      ...(a.status === 'objection-upheld' ? { objectionId: a.objectionId, reason: a.reason, zh: a.zh, en: a.en } : {}),
    };
  }
  const ended = roundStatus === undefined ? undefined : ROUND_ENDED[roundStatus];
  return n.status === 'accepted' && ended ? { status: 'not-admitted' as const, clause: 'S-ROUND', ...ended } : undefined;
}

export function nominationView(n: Nomination, opts: { bureau: boolean; roundStatus?: RoundStatus }) {
  const score = scoreOf(n);
  const proposed = n.proposed;
  const admission = admissionView(n, opts.roundStatus);
  const scoringProblems = n.scoring?.status === 'incomplete' ? n.scoring.problems.map(problemView) : undefined;
  return {
    nominationId: n.nominationId,
    roundId: n.roundId,
    unit: n.unitCode,
    status: n.status,
    ...(n.tier !== undefined ? { tier: n.tier } : {}),
    ...(n.candidateName !== undefined ? { candidateName: n.candidateName } : {}),
    ...(n.verdict ? { verdict: verdictView(n.verdict) } : {}),
    ...(n.problems ? { problems: n.problems.map(problemView) } : {}),
    ...(score !== undefined ? { score } : {}),
    ...(typeof n.rank === 'number' ? { rank: n.rank } : {}),
    ...(typeof n.position === 'number' ? { position: n.position } : {}),
    ...(proposed !== undefined ? { proposed } : {}),
    ...(proposed === 'in-pool' && n.inPool ? { inPool: n.inPool } : {}),
    ...(proposed === 'removed' && n.removed ? { removed: n.removed } : {}),
    ...(n.status === 'superseded' && n.supersededBy !== undefined ? {
      supersededBy: n.supersededBy,
      note: { zh: `已被本单位对同一人选的后一份推荐（${n.supersededBy}）替代`, en: `replaced by this unit's later nomination of the same person (${n.supersededBy})` },
    } : {}),
    ...(admission ? { admission } : {}),
    ...(opts.bureau && n.enteredScores ? { enteredScores: n.enteredScores } : {}),
    // Which unit holds the person is the bureau's to see, not another school's.
    ...(opts.bureau && n.nominatedElsewhere ? { nominatedElsewhere: n.nominatedElsewhere } : {}),
    ...(opts.bureau && scoringProblems ? { scoringProblems } : {}),
    // 考察 (S-INSPECT): the record and what a pass left out are the bureau's; why one is not proposed, said to all who see it.
    ...(opts.bureau && n.inspection ? { inspection: n.inspection } : {}),
    ...(opts.bureau && n.scoring?.status === 'scored' && n.scoring.leftOut ? { scoringLeftOut: n.scoring.leftOut } : {}),
    ...(proposed === 'not-inspected' || proposed === 'inspection-failed' ? { inspectionNote: { clause: 'S-INSPECT' as const, ...EXCLUSION_WORDS[proposed] } } : {}),
    source: { key: n.source.key, ...(n.source.row !== undefined ? { row: n.source.row } : {}), ...(n.source.entry !== undefined ? { entry: n.source.entry } : {}), ...(n.source.forms !== undefined ? { forms: n.source.forms } : {}) },
    receivedAt: n.receivedAt,
  };
}
