import { readFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beijingDate, isIsoDate, type IsoDate } from '../domain/dates';
import { decideEligibility } from '../domain/eligibility/verdict';
import { parseNominationForm } from '../domain/form/parse';
import { problem, rejection, type Rejection } from '../domain/problem';
import { isTier, type Tier } from '../domain/tier';

/**
 * `pool check FORM.json [--tier N] [--as-of YYYY-MM-DD]` — the verdict for one nomination
 * form, from the domain alone (no AWS, no network). Argument parsing, file reading and
 * printing only; the rules are in domain/.
 *
 * Exit codes: 0 a verdict (eligible or not) or --help; 2 bad usage, an unreadable file,
 * invalid JSON or a malformed form (the rejection JSON on stderr).
 */

export const USAGE = `用法 Usage:
  npm run --silent pool -- check FORM.json [--tier N] [--as-of YYYY-MM-DD]

  检查一份推荐表（第 1 版）是否符合方案条件，在标准输出打印判定 JSON。
  Checks a nomination form (v1) against the plan and prints the verdict JSON on stdout.

  --tier N            按第 N 梯队（1、2、3）判定，默认为表中所填梯队
                      judge against tier N (1, 2 or 3); default: the form's own tier
  --as-of YYYY-MM-DD  参照日（年龄、任职年限、称号均按此日计算）；表中不含遴选参照日，
                      默认取今天（北京时间 Asia/Shanghai）。正式判定请填遴选通知规定的参照日。
                      the reference date for age, experience and titles; the form does not
                      carry the round's reference date, so the default is today in
                      Asia/Shanghai — give the date the round's notice sets for a real decision
  --help              显示本说明 / show this help

  退出码 Exit codes: 0 已作出判定（符合与否均为 0）a verdict either way;
                     2 用法错误、文件无法读取、JSON 无效或推荐表不合格（不合格明细以 JSON 输出到标准错误）
                       bad usage, unreadable file, invalid JSON or a malformed form (rejection JSON on stderr)
`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** Today's date where the bureau is (the CLI's default reference date). */
  today(): IsoDate;
}

interface CheckArgs {
  file: string;
  tier?: Tier;
  asOf?: IsoDate;
}

type Parsed = { help: true } | { error: string; errorEn: string } | CheckArgs;

export function parseArgs(argv: readonly string[]): Parsed {
  if (argv.includes('--help') || argv.includes('-h')) return { help: true };
  const [command, ...rest] = argv;
  if (command !== 'check') {
    return command === undefined
      ? { error: '缺少命令', errorEn: 'missing command' }
      : { error: `未知命令：${command}`, errorEn: `unknown command: ${command}` };
  }
  const files: string[] = [];
  let tier: Tier | undefined;
  let asOf: IsoDate | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--tier' || name === '--as-of') {
      const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined) return { error: `${name} 缺少取值`, errorEn: `${name} needs a value` };
      if (name === '--tier') {
        const n = Number(value);
        if (!/^[123]$/.test(value) || !isTier(n)) return { error: `--tier 应为 1、2 或 3：${value}`, errorEn: `--tier must be 1, 2 or 3: ${value}` };
        tier = n;
      } else {
        if (!isIsoDate(value)) return { error: `--as-of 应为有效日期 YYYY-MM-DD：${value}`, errorEn: `--as-of must be a real date YYYY-MM-DD: ${value}` };
        asOf = value;
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      return { error: `未知选项：${arg}`, errorEn: `unknown option: ${arg}` };
    } else {
      files.push(arg);
    }
  }
  if (files.length !== 1) {
    return files.length === 0
      ? { error: '缺少推荐表文件', errorEn: 'missing FORM.json' }
      : { error: '只能检查一个文件', errorEn: 'check takes one file' };
  }
  return { file: files[0] ?? '', ...(tier ? { tier } : {}), ...(asOf ? { asOf } : {}) };
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    io.stdout(USAGE);
    return 0;
  }
  if ('error' in args) {
    io.stderr(`错误：${args.error}\nerror: ${args.errorEn}\n\n${USAGE}`);
    return 2;
  }
  let text: string;
  try {
    text = await io.readFile(args.file);
  } catch {
    return reject(io, rejection([problem('FILE_UNREADABLE', '', `无法读取文件：${args.file}`, `cannot read file: ${args.file}`)]));
  }
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad saves UTF-8 with a BOM
  } catch {
    return reject(io, rejection([problem('FORM_JSON', '', `不是有效的 JSON：${args.file}`, `not valid JSON: ${args.file}`)]));
  }
  const form = parseNominationForm(input);
  if (!form.ok) return reject(io, form);
  const verdict = decideEligibility(form.value, { asOf: args.asOf ?? io.today(), ...(args.tier ? { tier: args.tier } : {}) });
  io.stdout(`${JSON.stringify(verdict, null, 2)}\n`);
  return 0;
}

function reject(io: Io, r: Rejection): number {
  io.stderr(`${JSON.stringify(r, null, 2)}\n`);
  return 2;
}

/** Today in Asia/Shanghai, read here in the CLI and never in domain/. */
export function todayInShanghai(now: Date = new Date()): IsoDate {
  return beijingDate(now);
}

const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readFile(p, 'utf8'),
  today: () => todayInShanghai(),
};

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2), nodeIo).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`内部错误 internal error: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
