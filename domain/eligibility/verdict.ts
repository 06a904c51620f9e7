import type { IsoDate } from '../dates';
import type { NominationForm } from '../form/schema';
import { DOUBLE_FIRST_CLASS } from '../policy/double-first-class';
import { honourRung } from '../policy/honours';
import { PLAN_2020 } from '../policy/plan-2020';
import { policyRef, type Policy } from '../policy/schema';
import type { Tier } from '../tier';
import type { RuleContext } from './context';
import { ageReasons } from './rules/age';
import { basicReason } from './rules/basic';
import { educationReason } from './rules/education';
import { experienceReason } from './rules/experience';
import { honourReason } from './rules/honour';
import { sourceReasons } from './rules/source';
import { teachingAchievementReason } from './rules/teaching-achievement';
import { tier3Reasons } from './rules/tier3';
import { unitTypeReason } from './rules/unit';
import type { Reason, Verdict } from './types';

export interface EligibilityOptions {
  /** The round's reference date: ages, experience and titles are taken on this day. */
  asOf: IsoDate;
  /** Judge against this tier instead of the form's own (`pool check --tier`). */
  tier?: Tier;
  policy?: Policy;
  /** Normalised institution names for tier 3 route (a); default the 2022 Double First-Class list. */
  universities?: ReadonlySet<string>;
}

/**
 * Does the form meet the plan's conditions for the tier on the reference date? Pure: no
 * clock, no I/O. Every rule checked is in `reasons`, passed or not, with its clause id.
 * The form is assumed parsed (parseNominationForm); it is judged, never repaired.
 */
export function decideEligibility(form: NominationForm, opts: EligibilityOptions): Verdict {
  const policy = opts.policy ?? PLAN_2020;
  const tier = opts.tier ?? form.tier;
  const ctx: RuleContext = { form, tier, asOf: opts.asOf, policy, universities: opts.universities ?? DOUBLE_FIRST_CLASS };

  const reasons: Reason[] = [...sourceReasons(ctx), unitTypeReason(ctx), basicReason(ctx), ...ageReasons(ctx), ...tierReasons(ctx)];
  let eligible = true;
  for (const r of reasons) if (!r.ok && r.route === undefined) eligible = false;

  const verdict: Verdict = { tier, eligible, asOf: opts.asOf, policy: policyRef(policy), source: form.source, reasons };
  const unknown = form.candidate.honours.filter((h) => !honourRung(h.title, policy)).map((h) => h.title);
  if (unknown.length > 0) verdict.unknownHonours = unknown;
  return verdict;
}

function tierReasons(ctx: RuleContext): Reason[] {
  const { policy } = ctx;
  switch (ctx.tier) {
    case 1: {
      const t = policy.tiers[1];
      return [educationReason(ctx, t.minEducation), experienceReason(ctx, t.experience), honourReason(ctx, [t.minHonour])];
    }
    case 2: {
      const t = policy.tiers[2];
      const ownCondition = t.ownAchievementConditionUnitTypes.includes(ctx.form.unit.type);
      return [
        educationReason(ctx, t.minEducation),
        experienceReason(ctx, t.experience),
        ownCondition ? teachingAchievementReason(ctx) : honourReason(ctx, t.minHonourAnyOf),
      ];
    }
    case 3:
      return tier3Reasons(ctx);
  }
}
