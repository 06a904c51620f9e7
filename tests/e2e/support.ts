/**
 * End-to-end support: the whole local system (what `npm start` runs) on a frozen simulated
 * clock, driven only through HTTP — PoolClient against the API, fetch against the control
 * endpoint for tokens, the clock and "settle". Nothing here reaches a table, a bucket or a
 * handler.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { ApiError, PoolClient, type Json } from '../../cli/api-client';
import { SimulatedClock } from '../../local/clock';
import { startLocalSystem, type LocalSystemOptions } from '../../local/system';

export { ApiError, PoolClient, type Json };

export interface E2eSystem {
  apiUrl: string;
  controlUrl: string;
  control: Control;
  /**
   * A correctly signed token that expired a minute ago. The control endpoint mints only
   * fresh tokens, so this one comes from the local user pool's issuer itself.
   */
  expiredToken(role: 'bureau' | 'approver' | 'school', unit?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * One system per test file: a frozen clock at `start`, retries without real delays;
 * `stackProps` as `npm start` would take them (e.g. the annual schedule off).
 */
export async function startE2eSystem(start: string, stackProps?: LocalSystemOptions['stackProps']): Promise<E2eSystem> {
  const sys = await startLocalSystem({
    port: 0, controlPort: 0, clock: new SimulatedClock({ start: new Date(start) }), retryIntervalMs: 0, ...(stackProps ? { stackProps } : {}),
  });
  return {
    apiUrl: sys.apiUrl,
    controlUrl: sys.controlUrl,
    control: new Control(sys.controlUrl, sys.apiUrl),
    expiredToken: (role, unit) => sys.issuer.mint({ sub: `local-expired-${role}`, username: `expired-${role}`, groups: [role], ...(unit ? { unit } : {}) }, -60),
    close: () => sys.close(),
  };
}

export interface Execution {
  executionArn: string;
  machine: string;
  status: string;
  startDate: string;
  stopDate?: string;
  error?: string;
}

export interface ScheduleInfo {
  schedules: Array<{ schedule: string; expression: string; timezone: string; next: string }>;
  firings: Array<{ schedule: string; scheduledTime: string; executionArn?: string; error?: string }>;
}

/** The local control endpoint (local/control.ts), over HTTP. */
export class Control {
  constructor(readonly url: string, readonly apiUrl: string) {}

  async call<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  async token(role: 'bureau' | 'approver' | 'school', unit?: string): Promise<string> {
    return (await this.call<{ token: string }>('POST', '/tokens', { role, ...(unit ? { unit } : {}) })).token;
  }

  async client(role: 'bureau' | 'approver' | 'school', unit?: string): Promise<PoolClient> {
    return new PoolClient(this.apiUrl, await this.token(role, unit));
  }

  async now(): Promise<string> {
    return (await this.call<{ now: string }>('GET', '/clock')).now;
  }

  advance(by: { days?: number; hours?: number } | { to: string }): Promise<{ now: string }> {
    return this.call('POST', '/clock/advance', by);
  }

  settle(): Promise<{ executions: Execution[]; deliveryFailures: number }> {
    return this.call('POST', '/settle');
  }

  async executions(): Promise<Execution[]> {
    return (await this.call<{ executions: Execution[] }>('GET', '/executions')).executions;
  }

  schedule(): Promise<ScheduleInfo> {
    return this.call('GET', '/schedule');
  }

  /** Fires a schedule now: the annual review by default, or `term-end`. */
  fire(schedule?: 'annual-review' | 'term-end'): Promise<{ schedule: string; scheduledTime: string; executionArn?: string }> {
    return this.call('POST', '/schedule/fire', schedule ? { schedule } : undefined);
  }
}

/** Calls `fn` and returns the ApiError it throws (fails the test if it does not throw). */
export async function refusal(fn: () => Promise<unknown>): Promise<ApiError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the API to refuse the call');
}

// ---- the unit registry ----

/**
 * Registers units (PUT /units/{code}) as the bureau: an upload link is issued only for a
 * registered unit. A code alone is registered as a primary school named after it.
 */
export async function registerUnits(bureau: PoolClient, units: ReadonlyArray<string | { code: string; name?: string; type?: string; orgDeptManaged?: boolean; group?: string }>): Promise<void> {
  for (const u of units) {
    const { code, ...rest } = typeof u === 'string' ? { code: u } : u;
    await bureau.putUnit(code, { name: rest.name ?? `单位 ${code}`, type: rest.type ?? 'primary', orgDeptManaged: rest.orgDeptManaged ?? false, ...(rest.group ? { group: rest.group } : {}) });
  }
}

// ---- forms ----

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'forms');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** A fixture form adjusted to a round (and, if given, a unit code and name). */
export function fixtureForm(name: string, over: { roundId: string; unitCode?: string; unitName?: string }): Record<string, unknown> {
  const form = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown> & { unit: Record<string, unknown> };
  form.roundId = over.roundId;
  if (over.unitCode !== undefined) form.unit.code = over.unitCode;
  if (over.unitName !== undefined) form.unit.name = over.unitName;
  return form;
}

export const jsonBytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 2));

// ---- the downloaded template ----

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/**
 * The header row of the 推荐表 sheet of a workbook as a school sees it (the template from
 * GET /template): sheet names from workbook.xml, the sheet's part from the relationships,
 * inline or shared strings.
 */
export function workbookHeaders(bytes: Uint8Array, sheetName = '推荐表'): { sheets: string[]; headers: string[] } {
  const files = unzipSync(bytes);
  const text = (p: string) => {
    const f = files[p];
    if (!f) throw new Error(`the workbook has no ${p}`);
    return strFromU8(f);
  };
  const workbook = text('xl/workbook.xml');
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]*)"/g)].map((m) => ({ name: decodeXml(m[1] as string), rid: m[2] as string }));
  const sheet = sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rels = text('xl/_rels/workbook.xml.rels');
  const target = new RegExp(`<Relationship\\b[^>]*Id="${sheet.rid}"[^>]*Target="([^"]*)"`).exec(rels)?.[1]
    ?? new RegExp(`<Relationship\\b[^>]*Target="([^"]*)"[^>]*Id="${sheet.rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for ${sheetName}`);
  const shared = files['xl/sharedStrings.xml']
    ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => decodeXml([...(m[1] as string).matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')))
    : [];
  const xml = text(`xl/${target.replace(/^\/?xl\//, '')}`);
  const row1 = /<row\b[^>]*\br="1"[^>]*>([\s\S]*?)<\/row>/.exec(xml)?.[1] ?? '';
  const headers = [...row1.matchAll(/<c\b([^>]*)>([\s\S]*?)<\/c>/g)].map((m) => {
    const attrs = m[1] as string;
    const inner = m[2] as string;
    if (/\bt="s"/.test(attrs)) return shared[Number(/<v>(\d+)<\/v>/.exec(inner)?.[1])] ?? '';
    return decodeXml([...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
  });
  return { sheets: sheets.map((s) => s.name), headers };
}

// ---- small polling helper (bounded) ----

/** Polls `probe` until it returns a value (not undefined), at most `tries` times. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, tries = 50, pauseMs = 20): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}
