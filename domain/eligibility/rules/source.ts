import { TIER_NAMES } from '../../tier';
import { reason, type RuleContext } from '../context';
import { RULES, type Reason } from '../types';

/**
 * Where the nomination came from (三(三), 六). Every source is judged by the same conditions
 * and `eligible` reflects them; what differs is what a failing verdict means:
 *
 * - `selection` (S-ROUND): a candidate of the bureau's own round.
 * - `org-dept-list` (S-ORGLIST): a name on the District Organization Department's filed
 *   list for units it manages (e.g. 华罗庚中学). The list prevails (以…为准): the bureau does
 *   not select these people, so the verdict notes the import and a failing condition is a
 *   discrepancy to raise with the Department, not a rejection the bureau makes alone.
 * - `legacy-young-cadre` (X-LEGACY): former 优秀中青年干部 go into tier 2 and only tier 2.
 * - `imported-talent` (X-TALENT): the plan applies to imported talents as to anyone.
 */
export function sourceReasons(ctx: RuleContext): Reason[] {
  const { form, tier } = ctx;
  switch (form.source) {
    case 'selection':
      return [reason('S-ROUND', RULES.source, true, '经本轮遴选推荐', 'nominated in a selection round')];
    case 'org-dept-list':
      return [reason('S-ORGLIST', RULES.source, true,
        '组织部备案后备干部名单导入（非本轮遴选），仍按同等条件核验；如有不符，报组织部核处',
        "imported from the Organization Department's filed list (not selected in a round); still checked against the same conditions — any failure is for the Department to settle")];
    case 'legacy-young-cadre': {
      const ok = tier === 2;
      return [
        reason('X-LEGACY', RULES.source, true, '原教育系统优秀中青年干部导入', 'imported as a former outstanding young cadre'),
        reason('X-LEGACY', RULES.legacyTier, ok,
          ok ? '原优秀中青年干部列入第二梯队' : `原优秀中青年干部只列入第二梯队，不能列入${TIER_NAMES[tier].zh}`,
          ok ? 'former outstanding young cadres go into tier 2' : `former outstanding young cadres go into tier 2, not tier ${tier}`),
      ];
    }
    case 'imported-talent':
      return [reason('X-TALENT', RULES.source, true, '引进人才，按同等条件核验', 'imported talent, judged by the same conditions')];
  }
}
