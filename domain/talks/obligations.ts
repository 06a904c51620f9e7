import { addDays, addYears, type IsoDate } from '../dates';
import type { MemberEvent, MemberEventType } from '../membership/events';
import type { ClauseId } from '../clauses';
import type { Policy } from '../policy/schema';
import { TALK_TRIGGER_NAMES, type TalkTrigger } from './records';

type Rules = Pick<Policy, 'talks' | 'review'>;

/** What a talk owed answers: a must-talk (四必谈), or the organisational talk of a removal. */
export type OwedTalkTrigger = TalkTrigger | 'removal';

/**
 * A member event with the day it became known (the day it was written: an outcome applied, a
 * veto recorded). Due dates count from then, not from the event's own date (DESIGN §2 *Talk
 * due dates*): a review's outcome dated the review's start is known when the review applies it.
 */
export type KnownEvent = MemberEvent & { knownOn?: IsoDate };

/** A talk owed and not yet held: a must-talk (四必谈, C-TALK) or a removal's 组织谈话. */
export interface TalkObligation {
  /** C-TALK for the must-talks; the removal's clause (M-WARN, M-VETO, M-FAIL) for its organisational talk. */
  clause: ClauseId;
  trigger: OwedTalkTrigger;
  triggeredBy: MemberEventType;
  /** The date of the fact (the event's own date): a talk on or after it answers it. */
  triggeredOn: IsoDate;
  /** The day the fact became known (≥ triggeredOn): the due date counts from here. */
  knownOn: IsoDate;
  /** knownOn + policy.talks.dueWithinDays (a removal: + removalTalkWithinDays). */
  due: IsoDate;
  overdue: boolean;
  /** Only an organisational talk (组织谈话) discharges it: the talk owed on a removal. */
  organisational: boolean;
  zh: string;
  en: string;
}

/** One year of membership against the yearly minimum (每年不少于1次). */
export interface YearlyTalkStatus {
  clause: 'C-TALK';
  /** [from, to): the k-th year from the current term's start. */
  from: IsoDate;
  to: IsoDate;
  held: number;
  required: number;
  /** The year is over (to ≤ asOf) with fewer talks than required. */
  overdue: boolean;
  /** The year is still running and the minimum is not yet met. */
  open: boolean;
}

export interface TalkStatus {
  mustTalks: TalkObligation[];
  years: YearlyTalkStatus[];
  overdue: boolean;
}

export interface HeldTalk {
  on: IsoDate;
  kind?: 'regular' | 'organisational';
}

const REMOVAL_CLAUSES: ReadonlySet<string> = new Set(['M-WARN', 'M-VETO', 'M-FAIL']);

interface Trigger { trigger: OwedTalkTrigger; by: MemberEventType; on: IsoDate; known: IsoDate; organisational: boolean; clause: ClauseId }

function knownOf(e: KnownEvent, on: IsoDate = e.on): IsoDate {
  return e.knownOn !== undefined && e.knownOn > on ? e.knownOn : on;
}

/**
 * C-TALK (五(三)) and the removal talk (五(一)): what talks a member is owed as of a date.
 *
 * Must-talk triggers, from the member's history since their latest admission:
 *   post-change — a rotation starts (D-ROTATE; the record's `from`);
 *   post-change — appointed to another post while staying in the pool (X-USE, with the post's kind);
 *   promotion   — moved to a higher tier; appointed while staying, in events without a kind;
 *   setback     — warned (M-WARN), a low annual grade, moved to a lower tier;
 *   assessment  — every assessment (考察考核后必谈).
 * Any talk held on or after a trigger discharges it (one conversation may answer several).
 * Yearly minimum: in each year of membership counted from the current term's start, at
 * least policy.talks.minPerYear talks.
 *
 * Removal (M-WARN, M-VETO, M-FAIL: 进行组织谈话，不再列入): the member has left, and owes one
 * thing, the organisational talk (组织谈话), due policy.talks.removalTalkWithinDays after the
 * removal is known, until an organisational talk on or after the removal is recorded (the
 * reducer takes exactly that one record after a removal). Nothing else is owed then.
 *
 * Used (X-USE, appointed to the post the tier prepares for or higher: 已使用): the member has
 * left and owes the promotion talk (提拔重用时必谈), due policy.talks.dueWithinDays after the
 * appointment is known, until a talk on or after it is recorded (the reducer takes talks after
 * a use). Appointed to another post while staying (a post change, with the post's kind): the
 * post-change talk. Someone whose term ended is owed nothing here, nor a filing withdrawn with
 * its import (import-withdrawn, S-ORGLIST / X-LEGACY): it never took effect.
 *
 * Facts dated after `asOf`, or known only after it, are not counted.
 */
export function talkObligations(
  memberHistory: readonly KnownEvent[],
  talksHeld: readonly HeldTalk[],
  asOf: IsoDate,
  policy: Rules,
): TalkStatus {
  const none: TalkStatus = { mustTalks: [], years: [], overdue: false };
  let start = -1;
  let exit: KnownEvent | undefined;
  memberHistory.forEach((e, i) => {
    if (e.type === 'admitted') { start = i; exit = undefined; }
    // A withdrawn filing (S-ORGLIST / X-LEGACY, an import refused whole) never took effect,
    // whatever the date asked about: nobody served, so nothing is owed for it.
    if (e.type === 'import-withdrawn') { start = -1; exit = undefined; }
    if (e.type === 'removed' || e.type === 'term-ended' || (e.type === 'appointed' && e.exitsPool)) exit = e;
  });
  if (start < 0) return none;
  const term = memberHistory.slice(start);
  const admitted = term[0];
  if (admitted?.type !== 'admitted') return none;

  const talks: HeldTalk[] = [
    ...talksHeld,
    ...term.flatMap((e) => (e.type === 'talked' ? [{ on: e.on, kind: e.record.kind }] : [])),
  ].filter((t) => t.on <= asOf);

  // Left the pool as of asOf (an exit dated later, or known later, has not happened yet then).
  if (exit !== undefined && exit.on <= asOf && knownOf(exit) <= asOf) {
    const mustTalks = owedAfterLeaving(exit, talks, asOf, policy);
    return { mustTalks, years: [], overdue: mustTalks.some((m) => m.overdue) };
  }

  const triggers: Trigger[] = [];
  let tier = admitted.tier;
  const must = (trigger: TalkTrigger, e: KnownEvent, on: IsoDate = e.on) =>
    triggers.push({ trigger, by: e.type, on, known: knownOf(e, on), organisational: false, clause: 'C-TALK' });
  for (const e of term) {
    switch (e.type) {
      case 'rotated': must('post-change', e, e.record.from); break;
      case 'appointed': if (!e.exitsPool) must(e.kind === undefined ? 'promotion' : 'post-change', e); break;
      case 'moved-tier':
        must(e.tier < tier ? 'promotion' : 'setback', e);
        tier = e.tier;
        break;
      case 'warned': must('setback', e); break;
      case 'assessed': {
        must('assessment', e);
        const failed = e.review === 'summative' && policy.review.summativeFailGrades.includes(e.grade);
        if (!failed && policy.review.lowGrades.includes(e.grade)) must('setback', e);
        break;
      }
      default: break;
    }
  }

  const mustTalks = triggers.flatMap((t) => owed(t, talks, asOf, policy));
  const years: YearlyTalkStatus[] = [];
  const required = policy.talks.minPerYear;
  for (let k = 0; required > 0; k++) {
    const from = addYears(admitted.termStart, k);
    if (from > asOf) break;
    const to = addYears(admitted.termStart, k + 1);
    const held = talks.filter((h) => h.on >= from && h.on < to).length;
    const over = to <= asOf;
    years.push({ clause: 'C-TALK', from, to, held, required, overdue: over && held < required, open: !over && held < required });
  }
  return { mustTalks, years, overdue: mustTalks.some((m) => m.overdue) || years.some((y) => y.overdue) };
}

/** What a member who has left still owes: the organisational talk of a removal, the promotion talk of a use (X-USE). */
function owedAfterLeaving(exit: KnownEvent, talks: readonly HeldTalk[], asOf: IsoDate, policy: Rules): TalkObligation[] {
  if (exit.type === 'removed' && REMOVAL_CLAUSES.has(exit.clause)) {
    return owed({ trigger: 'removal', by: exit.type, on: exit.on, known: knownOf(exit), organisational: true, clause: exit.clause }, talks, asOf, policy);
  }
  // X-USE: left as used (已使用) — the promotion talk (提拔重用时必谈), due from the day the
  // appointment is recorded. A term that ended owes nothing.
  if (exit.type === 'appointed' && exit.exitsPool) {
    return owed({ trigger: 'promotion', by: exit.type, on: exit.on, known: knownOf(exit), organisational: false, clause: 'C-TALK' }, talks, asOf, policy);
  }
  return [];
}

function owed(t: Trigger, talks: readonly HeldTalk[], asOf: IsoDate, policy: Rules): TalkObligation[] {
  if (t.on > asOf || t.known > asOf) return [];
  if (talks.some((h) => h.on >= t.on && (!t.organisational || h.kind === 'organisational'))) return [];
  const due = addDays(t.known, t.trigger === 'removal' ? policy.talks.removalTalkWithinDays : policy.talks.dueWithinDays);
  const name = t.trigger === 'removal' ? { zh: '组织谈话（不再列入后备人才培养对象）', en: 'organisational talk (removed from the pool)' } : TALK_TRIGGER_NAMES[t.trigger];
  return [{
    clause: t.clause, trigger: t.trigger, triggeredBy: t.by, triggeredOn: t.on, knownOn: t.known, due, overdue: asOf > due, organisational: t.organisational,
    zh: `${name.zh}（${t.known} 起，${due} 前）`,
    en: `${name.en} (from ${t.known}, due ${due})`,
  }];
}
