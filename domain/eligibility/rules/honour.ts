import { meetsHonour, type HonourCheck } from '../../policy/honours';
import { reason, type RuleContext } from '../context';
import { RULES, type Reason } from '../types';

/**
 * Tier 1: 常州市骨干教师 及以上; tier 2: 金坛区骨干教师 或 常州市教学能手 及以上 — ranked by the
 * policy's ladder. A title awarded after the reference date (or lapsed, when the policy sets
 * a term) does not count; an unknown title is named in the message and never counted.
 */
export function honourReason(ctx: RuleContext, minTitles: readonly string[]): Reason {
  const t = ctx.policy.tiers[ctx.tier];
  const c = meetsHonour(ctx.form.candidate.honours, minTitles, ctx.asOf, ctx.policy);
  const need = `${minTitles.map((x) => `“${x}”`).join('或')}及以上称号`;
  const needEn = `${minTitles.join(' or ')} or above`;
  if (c.requiredRank === undefined) {
    return reason(t.clause, RULES.honour, false, `方案所列称号不在称号序列中，无法判定（${need}）`,
      `the policy names a title its ladder lacks; cannot judge (${needEn})`);
  }
  const has = c.best ? `最高称号“${c.best.title}”（${c.best.awarded}）` : '无可计入的称号';
  const hasEn = c.best ? `highest title ${c.best.title} (${c.best.awarded})` : 'no title that counts';
  const [notes, notesEn] = honourNotes(c);
  return reason(t.clause, RULES.honour, c.ok,
    `${has}，${c.ok ? '达到' : '未达到'}${need}${notes}`, `${hasEn}; ${c.ok ? 'meets' : 'below'} ${needEn}${notesEn}`);
}

function honourNotes(c: HonourCheck): [string, string] {
  let zh = '';
  let en = '';
  if (c.unknown.length) {
    zh += `；未识别的称号：${c.unknown.join('、')}（未计入，请核对称号名称）`;
    en += `; unknown titles: ${c.unknown.join(', ')} (not counted; check the wording)`;
  }
  if (c.notYetAwarded.length) {
    zh += `；${c.notYetAwarded.join('、')}获评于参照日之后，不计入`;
    en += `; awarded after the reference date, not counted: ${c.notYetAwarded.join(', ')}`;
  }
  if (c.expired.length) {
    zh += `；${c.expired.join('、')}已过有效期，不计入`;
    en += `; lapsed, not counted: ${c.expired.join(', ')}`;
  }
  return [zh, en];
}
