/**
 * A small client for the talent-pool HTTP API, used by the bureau CLI, the demo and the
 * end-to-end tests — the same calls a person makes, against the local stack or a deployed
 * one. It speaks only HTTP: no knowledge of tables, buckets or state machines.
 */
export interface ApiErrorBody {
  error: { code: string; zh: string; en: string; problems?: Array<{ code: string; path: string; zh: string; en: string }> };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
    readonly raw: string,
  ) {
    super(body?.error ? `${status} ${body.error.code}: ${body.error.zh} / ${body.error.en}` : `HTTP ${status}: ${raw.slice(0, 200)}`);
    this.name = 'ApiError';
  }
}

export interface UploadLink {
  url: string;
  fields: Record<string, string>;
  key: string;
  expiresAt: string;
  maxBytes: number;
  contentType: string;
}

export type Json = Record<string, unknown>;

/** POST /exports' answer (contracts/exports.ts ExportLink). */
export interface ExportLinkView {
  url: string;
  expiresAt: string;
  fileName: string;
  kind: string;
  contentType: string;
  /** A workbook's rows (a document has none). */
  rows?: number;
  fullIds: boolean;
}

export class PoolClient {
  constructor(
    readonly endpoint: string,
    readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async request<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetchImpl(`${this.endpoint.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) {
      let parsed: ApiErrorBody | undefined;
      try {
        parsed = JSON.parse(text) as ApiErrorBody;
      } catch {
        parsed = undefined;
      }
      throw new ApiError(res.status, parsed, text);
    }
    return (text ? JSON.parse(text) : {}) as T;
  }

  openRound(body: Json) {
    return this.request('POST', '/rounds', body);
  }
  listRounds() {
    return this.request('GET', '/rounds');
  }
  getRound(roundId: string) {
    return this.request('GET', `/rounds/${encodeURIComponent(roundId)}`);
  }
  uploadLink(roundId: string, fileName: string, unit?: string) {
    return this.request<UploadLink>('POST', `/rounds/${encodeURIComponent(roundId)}/uploads`, { fileName, ...(unit ? { unit } : {}) });
  }
  nominations(roundId: string, opts: { unit?: string; cursor?: string } = {}) {
    const q = new URLSearchParams();
    if (opts.unit) q.set('unit', opts.unit);
    if (opts.cursor) q.set('cursor', opts.cursor);
    const qs = q.toString();
    return this.request('GET', `/rounds/${encodeURIComponent(roundId)}/nominations${qs ? `?${qs}` : ''}`);
  }
  /**
   * Every nomination of a round (or of one unit in it), walking the pages the API hands out
   * (100 a page by default): a unit's upload may sit on any page.
   */
  async allNominations(roundId: string, opts: { unit?: string } = {}): Promise<Json[]> {
    const all: Json[] = [];
    let cursor: string | undefined;
    // Bounded: 1,000 pages of 100 is far beyond a province's round.
    for (let pages = 0; pages < 1000; pages++) {
      const page = await this.nominations(roundId, { ...opts, ...(cursor ? { cursor } : {}) });
      if (Array.isArray(page.nominations)) all.push(...(page.nominations as Json[]));
      cursor = typeof page.cursor === 'string' && page.cursor ? page.cursor : undefined;
      if (!cursor) return all;
    }
    throw new Error('more than 1,000 pages of nominations');
  }
  setScores(roundId: string, nominationId: string, components: Record<string, number>) {
    return this.request('PUT', `/rounds/${encodeURIComponent(roundId)}/nominations/${encodeURIComponent(nominationId)}/scores`, { components });
  }
  shortlist(roundId: string) {
    return this.request('GET', `/rounds/${encodeURIComponent(roundId)}/shortlist`);
  }
  /** 考察 (S-INSPECT): the 考察对象 and their records; record one; close the inspection. */
  inspections(roundId: string) {
    return this.request('GET', `/rounds/${encodeURIComponent(roundId)}/inspections`);
  }
  recordInspection(roundId: string, nominationId: string, body: Json) {
    return this.request('PUT', `/rounds/${encodeURIComponent(roundId)}/inspections/${encodeURIComponent(nominationId)}`, body);
  }
  closeInspection(roundId: string, body: Json = {}) {
    return this.request('POST', `/rounds/${encodeURIComponent(roundId)}/inspections/close`, body);
  }
  decide(roundId: string, body: Json) {
    return this.request('POST', `/rounds/${encodeURIComponent(roundId)}/decision`, body);
  }
  /** The pool; C-PRIORITY filters: tier, unit, unitType, maxAge, honourAtLeast, termYear, flag, asOf. */
  pool(opts: { tier?: number; unit?: string } & Record<string, string | number | undefined> = {}) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts)) if (v !== undefined && v !== '') q.set(k, String(v));
    const qs = q.toString();
    return this.request('GET', `/pool${qs ? `?${qs}` : ''}`);
  }
  /** Seats held against active members, per tier (T-CAP). */
  consistency() {
    return this.request('GET', '/pool/consistency');
  }
  member(personId: string) {
    return this.request('GET', `/pool/members/${encodeURIComponent(personId)}`);
  }
  record(personId: string, kind: 'talks' | 'training' | 'rotations', body: Json) {
    return this.request('POST', `/pool/members/${encodeURIComponent(personId)}/${kind}`, body);
  }
  /** M-VETO now: removed that day, seat freed, the organisational talk due. */
  /** POST /pool/imports: a filed list (S-ORGLIST) or former young cadres (X-LEGACY), entered as filed. */
  importFiled(body: Json) {
    return this.request('POST', '/pool/imports', body);
  }

  veto(personId: string, body: Json) {
    return this.request('POST', `/pool/members/${encodeURIComponent(personId)}/vetoes`, body);
  }
  /** M-TERM: a new three-year term from `on` for a member who passed the summative review. */
  renew(personId: string, body: Json) {
    return this.request('POST', `/pool/members/${encodeURIComponent(personId)}/renewals`, body);
  }
  /** X-USE: a leader appointment (a member: used or a post change; anyone else: for the report). */
  appoint(body: Json) {
    return this.request('POST', '/appointments', body);
  }
  /** X-USE report: appointments in a period by post kind, how many from the pool, the share. */
  xUse(from: string, to: string) {
    return this.request('GET', `/reports/x-use?${new URLSearchParams({ from, to }).toString()}`);
  }
  /** C-TALK pool-wide: every talk due or overdue as of a date (today in Beijing by default). */
  talksDue(asOf?: string) {
    return this.request('GET', `/talks/due${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`);
  }
  /** The audit trail of one entity (member/P…, round/…, review/…), a page at a time. */
  audit(entity: string, opts: { limit?: number; cursor?: string } = {}) {
    const q = new URLSearchParams({ entity });
    if (opts.limit !== undefined) q.set('limit', String(opts.limit));
    if (opts.cursor) q.set('cursor', opts.cursor);
    return this.request('GET', `/audit?${q.toString()}`);
  }
  /** A member's audit trail, a page at a time. */
  memberAudit(personId: string, opts: { limit?: number; cursor?: string } = {}) {
    const q = new URLSearchParams();
    if (opts.limit !== undefined) q.set('limit', String(opts.limit));
    if (opts.cursor) q.set('cursor', opts.cursor);
    const qs = q.toString();
    return this.request('GET', `/pool/members/${encodeURIComponent(personId)}/audit${qs ? `?${qs}` : ''}`);
  }
  startReview(asOf?: string) {
    return this.request('POST', '/reviews', asOf ? { asOf } : {});
  }
  reviews() {
    return this.request('GET', '/reviews');
  }
  /** The members a unit must assess in a review (a school: its own). */
  reviewAssessments(reviewId: string, unit?: string) {
    return this.request('GET', `/reviews/${encodeURIComponent(reviewId)}/assessments${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`);
  }
  review(reviewId: string) {
    return this.request('GET', `/reviews/${encodeURIComponent(reviewId)}`);
  }
  /** Calibration: the review's proposed outcomes, per cohort and member. */
  proposals(reviewId: string) {
    return this.request('GET', `/reviews/${encodeURIComponent(reviewId)}/proposals`);
  }
  /** Calibration: confirm the proposals, with changes ({ personId, outcome, reason }); an empty list confirms as computed. */
  confirmReview(reviewId: string, changes: Array<{ personId: string; outcome: string; reason: string }>, note?: string) {
    return this.request('POST', `/reviews/${encodeURIComponent(reviewId)}/confirmation`, { changes, ...(note !== undefined ? { note } : {}) });
  }
  assess(reviewId: string, personId: string, body: Json) {
    return this.request('PUT', `/reviews/${encodeURIComponent(reviewId)}/assessments/${encodeURIComponent(personId)}`, body);
  }

  /** The unit registry (bureau: every unit; a school: its own). */
  units() {
    return this.request('GET', '/units');
  }
  /** Registers or changes a unit (bureau). */
  putUnit(unitCode: string, body: Json) {
    return this.request('PUT', `/units/${encodeURIComponent(unitCode)}`, body);
  }

  async template(): Promise<Uint8Array> {
    const res = await this.fetchImpl(`${this.endpoint.replace(/\/$/, '')}/template`, { headers: { authorization: `Bearer ${this.token}` } });
    if (!res.ok) throw new ApiError(res.status, undefined, await res.text());
    return new Uint8Array(await res.arrayBuffer());
  }

  /** POST /exports (DESIGN.md §8): an Excel list or a document, answered with a short-lived download link. */
  exportLink(body: Json) {
    return this.request<ExportLinkView>('POST', '/exports', body);
  }

  /**
   * Fetches an export from its presigned link (no token: the link is the permission): the
   * bytes, and the file name its Content-Disposition carries (RFC 5987 `filename*`, Chinese).
   */
  async download(url: string): Promise<{ bytes: Uint8Array; fileName?: string; contentType?: string }> {
    const res = await this.fetchImpl(url);
    if (!res.ok) throw new ApiError(res.status, undefined, await res.text());
    const disposition = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const plain = /filename="([^"]*)"/i.exec(disposition)?.[1];
    const fileName = star !== undefined ? decodeURIComponent(star) : plain;
    const contentType = res.headers.get('content-type') ?? undefined;
    return { bytes: new Uint8Array(await res.arrayBuffer()), ...(fileName !== undefined ? { fileName } : {}), ...(contentType !== undefined ? { contentType } : {}) };
  }

  /**
   * Uploads one file the way a school's browser does: ask for a presigned POST for the
   * caller's own unit, then POST the file straight to the bucket.
   */
  async upload(roundId: string, fileName: string, bytes: Uint8Array, unit?: string): Promise<UploadLink> {
    const link = await this.uploadLink(roundId, fileName, unit);
    const form = new FormData();
    for (const [k, v] of Object.entries(link.fields)) form.append(k, v);
    form.append('file', new Blob([Buffer.from(bytes)], { type: link.contentType }), fileName);
    const res = await this.fetchImpl(link.url, { method: 'POST', body: form });
    if (!res.ok && res.status !== 204) throw new ApiError(res.status, undefined, await res.text());
    return link;
  }
}
