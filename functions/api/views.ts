import type { Problem } from '../../domain/problem';
import type { Nomination } from '../shared/repository';

/**
 * How nominations are shown. Never the form's personal data (ID number, birth date): the
 * candidate's name, the verdict with its clauses, the problems of a rejection, and what
 * scoring put on the item (score, rank, position, proposed).
 */

/** As scoring's `rank` sets it (functions/scoring/nomination-scoring.ts). */
export type Proposal = 'admit' | 'waitlist' | 'admitted-elsewhere' | 'ineligible' | 'incomplete';
const PROPOSALS = new Set<unknown>(['admit', 'waitlist', 'admitted-elsewhere', 'ineligible', 'incomplete']);

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

export function nominationView(n: Nomination, opts: { bureau: boolean }) {
  const score = scoreOf(n);
  const rank = num(n.rank);
  const position = num(n.position);
  const proposed = proposalOf(n);
  const verdict = verdictView(n.verdict);
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
    ...(opts.bureau && obj(n.enteredScores) ? { enteredScores: n.enteredScores } : {}),
    ...(opts.bureau && scoringProblems(n) ? { scoringProblems: scoringProblems(n) } : {}),
    source: { key: n.source.key, ...(n.source.row !== undefined ? { row: n.source.row } : {}) },
    receivedAt: n.receivedAt,
  };
}
