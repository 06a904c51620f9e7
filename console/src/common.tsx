import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Tag, Typography } from 'antd';
import { ApiError } from './api';
import type { Problem, Reason } from './types';
import { ROUND_STATUS_COLOR, clauseZh, fieldZh, localizeText, roundStatusZh } from './words';

/** One problem in words: where (the cell of the sheet, the .lrmx element, or the field) and what, in Chinese. */
export function ProblemText({ p }: { p: Problem }) {
  const where = p.cell ? `单元格 ${p.cell}` : p.element ? `任免审批表 ${p.element}` : fieldZh(p.path);
  // Intake's message may already begin with the cell ("推荐表!K3：…"): said once.
  const text = p.cell && p.zh.startsWith(`${p.cell}：`) ? p.zh.slice(p.cell.length + 1) : p.zh;
  return (
    <span>
      {where ? <span className={p.cell || p.element ? 'tp-cell' : undefined}>{where}</span> : null}
      {where ? '：' : null}
      {localizeText(text)}
    </span>
  );
}

export function ProblemList({ problems }: { problems: Problem[] }) {
  return (
    <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
      {problems.map((p, i) => <li key={`${p.code}-${p.path}-${i}`}><ProblemText p={p} /></li>)}
    </ul>
  );
}

/** An API error as the API said it, in Chinese, with every problem's field or cell. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  const message = localizeText(api ? api.message : error instanceof Error ? error.message : String(error));
  const problems = api?.body?.error.problems ?? [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={title ? `${title}：${message}` : message}
      description={problems.length ? <ProblemList problems={problems} /> : undefined}
    />
  );
}

/**
 * A tag with text dark enough for WCAG AA on its tint (antd's preset colours give about
 * 3.5:1, below the 4.5:1 small text needs).
 */
const TONES = {
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  default: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
} as const;
export type Tone = keyof typeof TONES;

export function ToneTag({ tone = 'default', children }: { tone?: Tone; children: React.ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}

export function RoundStatusTag({ status }: { status: string }) {
  const color = (ROUND_STATUS_COLOR as Record<string, string | undefined>)[status] ?? 'default';
  const tone: Tone = color === 'processing' || color === 'blue' ? 'blue' : color === 'success' || color === 'green' ? 'green' : color === 'error' || color === 'red' ? 'red' : color === 'orange' ? 'orange' : 'default';
  return <ToneTag tone={tone}>{roundStatusZh(status)}</ToneTag>;
}

export function PageTitle({ children, extra }: { children: string; extra?: React.ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>{children}</Typography.Title>
      <div style={{ marginLeft: 'auto' }}>{extra}</div>
    </div>
  );
}

/**
 * Loads with `load`, and again every `everySeconds` while the tab is visible (live
 * refresh); `reload` loads now. Keeps the last good data on a failed refresh.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], everySeconds?: number) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<Date | undefined>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const d = await loadRef.current();
      if (mine !== seq.current) return;
      setData(d);
      setError(undefined);
      setUpdatedAt(new Date());
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setLoading(true);
    setData(undefined);
    void reload();
    if (!everySeconds) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, everySeconds * 1000);
    return () => window.clearInterval(timer);
  }, [...deps, everySeconds, reload]);

  return { data, error, loading, reload, updatedAt };
}

/** A verdict's reasons, each pass or fail with its clause in Chinese. */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {reasons.map((r, i) => (
        <li key={`${r.clause}-${r.rule}-${i}`}>
          <ToneTag tone={(r.ok ? 'green' : 'red') as Tone}>{r.ok ? '符合' : '不符合'}</ToneTag>
          {r.message} <Typography.Text type="secondary">依据 {clauseZh(r.clause)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
