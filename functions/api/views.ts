import type { Problem } from '../../domain/problem';
import type { Nomination } from '../shared/repository';

/**
 * How nominations are shown. Never the form's personal data (ID number, birth date): the
 * candidate's name, the verdict with its clauses, the problems of a rejection, what
 * scoring put on the item (score, rank, position, proposed) and what admission made of it.
 */

/** As scoring's `rank` sets it (functions/scoring/nomination-scoring.ts). */
export type Proposal = 'admit' | 'waitlist' | 'admitted-elsewhere' | 'in-pool' | 'removed' | 'ineligible' | 'incomplete' | 'tier-not-open';
const PROPOSALS = new Set<unknown>(['admit', 'waitlist', 'admitted-elsewhere', 'in-pool', 'removed', 'ineligible', 'incomplete', 'tier-not-open']);

interface Reason { clause: string; rule: string; ok: boolean; message: string; messageEn?: string }

function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

function obj(x: unknown): Record<string, unknown> | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

/** The composite score scoring put on the nomination (`score`; null while incomplete). */
export function scoreOf(n: Nomination): number | undefined {
  return num(n.score) ?? num(obj(n.scoring)?.score);
}

/** Why scoring could not score it (e.g. an entered component missing), for the bureau. */
function scoringProblems(n: Nomination): Problem[] | undefined {
  const s = obj(n.scoring);
  return s?.status === 'incomplete' && Array.isArray(s.problems) ? (s.problems as Problem[]) : undefined;
}

/** Scoring's proposal for the nomination (`proposed`), when ranked. */
export function proposalOf(n: Nomination): Proposal | undefined {
  return PROPOSALS.has(n.proposed) ? (n.proposed as Proposal) : undefined;
}

export function eligibleOf(n: Nomination): boolean | undefined {
  const e = obj(n.verdict)?.eligible;
  return typeof e === 'boolean' ? e : undefined;
}

function verdictView(v: unknown) {
  const o = obj(v);
  if (!o) return undefined;
  const reasons = Array.isArray(o.reasons) ? (o.reasons as Reason[]) : [];
  return {
    tier: o.tier,
    eligible: o.eligible,
    asOf: o.asOf,
    policy: o.policy,
    reasons: reasons.map((r) => ({ clause: r.clause, rule: r.rule, ok: r.ok, message: r.message, ...(r.messageEn ? { messageEn: r.messageEn } : {}) })),
    ...(Array.isArray(o.unknownHonours) ? { unknownHonours: o.unknownHonours } : {}),
  };
}

/** Why a ranked nomination took no seat although nothing went wrong with it: the round's end. */
const ROUND_ENDED: Record<string, { zh: string; en: string }> = {
  completed: { zh: '未列入批准的入库名单', en: 'not on the approved admission list' },
  rejected: { zh: '拟入库名单未获区委组织部批准（退回），本轮无人入库', en: 'the shortlist was rejected; nobody was admitted in this round' },
  'approval-timed-out': { zh: '拟入库名单审批超时，本轮无人入库', en: 'the approval timed out; nobody was admitted in this round' },
};

/**
 * What became of the nomination at admission (S-ROUND, T-CAP): admitted (tier, seat's day),
 * cap-reached, refused with the problems — or, when the round ended without admissions,
 * that; nothing while the round is still under way.
 */
function admissionView(n: Nomination, roundStatus: string | undefined) {
  const a = obj(n.admission);
  if (a && (a.status === 'admitted' || a.status === 'cap-reached' || a.status === 'refused')) {
    const problems = Array.isArray(a.problems) ? (a.problems as Problem[]).map((p) => ({ code: p.code, path: p.path, zh: p.zh, en: p.en })) : undefined;
    return {
      status: a.status, clause: a.clause, tier: a.tier, on: a.on,
      ...(typeof a.zh === 'string' ? { zh: a.zh, en: a.en } : {}),
      ...(problems ? { problems } : {}),
    };
  }
  const ended = roundStatus === undefined ? undefined : ROUND_ENDED[roundStatus];
  return n.status === 'accepted' && ended ? { status: 'not-admitted', clause: 'S-ROUND', ...ended } : undefined;
}

export function nominationView(n: Nomination, opts: { bureau: boolean; roundStatus?: string }) {
  const score = scoreOf(n);
  const rank = num(n.rank);
  const position = num(n.position);
  const proposed = proposalOf(n);
  const verdict = verdictView(n.verdict);
  const admission = admissionView(n, opts.roundStatus);
  return {
    nominationId: n.nominationId,
    roundId: n.roundId,
    unit: n.unitCode,
    status: n.status,
    ...(n.tier !== undefined ? { tier: n.tier } : {}),
    ...(n.candidateName !== undefined ? { candidateName: n.candidateName } : {}),
    ...(verdict ? { verdict } : {}),
    ...(n.problems ? { problems: n.problems.map((p: Problem) => ({ code: p.code, path: p.path, zh: p.zh, en: p.en, ...('cell' in p ? { cell: (p as { cell: unknown }).cell } : {}) })) } : {}),
    ...(score !== undefined ? { score } : {}),
    ...(rank !== undefined ? { rank } : {}),
    ...(position !== undefined ? { position } : {}),
    ...(proposed !== undefined ? { proposed } : {}),
    ...(proposed === 'in-pool' && obj(n.inPool) ? { inPool: n.inPool } : {}),
    ...(proposed === 'removed' && obj(n.removed) ? { removed: n.removed } : {}),
    ...(n.status === 'superseded' && typeof n.supersededBy === 'string' ? {
      supersededBy: n.supersededBy,
      note: { zh: `已被本单位对同一人选的后一份推荐（${n.supersededBy}）替代`, en: `replaced by this unit's later nomination of the same person (${n.supersededBy})` },
    } : {}),
    ...(admission ? { admission } : {}),
    ...(opts.bureau && obj(n.enteredScores) ? { enteredScores: n.enteredScores } : {}),
    ...(opts.bureau && scoringProblems(n) ? { scoringProblems: scoringProblems(n) } : {}),
    source: { key: n.source.key, ...(n.source.row !== undefined ? { row: n.source.row } : {}), ...(n.source.forms !== undefined ? { forms: n.source.forms } : {}) },
    receivedAt: n.receivedAt,
  };
}
