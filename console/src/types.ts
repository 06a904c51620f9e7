/**
 * The API's answers as the console reads them (docs/ARCHITECTURE.md; functions/api/views.ts,
 * rounds.ts, shortlist.ts). Only the fields the console shows; the API may add more. Request
 * bodies are the contracts' zod-inferred types (contracts/api.ts, used in api.ts).
 */
import type { RoundStatus } from '../../domain/round/lifecycle';
import type { ErrorBody, Problem } from '../../contracts/problem';
import type { SelectionNotice } from '../../domain/selection/notice';

export type Role = 'bureau' | 'approver' | 'school';
export type Tier = 1 | 2 | 3;

/**
 * The API's error answer and its problems: the very types the handlers write (contracts/problem.ts),
 * imported as types only, so nothing of zod reaches the bundle.
 */
export type { Problem } from '../../contracts/problem';
export type ApiErrorBody = ErrorBody;

export interface ScoringComponent {
  id: string;
  name: { zh: string; en: string };
  weight: number;
  min: number;
  max: number;
  source: 'entered' | 'form' | 'recommendation' | 'inspection';
  derive?: 'honour' | 'education' | 'experience' | 'lesson-awards';
}

export interface Round {
  roundId: string;
  title: string;
  status: RoundStatus;
  tiers: Tier[];
  referenceDate: string;
  openedAt: string;
  intakeClosesAt: string;
  scoringClosesAt: string;
  scoringModel?: { components: ScoringComponent[] };
  orgDeptApproval?: { ref: string; date: string };
  openedBy?: string;
  /** The selection steps the notice turned on (民主推荐, 考察, 公示), defaults filled. */
  selection?: SelectionNotice;
  /** 公示 (S-PUBLICITY): the period, once started. */
  publicity?: { startsOn: string; endsOn: string; workingDays: number; endsAt: string; closedAt?: string };
}

export interface Reason {
  clause: string;
  rule: string;
  ok: boolean;
  message: string;
  messageEn?: string;
}

export interface Nomination {
  nominationId: string;
  roundId: string;
  unit: string;
  status: 'accepted' | 'rejected' | 'superseded';
  tier?: Tier;
  candidateName?: string;
  verdict?: { tier: Tier; eligible: boolean; asOf: string; reasons: Reason[] };
  problems?: Problem[];
  score?: number;
  rank?: number;
  proposed?: string;
  supersededBy?: string;
  note?: { zh: string; en: string };
  admission?: { status: string; zh?: string };
  source: { key: string; row?: number; forms?: number; entry?: string };
  receivedAt: string;
}

export interface UploadLink {
  url: string;
  fields: Record<string, string>;
  key: string;
  expiresAt: string;
  maxBytes: number;
  contentType: string;
}

export interface ShortlistEntry {
  nominationId: string;
  rank: number;
  position: number;
  name?: string;
  unit: string;
  score?: number;
  proposed: string;
  /** What the approver approves (issue #11): the form's summary (never the ID number or birth date), the verdict, the score's parts. */
  candidate?: {
    name: string; gender: 'M' | 'F'; birthYear: number; unit: { code: string; name: string; type: string }; tier: Tier; source: string;
    currentPost: { kind: string; title: string; unit: string; from: string } | null;
    education: { level: string; fullTime: boolean; institution: string; graduated: string; major?: string }[];
    honours: { title: string; awarded: string; rank: number | null }[];
    ageExemption: boolean;
  };
  verdict?: { tier: Tier; eligible: boolean; asOf: string; reasons: Reason[] };
  scoring?: { clause: string; score: number; components: { id: string; source: string; value: number; normalised: number; points: number }[] };
  /** 考察 (S-INSPECT): the record, for a 考察对象 once recorded. */
  inspection?: { clause: string; team: string[]; from: string; to: string; talks: number; conclusion: string; result?: '合格' | '不合格'; score?: number };
}

export interface ShortlistTier {
  tier: Tier;
  name: { zh: string; en: string };
  cap: number;
  freeSeats: number;
  freeSeatsNow: number;
  ranked: ShortlistEntry[];
  counts: Record<string, number>;
  inPool: { nominationId: string; name?: string; unit: string }[];
  /** 考察 (S-INSPECT), the final pass: 考察对象 found 不合格 under a gate, with their records. */
  inspectionFailed?: (Omit<ShortlistEntry, 'rank' | 'position' | 'score' | 'proposed'> & { name?: string })[];
}

export interface Shortlist {
  roundId: string;
  status: RoundStatus;
  rankedAt?: string;
  tiers: ShortlistTier[];
  rejected: number;
  decision?: { decision: string; at?: string; by?: string; note?: string };
}

export interface Identity {
  id: string;
  role: Role;
  unit?: string;
  /** 区教育局, 区委组织部, or the unit's Chinese name. */
  name: string;
  /** The unit's kind in Chinese (小学, 中学, …) for grouping. */
  group: string;
}
