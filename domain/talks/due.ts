import type { ClauseId } from '../clauses';
import type { IsoDate } from '../dates';
import type { Policy } from '../policy/schema';
import type { Tier } from '../tier';
import { talkObligations, type KnownEvent, type OwedTalkTrigger } from './obligations';

/** Who a talk is owed by, as the pool-wide list shows them (never personal data). */
export interface TalkDueMember {
  personId: string;
  name?: string;
  unit: string;
  tier: Tier;
  /** The member's status now (active, removed …): a removed member still owes the 组织谈话. */
  status: string;
}

/** One talk due or overdue, pool-wide (GET /talks/due). */
export interface TalkDue {
  member: TalkDueMember;
  /** A must-talk (四必谈), the organisational talk of a removal, or the yearly minimum. */
  trigger: OwedTalkTrigger | 'yearly-minimum';
  triggeredBy: string;
  triggeredOn: IsoDate;
  knownOn: IsoDate;
  due: IsoDate;
  overdue: boolean;
  organisational: boolean;
  clause: ClauseId;
  zh: string;
  en: string;
}

/**
 * The talks one member owes as of `asOf` (C-TALK, and the removal talk of M-WARN / M-VETO /
 * M-FAIL), as list entries: every must-talk not yet held, the organisational talk of a
 * removal until it is recorded, and the yearly minimum (每年不少于1次, per year of the term as
 * talkObligations counts them) for the running year while unmet and for every finished year
 * that fell short. Pure: the history and the date are arguments.
 */
export function talksDue(member: TalkDueMember, history: readonly KnownEvent[], asOf: IsoDate, policy: Pick<Policy, 'talks' | 'review'>): TalkDue[] {
  const status = talkObligations(history, [], asOf, policy);
  const out: TalkDue[] = status.mustTalks.map((m) => ({
    member, trigger: m.trigger, triggeredBy: m.triggeredBy, triggeredOn: m.triggeredOn, knownOn: m.knownOn, due: m.due,
    overdue: m.overdue, organisational: m.organisational, clause: m.clause, zh: m.zh, en: m.en,
  }));
  for (const y of status.years) {
    if (!y.open && !y.overdue) continue;
    out.push({
      member, trigger: 'yearly-minimum', triggeredBy: 'term-year', triggeredOn: y.from, knownOn: y.from, due: y.to, overdue: y.overdue,
      organisational: false, clause: 'C-TALK',
      zh: `每年至少谈心谈话 ${y.required} 次（${y.from} 至 ${y.to}，已谈 ${y.held} 次）`,
      en: `at least ${y.required} talk(s) a year (${y.from} to ${y.to}; held ${y.held})`,
    });
  }
  return out;
}

/** Overdue first, then by due date, tier, unit and person: the order the bureau works through. */
export function sortTalksDue(list: readonly TalkDue[]): TalkDue[] {
  return [...list].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due)
    || a.member.tier - b.member.tier || a.member.unit.localeCompare(b.member.unit) || a.member.personId.localeCompare(b.member.personId)
    || a.trigger.localeCompare(b.trigger));
}
