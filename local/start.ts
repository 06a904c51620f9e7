// `npm start`: the whole system on 127.0.0.1 — no AWS account, no Docker. Prints where
// everything listens and how to get tokens; Ctrl-C stops it cleanly.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SESSION_FILE, type LocalSession } from '../cli/local-session';
import { CONSOLE_DIST, consoleIsBuilt, ensureConsoleBuilt } from './console-build';
import { SimulatedClock } from './clock';
import { startLocalSystem, type LocalSystem } from './system';

const HELP = `用法 Usage: npm start -- [--port N] [--control-port N] [--console-port N] [--idle-minutes N] [--persist | --data-dir DIR] [--start ISO]

  在本机启动完整系统（本地 DynamoDB、S3、状态机、HTTP API、年度考核定时器）。
  Starts the whole system on this machine (local DynamoDB, S3, state machines, HTTP API, the yearly schedule).

  --port N           API 端口，默认 4100（0 = 任意空闲端口）/ API port, default 4100 (0 = any free port)
  --control-port N   本地控制端口，默认 4101 / local control port, default 4101
  --console-port N   网页控制台端口，默认 4102 / the web console's port, default 4102
  --idle-minutes N   控制台无操作自动退出的分钟数，默认 30 / the console's idle sign-out, minutes, default 30
  --persist          数据保存到 .data/store，否则仅在内存中 / keep data in .data/store instead of memory only
  --data-dir DIR     数据保存到 DIR / keep data in DIR
                     保存的是表、文件与通知队列中待发送的消息（含死信队列）；进行中的状态机执行、模拟时钟、
                     演示令牌与经控制端口设置的机器人密钥不跨重启保留
                     tables, files and queued notices (the DLQ's too) are kept; running executions, the
                     simulated clock, demo tokens and robot secrets set through the control port are not
  --start ISO        模拟时钟的起点（带时区，如 2026-11-02T09:00:00+08:00；默认当前时间），之后随真实时间走；
                     公示按节假日数据计算工作日，未收录的年份不予推算，可借此让演示落在已收录的年份内
                     where the simulated clock starts (an instant with its offset; default now), then runs on
                     with real time; a 公示 counts working days only in years the calendar covers, so this
                     keeps the demo inside them
`;

const OPTIONS = {
  port: { type: 'string', default: '4100' },
  'control-port': { type: 'string', default: '4101' },
  'console-port': { type: 'string', default: '4102' },
  'idle-minutes': { type: 'string', default: '30' },
  persist: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  start: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parsed() {
  try {
    // No positionals: `--persist /some/dir` must not silently keep the data elsewhere.
    return parseArgs({ options: OPTIONS, allowPositionals: false, strict: true });
  } catch (e) {
    process.stderr.write(`参数错误 / bad arguments: ${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
}
const { values } = parsed();
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
const port = Number(values.port);
const controlPort = Number(values['control-port']);
const consolePort = Number(values['console-port']);
const idleMinutes = Number(values['idle-minutes']);
if (!(idleMinutes > 0)) {
  process.stderr.write(`--idle-minutes 应为正数 / is a positive number\n\n${HELP}`);
  process.exit(2);
}
if (!Number.isInteger(port) || !Number.isInteger(controlPort) || !Number.isInteger(consolePort)) {
  process.stderr.write(`端口应为整数 / ports are integers\n\n${HELP}`);
  process.exit(2);
}
// An instant, offset included: a bare date or local time would be read in this machine's zone.
const start = values.start === undefined ? undefined : new Date(values.start);
if (start && (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(values.start ?? '') || Number.isNaN(start.getTime()))) {
  process.stderr.write(`--start 应为带时区的时间，如 2026-11-02T09:00:00+08:00 / takes an instant with its offset, such as 2026-11-02T09:00:00+08:00\n\n${HELP}`);
  process.exit(2);
}
const dataDir = values['data-dir'] ? resolve(values['data-dir']) : values.persist ? resolve('.data', 'store') : undefined;

const t0 = performance.now();
let system: LocalSystem;
try {
  // The console is built only when its sources changed since the last build (a few seconds).
  if (!consoleIsBuilt()) process.stdout.write('正在构建网页控制台 / building the web console…\n');
  await ensureConsoleBuilt();
  system = await startLocalSystem({
    port, controlPort, ...(dataDir ? { dataDir } : {}),
    ...(start ? { clock: new SimulatedClock({ followRealTime: true, start }) } : {}),
    console: { port: consolePort, distDir: CONSOLE_DIST, idleMinutes },
  });
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  process.stderr.write(err.code === 'EADDRINUSE'
    ? `端口已被占用（是否已有 npm start 在运行？）可用 --port / --control-port 换端口。\nA port is in use (is npm start already running?). Choose others with --port / --control-port.\n`
    : `启动失败 / failed to start: ${err.stack ?? err.message}\n`);
  process.exit(1);
}

const session: LocalSession = { apiUrl: system.apiUrl, controlUrl: system.controlUrl, startedAt: new Date().toISOString(), ...(system.consoleUrl ? { consoleUrl: system.consoleUrl } : {}) };
// Where the CLI and the demo look for it (cli/local-session.ts reads POOL_LOCAL_SESSION the same way).
const sessionFile = process.env.POOL_LOCAL_SESSION ?? SESSION_FILE;
mkdirSync(dirname(sessionFile), { recursive: true });
writeFileSync(sessionFile, JSON.stringify(session, null, 2));

const bureau = await system.issuer.mint({ sub: 'local-demo-bureau', username: 'demo-bureau', groups: ['bureau'] });
const approver = await system.issuer.mint({ sub: 'local-demo-approver', username: 'demo-approver', groups: ['approver'] });
const schedules = system.scheduler.next();
const next = schedules.find((x) => x.kind === 'annual-review') ?? schedules[0];
const termEnd = schedules.find((x) => x.kind === 'term-end');
const s = system.stack;
process.stdout.write(`
  网页控制台 console  ${system.consoleUrl}   ← 在浏览器中打开，选择身份登录 / open in a browser and pick an identity

talent-pool 本地环境已启动 / the local stack is up (${Math.round(performance.now() - t0)} ms)

  HTTP API        ${system.apiUrl}   (控制台经 ${system.consoleUrl}api/… 同源访问 / the console reaches it at /api)
  本地控制 control ${system.controlUrl}   (令牌、模拟时钟、立即触发考核 / tokens, simulated clock, fire the review)
  DynamoDB        ${s.dynamo.endpoint}   表 tables: ${Object.values(s.tables).join(', ')}
  S3              ${s.s3.endpoint}   桶 bucket: ${s.buckets.join(', ')}
  Step Functions  ${s.sfnEndpoint.endpoint}   状态机: ${s.stateMachines.map((m) => m.kind ?? m.name).join(', ')}
  数据 data       ${dataDir ?? '仅内存 in memory (--persist 保存 to keep)'}
  模拟时钟 clock   ${beijingTime(system.clock.now())}（北京时间 Beijing time${start ? '，--start 起 from --start' : ''}）
  年度考核 review  下次 next ${next ? `${next.next} (${next.expression} ${next.timezone})` : '—'}
  任期届满 term end 每日 daily, 下次 next ${termEnd ? `${termEnd.next} (${termEnd.expression} ${termEnd.timezone})` : '—'}

演示令牌（8 小时有效）/ demo tokens (valid 8 h):
  bureau    ${bureau}
  approver  ${approver}
  school    curl -s -X POST ${system.controlUrl}/tokens -d '{"role":"school","unit":"JT-XYXX"}'

试试 Try:  npm run --silent bureau -- round list --as bureau
          npm run demo
Ctrl-C 停止 / to stop
`);

function beijingTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: 正在停止 / stopping…\n`);
  rmSync(sessionFile, { force: true });
  const timer = setTimeout(() => process.exit(1), 10_000);
  await system.close();
  clearTimeout(timer);
  process.stdout.write('已停止 / stopped\n');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
