import { reason, type RuleContext } from '../context';
import { RULES, type Reason } from '../types';

/**
 * E-BASIC (三(二)1): the basic conditions are qualitative; the nominating unit's party
 * organisation attests them. The form guarantees `by` and `date` are filled in; without the
 * attestation there is no eligibility.
 */
export function basicReason(ctx: RuleContext): Reason {
  const a = ctx.form.attestation;
  return a.basicConditions
    ? reason('E-BASIC', RULES.attestation, true,
      `基本条件经${a.by}鉴定符合（${a.date}）`, `basic conditions attested by ${a.by} on ${a.date}`)
    : reason('E-BASIC', RULES.attestation, false,
      `${a.by}未鉴定基本条件符合（${a.date}）`, `basic conditions not attested by ${a.by} (${a.date})`);
}
