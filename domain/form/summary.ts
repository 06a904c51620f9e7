import type { Policy } from '../policy/schema';
import { honourRank } from '../policy/honours';
import type { NominationForm } from './schema';

/**
 * What the approver (and the bureau) read of a candidate beside the ranked shortlist: who
 * they are and what the form says of them — never the ID number or the birth date (the year
 * of birth is enough to judge an age, as the 公示 list shows year and month).
 */
export interface FormSummary {
  name: string;
  gender: 'M' | 'F';
  birthYear: number;
  unit: { code: string; name: string; type: string };
  tier: 1 | 2 | 3;
  source: string;
  /** The post held now (`to: null`), the senior one when several; null when none is current. */
  currentPost: { kind: string; title: string; unit: string; from: string } | null;
  education: { level: string; fullTime: boolean; institution: string; graduated: string; major?: string }[];
  /** Best first on the policy's ladder (unknown titles last, as written). */
  honours: { title: string; awarded: string; rank: number | null }[];
  ageExemption: boolean;
}

const POST_SENIORITY = ['principal', 'deputy', 'middle', 'team', 'class-teacher', 'teacher', 'other'];

export function formSummary(form: NominationForm, policy: Policy): FormSummary {
  const c = form.candidate;
  const current = c.posts
    .filter((p) => p.to === null)
    .sort((a, b) => POST_SENIORITY.indexOf(a.kind) - POST_SENIORITY.indexOf(b.kind) || (a.from < b.from ? 1 : a.from > b.from ? -1 : 0))[0];
  const honours = c.honours
    .map((h) => ({ title: h.title, awarded: h.awarded, rank: honourRank(h.title, policy) ?? null }))
    .sort((a, b) => (b.rank ?? -1) - (a.rank ?? -1) || (a.awarded < b.awarded ? 1 : -1));
  return {
    name: c.name,
    gender: c.gender,
    birthYear: Number(c.birthDate.slice(0, 4)),
    unit: { code: form.unit.code, name: form.unit.name, type: form.unit.type },
    tier: form.tier,
    source: form.source,
    currentPost: current ? { kind: current.kind, title: current.title, unit: current.unit, from: current.from } : null,
    education: c.education.map((e) => ({ level: e.level, fullTime: e.fullTime, institution: e.institution, graduated: e.graduated, ...(e.major !== undefined ? { major: e.major } : {}) })),
    honours,
    ageExemption: form.ageExemption !== null,
  };
}
