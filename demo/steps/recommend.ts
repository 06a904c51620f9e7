import { ballotSlipsDocx, ballotSlipsFileName } from '../../formats/docx/ballot-slips';
import { BALLOT_THROTTLE } from '../../contracts/ballot';
import { inParallel, settle, shanghaiDate, type Demo } from '../context';
import { listBallots, pct, type BallotRow } from '../ballots';
import { DemoError, arr, obj, optStr, str } from '../json';
import { Rng } from '../prng';
import { RECOMMENDATION_THRESHOLD, enteredScores } from '../scoring';
import { PublicBallot, popularity, refusalCode, voterMarks } from '../voters';

const MINUTE = 60_000;
const CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

/** How many slips a unit's meeting gets, and how many stay unused (absent, or not handed in). */
function meetingOf(rng: Rng): { issued: number; unused: number } {
  const issued = rng.int(4, 6);
  return { issued, unused: rng.weighted([[0, 0.3], [1, 0.45], [2, 0.25]] as const) };
}

/**
 * Step c (S-RECOMMEND): intake closes and every unit's ballot opens; the bureau issues each unit
 * its one-time codes (the API's answer is the only place they exist) and prints one unit's
 * slips; each unit's staff vote on the public routes — paced under their throttle — while the
 * bureau enters the written test and interview; the clock passes the ballot's deadline and
 * the tally arrives: turnout, and each candidate's share of 推荐.
 */
export async function recommend(demo: Demo): Promise<void> {
  const { out, control, bureau } = demo;
  const round = demo.round;
  if (!round) throw new DemoError('未开启遴选批次', 'no round open');
  const roundPath = `/rounds/${encodeURIComponent(round.roundId)}`;
  const status = async () => optStr(obj(obj(await bureau.getRound(round.roundId), 'round').round, 'round').status);
  const unitName = (code: string) => demo.data?.units.find((u) => u.code === code)?.name ?? code;

  const t1 = await control.advance({ to: new Date(Date.parse(round.intakeClosesAt) + MINUTE).toISOString() });
  await settle(demo);
  const s1 = await status();
  if (s1 !== 'recommending') throw new DemoError(`报送截止后批次应进入民主推荐，实为 ${s1}`, `after intake closes the round should be recommending, is ${s1}`);
  const ballots = await listBallots(demo, round.roundId);
  const candidates = ballots.reduce((s, b) => s + b.candidates.length, 0);
  out.line(`时钟拨至 ${t1.toISOString()}：报送截止，批次状态 ${s1}；${ballots.length} 个单位的民主推荐选票已生成，共 ${candidates} 名候选人（本单位通过资格审查的被推荐人），${shanghaiDate(round.ballotClosesAt)} 截止`,
    `intake closed; ${ballots.length} unit ballots opened with ${candidates} candidates (each unit's eligible nominees)`);

  // The codes, per unit, from the API's one answer.
  const rng = new Rng(demo.seed).fork('ballot');
  const plan = ballots.map((b) => ({ unitCode: b.unitCode, ...meetingOf(rng) }));
  const issued = await inParallel(plan, 6, async (p) => {
    const res = obj(await bureau.request('POST', `${roundPath}/ballots/${encodeURIComponent(p.unitCode)}/codes`, { count: p.issued }), 'codes');
    const codes = arr(res.codes, 'codes').map((c) => str(c, 'code'));
    if (codes.length !== p.issued || codes.some((c) => !CODE.test(c))) {
      throw new DemoError(`${unitName(p.unitCode)} 的投票码数量或格式不对`, `${p.unitCode}'s codes are not ${p.issued} codes of the printed form`, codes.length);
    }
    return { ...p, codes, roundTitle: optStr(res.roundTitle) ?? round.roundId, closesAt: str(res.closesAt, 'closesAt') };
  });
  const allCodes = issued.flatMap((u) => u.codes);
  if (new Set(allCodes).size !== allCodes.length) throw new DemoError('发放的投票码有重复', 'an issued code repeats');
  out.line(`教育局为 ${issued.length} 个单位发放一次性投票码 ${allCodes.length} 个（每码 12 位，系统只存其密钥散列）`,
    `the bureau issued ${allCodes.length} one-time codes to ${issued.length} units (only their keyed hashes are stored)`);

  // One unit's slips, as the console or `bureau ballot codes` prints them (Word, eight a page).
  const first = issued[0];
  if (first) {
    const slips = await ballotSlipsDocx({ roundTitle: first.roundTitle, unitName: unitName(first.unitCode), ballotUrl: demo.ballotUrl, closesAtText: beijingMinute(first.closesAt), codes: first.codes });
    if (slips[0] !== 0x50 || slips[1] !== 0x4b) throw new DemoError('投票码条不是 Word 文档', 'the slips are not a .docx');
    out.line(`投票码条：${ballotSlipsFileName(unitName(first.unitCode), round.roundId)}（${first.codes.length} 张，${Math.ceil(first.codes.length / 8)} 页，${(slips.length / 1024).toFixed(1)} KB；选票页 ${demo.ballotUrl}）`,
      `the slips for one unit (.docx, eight a page); the ballot page printed on them`);
  }

  // The meetings vote while the bureau marks the written test and the interview.
  const refOf = new Map([...demo.intake.values()].map((r) => [r.nominationId, r.ref]));
  const popularityOf = (id: string) => popularity(demo.seed, refOf.get(id) ?? id);
  const voters = issued.flatMap((u) => u.codes.slice(0, u.issued - u.unused).map((code, i) => ({ unitCode: u.unitCode, code, i })));
  const order = new Rng(demo.seed).fork('arrival').shuffle(voters);
  const pub = new PublicBallot(demo.apiUrl);
  const began = Date.now();
  const eligible = [...demo.intake.values()].filter((r) => r.status === 'accepted' && r.eligible === true);
  await Promise.all([
    inParallel(order, 10, (v) => pub.vote(v.code, (cands) => voterMarks(new Rng(demo.seed).fork(`voter:${v.unitCode}:${v.i}`), cands, popularityOf))),
    inParallel(eligible, 4, async (r) => {
      if (!r.tier) throw new DemoError(`推荐 ${r.nominationId} 没有梯队`, `nomination ${r.nominationId} has no tier`);
      await bureau.setScores(round.roundId, r.nominationId, enteredScores(demo.seed, r.ref, r.tier));
    }),
  ]);
  const seconds = (Date.now() - began) / 1000;
  out.line(`各单位召开推荐会：${voters.length} 名参会人员用手机打开公开选票页（无需登录）投票，用时 ${seconds.toFixed(1)} 秒（公开接口限流每秒 ${BALLOT_THROTTLE.rateLimit} 次，按限流节奏提交${pub.throttled > 0 ? `；遇 429 重试 ${pub.throttled} 次` : '，未遇 429'}）`,
    `${voters.length} voters cast their ballots on the public routes in ${seconds.toFixed(1)} s, paced under the 10 rps throttle (${pub.throttled} × 429)`);
  out.line(`同时，教育局为 ${eligible.length} 名符合条件的人选录入笔试、面试成绩`, `meanwhile the bureau entered written-test and interview scores for ${eligible.length} eligible candidates`);

  // What a voter is told for a spent code and for a mistyped one.
  const spent = voters[0];
  if (spent) {
    const again = await pub.call('session', { code: spent.code });
    const typo = await pub.call('session', { code: spent.code.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    if (refusalCode(again) !== 'BALLOT_CODE_USED' || refusalCode(typo) !== 'BALLOT_CODE_INVALID') {
      throw new DemoError('已用或输错的投票码未被拒绝', 'a spent or mistyped code was not refused', { again, typo });
    }
    out.line(`再次使用已投过的码：HTTP ${again.status} ${refusalCode(again)}；输错一位：HTTP ${typo.status} ${refusalCode(typo)}`,
      'a spent code again, and a mistyped one: both refused');
  }
  const live = await listBallots(demo, round.roundId);
  const used = live.reduce((s, b) => s + b.used, 0);
  if (used !== voters.length) throw new DemoError(`已用投票码 ${used} 个，投票 ${voters.length} 张`, `${used} codes used for ${voters.length} votes`);

  // The deadline passes: TallyBallot counts, and an unused code is now too late.
  const t2 = await control.advance({ to: new Date(Date.parse(round.ballotClosesAt) + MINUTE).toISOString() });
  await settle(demo);
  const s2 = await status();
  const late = issued.find((u) => u.unused > 0);
  if (late) {
    const tooLate = await pub.call('session', { code: late.codes[late.codes.length - 1] as string });
    out.detail(`截止后使用未用的码：HTTP ${tooLate.status} ${refusalCode(tooLate) ?? ''}`, 'an unused code after the deadline: refused');
    if (refusalCode(tooLate) !== 'BALLOT_CLOSED') throw new DemoError('截止后的投票码未被拒绝', 'a code after the deadline was not refused', tooLate);
  }
  const tallied = await listBallots(demo, round.roundId);
  printTally(demo, tallied, t2, s2);
}

function printTally(demo: Demo, ballots: BallotRow[], at: Date, status: string | undefined): void {
  const { out } = demo;
  const unitName = (code: string) => demo.data?.units.find((u) => u.code === code)?.name ?? code;
  const counted = ballots.filter((b) => b.tally);
  if (counted.length !== ballots.length) throw new DemoError(`${ballots.length - counted.length} 个单位的选票未计票`, `${ballots.length - counted.length} ballots were not tallied`);
  const issued = counted.reduce((s, b) => s + (b.tally?.issued ?? 0), 0);
  const used = counted.reduce((s, b) => s + (b.tally?.used ?? 0), 0);
  const turnout = issued > 0 ? used / issued : 0;
  const full = counted.filter((b) => b.tally?.turnout === 1).length;
  out.line(`时钟拨至 ${at.toISOString()}：民主推荐截止并计票（批次状态 ${status}）；发放 ${issued}，已用 ${used}，参投率 ${pct(turnout)}（${full}/${counted.length} 个单位全部参投）`,
    `the ballot closed and was counted: ${used} of ${issued} codes used, turnout ${pct(turnout)}`);
  const results = counted.flatMap((b) => b.candidates.map((c) => ({ ...c, unitCode: b.unitCode })));
  const below = results.filter((c) => (c.result?.share ?? 0) + 1e-12 < RECOMMENDATION_THRESHOLD);
  const shares = results.map((c) => c.result?.share ?? 0).sort((a, b) => a - b);
  const median = shares[Math.floor(shares.length / 2)] ?? 0;
  out.line(`推荐率中位数 ${pct(median)}；低于门槛 ${pct(RECOMMENDATION_THRESHOLD)} 的 ${below.length} 人不参与排名：${below.slice(0, 6).map((c) => `${c.name}（${unitName(c.unitCode)}，${pct(c.result?.share)}）`).join('，')}${below.length > 6 ? ' 等' : ''}`,
    `median share ${pct(median)}; ${below.length} below the ${pct(RECOMMENDATION_THRESHOLD)} threshold are not ranked (S-RECOMMEND)`);
  const example = counted.find((b) => b.candidates.length >= 3) ?? counted[0];
  if (example) {
    out.detail(`  ${unitName(example.unitCode)}：发放 ${example.tally?.issued}，投票 ${example.tally?.cast}`, `one unit's tally`);
    for (const c of example.candidates) {
      const r = c.result;
      out.detail(`    ${c.name}：推荐 ${r?.for ?? 0}，不推荐 ${r?.against ?? 0}，弃权 ${r?.abstain ?? 0}，推荐率 ${pct(r?.share)}`);
    }
  }
  if (below.length === 0) throw new DemoError('没有人选低于推荐率门槛：演示应有一例', 'no candidate fell below the threshold: the demo should show one');
  demo.selection.ballot = {
    units: counted.length, issued, used, turnout,
    belowThreshold: below.map((c) => ({ nominationId: c.nominationId, name: c.name, unit: c.unitCode, share: c.result?.share ?? null })),
  };
}

/** A deadline as a slip prints it, in Beijing: 2026年4月10日 17:00. */
function beijingMinute(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${Number(t.slice(0, 4))}年${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
}
