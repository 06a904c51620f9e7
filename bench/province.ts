import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ApiError, PoolClient } from '../cli/api-client';
import { idNumberCheckChar } from '../domain/form/id-number';
import { generateDemo } from '../demo/forms';
import { nominationWorkbook } from '../demo/files';
import { SimulatedClock } from '../local/clock';
import { startLocalSystem, type LocalSystem } from '../local/system';

/**
 * A province-scale round (issue #12.8) through the embedded default: 30,000 nominations from
 * 3,000 units, each unit uploading one Excel workbook of 10 rows (how a school office files),
 * a few units at a time. It reports what decides whether one round fits one Standard
 * execution: wall time of each phase, state transitions, the largest state payload (the
 * 256 KB limit), the history events AWS would record (the 25,000 limit) and the items the
 * round left in DynamoDB.
 *
 * The forms are the demo district's well-formed forms, re-homed: a new unit, a new name and a
 * new ID number (birth date and gender kept, so every verdict is still the one the demo
 * expects for that career). `BENCH_PROVINCE_UNITS` scales it down for a quick look.
 */

const SCORING_MODEL = {
  components: [
    { id: 'honour', name: { zh: '学术称号', en: 'honour' }, weight: 0.5, min: 0, max: 8, source: 'form', derive: 'honour' },
    { id: 'experience', name: { zh: '任职年限', en: 'experience' }, weight: 0.5, min: 0, max: 10, source: 'form', derive: 'experience' },
  ],
};

const PER_UNIT = 10;
const PARALLEL_UPLOADS = 8;
/** Jiangsu county-level codes: an ID number's first six digits (any valid one will do). */
const REGIONS = ['320402', '320404', '320411', '320412', '320413', '320481', '320482', '320102', '320104', '320105', '320106', '320111', '320113', '320114', '320115', '320116'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '子文思雨晨浩宇欣怡俊杰梓涵博佳一诗明轩嘉睿泽芳婷丽静敏强磊军洋勇艳杰娟涛超秀霞平刚桂英华玉兰萍红燕鹏飞建国海波丹琳';

type Obj = Record<string, unknown>;

interface ProvinceResult {
  units: number;
  nominations: number;
  /** Nominations by status after admission (admitted, waitlisted, ineligible, rejected …). */
  statuses: Record<string, number>;
  phases: Record<string, number>;
  transitions: number;
  historyEvents: number;
  largestPayloadBytes: number;
  largestPayloadState: string;
  items: Record<string, number>;
}

/** Distinct names and ID numbers for `count` people, the ID carrying each one's birth date and gender. */
class People {
  private readonly ids = new Set<string>();
  private readonly names = new Set<string>();
  private next = 0;

  name(): string {
    for (;;) {
      const n = this.next++;
      const s = SURNAMES[n % SURNAMES.length] ?? '王';
      const g1 = GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length] ?? '文';
      const g2 = GIVEN[Math.floor(n / (SURNAMES.length * GIVEN.length)) % GIVEN.length] ?? '';
      const name = `${s}${g1}${g2}`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  idNumber(birthDate: string, gender: string): string {
    const ymd = birthDate.replace(/-/g, '');
    for (const region of REGIONS) {
      // The 17th digit is odd for men, even for women (GB 11643).
      for (let seq = gender === 'M' ? 1 : 0; seq < 1000; seq += 2) {
        const first17 = `${region}${ymd}${String(seq).padStart(3, '0')}`;
        const id = first17 + (idNumberCheckChar(first17) ?? '0');
        if (!this.ids.has(id)) {
          this.ids.add(id);
          return id;
        }
      }
    }
    throw new Error(`no ID number left for ${birthDate}`);
  }
}

/** The demo district's well-formed forms, by unit type, as templates. */
function templates(roundId: string): Obj[] {
  const out: Obj[] = [];
  for (let seed = 1; seed <= 6; seed++) {
    const data = generateDemo(seed, { roundId, referenceDate: '2026-12-01', attestationDate: '2026-11-02' });
    for (const n of data.nominations) if (n.label !== 'malformed') out.push(n.form as Obj);
  }
  return out;
}

function rehome(form: Obj, unit: { code: string; name: string; type: string }, people: People): Obj {
  const copy = structuredClone(form);
  const oldUnit = (copy.unit as { name?: string } | undefined)?.name;
  copy.unit = unit;
  const c = copy.candidate as Obj;
  c.name = people.name();
  c.idNumber = people.idNumber(String(c.birthDate), String(c.gender));
  for (const p of (c.posts as Obj[] | undefined) ?? []) if (p.unit === oldUnit) p.unit = unit.name;
  return copy;
}

async function control(system: LocalSystem, path: string, body?: object): Promise<Obj> {
  const res = await fetch(`${system.controlUrl}${path}`, { method: body ? 'POST' : 'GET', ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Obj;
}

/** History events AWS records for one state: a Task 5 (entered, scheduled, started, succeeded, exited), others 2. */
function awsEventsFor(type: string): number {
  return type === 'Task' ? 5 : 2;
}

async function runProvince(unitCount: number): Promise<ProvinceResult> {
  const clock = new SimulatedClock({ start: new Date('2026-11-02T01:00:00Z') });
  const system = await startLocalSystem({ port: 0, controlPort: 0, clock, retryIntervalMs: 0 });
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    process.stderr.write(`province: ${name.replace(/ s$/, '')}…\n`);
    try {
      return await fn();
    } finally {
      phases[name] = Number(((performance.now() - t0) / 1000).toFixed(1));
      process.stderr.write(`province: ${name.replace(/ s$/, '')} took ${phases[name]} s\n`);
    }
  };
  try {
    const token = async (role: string) => (await control(system, '/tokens', { role })).token as string;
    const bureau = new PoolClient(system.apiUrl, await token('bureau'));
    const approver = new PoolClient(system.apiUrl, await token('approver'));
    const roundId = '2027-P1';
    const now = clock.nowMs();
    await bureau.openRound({
      roundId, title: '省级规模测试', referenceDate: '2026-12-01', tiers: [1, 2, 3], scoringModel: SCORING_MODEL,
      orgDeptApproval: { ref: 'bench', date: '2026-11-01' },
      intakeClosesAt: new Date(now + 7 * 86_400_000).toISOString(), scoringClosesAt: new Date(now + 8 * 86_400_000).toISOString(),
    });

    // Each unit takes ten consecutive templates of one unit type, so its forms fit its type.
    const byType = new Map<string, Obj[]>();
    for (const f of templates(roundId)) {
      const type = String((f.unit as Obj).type);
      byType.set(type, [...(byType.get(type) ?? []), f]);
    }
    const types = [...byType.keys()].sort();
    const people = new People();
    const files: Array<{ unit: string; bytes: Uint8Array; rows: number }> = [];
    await phase('register units s', async () => {
      for (let i = 0; i < unitCount; i++) {
        const type = types[i % types.length] as string;
        const pool = byType.get(type) as Obj[];
        const unit = { code: `PV-${String(i + 1).padStart(4, '0')}`, name: `第${i + 1}实验学校`, type };
        await bureau.putUnit(unit.code, { name: unit.name, type, orgDeptManaged: false });
        const forms = Array.from({ length: PER_UNIT }, (_, k) => rehome(pool[(i * PER_UNIT + k) % pool.length] as Obj, unit, people));
        files.push({ unit: unit.code, bytes: nominationWorkbook(forms), rows: forms.length });
      }
    });

    await phase('uploads (presigned POST + intake) s', async () => {
      let next = 0;
      await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, async () => {
        while (next < files.length) {
          const f = files[next++] as (typeof files)[number];
          await bureau.upload(roundId, `${f.unit}-推荐表.xlsx`, f.bytes, f.unit);
        }
      }));
      await control(system, '/settle', { timeoutMs: 3_600_000 });
    });
    await phase('scoring and ranking s', async () => {
      await control(system, '/clock/advance', { days: 9 });
      await control(system, '/settle', { timeoutMs: 3_600_000 });
    });
    await phase('approval and admission s', async () => {
      await approver.decide(roundId, { decision: 'approve' });
      await control(system, '/settle', { timeoutMs: 3_600_000 });
    });

    const execution = system.stack.sfn.listExecutions().find((e) => e.name.includes(roundId) || e.input.includes(roundId));
    if (!execution) throw new Error('no round execution');
    if (execution.status !== 'SUCCEEDED') throw new Error(`the round ended ${execution.status}: ${execution.error ?? ''} ${execution.cause ?? ''}`);
    let historyEvents = 2; // ExecutionStarted, ExecutionSucceeded
    let largest = { bytes: 0, state: '' };
    for (const event of execution.events) {
      if (!('state' in event)) continue;
      if (event.type === 'StateEntered') historyEvents += awsEventsFor(event.state.type);
      if (event.type === 'StateRetried') historyEvents += 3;
      for (const payload of [event.state.input, event.state.output]) {
        if (payload === undefined) continue;
        const bytes = Buffer.byteLength(JSON.stringify(payload));
        if (bytes > largest.bytes) largest = { bytes, state: event.state.name };
      }
    }

    const ddb = new DynamoDBClient({ endpoint: system.stack.environment.AWS_ENDPOINT_URL_DYNAMODB, region: system.stack.environment.AWS_REGION ?? 'cn-north-1' });
    const items: Record<string, number> = {};
    for (const [logicalId, table] of Object.entries(system.stack.tables)) {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await ddb.send(new ScanCommand({ TableName: table, Select: 'COUNT', ExclusiveStartKey: start as never }));
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      items[logicalId] = count;
    }
    ddb.destroy();

    const statuses: Record<string, number> = {};
    const count = (k: string) => { statuses[k] = (statuses[k] ?? 0) + 1; };
    for (const n of (await bureau.allNominations(roundId)) as Obj[]) {
      count(String(n.status));
      const admission = n.admission as Obj | undefined;
      if (admission) count(`${String(n.status)}, ${String(admission.status)}`);
      for (const p of (n.problems as Obj[] | undefined) ?? []) count(`rejected for ${String(p.code)}`);
    }
    return {
      units: unitCount,
      nominations: files.reduce((n, f) => n + f.rows, 0),
      statuses,
      phases,
      transitions: execution.stateTransitions,
      historyEvents,
      largestPayloadBytes: largest.bytes,
      largestPayloadState: largest.state,
      items,
    };
  } catch (e) {
    throw e instanceof ApiError ? new Error(e.message) : e;
  } finally {
    await system.close();
  }
}

/** In a process of its own, as `bench/local.ts` runs its rounds (handlers keep clients per process). */
export async function benchProvince(): Promise<Record<string, string | number>> {
  const units = Number(process.env.BENCH_PROVINCE_UNITS ?? 3000);
  const t0 = performance.now();
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['bench/province.ts', 'run', String(units)], {
    encoding: 'utf8', timeout: 3_600_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LOG_LEVEL: 'WARN' },
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  const log = join('node_modules', '.cache', 'bench-province.log');
  mkdirSync(dirname(log), { recursive: true });
  writeFileSync(log, r.stderr);
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`the province round failed (its log: ${log}): ${r.stderr.slice(-800)}`);
  const p = JSON.parse(last) as ProvinceResult;
  const out: Record<string, string | number> = {
    units: p.units,
    'nominations uploaded (10 rows a workbook)': p.nominations,
  };
  for (const [k, v] of Object.entries(p.statuses).sort()) out[`nominations ${k}`] = v;
  for (const [k, v] of Object.entries(p.phases)) out[k] = v;
  out['wall time s'] = Number(((performance.now() - t0) / 1000).toFixed(1));
  out['round state transitions'] = p.transitions;
  out['transitions per 1,000 nominations'] = Number(((p.transitions / p.nominations) * 1000).toFixed(1));
  out['history events (as AWS would record them; limit 25,000)'] = p.historyEvents;
  out['largest state payload bytes (limit 262,144)'] = `${p.largestPayloadBytes} (${p.largestPayloadState})`;
  for (const [k, v] of Object.entries(p.items)) out[`items in ${k}`] = v;
  return out;
}

if (process.argv[2] === 'run') {
  const result = await runProvince(Number(process.argv[3]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
