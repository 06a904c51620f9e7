import { inParallel, settle, type Demo } from '../context';
import { DemoError, obj, optStr } from '../json';
import { enteredScores } from '../scoring';
import { printShortlist, readShortlist } from '../shortlist';

const MINUTE = 60_000;

/** Step c: intake closes; the bureau enters the written test and interview; scoring closes; the shortlist. */
export async function scoreRound(demo: Demo): Promise<void> {
  const { out, control, bureau } = demo;
  const round = demo.round;
  if (!round) throw new DemoError('未开启遴选批次', 'no round open');

  const t1 = await control.advance({ to: new Date(Date.parse(round.intakeClosesAt) + MINUTE).toISOString() });
  await settle(demo);
  const status = optStr(obj(obj(await bureau.getRound(round.roundId), 'round').round, 'round').status);
  out.line(`时钟拨至 ${t1.toISOString()}：报送截止，批次状态 ${status}`, `clock advanced past intake close; round is ${status}`);
  if (status !== 'closed') throw new DemoError(`报送截止后批次应为 closed，实为 ${status}`, `after intake closes the round should be closed, is ${status}`);

  const eligible = [...demo.intake.values()].filter((r) => r.status === 'accepted' && r.eligible === true);
  await inParallel(eligible, 8, async (r) => {
    if (!r.tier) throw new DemoError(`推荐 ${r.nominationId} 没有梯队`, `nomination ${r.nominationId} has no tier`);
    await bureau.setScores(round.roundId, r.nominationId, enteredScores(demo.seed, r.ref, r.tier));
  });
  out.line(`教育局为 ${eligible.length} 名符合条件的人选录入笔试、面试成绩`, `bureau entered written-test and interview scores for ${eligible.length} eligible candidates`);

  const t2 = await control.advance({ to: new Date(Date.parse(round.scoringClosesAt) + MINUTE).toISOString() });
  await settle(demo);
  const after = optStr(obj(obj(await bureau.getRound(round.roundId), 'round').round, 'round').status);
  out.line(`时钟拨至 ${t2.toISOString()}：评分排名完成，批次状态 ${after}（等待组织部审批）`, `scored and ranked; round is ${after}`);
  if (after !== 'awaiting-decision') throw new DemoError(`评分后批次应等待审批，实为 ${after}`, `after scoring the round should await a decision, is ${after}`);
  const list = readShortlist(await bureau.shortlist(round.roundId));
  printShortlist(demo, list);
  // Every eligible nomination has its entered scores: none may be left unscored.
  const incomplete = list.tiers.map((t) => ({ tier: t.tier, n: typeof t.counts.incomplete === 'number' ? t.counts.incomplete : 0 })).filter((x) => x.n > 0);
  if (incomplete.length > 0) {
    throw new DemoError(`${incomplete.map((x) => `第${x.tier}梯队 ${x.n} 名`).join('，')}已录入成绩的合格人选未能评分（incomplete）`,
      `eligible nominations with entered scores were left unscored: ${incomplete.map((x) => `tier ${x.tier}: ${x.n}`).join(', ')}`, list.tiers.map((t) => ({ tier: t.tier, counts: t.counts })));
  }
}
