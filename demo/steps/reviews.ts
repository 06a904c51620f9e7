import { ApiError } from '../../cli/api-client';
import { planAssessments } from '../assessments';
import { inParallel, settle, shanghaiDate, type Demo, type ReviewResult } from '../context';
import { DemoError, arr, isObj, obj, optArr, optNum, optObj, optStr, type Obj } from '../json';
import { printPool, readPool } from '../pool';
import { TIER_ZH } from '../print';

const HOUR = 3_600_000;
const TRIGGERS = new Set(['post-change', 'promotion', 'setback', 'assessment']);
const KIND_ZH: Record<string, string> = {
  satisfactory: '合格', warned: '提醒', removed: '不再列入', recommended: '推荐使用',
  'term-ended': '任期届满', 'missing-assessment': '未报送考核',
};

/** The review date of each year: 1 September, the first one after the cohort's term began. */
export function reviewDates(termStart: string): string[] {
  const y = Number(termStart.slice(0, 4));
  const first = `${y}-09-01` > termStart ? y : y + 1;
  return [first, first + 1, first + 2].map((x) => `${x}-09-01`);
}

/** Step f: one yearly review — the schedule fires, units assess their members, outcomes. */
export async function yearlyReview(demo: Demo, year: 1 | 2 | 3, reviewDate: string): Promise<void> {
  const { out, control } = demo;
  const at = new Date(`${reviewDate}T09:00:00+08:00`);
  await control.advance({ to: at.toISOString() });
  // The clock reaching 09:00 fires the yearly schedule by itself; fire it only if it did not
  // (a second start for the date would only end at ReviewHeldByAnotherExecution: one review per date).
  await settle(demo);
  const fired = (await control.firings()).find((f) => Date.parse(f.scheduledTime) === at.getTime() && f.executionArn !== undefined);
  const arn = fired?.executionArn ?? await control.fireSchedule();
  const executions = await settle(demo);
  const exec = executions.find((e) => e.executionArn === arn);
  out.line(`${reviewDate} 09:00（北京时间）年度考核按计划自动启动；执行 ${exec?.status ?? '?'}${exec?.waitingAt ? `，停在 ${exec.waitingAt}` : ''}`,
    `the yearly schedule fired on ${reviewDate}; the review waits for the assessment window`);

  const reviewId = `REV-${reviewDate}`;
  const review = await getReview(demo, reviewId);
  const r = obj(review.review, 'review');
  const cohorts = optArr(r.cohorts).filter(isObj);
  const kinds = [...new Set(cohorts.map((c) => optStr(c.kind)))];
  out.line(`考核 ${reviewId}：${cohorts.map((c) => `${optStr(c.cohortId)} 第 ${optNum(c.year)} 年（${c.kind === 'summative' ? '总结性考核' : '年度考核'}）`).join('，') || '无批次'}；状态 ${optStr(r.status)}，报送截止 ${optStr(r.windowClosesAt)}`,
    `review ${reviewId}: ${kinds.join(', ')}; status ${optStr(r.status)}`);
  if (optStr(r.status) !== 'open') throw new DemoError(`考核 ${reviewId} 未开放报送（${optStr(r.status)}）`, `review ${reviewId} is not open for assessments (${optStr(r.status)})`);

  // The units assess their own members (X-UNITS). The bureau tells each unit who is due.
  const pool = await readPool(demo);
  const active = pool.members.filter((m) => m.status === 'active');
  const warnedLast = new Set((demo.reviews[demo.reviews.length - 1]?.outcomes ?? []).filter((o) => o.kind === 'warned').map((o) => o.personId));
  const partyOf = (unit: string) => demo.data?.units.find((u) => u.code === unit)?.party ?? `${unit} 党组织`;
  const planned = planAssessments(demo.seed, year, active, warnedLast, partyOf);
  const byUnit = new Map<string, typeof planned>();
  for (const p of planned) byUnit.set(p.member.unit, [...(byUnit.get(p.member.unit) ?? []), p]);
  await inParallel([...byUnit.entries()], 6, async ([unit, list]) => {
    const school = await demo.school(unit);
    for (const p of list) await school.assess(reviewId, p.member.personId, { ...p.body });
  });
  const noted = (n: string) => planned.filter((p) => p.note === n);
  out.line(`${byUnit.size} 个单位报送 ${planned.length} 份考核：基本合格/不合格 ${planned.filter((p) => p.body.grade === '基本合格' || p.body.grade === '不合格').length}，一票否决 ${noted('veto').length}`,
    `${byUnit.size} units submitted ${planned.length} assessments`);
  for (const p of planned.filter((x) => x.note)) {
    out.detail(`  ${p.member.name ?? p.member.personId}（${TIER_ZH[p.member.tier]}）：${p.body.grade} ${p.body.score}${p.body.veto ? `，一票否决：${p.body.veto.reason}` : ''}`);
  }

  const closesAt = optStr(r.windowClosesAt) ?? new Date(Date.parse(`${reviewDate}T09:00:00+08:00`) + 30 * 24 * HOUR).toISOString();
  await control.advance({ to: new Date(Date.parse(closesAt) + HOUR).toISOString() });
  await settle(demo);
  await calibrateAndConfirm(demo, reviewId);
  await settle(demo);
  const done = await getReview(demo, reviewId);
  const result = printOutcomes(demo, year, reviewId, done);
  demo.reviews.push(result);
  await holdDueTalks(demo, done);
  await printPool(demo, ['考核后的人才库：', 'the pool after the review:']);
}

interface Proposal { personId: string; name?: string; tier: number; kind: string; score: number; allowed: string[] }

/**
 * Calibration (DESIGN §2): the computed outcomes are proposals. The bureau reads them
 * (GET …/proposals), makes one change with its reason — a warning withdrawn when there are
 * several, else a warning added to the weakest; in the summative year the best of those whose
 * term would end is recommended — and confirms; only then do the outcomes apply.
 */
async function calibrateAndConfirm(demo: Demo, reviewId: string): Promise<void> {
  const { out } = demo;
  const body = obj(await demo.bureau.proposals(reviewId), 'proposals');
  if (optStr(body.status) !== 'awaiting-confirmation') {
    throw new DemoError(`考核 ${reviewId} 未在等待确认（${optStr(body.status)}）`, `review ${reviewId} is not awaiting a confirmation (${optStr(body.status)})`);
  }
  const proposals: Proposal[] = arr(body.cohorts, 'cohorts').filter(isObj).flatMap((c) => arr(c.members, 'members').filter(isObj)).map((m) => ({
    personId: String(m.personId), ...(optStr(m.name) ? { name: optStr(m.name) } : {}), tier: optNum(m.tier) ?? 0,
    kind: optStr(optObj(m.proposal).kind) ?? '?', score: optNum(optObj(m.assessment).score) ?? 0,
    allowed: optArr(m.allowed).map(String),
  }));
  const byScore = (a: Proposal, b: Proposal) => a.score - b.score || (a.personId < b.personId ? -1 : 1);
  const may = (p: Proposal, to: string) => p.allowed.includes(to);
  const warned = proposals.filter((p) => p.kind === 'warned' && may(p, 'satisfactory')).sort(byScore);
  const satisfactory = proposals.filter((p) => p.kind === 'satisfactory' && may(p, 'warned')).sort(byScore);
  const termEnded = proposals.filter((p) => p.kind === 'term-ended' && may(p, 'recommended')).sort(byScore);
  const pick = termEnded.length > 0
    ? { p: termEnded[termEnded.length - 1] as Proposal, outcome: 'recommended', reason: '挂职锻炼期间表现突出，区教育局研究决定推荐使用' }
    : warned.length > 1
      ? { p: warned[warned.length - 1] as Proposal, outcome: 'satisfactory', reason: '所在单位说明考核期间因病缺勤，已补充材料，撤销提醒' }
      : satisfactory.length > 0
        ? { p: satisfactory[0] as Proposal, outcome: 'warned', reason: '民主测评满意度偏低，予以提醒' }
        : undefined;
  const changes = pick ? [{ personId: pick.p.personId, outcome: pick.outcome, reason: pick.reason }] : [];
  out.line(`窗口截止，拟定考核结论 ${proposals.length} 项，待教育局校准确认（确认前不执行提醒、移出或推荐）`,
    `the window has closed: ${proposals.length} proposed outcomes await the bureau's confirmation (nothing applies before)`);
  if (pick) {
    out.line(`  校准：${pick.p.name ?? pick.p.personId}（${TIER_ZH[pick.p.tier]}）由“${KIND_ZH[pick.p.kind] ?? pick.p.kind}”改为“${KIND_ZH[pick.outcome] ?? pick.outcome}”，理由：${pick.reason}`,
      `  calibration: ${pick.p.kind} → ${pick.outcome}`);
  }
  await demo.bureau.confirmReview(reviewId, changes);
  out.line(`教育局确认考核结论（修改 ${changes.length} 项）`, `the bureau confirmed the outcomes (${changes.length} changed)`);
}

async function getReview(demo: Demo, reviewId: string): Promise<Obj> {
  try {
    return obj(await demo.bureau.review(reviewId), 'review');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      throw new DemoError(`未找到考核 ${reviewId}（计划步骤应以北京时间日期命名考核）`, `review ${reviewId} not found (the plan step names a review by its Beijing date)`);
    }
    throw e;
  }
}

function printOutcomes(demo: Demo, year: number, reviewId: string, body: Obj): ReviewResult {
  const { out } = demo;
  const review = obj(body.review, 'review');
  if (optStr(review.status) !== 'completed') throw new DemoError(`考核 ${reviewId} 未完成（${optStr(review.status)}）`, `review ${reviewId} did not complete (${optStr(review.status)})`);
  const outcomes = arr(body.outcomes ?? review.outcomes, 'outcomes').filter(isObj).map((o) => ({
    personId: String(o.personId), ...(optStr(o.name) ? { name: optStr(o.name) } : {}), tier: optNum(o.tier) ?? 0,
    kind: optStr(o.kind) ?? optStr(optObj(o.outcome).kind) ?? '?', zh: optStr(o.zh) ?? optStr(optObj(o.outcome).zh) ?? '',
  }));
  if (outcomes.length === 0) throw new DemoError(`考核 ${reviewId} 没有任何结果`, `review ${reviewId} has no outcomes`);
  const dueTalks = arr(body.dueTalks ?? review.dueTalks, 'dueTalks').filter(isObj);
  const label = year === 3 ? '总结性考核' : `第 ${year} 年度考核`;
  out.line(`${label}结果：`, `${year === 3 ? 'summative' : `year ${year} annual`} review outcomes:`);
  for (const t of [1, 2, 3]) {
    const mine = outcomes.filter((o) => o.tier === t);
    const counts = new Map<string, number>();
    for (const o of mine) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
    out.line(`  ${TIER_ZH[t]} ${mine.length} 人：${[...counts.entries()].map(([k, n]) => `${KIND_ZH[k] ?? k} ${n}`).join('，')}`,
      [...counts.entries()].map(([k, n]) => `${k} ${n}`).join(', '));
  }
  // The exceptions, by name; a plain pass or term end is only counted.
  const order = ['removed', 'warned', 'recommended', 'missing-assessment'];
  const listed = outcomes.filter((x) => order.includes(x.kind)).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.tier - b.tier);
  for (const o of listed) out.detail(`    ${o.name ?? o.personId}（${TIER_ZH[o.tier]}）${KIND_ZH[o.kind] ?? o.kind}：${o.zh}`);
  out.line(`须跟进谈话 ${dueTalks.length} 项（${new Set(dueTalks.map((t) => String(t.personId))).size} 人），其中组织谈话 ${dueTalks.filter((t) => t.organisational === true).length} 项`,
    `${dueTalks.length} talks due, ${dueTalks.filter((t) => t.organisational === true).length} organisational`);
  return { reviewId, year, outcomes, dueTalks: dueTalks.length };
}

/** The bureau holds the talks the review says are due (C-TALK; the organisational talk of every removal). */
async function holdDueTalks(demo: Demo, body: Obj): Promise<void> {
  const review = obj(body.review, 'review');
  const due = arr(body.dueTalks ?? review.dueTalks, 'dueTalks').filter(isObj);
  const byPerson = new Map<string, { organisational: boolean; triggers: Set<string> }>();
  for (const t of due) {
    const p = byPerson.get(String(t.personId)) ?? { organisational: false, triggers: new Set<string>() };
    if (t.organisational === true) p.organisational = true;
    if (TRIGGERS.has(String(t.trigger))) p.triggers.add(String(t.trigger));
    byPerson.set(String(t.personId), p);
  }
  // Members still in the pool, and removed ones for their organisational talk (the one record they still take).
  const inPool = new Set((await readPool(demo)).members.filter((m) => m.status === 'active' || m.status === 'removal-pending').map((m) => m.personId));
  for (const [id, p] of [...byPerson.entries()]) if (!inPool.has(id) && !p.organisational) byPerson.delete(id);
  const today = shanghaiDate(await demo.control.now());
  await inParallel([...byPerson.entries()], 6, async ([personId, p]) => {
    await demo.bureau.record(personId, 'talks', {
      on: today, by: '区教育工委', kind: p.organisational ? 'organisational' : 'regular', triggers: [...p.triggers],
      notes: p.organisational ? '不再列入后备人才培养对象，进行组织谈话' : '年度考核后谈心谈话',
    });
  });
  const org = [...byPerson.values()].filter((p) => p.organisational).length;
  demo.out.line(`教育工委进行谈话 ${byPerson.size} 人次（组织谈话 ${org}）`, `the bureau held ${byPerson.size} talks (${org} organisational)`);
}
