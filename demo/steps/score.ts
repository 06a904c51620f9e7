import { settle, type Demo } from '../context';
import { readInspections } from '../inspections';
import { DemoError, obj, optStr } from '../json';
import { TIER_ZH } from '../print';
import { readShortlist } from '../shortlist';
import { INSPECTION_RATIO } from '../scoring';

const MINUTE = 60_000;

/**
 * Step c2: scoring closes; the preliminary ranking (every component but the 考察 score, which
 * has no value yet) chooses the 考察对象 — the top ceil(free seats × ratio) of each tier, all
 * tied at the cut — and the round waits for the inspection (inspecting). The candidates under
 * the 民主推荐 threshold are not ranked at all.
 */
export async function scoreRound(demo: Demo): Promise<void> {
  const { out, control, bureau } = demo;
  const round = demo.round;
  if (!round) throw new DemoError('未开启遴选批次', 'no round open');

  const t = await control.advance({ to: new Date(Date.parse(round.scoringClosesAt) + MINUTE).toISOString() });
  await settle(demo);
  const status = optStr(obj(obj(await bureau.getRound(round.roundId), 'round').round, 'round').status);
  out.line(`时钟拨至 ${t.toISOString()}：评分截止，初步排名完成（不含考察分），批次状态 ${status}（等待考察）`,
    `scoring closed; the preliminary ranking (without the inspection score) is done; round is ${status}`);
  if (status !== 'inspecting') throw new DemoError(`评分后批次应等待考察，实为 ${status}`, `after scoring the round should be inspecting, is ${status}`);

  const list = readShortlist(await bureau.shortlist(round.roundId));
  // Every eligible nomination has its entered scores and a tally: none may be left unscored.
  const incomplete = list.tiers.map((x) => ({ tier: x.tier, n: typeof x.counts.incomplete === 'number' ? x.counts.incomplete : 0 })).filter((x) => x.n > 0);
  if (incomplete.length > 0) {
    throw new DemoError(`${incomplete.map((x) => `第${x.tier}梯队 ${x.n} 名`).join('，')}已录入成绩的合格人选未能评分（incomplete）`,
      `eligible nominations with entered scores were left unscored: ${incomplete.map((x) => `tier ${x.tier}: ${x.n}`).join(', ')}`, list.tiers.map((x) => ({ tier: x.tier, counts: x.counts })));
  }
  // What the tally put under the threshold is what Rank held back (S-RECOMMEND).
  const held = list.tiers.flatMap((x) => x.belowThreshold.map((b) => b.nominationId)).sort();
  const expected = (demo.selection.ballot?.belowThreshold ?? []).map((b) => b.nominationId).sort();
  if (JSON.stringify(held) !== JSON.stringify(expected)) {
    throw new DemoError(`排名中未参与排名的（${held.length} 人）与计票低于门槛的（${expected.length} 人）不一致`,
      `the ranking held back ${held.length}, the tally put ${expected.length} under the threshold`, { held, expected });
  }
  for (const x of list.tiers) {
    out.detail(`  ${TIER_ZH[x.tier] ?? x.tier}：参与排名 ${x.ranked.length}，推荐率低于门槛不参与排名 ${x.belowThreshold.length}`,
      `tier ${x.tier}: ${x.ranked.length} ranked, ${x.belowThreshold.length} below the threshold`);
  }

  const view = readInspections(await bureau.inspections(round.roundId));
  for (const x of view.tiers) {
    out.line(`  ${TIER_ZH[x.tier] ?? x.tier}：空余名额 ${list.tiers.find((s) => s.tier === x.tier)?.freeSeats ?? '?'} × ${INSPECTION_RATIO} → 考察对象 ${x.candidates.length} 人（应考察 ${x.quota} 人${x.candidates.length > x.quota ? '，末位并列者一并考察' : ''}）`,
      `tier ${x.tier}: ${x.candidates.length} to inspect (quota ${x.quota})`);
  }
  out.line(`考察对象共 ${view.counts.shortlisted} 人，待录入考察记录 ${view.counts.missing} 人`, `${view.counts.shortlisted} to inspect, ${view.counts.missing} records to enter`);
}
