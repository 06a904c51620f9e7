import { maskIdNumber } from '../../formats/export/id-mask';
import { parseNominationForm } from '../../domain/form/parse';
import type { NominationForm } from '../../domain/form/schema';
import type { Nomination } from '../../domain/round/nomination';
import { allOf } from '../pages';
import type { Stores } from '../ports';
import type { ExportScope } from './table';

/**
 * ID numbers in exports: only ever read from the nomination form that brought the person in
 * (the pool keeps a personId, never the number), and written masked unless the scope says
 * full (the bureau asked; authorize.ts audits it). One place decides, so no export can forget.
 */
export function shownId(idNumber: string | undefined, scope: ExportScope): string {
  if (idNumber === undefined) return '';
  return scope.fullIds ? idNumber : maskIdNumber(idNumber);
}

export function formOf(n: Nomination | undefined): NominationForm | undefined {
  if (!n?.form) return undefined;
  const parsed = parseNominationForm(n.form);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The forms of members' admissions: per round (a member's cohort), the accepted nomination
 * that names the person — the one admitted, else any accepted one. One paginated query per
 * round, not two reads per member. Members imported as filed (S-ORGLIST, X-LEGACY) came with
 * no stored nomination: for them there is no form, and the export leaves the cells empty.
 */
export function admissionForms(repos: Pick<Stores, 'nominations'>): (roundId: string | undefined, personId: string) => Promise<NominationForm | undefined> {
  const byRound = new Map<string, Promise<Map<string, NominationForm>>>();
  const load = async (roundId: string) => {
    const out = new Map<string, NominationForm>();
    const noms = await allOf((page) => repos.nominations.listByRound(roundId, page));
    // Admitted first, so an admitted nomination wins over another accepted one of the person.
    const ordered = [...noms.filter((n) => n.admission?.status === 'admitted'), ...noms.filter((n) => n.status === 'accepted')];
    for (const n of ordered) {
      const personId = n.personId ?? (n.admission?.status === 'admitted' ? n.admission.personId : undefined);
      const form = personId !== undefined && !out.has(personId) ? formOf(n) : undefined;
      if (personId !== undefined && form) out.set(personId, form);
    }
    return out;
  };
  return async (roundId, personId) => {
    if (roundId === undefined) return undefined;
    let forms = byRound.get(roundId);
    if (!forms) {
      forms = load(roundId);
      byRound.set(roundId, forms);
    }
    return (await forms).get(personId);
  };
}

/** 出生年月 as a 公示 list prints it: `1992.05`. */
export function birthMonth(form: NominationForm | undefined): string {
  return form ? form.candidate.birthDate.slice(0, 7).replace('-', '.') : '';
}

export const GENDER_ZH: Record<'M' | 'F', string> = { M: '男', F: '女' };
