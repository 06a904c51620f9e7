import { addDays, addYears, type IsoDate } from '../dates';
import type { MemberEvent, MemberEventType } from '../membership/events';
import type { Policy } from '../policy/schema';
import { TALK_TRIGGER_NAMES, type TalkTrigger } from './records';

type Rules = Pick<Policy, 'talks' | 'review'>;

/** A must-talk (四必谈, C-TALK) not yet held. */
export interface TalkObligation {
  clause: 'C-TALK';
  trigger: TalkTrigger;
  triggeredBy: MemberEventType;
  triggeredOn: IsoDate;
  /** triggeredOn + policy.talks.dueWithinDays. */
  due: IsoDate;
  overdue: boolean;
  /** Only an organisational talk (组织谈话) discharges it: the talk before an M-FAIL removal. */
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

/**
 * C-TALK (五(三)): what talks a member is owed as of a date.
 *
 * Must-talk triggers, from the member's history since their latest admission:
 *   post-change — a rotation starts (D-ROTATE; the record's `from`);
 *   promotion   — appointed to a post while staying in the pool (X-USE), moved to a higher tier;
 *   setback     — warned (M-WARN), a low annual grade, moved to a lower tier, a failed
 *                 summative review (then only an organisational talk discharges it, M-FAIL);
 *   assessment  — every assessment (考察考核后必谈).
 * Any talk held on or after a trigger discharges it (one conversation may answer several).
 * Yearly minimum: in each year of membership counted from the current term's start, at
 * least policy.talks.minPerYear talks. Someone no longer in the pool is owed nothing: the
 * reducer would refuse to record a talk for them anyway.
 */
export function talkObligations(
  memberHistory: readonly MemberEvent[],
  talksHeld: readonly HeldTalk[],
  asOf: IsoDate,
  policy: Rules,
): TalkStatus {
  const none: TalkStatus = { mustTalks: [], years: [], overdue: false };
  let start = -1;
  let inPool = false;
  memberHistory.forEach((e, i) => {
    if (e.type === 'admitted') { start = i; inPool = true; }
    if (e.type === 'removed' || e.type === 'term-ended' || (e.type === 'appointed' && e.exitsPool)) inPool = false;
  });
  if (!inPool || start < 0) return none;
  const term = memberHistory.slice(start);
  const admitted = term[0];
  if (admitted?.type !== 'admitted') return none;

  const talks: HeldTalk[] = [
    ...talksHeld,
    ...term.flatMap((e) => (e.type === 'talked' ? [{ on: e.on, kind: e.record.kind }] : [])),
  ].filter((t) => t.on <= asOf);

  const triggers: { trigger: TalkTrigger; by: MemberEventType; on: IsoDate; organisational: boolean }[] = [];
  let tier = admitted.tier;
  for (const e of term) {
    switch (e.type) {
      case 'rotated': triggers.push({ trigger: 'post-change', by: e.type, on: e.record.from, organisational: false }); break;
      case 'appointed': if (!e.exitsPool) triggers.push({ trigger: 'promotion', by: e.type, on: e.on, organisational: false }); break;
      case 'moved-tier':
        triggers.push({ trigger: e.tier < tier ? 'promotion' : 'setback', by: e.type, on: e.on, organisational: false });
        tier = e.tier;
        break;
      case 'warned': triggers.push({ trigger: 'setback', by: e.type, on: e.on, organisational: false }); break;
      case 'assessed': {
        triggers.push({ trigger: 'assessment', by: e.type, on: e.on, organisational: false });
        const failed = e.review === 'summative' && policy.review.summativeFailGrades.includes(e.grade);
        if (failed) triggers.push({ trigger: 'setback', by: e.type, on: e.on, organisational: true });
        else if (policy.review.lowGrades.includes(e.grade)) triggers.push({ trigger: 'setback', by: e.type, on: e.on, organisational: false });
        break;
      }
      default: break;
    }
  }

  const mustTalks: TalkObligation[] = [];
  for (const t of triggers) {
    if (t.on > asOf) continue;
    const discharged = talks.some((h) => h.on >= t.on && (!t.organisational || h.kind === 'organisational'));
    if (discharged) continue;
    const due = addDays(t.on, policy.talks.dueWithinDays);
    const name = TALK_TRIGGER_NAMES[t.trigger];
    mustTalks.push({
      clause: 'C-TALK', trigger: t.trigger, triggeredBy: t.by, triggeredOn: t.on, due, overdue: asOf > due, organisational: t.organisational,
      zh: `${t.organisational ? '组织谈话' : name.zh}（${t.on} 起，${due} 前）`,
      en: `${t.organisational ? 'organisational talk' : name.en} (from ${t.on}, due ${due})`,
    });
  }

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
