import { ApiError } from '../../cli/api-client';
import { inParallel, settle, type Demo } from '../context';
import { readInspections } from '../inspections';
import { DemoError, obj, optNum, optStr } from '../json';
import { TIER_ZH } from '../print';
import { Rng } from '../prng';
import { printShortlist, readShortlist } from '../shortlist';
import { roundTimeline } from '../timeline';

const TEAMS = [
  ['区教育局组织人事科 王建国', '区教育局组织人事科 李芳'],
  ['区教育局组织人事科 陈卫东', '区教育局督导室 周丽', '区教育局纪检组 孙立新'],
  ['区教育局组织人事科 刘海燕', '区教育局教研室 吴志强'],
] as const;

const PASS = (name: string) => `${name}同志政治立场坚定，事业心和责任感强，教育教学业绩较好，群众基础较好；考察组意见：合格。`;
const FAIL = (name: string) => `${name}同志个别谈话中群众对其工作作风、团结协作方面反映意见较多，民主测评满意度偏低；考察组意见：不合格。`;

/**
 * Step c3 (S-INSPECT): the 考察 teams visit on days 10–11; on day 12 the bureau records each
 * 考察对象's inspection — team, dates, individual talks, a written conclusion, 合格 / 不合格 and a
 * score — one of them 不合格, so the gate shows; closes the inspection; the round ranks again
 * with the 考察 score, leaving the 不合格 out, and waits for the approver.
 */
export async function inspect(demo: Demo): Promise<void> {
  const { out, control, bureau } = demo;
  const round = demo.round;
  if (!round) throw new DemoError('未开启遴选批次', 'no round open');
  const plan = roundTimeline(round.openedAt);
  await control.advance({ to: plan.inspectionRecordedAt });

  const view = readInspections(await bureau.inspections(round.roundId));
  const all = view.tiers.flatMap((t) => t.candidates.map((c) => ({ ...c, tier: t.tier })));
  // 不合格: a tier 2 candidate near the top, who would otherwise be proposed.
  const t2 = all.filter((c) => c.tier === 2);
  const failing = t2[Math.min(3, t2.length - 1)];
  if (!failing) throw new DemoError('第二梯队没有考察对象', 'tier 2 has nobody to inspect');
  const rng = new Rng(demo.seed).fork('inspection');
  const records = all.map((c, i) => {
    const name = c.name ?? c.nominationId;
    const fail = c.nominationId === failing.nominationId;
    return {
      c,
      body: {
        team: [...(TEAMS[i % TEAMS.length] as readonly string[])], from: plan.inspectionFrom, to: plan.inspectionTo,
        talks: rng.int(12, 30), conclusion: fail ? FAIL(name) : PASS(name),
        result: fail ? '不合格' : '合格', score: fail ? 55 : Math.round((72 + rng.next() * 26) * 2) / 2,
      },
    };
  });

  // A record the rules refuse first (a team of one): each problem at its field.
  const first = records[0];
  if (first) {
    try {
      await bureau.recordInspection(round.roundId, first.c.nominationId, { ...first.body, team: ['区教育局组织人事科 王建国'] });
      throw new DemoError('API 接受了只有一人的考察组', 'the API accepted an inspection team of one');
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500) throw e;
      const p = e.body?.error.problems?.[0];
      out.detail(`考察组只有一人的记录被拒绝：HTTP ${e.status} ${p ? `${p.code} ${p.path}：${p.zh}` : ''}`, 'a record with a team of one: refused (条例 art. 29: two or more)');
    }
  }
  await inParallel(records, 6, ({ c, body }) => bureau.recordInspection(round.roundId, c.nominationId, body));
  const talks = records.reduce((s, r) => s + r.body.talks, 0);
  out.line(`考察组 ${plan.inspectionFrom} 至 ${plan.inspectionTo} 赴各单位考察；教育局录入 ${records.length} 份考察记录（个别谈话共 ${talks} 人次），合格 ${records.length - 1}，不合格 1`,
    `the inspection teams visited; the bureau recorded ${records.length} inspections (${talks} individual talks): ${records.length - 1} 合格, 1 不合格`);
  out.line(`  不合格：${failing.name ?? failing.nominationId}（${TIER_ZH[failing.tier]}，初步排名第 ${failing.rank ?? '?'} 位）——${FAIL(failing.name ?? '')}`,
    'one found 不合格 (the gate keeps them out)');

  const closed = obj(await bureau.closeInspection(round.roundId), 'inspection close');
  await settle(demo);
  const status = optStr(obj(obj(await bureau.getRound(round.roundId), 'round').round, 'round').status);
  out.line(`教育局结束考察（${optNum(closed.shortlisted) ?? records.length} 名考察对象均有记录）；计入考察分重新排名，批次状态 ${status}（等待组织部审批）`,
    `the bureau closed the inspection; the final ranking counts the inspection score; round is ${status}`);
  if (status !== 'awaiting-decision') throw new DemoError(`考察结束后批次应等待审批，实为 ${status}`, `after the inspection the round should await a decision, is ${status}`);

  const list = readShortlist(await bureau.shortlist(round.roundId));
  printShortlist(demo, list);
  const failed = list.tiers.flatMap((t) => t.inspectionFailed);
  if (failed.length !== 1 || failed[0]?.nominationId !== failing.nominationId) {
    throw new DemoError('考察不合格者应不予提名（S-INSPECT）', 'the 不合格 should be held back (S-INSPECT)', failed);
  }
  out.line(`考察不合格不予提名（S-INSPECT）：${failed.map((f) => f.name ?? f.nominationId).join('，')}`, 'held back by the inspection gate');
  demo.selection.inspection = {
    shortlisted: records.length, passed: records.length - 1,
    failed: [{ nominationId: failing.nominationId, name: failing.name ?? failing.nominationId, conclusion: FAIL(failing.name ?? '') }],
  };
}
