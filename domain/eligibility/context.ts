import type { IsoDate } from '../dates';
import type { NominationForm } from '../form/schema';
import type { Policy } from '../policy/schema';
import type { Tier } from '../tier';
import type { Reason, Route } from './types';
import type { ClauseId } from '../clauses';

/** What every rule reads: the form, the tier it is judged for, the date, the policy. */
export interface RuleContext {
  form: NominationForm;
  tier: Tier;
  asOf: IsoDate;
  policy: Policy;
  universities: ReadonlySet<string>;
}

export function reason(clause: ClauseId, rule: string, ok: boolean, message: string, messageEn: string, route?: Route): Reason {
  return route === undefined ? { clause, rule, ok, message, messageEn } : { clause, rule, ok, message, messageEn, route };
}
