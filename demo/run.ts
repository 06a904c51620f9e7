import { parseArgs } from 'node:util';
import { ApiError } from '../cli/api-client';
import { createDemo, type Demo } from './context';
import { LocalControl } from './control';
import { DemoError } from './json';
import { Out } from './print';
import { readPool } from './pool';
import { ROUND_STEPS } from './round';
import { connect, type Endpoints } from './stack';
import { recordDevelopment } from './steps/records';
import { betweenReviews } from './steps/between-reviews';
import { reviewDates, yearlyReview } from './steps/reviews';
import { summary } from './steps/summary';
import { termEndWithRenewals } from './steps/term-end';

/**
 * `npm run demo [-- --seed N] [--quiet] [--start ISO]`: a year's selection round — with 民主推荐,
 * 考察 and 公示 — three yearly reviews and the term's end on its date (renewals, seats freed) in a
 * Jintan-like district, acted out through the HTTP API as the bureau, the schools, their staff
 * voting and the organisation department's approver would — against the running local stack
 * (`npm start`), or one started in this process.
 */

class StepFailure extends Error {
  constructor(readonly step: string, readonly error: unknown) {
    super(`step ${step} failed`);
  }
}

async function step(demo: Demo, id: string, zh: string, en: string, fn: () => Promise<void>): Promise<void> {
  demo.out.step(id, zh, en);
  try {
    await fn();
  } catch (e) {
    throw new StepFailure(`[${id}] ${zh} · ${en}`, e);
  }
}

function report(e: unknown): void {
  const say = (s: string) => process.stderr.write(`${s}\n`);
  const cause = e instanceof StepFailure ? e.error : e;
  if (e instanceof StepFailure) say(`\n✗ 步骤失败 · step failed: ${e.step}`);
  if (cause instanceof ApiError) {
    const err = cause.body?.error;
    say(`  API HTTP ${cause.status}${err ? ` ${err.code}` : ''}`);
    if (err) {
      say(`  ${err.zh}`);
      say(`  ${err.en}`);
      for (const p of err.problems ?? []) say(`   - ${p.code} ${p.path}: ${p.zh} / ${p.en}`);
    } else {
      say(`  ${cause.raw.slice(0, 500)}`);
    }
  } else if (cause instanceof DemoError) {
    say(`  ${cause.zh}`);
    say(`  ${cause.en}`);
    if (cause.detail !== undefined) say(`  ${JSON.stringify(cause.detail).slice(0, 800)}`);
  } else {
    say(`  ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
  }
}

const HELP = `用法 Usage: npm run demo -- [--seed N] [--quiet] [--data-dir DIR] [--start ISO]

  连接正在运行的 npm start（读取 .data/local.json），否则在本进程内启动一个本地环境
  uses a running npm start (.data/local.json), or starts a local stack in this process
  --seed N        演示数据的随机种子（默认 2020）/ the demo data's seed (default 2020)
  --quiet         只打印各步骤结果 / print the steps' results only
  --data-dir DIR  自行启动时将数据保存到 DIR / when starting its own stack, keep its data in DIR
  --start ISO     自行启动时模拟时钟的起点（如 2026-11-02T09:00:00+08:00；默认当前时间）；公示须落在节假日数据收录的年份内
                  when starting its own stack, where its simulated clock starts (default now); the 公示 must fall in a year the calendar covers
`;

export async function runDemo(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let values: { seed?: string; quiet?: boolean; 'data-dir'?: string; start?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { seed: { type: 'string' }, quiet: { type: 'boolean' }, 'data-dir': { type: 'string' }, start: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`参数错误 / bad arguments: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const seed = values.seed === undefined ? 2020 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) {
    process.stderr.write('--seed 应为整数 · --seed takes an integer\n');
    return 2;
  }
  const start = values.start === undefined ? undefined : new Date(values.start);
  if (start && (!/^\d{4}-\d{2}-\d{2}T/.test(values.start ?? '') || Number.isNaN(start.getTime()))) {
    process.stderr.write('--start 应为带时区的时间，如 2026-11-02T09:00:00+08:00 · --start takes an instant such as 2026-11-02T09:00:00+08:00\n');
    return 2;
  }
  const out = new Out(values.quiet === true);
  out.line('金坛区教育系统党政干部后备人才梯队 — 演示', 'Jintan District reserve-cadre pool — demo');
  let endpoints: Endpoints | undefined;
  try {
    endpoints = await connect({ env, quiet: true, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}), ...(start ? { start } : {}) });
    out.line(endpoints.started ? `已在本进程内启动本地环境：${endpoints.apiUrl}` : `连接正在运行的本地环境：${endpoints.apiUrl}`,
      endpoints.started ? 'started a local stack in this process' : 'connected to the running local stack');
    // The slips print the console's ballot page (npm start's default address when none serves here).
    const ballotUrl = new URL('vote', endpoints.consoleUrl ?? 'http://127.0.0.1:4102/').toString();
    const demo = await createDemo(out, new LocalControl(endpoints.controlUrl), endpoints.apiUrl, seed, ballotUrl);

    for (const s of ROUND_STEPS) await step(demo, s.id, s.zh, s.en, () => s.run(demo));
    await step(demo, 'e', '谈话、培训、轮岗记录', 'talks, training, rotations', () => recordDevelopment(demo));
    await step(demo, 'e2', '届中事项：一票否决、任用、应谈谈话', 'between reviews: a veto, appointments, talks due', () => betweenReviews(demo));
    let dates: string[] = [];
    await step(demo, 'f', '三年滚动管理：年度考核', 'three years of yearly reviews', async () => {
      const starts = (await readPool(demo)).members.map((m) => m.termStart).filter((d): d is string => d !== undefined).sort();
      const first = starts[0];
      if (!first) throw new DemoError('人才库中没有任期开始日期', 'no term start in the pool');
      dates = reviewDates(first);
      out.line(`任期自 ${first} 起三年；考核日 ${dates.join('，')}`, `terms from ${first}; reviews on ${dates.join(', ')}`);
    });
    for (const [i, date] of dates.entries()) {
      const year = (i + 1) as 1 | 2 | 3;
      await step(demo, `f${year}`, year === 3 ? `${date} 总结性考核` : `${date} 第 ${year} 年度考核`, year === 3 ? 'summative review' : `year ${year} annual review`,
        () => yearlyReview(demo, year, date));
    }
    await step(demo, 'f4', '任期届满：续任与名额释放', 'the term ends on its date: renewals, seats freed', () => termEndWithRenewals(demo));
    await step(demo, 'g', '总结', 'summary', () => summary(demo));
    return 0;
  } catch (e) {
    report(e);
    return 1;
  } finally {
    await endpoints?.close().catch(() => {});
  }
}

const code = await runDemo(process.argv.slice(2), process.env);
process.exitCode = code;
// An in-process stack may leave a handle behind after close(): do not hang on it.
setTimeout(() => process.exit(code), 2000).unref();
