import type * as z from 'zod';
import type { DecisionBody, OpenRoundBody, UploadLinkBody } from '../../contracts/api';
import type { ApiErrorBody, Nomination, Round, Shortlist, UploadLink } from './types';

/** What a client sends: the contracts' input types (defaults optional), the schemas the API parses with. */
export type OpenRoundRequest = z.input<typeof OpenRoundBody>;
export type DecisionRequest = z.input<typeof DecisionBody>;
export type UploadLinkRequest = z.input<typeof UploadLinkBody>;

/**
 * The console's client for the HTTP API: fetch with `Authorization: Bearer`, JSON in and
 * out, and the API's error body `{ error: { code, zh, en, problems? } }` kept whole so a
 * page can show it in Chinese with each problem's field path or cell.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.error.zh ?? statusText(status));
    this.name = 'ApiError';
  }
  get code(): string | undefined {
    return this.body?.error.code;
  }
}

function statusText(status: number): string {
  if (status === 0) return '无法连接服务器，请检查网络后重试';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权进行此操作';
  if (status === 404) return '未找到所请求的内容';
  if (status === 413) return '文件太大';
  if (status >= 500) return `服务器出错（HTTP ${status}），请稍后重试`;
  return `请求未成功（HTTP ${status}）`;
}

function parseError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.zh === 'string') return new ApiError(status, body as ApiErrorBody);
  } catch {
    // not JSON: fall through to the status's words
  }
  return new ApiError(status, undefined);
}

export interface ApiClientOptions {
  baseUrl: string;
  token: string;
  /** Called on 401 (an expired or refused token): the console signs out. */
  onUnauthorized?: () => void;
}

const enc = encodeURIComponent;

export class ApiClient {
  constructor(private readonly opts: ApiClientOptions) {}

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.opts.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.opts.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, undefined);
    }
    if (!res.ok) {
      if (res.status === 401) this.opts.onUnauthorized?.();
      throw parseError(res.status, await res.text());
    }
    return res;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await (await this.send(method, path, body)).text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  async rounds(): Promise<Round[]> {
    const all: Round[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const r = await this.request<{ rounds: Round[]; cursor?: string }>('GET', `/rounds${cursor ? `?cursor=${enc(cursor)}` : ''}`);
      all.push(...r.rounds);
      cursor = r.cursor;
      if (!cursor) break;
    }
    return all;
  }

  async round(roundId: string): Promise<Round> {
    return (await this.request<{ round: Round }>('GET', `/rounds/${enc(roundId)}`)).round;
  }

  // The form builds tiers as number[]; the API parses the body (OpenRoundRequest is the shape it accepts).
  async openRound(body: unknown): Promise<Round> {
    return (await this.request<{ round: Round }>('POST', '/rounds', body)).round;
  }

  /** Every nomination the caller may see in a round (a school: its own unit), all pages. */
  async nominations(roundId: string): Promise<Nomination[]> {
    const all: Nomination[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 200; page++) {
      const q = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
      const r = await this.request<{ nominations: Nomination[]; cursor?: string }>('GET', `/rounds/${enc(roundId)}/nominations?${q}`);
      all.push(...r.nominations);
      cursor = r.cursor;
      if (!cursor) break;
    }
    return all;
  }

  uploadLink(roundId: string, fileName: string): Promise<UploadLink> {
    return this.request<UploadLink>('POST', `/rounds/${enc(roundId)}/uploads`, { fileName } satisfies UploadLinkRequest);
  }

  shortlist(roundId: string): Promise<Shortlist> {
    return this.request<Shortlist>('GET', `/rounds/${enc(roundId)}/shortlist`);
  }

  decide(roundId: string, body: DecisionRequest) {
    return this.request<Record<string, unknown>>('POST', `/rounds/${enc(roundId)}/decision`, body);
  }

  async template(): Promise<Blob> {
    return (await this.send('GET', '/template')).blob();
  }
}

/**
 * The presigned POST straight to the bucket, with upload progress (XMLHttpRequest: fetch
 * cannot report an upload's progress). S3 answers 204 (or 200/201) on success.
 */
export function postToBucket(link: UploadLink, file: File, onProgress: (percent: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(link.fields)) form.append(k, v);
    form.append('file', new Blob([file], { type: link.contentType }), file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', link.url);
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve();
      } else {
        reject(new ApiError(xhr.status, { error: { code: 'UPLOAD_FAILED', zh: `文件上传未成功（存储服务返回 HTTP ${xhr.status}）`, en: `upload failed (${xhr.status})` } }));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, { error: { code: 'UPLOAD_FAILED', zh: '文件上传未成功：无法连接存储服务', en: 'upload failed: network error' } }));
    xhr.ontimeout = () => reject(new ApiError(0, { error: { code: 'UPLOAD_TIMEOUT', zh: '文件上传超时，请重试', en: 'upload timed out' } }));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
