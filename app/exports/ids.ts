import { maskIdNumber } from '../../formats/export/id-mask';
import { parseNominationForm } from '../../domain/form/parse';
import type { NominationForm } from '../../domain/form/schema';
import type { Nomination } from '../../domain/round/nomination';
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
 * The form of a member's admission: the round (cohort) that admitted them, the nomination
 * that held the person in it (the person claim). Undefined when there is none to read
 * (an entry made before claims were kept); the export then shows the cell empty.
 */
export async function admissionForm(repos: Pick<Stores, 'personClaims' | 'nominations'>, roundId: string | undefined, personId: string): Promise<NominationForm | undefined> {
  if (roundId === undefined) return undefined;
  const claim = await repos.personClaims.get(roundId, personId);
  if (!claim) return undefined;
  return formOf(await repos.nominations.get(roundId, claim.nominationId));
}

/** 出生年月 as a 公示 list prints it: `1992.05`. */
export function birthMonth(form: NominationForm | undefined): string {
  return form ? form.candidate.birthDate.slice(0, 7).replace('-', '.') : '';
}

export const GENDER_ZH: Record<'M' | 'F', string> = { M: '男', F: '女' };
