import { readFile, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs as nodeParseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ApiError, PoolClient } from './api-client';
import { readLocalSession, localToken } from './local-session';

/**
 * The bureau CLI: the operations of the HTTP API from a terminal, against the local stack
 * (`npm start`) or a deployed one (`--endpoint`, `--token`). It only speaks HTTP.
 */

const GLOBAL_HELP = `用法 Usage: npm run --silent bureau -- <命令 command> [参数 args] [--endpoint URL] [--token JWT | --as ROLE]

连接 Connection:
  --endpoint URL   API 地址；默认读取本地环境（npm start）写入的 .data/local.json
                   the API URL; default: the local stack's (.data/local.json, written by npm start)
  --token JWT      访问令牌（部署环境从 Cognito 获取）；也可用环境变量 POOL_TOKEN
                   an access token (Cognito's ID token when deployed); or env POOL_TOKEN
  --as ROLE        仅本地：以 bureau | approver | school:单位代码 身份取得演示令牌
                   local only: a demo token for bureau | approver | school:UNIT

命令 Commands (各命令加 --help 查看说明 / --help on each):
  round open FILE.json          开启遴选批次 open a selection round
  round list | round show ID    查看批次 list rounds / show one
  upload-link ROUND FILE_NAME   取得本单位的上传链接 a presigned upload link for your unit
  upload ROUND FILE             上传推荐表（JSON 或 Excel）并等待处理结果 upload a form and wait for its status
  template OUT.xlsx             下载 Excel 推荐表模板 download the Excel template
  status ROUND                  查看推荐表状态与原因 nomination statuses and reasons
  scores ROUND NOMINATION k=v…  录入评分项 enter score components
  shortlist ROUND               查看排名名单 the ranked shortlist
  approve ROUND [--add ID,…] [--remove ID,…] [--note TEXT]  批准（可调整）approve (with edits)
  reject ROUND [--note TEXT]    退回名单 reject the shortlist
  pool [--tier N] [--unit U]    查看后备人才库 the pool against its caps
  member PERSON_ID              查看成员档案 one member's record
  talk PERSON_ID --date D --trigger T --by WHO --summary TEXT   记录谈心谈话 record a talk
  review start [--as-of DATE]   立即启动年度考核 start the annual review now
  review list                   考核列表 the reviews
  review show REVIEW_ID         查看考核结果 a review and its outcomes
  review roster REVIEW_ID [--unit U]  本单位须报送考核的人员 the members a unit must assess
  assess REVIEW PERSON --grade G --score N --by WHO   提交年度考核 submit an annual assessment
`;

const COMMAND_HELP: Record<string, string> = {
  'round open': 'round open FILE.json [--intake-days N] [--scoring-days N] — 文件为 POST /rounds 的请求体（见 docs/examples/round.json）；未写截止时间时按现在起 N 天（默认 7 / 10）补上\n  the body of POST /rounds (docs/examples/round.json); missing deadlines are set N days from now (default 7 / 10; locally, the simulated clock\'s now)',
  upload: 'upload ROUND FILE [--unit U] [--wait SECONDS] — 上传后轮询状态，默认等待 20 秒 / polls the status for up to 20 s',
  approve: 'approve ROUND [--add ID,ID] [--remove ID,ID] [--note TEXT] — 有 --add/--remove 即为“调整后批准” / edits make it approve-with-edits',
  talk: 'talk PERSON_ID --date YYYY-MM-DD --trigger post-change|promotion|setback|assessment|routine --by WHO --summary TEXT',
  assess: 'assess REVIEW_ID PERSON_ID --grade 优秀|合格|基本合格|不合格 --score 0-100 --by WHO [--veto REASON] [--meets-post-conditions]',
};

export interface BureauIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  sleep(ms: number): Promise<void>;
}

class UsageError extends Error {}

const OPTIONS = {
  endpoint: { type: 'string' },
  token: { type: 'string' },
  as: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  unit: { type: 'string' },
  tier: { type: 'string' },
  add: { type: 'string' },
  remove: { type: 'string' },
  note: { type: 'string' },
  wait: { type: 'string' },
  date: { type: 'string' },
  trigger: { type: 'string' },
  by: { type: 'string' },
  summary: { type: 'string' },
  grade: { type: 'string' },
  score: { type: 'string' },
  veto: { type: 'string' },
  'meets-post-conditions': { type: 'boolean' },
  'as-of': { type: 'string' },
  'intake-days': { type: 'string' },
  'scoring-days': { type: 'string' },
} as const;

export async function main(argv: readonly string[], io: BureauIo): Promise<number> {
  let parsed;
  try {
    parsed = nodeParseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`参数错误 / bad arguments: ${(e as Error).message}\n\n${GLOBAL_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (!command) {
    (values.help ? io.stdout : io.stderr)(GLOBAL_HELP);
    return values.help ? 0 : 2;
  }
  if (values.help) {
    const key = COMMAND_HELP[`${command} ${args[0] ?? ''}`.trim()] ?? COMMAND_HELP[command];
    io.stdout(`${key ?? GLOBAL_HELP}\n`);
    return 0;
  }
  try {
    const client = await connect(values, io);
    const out = await run(client, command, args, values, io);
    if (out !== undefined) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    if (e instanceof ApiError) {
      io.stderr(`${JSON.stringify(e.body ?? { error: { code: `HTTP_${e.status}`, zh: '请求失败', en: e.raw.slice(0, 300) } }, null, 2)}\n`);
      return 1;
    }
    io.stderr(`无法连接或执行失败 / failed: ${(e as Error).message}\n`);
    return 1;
  }
}

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

/**
 * A round file may leave out its deadlines: they are then set relative to now — the local
 * stack's simulated clock when running locally (it may have been advanced), else real time.
 */
async function withDeadlines(body: Record<string, unknown>, values: Values, io: BureauIo): Promise<Record<string, unknown>> {
  if (body.intakeClosesAt && body.scoringClosesAt) return body;
  const intakeDays = Number(values['intake-days'] ?? 7);
  const scoringDays = Number(values['scoring-days'] ?? 10);
  if (!(intakeDays > 0) || !(scoringDays >= intakeDays)) throw new UsageError('--intake-days > 0 且 --scoring-days ≥ --intake-days / need intake-days > 0 and scoring-days ≥ intake-days');
  let now = Date.now();
  const session = values.endpoint ? undefined : await readLocalSession(io);
  if (session) {
    const res = await io.fetch(`${session.controlUrl}/clock`);
    if (res.ok) now = Date.parse(((await res.json()) as { now: string }).now);
  }
  const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
  return { ...body, intakeClosesAt: body.intakeClosesAt ?? at(intakeDays), scoringClosesAt: body.scoringClosesAt ?? at(scoringDays) };
}

async function connect(values: Values, io: BureauIo): Promise<PoolClient> {
  const session = await readLocalSession(io);
  const endpoint = (values.endpoint as string | undefined) ?? io.env.POOL_ENDPOINT ?? session?.apiUrl;
  if (!endpoint) throw new UsageError('缺少 --endpoint（或先运行 npm start）/ missing --endpoint (or run npm start first)');
  let token = (values.token as string | undefined) ?? io.env.POOL_TOKEN;
  if (!token && values.as) {
    if (!session) throw new UsageError('--as 仅用于本地环境（先运行 npm start）/ --as works against the local stack only (run npm start)');
    token = await localToken(session, String(values.as), io.fetch);
  }
  if (!token) throw new UsageError('缺少 --token 或 --as / missing --token or --as');
  return new PoolClient(endpoint, token, io.fetch);
}

function need(args: string[], n: number, usage: string): string[] {
  if (args.length < n) throw new UsageError(`缺少参数 / missing arguments: ${usage}`);
  return args;
}

function list(v: unknown): string[] {
  return typeof v === 'string' && v.length ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

async function run(client: PoolClient, command: string, args: string[], values: Values, io: BureauIo): Promise<unknown> {
  switch (command) {
    case 'round': {
      const [sub, arg] = need(args, 1, 'round open|list|show');
      if (sub === 'open') {
        const body = JSON.parse(Buffer.from(await io.readFile(need(args, 2, 'round open FILE.json')[1] as string)).toString('utf8')) as Record<string, unknown>;
        return client.openRound(await withDeadlines(body, values, io));
      }
      if (sub === 'list') return client.listRounds();
      if (sub === 'show') return client.getRound(need(args, 2, 'round show ID')[1] as string);
      throw new UsageError(`未知子命令 / unknown: round ${sub ?? ''} ${arg ?? ''}`);
    }
    case 'upload-link': {
      const [round, name] = need(args, 2, 'upload-link ROUND FILE_NAME');
      return client.uploadLink(round as string, name as string, values.unit as string | undefined);
    }
    case 'upload': {
      const [round, file] = need(args, 2, 'upload ROUND FILE');
      const bytes = await io.readFile(file as string);
      const link = await client.upload(round as string, basename(file as string), bytes, values.unit as string | undefined);
      const deadline = Number(values.wait ?? 20) * 1000;
      for (let waited = 0; waited <= deadline; waited += 250) {
        const page = (await client.nominations(round as string, values.unit ? { unit: values.unit as string } : {})) as { nominations?: Array<{ source?: { key?: string } }> };
        const mine = (page.nominations ?? []).filter((n) => n.source?.key === link.key);
        if (mine.length) return { key: link.key, nominations: mine };
        await io.sleep(250);
      }
      return { key: link.key, status: 'pending', zh: '已上传，尚未处理完，请稍后用 status 查看', en: 'uploaded; not processed yet — check with status' };
    }
    case 'template': {
      const [out] = need(args, 1, 'template OUT.xlsx');
      await io.writeFile(out as string, await client.template());
      return { written: out };
    }
    case 'status':
      return client.nominations(need(args, 1, 'status ROUND')[0] as string, values.unit ? { unit: values.unit as string } : {});
    case 'scores': {
      const [round, nomination, ...pairs] = need(args, 3, 'scores ROUND NOMINATION k=v …');
      const components: Record<string, number> = {};
      for (const p of pairs) {
        const m = /^([^=]+)=(-?\d+(\.\d+)?)$/.exec(p);
        if (!m) throw new UsageError(`评分项格式应为 id=数字 / a component is id=number: ${p}`);
        components[m[1] as string] = Number(m[2]);
      }
      return client.setScores(round as string, nomination as string, components);
    }
    case 'shortlist':
      return client.shortlist(need(args, 1, 'shortlist ROUND')[0] as string);
    case 'approve': {
      const [round] = need(args, 1, 'approve ROUND');
      const add = list(values.add);
      const remove = list(values.remove);
      const edited = add.length > 0 || remove.length > 0;
      return client.decide(round as string, {
        decision: edited ? 'approve-with-edits' : 'approve',
        ...(edited ? { edits: { add, remove } } : {}),
        ...(values.note ? { note: values.note } : {}),
      });
    }
    case 'reject': {
      const [round] = need(args, 1, 'reject ROUND');
      return client.decide(round as string, { decision: 'reject', ...(values.note ? { note: values.note } : {}) });
    }
    case 'pool': {
      const tier = values.tier === undefined ? undefined : Number(values.tier);
      if (tier !== undefined && ![1, 2, 3].includes(tier)) throw new UsageError('--tier 应为 1、2 或 3 / --tier is 1, 2 or 3');
      return client.pool({ ...(tier ? { tier } : {}), ...(values.unit ? { unit: values.unit as string } : {}) });
    }
    case 'member':
      return client.member(need(args, 1, 'member PERSON_ID')[0] as string);
    case 'talk': {
      const [person] = need(args, 1, 'talk PERSON_ID');
      return client.record(person as string, 'talks', { date: values.date, trigger: values.trigger, by: values.by, summary: values.summary });
    }
    case 'review': {
      const [sub, id] = need(args, 1, 'review start|list|show|roster');
      if (sub === 'start') return client.startReview(values['as-of'] as string | undefined);
      if (sub === 'show') return client.review(need(args, 2, 'review show REVIEW_ID')[1] as string);
      if (sub === 'list') return client.reviews();
      if (sub === 'roster') return client.reviewAssessments(need(args, 2, 'review roster REVIEW_ID')[1] as string, values.unit as string | undefined);
      throw new UsageError(`未知子命令 / unknown: review ${sub ?? ''} ${id ?? ''}`);
    }
    case 'assess': {
      const [review, person] = need(args, 2, 'assess REVIEW PERSON');
      const score = Number(values.score);
      if (values.score === undefined || Number.isNaN(score)) throw new UsageError('--score 应为数字 / --score is a number');
      return client.assess(review as string, person as string, {
        grade: values.grade,
        score,
        assessedBy: values.by,
        ...(values.veto ? { veto: { reason: values.veto } } : {}),
        ...(values['meets-post-conditions'] ? { meetsPostConditions: true } : {}),
      });
    }
    default:
      throw new UsageError(`未知命令 / unknown command: ${command}\n\n${GLOBAL_HELP}`);
  }
}

const isEntry = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
})();

if (isEntry) {
  const code = await main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: async (p) => new Uint8Array(await readFile(p)),
    writeFile: (p, d) => writeFile(p, d),
    env: process.env,
    fetch,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  });
  process.exitCode = code;
}
