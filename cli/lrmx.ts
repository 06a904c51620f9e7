import { readFile, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseNodeArgs } from 'node:util';
import { beijingDate, isIsoDate } from '../domain/dates';
import { parseNominationForm } from '../domain/form/parse';
import { UnitType } from '../domain/policy/schema';
import { problem, rejection, type Rejection } from '../domain/problem';
import { TIERS, isTier, type Tier } from '../domain/tier';
import { readLrmxArchive } from '../formats/lrmx/archive';
import { mapLrmxPerson, type LrmxContext } from '../formats/lrmx/map';
import { readLrmx } from '../formats/lrmx/read';
import { writeLrmx } from '../formats/lrmx/write';

/**
 * `npx tsx cli/lrmx.ts read FILE.lrmx|FILE.zip …` — what intake makes of a school's .lrmx
 * (the partial form v1 and the coded problems per element), offline; `… write FORM.json
 * OUT.lrmx` — a form's 任免审批表 for the editor (the same writer as app/exports/lrmx.ts).
 * Formats and domain only: no AWS, no network. Exit 0 done; 2 bad usage, an unreadable or
 * refused file, or a malformed form (the rejection JSON on stderr).
 */

export const USAGE = `用法 Usage:
  npx tsx cli/lrmx.ts read FILE.lrmx|FILE.zip [--round ID] [--unit CODE --unit-name 名称 --unit-type TYPE] [--tiers 1,2,3]
  npx tsx cli/lrmx.ts template FILE.lrmx|FILE.zip OUT.xlsx [与 read 相同的选项 same options as read]
  npx tsx cli/lrmx.ts write FORM.json OUT.lrmx [--as-of YYYY-MM-DD]

  read   按受理规则读取任免审批表（或其压缩包），打印每人已填入的推荐表字段和需补全的问题（JSON）
         reads an .lrmx (or a .zip of them) as intake does and prints, per person, the form fields
         filled and the coded problems of what to complete (JSON)
  template  同 read，但写出预填的 Excel 推荐表模板（每人一行，确切内容已填，需补全的留空并在“备注”列说明）
         like read, but writes the Excel template prefilled (one row a person, exact values filled,
         the rest blank and listed in 备注) for the school to complete and upload
  write  把一份推荐表（第 1 版，JSON）写成任免表软件可打开的 .lrmx
         writes a nomination form (v1, JSON) as an .lrmx the 任免表 editor opens
`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  readBytes(path: string): Promise<Uint8Array>;
  writeBytes(path: string, bytes: Uint8Array): Promise<void>;
  /** Today in Asia/Shanghai (计算年龄时间 of a written file). */
  today(): string;
}

function usage(io: Io, zh: string, en: string): number {
  io.stderr(`错误：${zh}\nerror: ${en}\n\n${USAGE}`);
  return 2;
}

function reject(io: Io, r: Rejection): number {
  io.stderr(`${JSON.stringify(r, null, 2)}\n`);
  return 2;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: {
        round: { type: 'string' }, unit: { type: 'string' }, 'unit-name': { type: 'string' }, 'unit-type': { type: 'string' },
        tiers: { type: 'string' }, 'as-of': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(io, '参数无效', e instanceof Error ? e.message : 'bad arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, ...files] = positionals;
  if (command === 'read' && files.length === 1) return read(io, files[0] ?? '', values);
  if (command === 'template' && files.length === 2) return read(io, files[0] ?? '', values, files[1]);
  if (command === 'write' && files.length === 2) return write(io, files[0] ?? '', files[1] ?? '', values['as-of']);
  return usage(io, `用法错误：${command ?? '缺少命令'}`, `bad usage: ${command ?? 'missing command'}`);
}

async function bytesOf(io: Io, file: string): Promise<Uint8Array | undefined> {
  try {
    return await io.readBytes(file);
  } catch {
    return undefined;
  }
}

async function read(io: Io, file: string, v: { round?: string; unit?: string; 'unit-name'?: string; 'unit-type'?: string; tiers?: string }, template?: string): Promise<number> {
  const tiers = (v.tiers ?? '1,2,3').split(',').map(Number);
  if (!tiers.every(isTier)) return usage(io, `--tiers 应为 1、2、3 的列表：${v.tiers}`, `--tiers must list 1, 2 or 3: ${v.tiers}`);
  if (v['unit-type'] !== undefined && !UnitType.safeParse(v['unit-type']).success) {
    return usage(io, `--unit-type 无效：${v['unit-type']}`, `--unit-type must be one of ${UnitType.options.join(', ')}`);
  }
  const ctx: LrmxContext = {
    roundId: v.round ?? 'ROUND',
    unit: { code: v.unit ?? 'UNIT', ...(v['unit-name'] && v['unit-type'] ? { name: v['unit-name'], type: v['unit-type'] } : {}) },
    openTiers: tiers.length > 0 ? (tiers as Tier[]) : [...TIERS],
  };
  const bytes = await bytesOf(io, file);
  if (!bytes) return reject(io, rejection([problem('FILE_UNREADABLE', '', `无法读取文件：${file}`, `cannot read file: ${file}`)]));
  const people: Array<{ entry?: string; person: Uint8Array }> = [];
  if (/\.zip$/i.test(file)) {
    const archive = readLrmxArchive(bytes);
    if (!archive.ok) return reject(io, archive);
    for (const e of archive.value) people.push({ entry: e.name, person: e.bytes });
  } else {
    people.push({ person: bytes });
  }
  const out = people.map(({ entry, person }) => {
    const r = readLrmx(person);
    return { ...(entry ? { entry } : {}), ...(r.ok ? mapLrmxPerson(r.value, ctx) : { problems: r.problems }) };
  });
  if (out.length === 1 && !('form' in out[0]!) && people[0]?.entry === undefined) return reject(io, rejection(out[0]!.problems));
  if (template !== undefined) {
    const mapped = out.flatMap((o) => ('form' in o ? [o] : []));
    const { prefilledTemplate } = await import('../formats/lrmx/prefill');
    await io.writeBytes(template, prefilledTemplate(mapped));
    io.stdout(`${JSON.stringify({ written: template, rows: mapped.length, unreadable: out.filter((o) => !('form' in o)) }, null, 2)}\n`);
    return 0;
  }
  io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

async function write(io: Io, formFile: string, outFile: string, asOf: string | undefined): Promise<number> {
  if (asOf !== undefined && !isIsoDate(asOf)) return usage(io, `--as-of 应为有效日期 YYYY-MM-DD：${asOf}`, `--as-of must be a real date YYYY-MM-DD: ${asOf}`);
  const bytes = await bytesOf(io, formFile);
  if (!bytes) return reject(io, rejection([problem('FILE_UNREADABLE', '', `无法读取文件：${formFile}`, `cannot read file: ${formFile}`)]));
  let input: unknown;
  try {
    input = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return reject(io, rejection([problem('FORM_JSON', '', `不是有效的 JSON：${formFile}`, `not valid JSON: ${formFile}`)]));
  }
  const form = parseNominationForm(input);
  if (!form.ok) return reject(io, form);
  await io.writeBytes(outFile, writeLrmx({ form: form.value, asOf: asOf ?? io.today() }));
  io.stdout(`${JSON.stringify({ written: outFile })}\n`);
  return 0;
}

const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readBytes: async (p) => new Uint8Array(await readFile(p)),
  writeBytes: (p, b) => writeFile(p, b),
  today: () => beijingDate(new Date()),
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
