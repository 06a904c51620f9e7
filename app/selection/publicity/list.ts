import { parseNominationForm } from '../../../domain/form/parse';
import { formSummary } from '../../../domain/form/summary';
import type { Policy } from '../../../domain/policy/schema';
import { admissionList, type Admit } from '../../../domain/round/admission-list';
import type { Nomination } from '../../../domain/round/nomination';
import { openTiers, type Round } from '../../../domain/round/round';
import type { Tier } from '../../../domain/tier';
import { Conflict } from '../../errors';
import { allNominations } from '../../round/nominations';
import type { UseCaseContext } from '../../ports';

/**
 * The list the 公示 publishes (DESIGN §7): the approved admissions — the plan AdmitBatch keeps
 * when there is one, else the shortlist with the approver's decision (domain admissionList, the
 * rule admission uses) — each with only the fields §7 names: name, gender, year and month of
 * birth, unit and post, tier. Never an ID number, never the birth day.
 */
export interface PublishedEntry {
  nominationId: string;
  tier: Tier;
  name: string;
  gender: '男' | '女';
  /** YYYY-MM. */
  birthMonth: string;
  unitAndPost: string;
}

export function approvedAdmissions(round: Round, nominations: readonly Nomination[]): Admit[] | undefined {
  if (round.admission) return round.admission.ids;
  const decision = round.decision;
  if (!round.shortlist || !decision || decision.decision === 'reject') return undefined;
  const list = admissionList(round.shortlist, decision, nominations, openTiers(round));
  return list.ok ? list.value : undefined;
}

function entryOf(n: Nomination, a: Admit, policy: Policy): PublishedEntry {
  const form = parseNominationForm(n.form);
  if (!form.ok) throw new Conflict('PUBLICITY_LIST_INVALID', `名单中的推荐 ${a.id} 无法读取`, `nomination ${a.id} on the list cannot be read`, { clause: 'S-PUBLICITY' });
  const s = formSummary(form.value, policy);
  const post = s.currentPost;
  return {
    nominationId: a.id, tier: a.tier, name: s.name, gender: s.gender === 'F' ? '女' : '男',
    birthMonth: form.value.candidate.birthDate.slice(0, 7),
    // 工作单位及职务: the post's own unit when the form names one, else the nominating unit.
    unitAndPost: post ? `${post.unit}${post.title}` : s.unit.name,
  };
}

/** The published list of a round in 公示 (or past it), tier by tier in ranking order. */
export async function publishedList(deps: Pick<UseCaseContext, 'repos' | 'policy'>, round: Round): Promise<PublishedEntry[]> {
  const nominations = await allNominations(deps.repos.nominations, round.roundId);
  const admits = approvedAdmissions(round, nominations);
  if (!admits) throw new Conflict('PUBLICITY_LIST_INVALID', '批准的名单与现有推荐不一致，请核查', 'the approved list no longer matches the nominations', { clause: 'S-PUBLICITY' });
  const byId = new Map(nominations.map((n) => [n.nominationId, n]));
  return admits.flatMap((a) => {
    const n = byId.get(a.id);
    return n ? [entryOf(n, a, deps.policy)] : [];
  });
}
