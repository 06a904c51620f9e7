import { ApiError } from '../../cli/api-client';
import { settle, type Demo } from '../context';
import { DemoError, arr, obj, optStr } from '../json';
import { readShortlist } from '../shortlist';
import { roundTimeline } from '../timeline';

/**
 * Step d: the Organization Department's approver edits the list. First an edit the plan
 * forbids (adding an ineligible candidate, removing someone not proposed) — the API must
 * refuse it — then the real decision: approve with one proposed admit removed. The round then
 * goes to its 公示 (step d2), not yet to admission.
 */
export async function decide(demo: Demo): Promise<void> {
  const { out, approver, bureau, control } = demo;
  const round = demo.round;
  if (!round) throw new DemoError('未开启遴选批次', 'no round open');
  await control.advance({ to: roundTimeline(round.openedAt).decisionAt });
  const list = readShortlist(await approver.shortlist(round.roundId));
  const t3 = list.tiers.find((t) => t.tier === 3);
  const admits = t3?.ranked.filter((r) => r.proposed === 'admit') ?? [];
  const removed = admits[admits.length - 1];
  const waiting = t3?.ranked.find((r) => r.proposed !== 'admit');
  const ineligible = [...demo.intake.values()].find((r) => r.status === 'accepted' && r.eligible === false && r.tier === 3);
  if (!removed || !waiting || !ineligible) throw new DemoError('第三梯队名单不足以演示修改', 'the tier 3 list is too short to show an edit');

  try {
    // …and the one found 不合格 at the 考察, whom no edit can add back (S-INSPECT).
    const failed = list.tiers.flatMap((t) => t.inspectionFailed).map((f) => f.nominationId);
    await approver.decide(round.roundId, { decision: 'approve-with-edits', edits: { add: [ineligible.nominationId, ...failed], remove: [waiting.nominationId] }, note: '演示：不合规的修改' });
    throw new DemoError('API 接受了不符合方案的修改（加入不符合条件的人选）', 'the API accepted an edit that breaks the plan (adding an ineligible candidate)');
  } catch (e) {
    if (!(e instanceof ApiError) || e.status >= 500) throw e;
    out.line(`审批人尝试加入不符合条件的 ${ineligible.name ?? ineligible.ref} 和考察不合格者、移出候补 ${waiting.name ?? ''}：被拒绝（HTTP ${e.status} ${e.body?.error.code ?? ''}）`,
      `the approver tried an edit the plan forbids: refused (HTTP ${e.status})`);
    for (const p of e.body?.error.problems ?? []) out.line(`  ${p.code} ${p.path}：${p.zh}`, p.en);
  }

  // What the approver reads of the candidate before deciding (the form's summary, never the ID number).
  const detail = (await approver.shortlist(round.roundId) as { tiers?: Array<{ tier: number; ranked?: Array<{ nominationId: string; candidate?: { birthYear?: number; currentPost?: { title?: string } | null; honours?: Array<{ title: string }> } }> }> })
    .tiers?.find((t) => t.tier === 3)?.ranked?.find((r) => r.nominationId === removed.nominationId)?.candidate;
  if (detail) {
    out.detail(`审批人看到 ${removed.name ?? ''}：${detail.birthYear ?? '?'} 年生，现任 ${detail.currentPost?.title ?? '—'}，荣誉 ${detail.honours?.map((h) => h.title).join('、') || '无'}`,
      'the approver sees the candidate\'s form summary, verdict and score');
  }
  // By name when the name is unique on the list (the API resolves it to the nomination id), else by id.
  const unique = removed.name !== undefined && list.tiers.flatMap((t) => t.ranked).filter((r) => r.proposed === 'admit' && r.name === removed.name).length === 1;
  const note = `${removed.name ?? ''}同志拟交流至其他岗位任职，本轮暂缓列入`;
  const res = obj(await approver.decide(round.roundId, { decision: 'approve-with-edits', edits: { add: [], remove: [unique ? removed.name as string : removed.nominationId] }, note }), 'decision');
  out.line(`组织部审批：同意，移出第三梯队拟入库人选 ${removed.name ?? removed.nominationId}（${unique ? '按姓名' : '按编号'}；${note}）`,
    `approved with one edit: ${removed.nominationId} removed from tier 3's proposed admissions${unique ? ' (named by name)' : ''}`);
  out.detail(`审批送达：${optStr(obj(res.decision, 'decision').state) ?? '?'}`, 'decision delivered to the waiting round');

  await settle(demo);
  const status = optStr(obj(obj(await bureau.getRound(round.roundId), 'round').round, 'round').status);
  if (status !== 'publicising') throw new DemoError(`审批后批次应进入公示，实为 ${status}`, `after the decision the round should be publicising, is ${status}`);
  // The list the 公示 publishes is the approved one: the proposed admissions less the one removed.
  const published = arr(obj(await bureau.request('GET', `/rounds/${encodeURIComponent(round.roundId)}/objections`), 'publicity').entries, 'publicity.entries').length;
  const proposed = list.tiers.reduce((s, t) => s + t.ranked.filter((r) => r.proposed === 'admit').length, 0);
  out.line(`批次状态 ${status}：批准名单 ${published} 人进入公示`, `round is ${status}: the approved ${published} go to 公示`);
  if (published !== proposed - 1) {
    throw new DemoError(`公示名单 ${published} 人，拟入库 ${proposed} 人减去移出 1 人应为 ${proposed - 1}`, `${published} published, expected ${proposed - 1}`);
  }
}
