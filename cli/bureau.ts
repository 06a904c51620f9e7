import { readFile, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs as nodeParseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ApiError, PoolClient, type Json } from './api-client';
import { PERSON_ID_PATTERN } from '../contracts/ids';
import { GLOBAL_HELP, helpFor } from './bureau-help';
import { readLocalSession, localToken } from './local-session';
import { todayInShanghai } from './pool';

/**
 * The bureau CLI: the operations of the HTTP API from a terminal, against the local stack
 * (`npm start`) or a deployed one (`--endpoint`, `--token`). It only speaks HTTP.
 */

export interface BureauIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  sleep(ms: number): Promise<void>;
  /** The wall clock in ms (Date.now); --wait is a real-time deadline. Tests give a fake one. */
  now?(): number;
}

class UsageError extends Error {}

/** A refusal the CLI itself makes before asking the API (a name it cannot resolve): coded like the API's, exit 1. */
class CodedRefusal extends Error {
  constructor(readonly body: { error: { code: string; zh: string; en: string } & Record<string, unknown> }) {
    super(body.error.en);
  }
}

/** A result that is not the whole answer (upload: --wait ran out): printed as usual, with a warning, exit 3. */
class Incomplete {
  constructor(
    readonly body: Record<string, unknown>,
    readonly message: string,
  ) {}
}

/** Exit code of an incomplete result (documented in bureau-help.ts). */
export const EXIT_INCOMPLETE = 3;

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
  acting: { type: 'boolean' },
  'as-of': { type: 'string' },
  'intake-days': { type: 'string' },
  kind: { type: 'string' },
  title: { type: 'string' },
  provider: { type: 'string' },
  hours: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'host-unit': { type: 'string' },
  'host-code': { type: 'string' },
  'post-area': { type: 'string' },
  'scoring-days': { type: 'string' },
  change: { type: 'string', multiple: true },
  matter: { type: 'string' },
  reason: { type: 'string' },
  'reported-by': { type: 'string' },
  'document-no': { type: 'string' },
  'id-number': { type: 'string' },
  entity: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  group: { type: 'string' },
  'org-dept-managed': { type: 'boolean' },
  'unit-type': { type: 'string' },
  'max-age': { type: 'string' },
  'honour-at-least': { type: 'string' },
  'term-year': { type: 'string' },
  flag: { type: 'string' },
  round: { type: 'string' },
  review: { type: 'string' },
  columns: { type: 'string' },
  'full-ids': { type: 'boolean' },
  out: { type: 'string' },
  member: { type: 'string' },
  'proposed-post': { type: 'string' },
  'post-to-leave': { type: 'string' },
  issuer: { type: 'string' },
  'issued-on': { type: 'string' },
  contact: { type: 'string' },
  team: { type: 'string' },
  talks: { type: 'string' },
  conclusion: { type: 'string' },
  result: { type: 'string' },
  count: { type: 'string' },
  url: { type: 'string' },
  status: { type: 'string' },
  'objector-unit': { type: 'string' },
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
    const help = helpFor(command, args[0], args[1]);
    if (help) {
      io.stdout(`${help}\n`);
      return 0;
    }
    io.stderr(`未知命令 / unknown command: ${command}\n\n${GLOBAL_HELP}`);
    return 2;
  }
  try {
    checkOptions(command, values);
    const client = await connect(values, io);
    const out = await run(client, command, args, values, io);
    if (out instanceof Incomplete) {
      io.stdout(`${JSON.stringify(out.body, null, 2)}\n`);
      io.stderr(`${out.message}\n`);
      return EXIT_INCOMPLETE;
    }
    if (out !== undefined) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    if (e instanceof CodedRefusal) {
      io.stderr(`${JSON.stringify(e.body, null, 2)}\n`);
      return 1;
    }
    if (e instanceof ApiError) {
      io.stderr(`${JSON.stringify(e.body ?? { error: { code: `HTTP_${e.status}`, zh: '请求失败', en: e.raw.slice(0, 300) } }, null, 2)}\n`);
      return 1;
    }
    io.stderr(`无法连接或执行失败 / failed: ${(e as Error).message}\n`);
    return 1;
  }
}

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean | string[]>>;

/**
 * A round file may leave out its deadlines: they are then set relative to now — the local
 * stack's simulated clock when running locally (it may have been advanced), else real time.
 */
async function withDeadlines(body: Record<string, unknown>, values: Values, io: BureauIo): Promise<Record<string, unknown>> {
  if (body.intakeClosesAt && body.scoringClosesAt) return body;
  const intakeDays = Number(values['intake-days'] ?? 7);
  const scoringDays = Number(values['scoring-days'] ?? 10);
  if (!(intakeDays > 0) || !(scoringDays >= intakeDays)) throw new UsageError('--intake-days > 0 且 --scoring-days ≥ --intake-days / need intake-days > 0 and scoring-days ≥ intake-days');
  const now = await nowFor(values, io);
  const at = (days: number) => new Date(now + days * 86_400_000).toISOString();
  return { ...body, intakeClosesAt: body.intakeClosesAt ?? at(intakeDays), scoringClosesAt: body.scoringClosesAt ?? at(scoringDays) };
}

/** Now: the local stack's simulated clock when talking to it (it may have been advanced), else real time. */
async function nowFor(values: Values, io: BureauIo): Promise<number> {
  const session = values.endpoint ? undefined : await readLocalSession(io);
  if (session) {
    const res = await io.fetch(`${session.controlUrl}/clock`);
    if (res.ok) return Date.parse(((await res.json()) as { now: string }).now);
  }
  return Date.now();
}

/** Today in the district (Asia/Shanghai), as YYYY-MM-DD. */
async function todayFor(values: Values, io: BureauIo): Promise<string> {
  return todayInShanghai(new Date(await nowFor(values, io)));
}

async function connect(values: Values, io: BureauIo): Promise<PoolClient> {
  const session = await readLocalSession(io);
  let token = (values.token as string | undefined) ?? io.env.POOL_TOKEN;
  const as = !token && values.as !== undefined ? String(values.as) : undefined;
  if (as !== undefined) {
    if (!/^(bureau|approver|school:[A-Za-z0-9-]+)$/.test(as)) {
      throw new UsageError(`--as 应为 bureau | approver | school:单位代码 / --as is bureau | approver | school:UNIT (got ${as})`);
    }
    if (!session) throw new UsageError('--as 仅用于本地环境（先运行 npm start）/ --as works against the local stack only (run npm start)');
  }
  const endpoint = (values.endpoint as string | undefined) ?? io.env.POOL_ENDPOINT ?? session?.apiUrl;
  if (!endpoint) throw new UsageError('缺少 --endpoint（或先运行 npm start）/ missing --endpoint (or run npm start first)');
  if (as !== undefined && session) token = await localToken(session, as, io.fetch);
  if (!token) throw new UsageError('缺少 --token 或 --as / missing --token or --as');
  return new PoolClient(endpoint, token, io.fetch);
}

/**
 * `export publicity-notice | appointment-form | lrmx`: the document's body (contracts/exports.ts),
 * then the file from its link, saved under its Chinese name (or --out).
 */
async function exportDocument(client: PoolClient, kind: 'publicity-notice' | 'appointment-form' | 'lrmx', values: Values, io: BureauIo) {
  let body: Record<string, unknown>;
  if (kind === 'publicity-notice') {
    body = defined({
      kind, roundId: values.round, issuedOn: values['issued-on'], issuer: values.issuer, contact: values.contact,
      period: values.from === undefined && values.to === undefined ? undefined : defined({ from: values.from, to: values.to }),
    });
  } else {
    if (values.member === undefined) throw new UsageError(`缺少 --member（成员编号或姓名）/ missing --member (a person id or a name): export ${kind} --member P…`);
    const personId = await resolveMember(client, String(values.member));
    body = kind === 'lrmx' ? { kind, personId } : defined({
      kind, personId, proposedPost: values['proposed-post'], postToLeave: values['post-to-leave'], reason: values.reason,
    });
  }
  const link = await client.exportLink(body);
  const file = await client.download(link.url);
  const out = (values.out as string | undefined) ?? basename(file.fileName ?? link.fileName);
  await io.writeFile(out, file.bytes);
  return { written: out, kind: link.kind, fileName: link.fileName, contentType: link.contentType, fullIds: link.fullIds, bytes: file.bytes.length };
}

/**
 * `ballot codes ROUND UNIT --count N`: new one-time codes for the unit's 民主推荐 ballot,
 * written straight into the printable slips (.docx) — the codes are shown once, by the API's
 * answer, and this file is where they go; they are not printed to the terminal.
 * `ballot list ROUND` / `ballot tally ROUND`: the ballots, and the counted results once closed.
 */
async function ballot(client: PoolClient, args: string[], values: Values, io: BureauIo): Promise<unknown> {
  const [sub, round, unit] = need(args, 2, 'ballot codes|list|tally ROUND');
  if (sub === 'codes') {
    if (unit === undefined) throw new UsageError('缺少单位代码 / missing the unit: ballot codes ROUND UNIT --count N');
    const count = numberOption(values.count, '--count');
    if (count === undefined || !Number.isInteger(count) || count < 1) throw new UsageError('--count 应为正整数 / --count is a whole number of codes, 1 or more');
    const url = (values.url as string | undefined) ?? io.env.POOL_BALLOT_URL ?? ballotUrlOf(await readLocalSession(io));
    if (!url) throw new UsageError('缺少 --url（选票页地址，印在投票码上）/ missing --url (the ballot page printed on the slips)');
    const issued = await client.request<{ roundTitle: string; unitCode: string; closesAt: string; codes: string[]; issued: number }>(
      'POST', `/rounds/${encodeURIComponent(round as string)}/ballots/${encodeURIComponent(unit)}/codes`, { count },
    );
    const units = await client.request<{ units: Array<{ code: string; name: string }> }>('GET', '/units?limit=1000').catch(() => ({ units: [] }));
    const unitName = units.units.find((u) => u.code === unit)?.name ?? unit;
    const { ballotSlipsDocx, ballotSlipsFileName } = await import('../formats/docx/ballot-slips');
    const bytes = await ballotSlipsDocx({ roundTitle: issued.roundTitle, unitName, ballotUrl: url, closesAtText: beijingMinute(issued.closesAt), codes: issued.codes });
    const out = (values.out as string | undefined) ?? ballotSlipsFileName(unitName, round as string);
    await io.writeFile(out, bytes);
    return { written: out, roundId: round, unitCode: unit, codes: issued.codes.length, issued: issued.issued, ballotUrl: url };
  }
  if (sub === 'list' || sub === 'tally') {
    const ballots: Json[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 1000; pages += 1) {
      const page = await client.request<{ ballots: Json[]; cursor?: string }>('GET', `/rounds/${encodeURIComponent(round as string)}/ballots?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      ballots.push(...page.ballots);
      cursor = page.cursor;
      if (!cursor) break;
    }
    if (sub === 'list') return { roundId: round, ballots };
    type B = { unitCode: string; tally?: { issued: number; used: number; turnout: number | null; cast: number }; candidates: Array<{ nominationId: string; name: string; result?: { for: number; against: number; abstain: number; share: number | null } }> };
    const counted = (ballots as unknown as B[]).filter((b) => b.tally);
    return {
      roundId: round,
      tallied: counted.length,
      open: ballots.length - counted.length,
      units: counted.map((b) => ({ unitCode: b.unitCode, ...b.tally, candidates: b.candidates.map((c) => ({ nominationId: c.nominationId, name: c.name, ...c.result })) })),
    };
  }
  throw new UsageError(`未知子命令 / unknown: ballot ${sub ?? ''}`);
}

/** The public ballot page of the local console (npm start), when there is one. */
function ballotUrlOf(session: { consoleUrl?: string } | undefined): string | undefined {
  return session?.consoleUrl ? new URL('vote', session.consoleUrl).toString() : undefined;
}

/** A deadline as a slip prints it, in Beijing: 2026年4月10日 17:00. */
function beijingMinute(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${Number(t.slice(0, 4))}年${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
}

const PERSON_ID = PERSON_ID_PATTERN;

/**
 * --member: a person id as given, or a name looked up in the pool (GET /pool, the bureau's)
 * when exactly one member bears it — two who share it are listed with their ids and units
 * (MEMBER_NAME_AMBIGUOUS), so the user picks an id; nobody is MEMBER_NAME_UNKNOWN; a school,
 * which may not list the pool, hears MEMBER_NAME_BUREAU_ONLY.
 */
async function resolveMember(client: PoolClient, member: string): Promise<string> {
  if (PERSON_ID.test(member)) return member;
  let pool: { members?: Array<{ personId: string; name?: string; unit: string; tier: number }> };
  try {
    pool = await client.pool() as typeof pool;
  } catch (e) {
    // The pool is the bureau's to list: a school names its own member by id.
    if (e instanceof ApiError && e.status === 403) {
      throw new CodedRefusal({ error: { code: 'MEMBER_NAME_BUREAU_ONLY', zh: '按姓名查找成员仅限区教育局；学校请使用成员编号（P…）', en: 'looking a member up by name is the bureau\'s: a school gives the person id (P…)' } });
    }
    throw e;
  }
  const matches = (pool.members ?? []).filter((m) => m.name === member);
  if (matches.length === 1) return matches[0]!.personId;
  if (matches.length === 0) {
    throw new CodedRefusal({ error: { code: 'MEMBER_NAME_UNKNOWN', zh: `人才库中没有名为「${member}」的成员`, en: `no member of the pool is named ${member}` } });
  }
  throw new CodedRefusal({
    error: {
      code: 'MEMBER_NAME_AMBIGUOUS', zh: `人才库中有 ${matches.length} 位成员名为「${member}」，请改用成员编号`, en: `${matches.length} members are named ${member}: give the person id`,
      matches: matches.map((m) => ({ personId: m.personId, unit: m.unit, tier: m.tier })),
    },
  });
}

function need(args: string[], n: number, usage: string): string[] {
  if (args.length < n) throw new UsageError(`缺少参数 / missing arguments: ${usage}`);
  return args;
}

/** Leaves out options not given, so the API reports them missing by their own field names. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function numberOption(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || Number.isNaN(n)) throw new UsageError(`${name} 应为数字 / ${name} is a number`);
  return n;
}

function list(v: unknown): string[] {
  return typeof v === 'string' && v.length ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** --change PERSON_ID=OUTCOME:REASON (repeatable): the bureau's calibration changes. */
function changesOf(v: unknown): Array<{ personId: string; outcome: string; reason: string }> {
  const given = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  return given.map((c) => {
    const m = /^([^=\s]+)=([a-z-]+):([\s\S]*\S[\s\S]*)$/.exec(c);
    if (!m) throw new UsageError(`--change 格式应为 人员编号=结论:理由（如 P…=satisfactory:单位已说明情况）/ --change is PERSON_ID=OUTCOME:REASON (got ${c})`);
    return { personId: m[1] as string, outcome: m[2] as string, reason: (m[3] as string).trim() };
  });
}

/** Option checks that need no server, made before connecting: a usage error sends nothing. */
function checkOptions(command: string, values: Values): void {
  if (command === 'approve') {
    // An empty list would silently turn approve-with-edits into a plain, irreversible approval.
    for (const edit of ['add', 'remove'] as const) {
      if (values[edit] !== undefined && list(values[edit]).length === 0) {
        throw new UsageError(`--${edit} 未给出任何推荐编号 / --${edit} names no ids: 应为 --${edit} ID,ID，不调整则省略此选项 / give --${edit} ID,ID, or leave it out`);
      }
    }
  }
  if (command === 'upload') waitSeconds(values);
  if (command === 'review' && values.change !== undefined) changesOf(values.change);
}

/** --wait: seconds, 0 or more (default 20). */
function waitSeconds(values: Values): number {
  const wait = numberOption(values.wait, '--wait') ?? 20;
  if (!(wait >= 0) || !Number.isFinite(wait)) throw new UsageError('--wait 应为不小于 0 的秒数 / --wait is a number of seconds, 0 or more');
  return wait;
}

interface SeenNomination extends Json {
  source?: { key?: string; row?: number; forms?: number };
}

/**
 * Waits for intake to finish with one uploaded object, up to `waitMs`. Each row of a
 * workbook is stored as it is judged, so the first nominations to appear say nothing about
 * the rest; every one carries `source.forms`, how many the file yields (1 for a file refused
 * whole), so the file is done when that many are there.
 */
async function awaitIntake(client: PoolClient, round: string, key: string, waitMs: number, values: Values, io: BureauIo): Promise<unknown> {
  const now = io.now ?? Date.now;
  const started = now();
  let slept = 0;
  let interval = 250;
  let mine: SeenNomination[] = [];
  let expected: number | undefined;
  for (;;) {
    const all = (await client.allNominations(round, values.unit ? { unit: values.unit as string } : {})) as SeenNomination[];
    mine = all.filter((n) => n.source?.key === key).sort((a, b) => (a.source?.row ?? 0) - (b.source?.row ?? 0));
    expected = mine.find((n) => typeof n.source?.forms === 'number')?.source?.forms;
    if (expected !== undefined && mine.length >= expected) {
      return { key, status: 'processed', complete: true, forms: expected, nominations: mine };
    }
    const left = waitMs - Math.max(slept, now() - started);
    if (left <= 0) break;
    const ms = Math.min(interval, left);
    await io.sleep(ms);
    slept += ms;
    interval = Math.min(interval * 2, 1000);
  }
  const zh = `等待 ${waitMs / 1000} 秒后仍未处理完：已见 ${mine.length}${expected === undefined ? ' 份（总数未知）' : ` / ${expected} 份`}推荐，结果不完整；请稍后用 status 查看`;
  const en = `still processing after ${waitMs / 1000} s: ${mine.length}${expected === undefined ? ' (total unknown)' : ` of ${expected}`} forms seen — the result is incomplete; check later with status`;
  return new Incomplete(
    { key, status: 'pending', complete: false, ...(expected !== undefined ? { forms: expected } : {}), received: mine.length, nominations: mine, zh, en },
    `未处理完 / incomplete (exit ${EXIT_INCOMPLETE}): ${zh} / ${en}`,
  );
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
      const waitMs = waitSeconds(values) * 1000;
      const bytes = await io.readFile(file as string);
      const link = await client.upload(round as string, basename(file as string), bytes, values.unit as string | undefined);
      return awaitIntake(client, round as string, link.key, waitMs, values, io);
    }
    case 'export': {
      // POST /exports, then the workbook from its five-minute link, saved under its Chinese name (or --out).
      const [kind] = need(args, 1, 'export KIND');
      if (kind === 'publicity-notice' || kind === 'appointment-form' || kind === 'lrmx') return exportDocument(client, kind, values, io);
      const columns = values.columns === undefined ? undefined : list(values.columns);
      if (columns !== undefined && columns.length === 0) throw new UsageError('--columns 未给出任何列 / --columns names no columns: --columns name,idNumber,…');
      const link = await client.exportLink(defined({
        kind, roundId: values.round, reviewId: values.review, tier: numberOption(values.tier, '--tier'), unit: values.unit, columns,
        fullIds: values['full-ids'] === true ? true : undefined, from: values.from, to: values.to, asOf: values['as-of'],
      }));
      const file = await client.download(link.url);
      const out = (values.out as string | undefined) ?? basename(file.fileName ?? link.fileName);
      await io.writeFile(out, file.bytes);
      return { written: out, kind: link.kind, fileName: link.fileName, rows: link.rows, fullIds: link.fullIds, bytes: file.bytes.length };
    }
    case 'ballot': return ballot(client, args, values, io);
    case 'template': {
      const [out] = need(args, 1, 'template OUT.xlsx');
      await io.writeFile(out as string, await client.template());
      return { written: out };
    }
    case 'status': {
      // Every page: a bureau's view of a whole round runs past one page of 100.
      const round = need(args, 1, 'status ROUND')[0] as string;
      const unit = values.unit as string | undefined;
      return { roundId: round, ...(unit ? { unit } : {}), nominations: await client.allNominations(round, unit ? { unit } : {}) };
    }
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
    case 'inspection': {
      const [sub, round] = need(args, 2, 'inspection list|record|close ROUND …');
      if (sub === 'list') return client.inspections(round as string);
      if (sub === 'record') {
        const nomination = need(args, 3, 'inspection record ROUND NOMINATION --team A,B --from D --to D --talks N --conclusion TEXT [--result 合格|不合格] [--score N]')[2] as string;
        // Names as an office writes a list: 王建国,李芳 or 王建国，李芳 or 王建国、李芳.
        const team = typeof values.team === 'string' ? values.team.split(/[,，、]/).map((x) => x.trim()).filter(Boolean) : undefined;
        const talks = numberOption(values.talks, '--talks');
        const score = numberOption(values.score, '--score');
        return client.recordInspection(round as string, nomination, defined({
          team, from: values.from, to: values.to, talks, conclusion: values.conclusion, result: values.result, score,
        }) as Json);
      }
      if (sub === 'close') return client.closeInspection(round as string, values.note ? { note: values.note as string } : {});
      throw new UsageError(`未知子命令 / unknown: inspection ${sub ?? ''}`);
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
      // The C-PRIORITY filters go as given: the API says what is allowed (QUERY_INVALID with the values).
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      return client.pool({
        ...(tier ? { tier } : {}), unit: str(values.unit), unitType: str(values['unit-type']), maxAge: str(values['max-age']),
        honourAtLeast: str(values['honour-at-least']), termYear: str(values['term-year']), flag: str(values.flag), asOf: str(values['as-of']),
      });
    }
    case 'consistency':
      return client.consistency();
    case 'member':
      return client.member(need(args, 1, 'member PERSON_ID')[0] as string);
    case 'talk': {
      // The API's record (C-TALK): on, by, kind, triggers, notes; the API validates the values.
      const [person] = need(args, 1, 'talk PERSON_ID');
      return client.record(person as string, 'talks', defined({
        on: values.date ?? await todayFor(values, io), by: values.by, kind: values.kind, triggers: values.trigger === undefined ? undefined : list(values.trigger), notes: values.summary,
      }));
    }
    case 'training': {
      const [person] = need(args, 1, 'training PERSON_ID');
      return client.record(person as string, 'training', defined({
        kind: values.kind, title: values.title, provider: values.provider, hours: numberOption(values.hours, '--hours'), from: values.from, to: values.to,
      }));
    }
    case 'rotation': {
      const [person] = need(args, 1, 'rotation PERSON_ID');
      const host = values['host-unit'] === undefined ? undefined : defined({ name: values['host-unit'], code: values['host-code'] });
      return client.record(person as string, 'rotations', defined({
        kind: values.kind, hostUnit: host, postArea: values['post-area'], from: values.from, to: values.to ?? null,
      }));
    }
    case 'veto': {
      // M-VETO now: the API's body (on, matter, reportedBy, documentNo); the API validates the values.
      const [person] = need(args, 1, 'veto PERSON_ID --matter TEXT --reported-by WHO');
      return client.veto(person as string, defined({
        on: values.date ?? await todayFor(values, io), matter: values.matter, reportedBy: values['reported-by'], documentNo: values['document-no'],
      }));
    }
    case 'renew': {
      // M-TERM: a new three-year term from --date (default today) for a member who passed the
      // summative review; the API's body (on, reason); the API and the domain judge it.
      const [person] = need(args, 1, 'renew PERSON_ID --reason TEXT');
      return client.renew(person as string, defined({ on: values.date ?? await todayFor(values, io), reason: values.reason }));
    }
    case 'import': {
      // The file is the body of POST /pool/imports ({ source, on, documentNo, entries }); the API checks it.
      const [file] = need(args, 1, 'import FILE.json');
      return client.importFiled(JSON.parse(Buffer.from(await io.readFile(file as string)).toString('utf8')) as Record<string, unknown>);
    }
    case 'appoint': {
      // X-USE: a member by PERSON_ID, anyone else by --name and --id-number; the API validates the values.
      const [person] = args;
      const candidate = person === undefined && (values.name !== undefined || values['id-number'] !== undefined)
        ? defined({ name: values.name, idNumber: values['id-number'] }) : undefined;
      return client.appoint(defined({
        personId: person, candidate, post: defined({ kind: values.kind, title: values.title, unitCode: values.unit }),
        on: values.date ?? await todayFor(values, io), documentNo: values['document-no'],
      }));
    }
    case 'x-use': {
      if (typeof values.from !== 'string' || typeof values.to !== 'string') throw new UsageError('x-use：须给出 --from 与 --to / x-use: --from and --to are required');
      return client.xUse(values.from, values.to);
    }
    case 'talks-due':
      return client.talksDue(values['as-of'] as string | undefined);
    case 'audit': {
      const [person] = args;
      const page = { ...(values.limit !== undefined ? { limit: numberOption(values.limit, '--limit') as number } : {}), ...(values.cursor ? { cursor: values.cursor as string } : {}) };
      if (values.entity !== undefined && person !== undefined) throw new UsageError('audit：给出 PERSON_ID 或 --entity 之一 / audit: a PERSON_ID or --entity, not both');
      if (values.entity !== undefined) return client.audit(values.entity as string, page);
      return client.memberAudit(need(args, 1, 'audit PERSON_ID | audit --entity ENTITY')[0] as string, page);
    }
    case 'publicity': {
      // 公示 (S-PUBLICITY): the bureau's page, and objections recorded and resolved; the API judges the values.
      const [sub, verb] = need(args, 1, 'publicity show ROUND | publicity objection add|resolve …');
      if (sub === 'show') return client.request('GET', `/rounds/${encodeURIComponent(need(args, 2, 'publicity show ROUND')[1] as string)}/objections`);
      if (sub === 'objection' && verb === 'add') {
        const [, , round, nomination] = need(args, 4, 'publicity objection add ROUND NOMINATION_ID --matter TEXT');
        const from = defined({ name: values.name, contact: values.contact, unit: values['objector-unit'] });
        return client.request('POST', `/rounds/${encodeURIComponent(round as string)}/objections`, defined({
          against: nomination, matter: values.matter, receivedOn: values.date, from: Object.keys(from).length > 0 ? from : undefined,
        }));
      }
      if (sub === 'objection' && verb === 'resolve') {
        const [, , round, objection] = need(args, 4, 'publicity objection resolve ROUND OBJECTION_ID --status upheld|dismissed --reason TEXT');
        return client.request('PUT', `/rounds/${encodeURIComponent(round as string)}/objections/${encodeURIComponent(objection as string)}`, defined({ status: values.status, reason: values.reason }));
      }
      throw new UsageError(`未知子命令 / unknown: publicity ${sub ?? ''} ${verb ?? ''}`);
    }
    case 'review': {
      const [sub, id] = need(args, 1, 'review start|list|show|roster|proposals|confirm');
      if (sub === 'start') return client.startReview(values['as-of'] as string | undefined);
      if (sub === 'show') return client.review(need(args, 2, 'review show REVIEW_ID')[1] as string);
      if (sub === 'list') return client.reviews();
      if (sub === 'roster') return client.reviewAssessments(need(args, 2, 'review roster REVIEW_ID')[1] as string, values.unit as string | undefined);
      if (sub === 'proposals') return client.proposals(need(args, 2, 'review proposals REVIEW_ID')[1] as string);
      if (sub === 'confirm') {
        const reviewId = need(args, 2, 'review confirm REVIEW_ID [--change PERSON_ID=OUTCOME:REASON …]')[1] as string;
        return client.confirmReview(reviewId, changesOf(values.change), typeof values.note === 'string' ? values.note : undefined);
      }
      throw new UsageError(`未知子命令 / unknown: review ${sub ?? ''} ${id ?? ''}`);
    }
    case 'assess': {
      const [review, person] = need(args, 2, 'assess REVIEW PERSON');
      const score = numberOption(values.score, '--score');
      if (score === undefined) throw new UsageError('缺少 --score / missing --score');
      return client.assess(review as string, person as string, {
        grade: values.grade,
        score,
        assessedBy: values.by,
        ...(values.veto ? { veto: { reason: values.veto } } : {}),
        ...(values['meets-post-conditions'] ? { meetsPostConditions: true } : {}),
        ...(values.acting ? { tier3Placement: 'acting' } : {}),
      });
    }
    case 'units':
      return client.units();
    case 'unit': {
      const [sub, code, file] = need(args, 2, 'unit put UNIT_CODE [FILE.json] [--name N --type T …]');
      if (sub !== 'put') throw new UsageError(`未知子命令 / unknown: unit ${sub ?? ''}`);
      // A file is the body of PUT /units/{code}; otherwise the options make it (the API checks the values).
      const body = file !== undefined
        ? JSON.parse(Buffer.from(await io.readFile(file)).toString('utf8')) as Record<string, unknown>
        : defined({ name: values.name, type: values.type, orgDeptManaged: values['org-dept-managed'] === true, group: values.group });
      return client.putUnit(code as string, body);
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
