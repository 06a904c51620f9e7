import { ApiError } from '../../cli/api-client';
import { settle, shanghaiDate, type Demo } from '../context';
import { DemoError, arr, isObj, obj, optNum, optObj, optStr } from '../json';
import { printPool, readPool } from '../pool';
import { TIER_ZH } from '../print';

interface Seat { personId: string; name?: string; tier: number; termEnd?: string; grade?: string; review?: string }

const PASSED = new Set(['优秀', '合格']);

/**
 * Step f4 (issue #11 part 4, M-TERM): the term ends on its date, by itself. Before the end the
 * bureau renews a few members who passed the summative review (the recommended first, at most
 * two per tier) — a new three-year term in the same seat — and is refused for one who did not
 * pass (RENEWAL_NOT_ELIGIBLE). The day before the end every seat is still held; on the end day
 * the daily term-end schedule (00:05 Beijing, on the simulated clock) ends every other term
 * and frees the seats.
 */
export async function termEndWithRenewals(demo: Demo): Promise<void> {
  const { out, bureau, control } = demo;
  const body = obj(await bureau.pool(), 'pool');
  const seats: Seat[] = arr(body.members, 'pool.members').filter(isObj).filter((m) => m.status === 'active').map((m) => {
    const last = optObj(m.lastGrade);
    return {
      personId: String(m.personId), ...(optStr(m.name) ? { name: optStr(m.name) } : {}), tier: optNum(m.tier) ?? 0,
      ...(optStr(m.termEnd) ? { termEnd: optStr(m.termEnd) } : {}), ...(optStr(last.grade) ? { grade: optStr(last.grade) } : {}), ...(optStr(last.review) ? { review: optStr(last.review) } : {}),
    };
  });
  const end = seats.map((s) => s.termEnd).filter((d): d is string => d !== undefined).sort()[0];
  if (!end) throw new DemoError('人才库中没有任期届满日期', 'no term end in the pool');
  const today = shanghaiDate(await control.now());
  if (today >= end) throw new DemoError(`今天 ${today} 已到任期届满日 ${end}`, `today ${today} is already the term's end ${end}`);
  const cohort = seats.filter((s) => s.termEnd === end);
  const recommended = new Set((demo.reviews.find((r) => r.year === 3)?.outcomes ?? []).filter((o) => o.kind === 'recommended').map((o) => o.personId));
  const passed = cohort.filter((s) => s.review === 'summative' && s.grade !== undefined && PASSED.has(s.grade))
    .sort((a, b) => Number(recommended.has(b.personId)) - Number(recommended.has(a.personId)) || (a.personId < b.personId ? -1 : 1));
  const chosen = [1, 2, 3].flatMap((t) => passed.filter((s) => s.tier === t).slice(0, 2));
  const label = (s: Seat) => `${s.name ?? s.personId}（${TIER_ZH[s.tier] ?? s.tier}）`;

  let newEnd = '';
  for (const s of chosen) {
    const r = obj(await bureau.renew(s.personId, { on: today, reason: recommended.has(s.personId) ? '总结性考核前 30%，区教育局研究决定续任一届' : '总结性考核合格，工作需要，续任一届' }), 'renewal');
    newEnd = optStr(r.termEnd) ?? newEnd;
  }
  out.line(`${today} 续任 ${chosen.length} 人（通过总结性考核，名额不变，新一届至 ${newEnd || '—'}）：${chosen.map(label).join('，') || '无'}`,
    `${today}: ${chosen.length} members who passed the summative review renewed for a new three-year term, same seats (M-TERM)`);
  const notPassed = cohort.find((s) => s.review === 'summative' && s.grade !== undefined && !PASSED.has(s.grade));
  if (notPassed) {
    try {
      await bureau.renew(notPassed.personId, { on: today, reason: '拟续任' });
      throw new DemoError(`${label(notPassed)} 总结性考核${notPassed.grade}，续任却被接受`, 'a renewal for a member who did not pass was accepted');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const p = e.body?.error.problems?.[0];
      out.line(`续任 ${label(notPassed)} 被拒绝：${p?.code ?? e.status} ${p?.zh ?? ''}`, `a renewal for a member who did not pass is refused: ${p?.code ?? e.status}`);
    }
  }

  const heldNow = async () => (await readPool(demo)).tiers.reduce((n, t) => n + t.held, 0);
  await control.advance({ to: new Date(Date.parse(`${end}T00:00:00+08:00`) - 3_600_000).toISOString() });
  await settle(demo);
  const before = await heldNow();
  out.line(`${end} 前一天：本届 ${cohort.length} 人仍占名额（共占 ${before} 个）`, `the day before ${end}: the cohort still holds its seats`);
  await control.advance({ to: `${end}T00:10:00+08:00` });
  await settle(demo);
  const after = await printPool(demo, [`${end} 任期届满（三年一届，每日任期届满步骤自动执行）后的人才库：`, `the pool after the terms ended on ${end} (the daily term-end step):`]);
  const stayed = after.members.filter((m) => chosen.some((c) => c.personId === m.personId)).length;
  const freed = before - after.tiers.reduce((n, t) => n + t.held, 0);
  out.line(`任期届满当日离库 ${cohort.length - stayed} 人，释放名额 ${freed} 个；续任 ${stayed} 人继续在库`,
    `on the end day ${cohort.length - stayed} terms ended and ${freed} seats were freed; ${stayed} renewed members stay`);
  if (stayed !== chosen.length) throw new DemoError('续任成员未全部留在库中', 'not every renewed member stayed in the pool');
}
