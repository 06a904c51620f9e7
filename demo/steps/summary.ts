import { pct } from '../ballots';
import type { Demo } from '../context';
import { printPool } from '../pool';
import { RECOMMENDATION_THRESHOLD } from '../scoring';

/** The three selection steps as the round ran them (DESIGN §7). */
function selectionSummary(demo: Demo): void {
  const { out } = demo;
  const { ballot, inspection, publicity } = demo.selection;
  if (ballot) {
    out.line(`民主推荐：${ballot.units} 个单位，发放投票码 ${ballot.issued}，已用 ${ballot.used}，参投率 ${pct(ballot.turnout)}；推荐率低于 ${pct(RECOMMENDATION_THRESHOLD)} 不参与排名 ${ballot.belowThreshold.length} 人：` +
      `${ballot.belowThreshold.slice(0, 8).map((b) => `${b.name}（${pct(b.share)}）`).join('，')}${ballot.belowThreshold.length > 8 ? ' 等' : ''}`,
    `民主推荐: turnout ${pct(ballot.turnout)} (${ballot.used}/${ballot.issued}); ${ballot.belowThreshold.length} below the threshold, not ranked`);
  }
  if (inspection) {
    out.line(`考察：考察对象 ${inspection.shortlisted} 人，合格 ${inspection.passed}，不合格 ${inspection.failed.length}（${inspection.failed.map((f) => f.name).join('，')}，不予提名）`,
      `考察: ${inspection.shortlisted} inspected, ${inspection.passed} 合格, ${inspection.failed.length} 不合格 (not proposed)`);
  }
  if (publicity) {
    const name = { upheld: '异议成立，不予入库', dismissed: '异议不成立，照常入库' } as Record<string, string>;
    out.line(`公示：${publicity.from} 至 ${publicity.to}，${publicity.published} 人；异议 ${publicity.objections.length} 件：` +
      `${publicity.objections.map((o) => `${o.objectionId} ${o.name}——${name[o.status] ?? o.status}（${o.reason}）`).join('；')}`,
    `公示 ${publicity.from}–${publicity.to}, ${publicity.published} listed; ${publicity.objections.map((o) => `${o.objectionId} ${o.status}`).join(', ')}`);
  }
}

/** Step g: where the pool stands after a round and three yearly reviews. */
export async function summary(demo: Demo): Promise<void> {
  const { out } = demo;
  const pool = await printPool(demo, ['三年后的人才库：', 'the pool three years on:']);
  const intake = [...demo.intake.values()];
  out.line(`遴选 ${demo.round?.roundId ?? ''}：推荐 ${intake.length}，受理 ${intake.filter((r) => r.status === 'accepted').length}，符合条件 ${intake.filter((r) => r.eligible === true).length}`,
    `round: ${intake.length} nominations`);
  selectionSummary(demo);
  const all = demo.reviews.flatMap((r) => r.outcomes);
  const count = (k: string) => all.filter((o) => o.kind === k).length;
  out.line(`三次考核：提醒 ${count('warned')}，不再列入 ${count('removed')}（均须组织谈话），推荐使用 ${count('recommended')}，须谈话 ${demo.reviews.reduce((s, r) => s + r.dueTalks, 0)} 项`,
    `three reviews: warned ${count('warned')}, removed ${count('removed')} (each owes the organisational talk), recommended ${count('recommended')}`);
  const pending = pool.members.filter((m) => m.status === 'removal-pending');
  if (pending.length > 0) {
    out.line(`待出库 ${pending.length} 人（组织谈话已进行，出库须另行办理）`, `${pending.length} members await removal after their organisational talk`);
  }
  // C-PRIORITY: the queries the bureau runs when a post, an award or a training place is to be filled.
  const count2 = async (q: Record<string, string>) => ((await demo.bureau.pool(q) as { members?: unknown[] }).members ?? []).length;
  const [recommended, young] = await Promise.all([count2({ flag: 'recommended' }), count2({ maxAge: '40', honourAtLeast: '常州市骨干教师' })]);
  out.line(`优先选用查询：推荐使用 ${recommended} 人；40 周岁以下且常州市骨干教师及以上 ${young} 人`,
    `priority queries (C-PRIORITY): ${recommended} recommended; ${young} aged 40 or under with 常州市骨干教师 or above`);
  for (const n of demo.notes) out.warn(n.zh, n.en);
  out.line(`用时 ${out.elapsedSeconds().toFixed(1)} 秒`, `wall time ${out.elapsedSeconds().toFixed(1)} s`);
}
