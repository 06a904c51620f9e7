import { addDays } from '../../domain/dates';
import { inParallel, shanghaiDate, type Demo } from '../context';
import { generateDemo } from '../forms';
import { uploadFiles } from '../files';
import { DemoError, arr, isObj, obj, optStr } from '../json';
import { INSPECTION_RATIO, PUBLICITY_WORKING_DAYS, RECOMMENDATION_THRESHOLD, SCORING_MODEL } from '../scoring';
import { checkPublicityFits, roundTimeline } from '../timeline';

/**
 * Step a: the bureau opens {year}-R1 (intake 7 days, 民主推荐 to day 9, scoring 10) with the
 * notice's scoring model and its selection steps: 民主推荐 (a component and a threshold), 考察
 * (a gate and a component, 差额) and 公示 (five working days).
 */
export async function openRound(demo: Demo): Promise<void> {
  const { out, control, bureau } = demo;
  const now = await control.now();
  const openDate = shanghaiDate(now);
  const year = openDate.slice(0, 4);
  const roundId = `${year}-R1`;
  const { intakeClosesAt, ballotClosesAt, scoringClosesAt } = roundTimeline(now);
  const referenceDate = shanghaiDate(intakeClosesAt);
  // Before anything is stored: a 公示 the calendar cannot count would stop the round halfway.
  checkPublicityFits(now);

  // The demo tells a whole story (caps filling, three years of reviews): it needs a fresh stack.
  const existing = arr(obj(await bureau.listRounds(), 'rounds').rounds, 'rounds').filter(isObj);
  if (existing.length > 0) {
    throw new DemoError(`本地环境中已有遴选批次（${existing.map((r) => optStr(r.roundId)).join('、')}）：请在全新的本地环境中运行演示（停止 npm start 并清空 .data，或不启动 npm start 直接运行）`,
      `the local stack already has rounds (${existing.map((r) => optStr(r.roundId)).join(', ')}): run the demo against a fresh stack (stop npm start and clear .data, or run without it)`);
  }

  const data = generateDemo(demo.seed, { roundId, referenceDate, attestationDate: openDate });
  demo.data = data;
  const files = uploadFiles(data.nominations);
  const count = (f: (n: (typeof data.nominations)[number]) => boolean) => data.nominations.filter(f).length;
  const types = ['primary', 'middle', 'kindergarten', 'bureau-office', 'institution'] as const;
  const typeZh = { primary: '小学', middle: '中学', kindergarten: '幼儿园', 'bureau-office': '机关科室', institution: '事业单位' };
  out.line(`模拟金坛区：${data.units.length} 个单位（${types.map((t) => `${typeZh[t]} ${data.units.filter((u) => u.type === t).length}`).join('，')}），种子 ${demo.seed}`,
    `a Jintan-like district: ${data.units.length} units, seed ${demo.seed}`);
  out.line(`待报送推荐 ${data.nominations.length} 份：拟合格 ${count((n) => n.label === 'eligible')}，拟不合格 ${count((n) => n.label === 'ineligible')}，格式错误 ${count((n) => n.label === 'malformed')}；` +
    `文件 ${files.length} 个（Excel ${files.filter((f) => f.kind === 'xlsx').length}，JSON ${files.filter((f) => f.kind === 'json').length}）`,
  `${data.nominations.length} nominations to send (built eligible / ineligible / malformed); ${files.length} files`);
  for (const t of [1, 2, 3] as const) {
    out.detail(`  第${t}梯队：${count((n) => n.tier === t)} 份，其中拟合格 ${count((n) => n.tier === t && n.label === 'eligible')}`,
      `tier ${t}: ${count((n) => n.tier === t)} forms, ${count((n) => n.tier === t && n.label === 'eligible')} built eligible`);
  }

  // The unit registry first: upload links go to registered units only (PUT /units/{code}).
  await inParallel(data.units, 6, (u) => bureau.putUnit(u.code, {
    name: u.name, type: u.type, orgDeptManaged: false,
    // An e-mail address, so the unit's notices have a channel (locally they land in the outbox).
    contacts: [{ name: `${u.short}办公室`, role: '人事干部', phone: `0519-8${String(8_000_000 + (data.units.indexOf(u) * 7919) % 1_000_000).slice(0, 7)}`, email: `renshi.${u.code.toLowerCase()}@example.cn` }],
  }));
  out.line(`教育局登记单位名册：${data.units.length} 个单位`, `the bureau registered ${data.units.length} units`);

  const body = {
    roundId,
    title: `金坛区教育系统党政干部后备人才梯队 ${year} 年第一批遴选`,
    referenceDate,
    intakeClosesAt,
    scoringClosesAt,
    tiers: [1, 2, 3],
    scoringModel: SCORING_MODEL,
    orgDeptApproval: { ref: `坛组干〔${year}〕12号`, date: addDays(openDate, -7) },
    selection: {
      recommendation: { closesAt: ballotClosesAt, threshold: RECOMMENDATION_THRESHOLD },
      inspection: { ratio: INSPECTION_RATIO, gate: true },
      publicity: { workingDays: PUBLICITY_WORKING_DAYS },
    },
  };
  const res = obj(await bureau.openRound(body), 'open round');
  const round = obj(res.round ?? res, 'round');
  demo.round = { roundId, openedAt: now.toISOString(), openDate, referenceDate, intakeClosesAt, ballotClosesAt, scoringClosesAt };
  out.line(`教育局发布遴选通知 ${roundId}：参照日 ${referenceDate}，报送截止 ${shanghaiDate(intakeClosesAt)}，评分截止 ${shanghaiDate(scoringClosesAt)}；状态 ${optStr(round.status) ?? '?'}`,
    `bureau opened ${roundId}: reference date ${referenceDate}, intake closes ${intakeClosesAt}, scoring closes ${scoringClosesAt}`);
  const from = { entered: '（录入）', recommendation: '（推荐率×100）', inspection: '（考察分）', form: '' } as const;
  out.detail(`评分方案：${SCORING_MODEL.components.map((c) => `${c.name.zh} ${Math.round(c.weight * 100)}%${from[c.source]}`).join('，')}`,
    'scoring model: honour, education, experience, lesson awards (from the form); written test, interview (entered); the 推荐 share; the inspection score');
  out.line(`选任程序：民主推荐（${shanghaiDate(intakeClosesAt)} 至 ${shanghaiDate(ballotClosesAt)}，推荐率低于 ${Math.round(RECOMMENDATION_THRESHOLD * 100)}% 者不参与排名）；` +
    `考察（考察对象为空余名额 × ${INSPECTION_RATIO}，差额考察；不合格者不予提名）；公示 ${PUBLICITY_WORKING_DAYS} 个工作日`,
  `selection steps: 民主推荐 (a component; below ${Math.round(RECOMMENDATION_THRESHOLD * 100)}% not ranked), 考察 (${INSPECTION_RATIO} per free seat, a gate and a component), 公示 for ${PUBLICITY_WORKING_DAYS} working days`);
  out.detail(`组织部批复：${body.orgDeptApproval.ref}（${body.orgDeptApproval.date}）`, 'the Organization Department approved the plan');
}
