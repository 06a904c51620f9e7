import { shanghaiDate, type Demo } from '../context';
import { DemoError, arr, isObj, obj, optStr, type Obj } from '../json';

const MAX_PAGES = 100;
/** What units must have heard by now in a round with 民主推荐 (DESIGN §7, last bullet). */
const EXPECTED = ['round-opened', 'form-rejected', 'ballot-opened'] as const;

async function allNotices(demo: Demo, unit?: string): Promise<Obj[]> {
  const out: Obj[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const q = new URLSearchParams({ ...(unit ? { unit } : {}), ...(cursor ? { cursor } : {}) }).toString();
    const body = obj(await demo.bureau.request('GET', `/notices${q ? `?${q}` : ''}`), 'notices');
    out.push(...arr(body.notices, 'notices').filter(isObj));
    cursor = optStr(body.cursor);
    if (!cursor) return out;
  }
  throw new DemoError(`通知列表超过 ${MAX_PAGES} 页`, `the notices run past ${MAX_PAGES} pages`);
}

/**
 * Step d3: the outbox (GET /notices, the console's 通知 page) — what the units heard so far:
 * the round opening with their upload page, their rejected forms, their ballot opening; each
 * by e-mail to the unit's contact (locally recorded, not sent).
 */
export async function notices(demo: Demo): Promise<void> {
  const { out } = demo;
  const all = await allNotices(demo);
  const byKind = new Map<string, { name: string; n: number; units: Set<string> }>();
  for (const n of all) {
    const kind = String(n.kind);
    const k = byKind.get(kind) ?? { name: optStr(obj(n.kindName, 'kindName').zh) ?? kind, n: 0, units: new Set<string>() };
    k.n += 1;
    k.units.add(String(n.unit));
    byKind.set(kind, k);
  }
  const statuses = new Map<string, number>();
  for (const n of all) {
    const s = optStr(n.statusName) ?? String(n.status);
    statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }
  out.line(`通知发件箱：${all.length} 条（${[...byKind.values()].map((k) => `${k.name} ${k.n}，${k.units.size} 个单位`).join('；')}）；${[...statuses].map(([s, n]) => `${s} ${n}`).join('，')}`,
    `the outbox: ${all.length} notices (${[...byKind.entries()].map(([kind, k]) => `${kind} ${k.n}`).join(', ')})`);
  const missing = EXPECTED.filter((k) => !byKind.has(k));
  if (missing.length > 0) throw new DemoError(`发件箱中缺少通知：${missing.join('、')}`, `the outbox lacks ${missing.join(', ')}`);

  // One unit's own page: what its office read, in order.
  const rejected = all.find((n) => n.kind === 'form-rejected');
  const unit = rejected ? String(rejected.unit) : undefined;
  if (unit) {
    const school = await demo.school(unit);
    const own = arr(obj(await school.request('GET', '/notices'), 'notices').notices, 'notices').filter(isObj)
      .sort((a, b) => String(a.at).localeCompare(String(b.at)));
    const name = demo.data?.units.find((u) => u.code === unit)?.name ?? unit;
    out.line(`${name} 在“通知”页看到 ${own.length} 条：`, `what ${unit} reads on its notices page:`);
    for (const n of own.slice(0, 5)) {
      const d = arr(n.deliveries, 'deliveries').filter(isObj)[0];
      out.line(`  ${shanghaiDate(String(n.at))} ${optStr(obj(n.subject, 'subject').zh) ?? ''}${d ? `（${optStr(obj(d.channelName, 'channelName').zh) ?? ''} ${optStr(d.to) ?? ''}，${optStr(d.statusName) ?? ''}）` : ''}`,
        optStr(obj(n.subject, 'subject').en));
    }
  }
}
