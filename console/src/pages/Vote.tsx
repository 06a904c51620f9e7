import { useRef, useState } from 'react';
import { Alert, Button, Card, Input, Radio, Result, Space, Typography } from 'antd';
import { useSession } from '../session';
import { beijingTime, tierZh } from '../words';

/**
 * 民主推荐's public ballot (S-RECOMMEND): opened on a phone with the code from a printed slip,
 * no account. Mobile first: one column, 48 px touch targets, nothing wider than a 375 px
 * screen. The code opens the unit's ballot (POST /ballot/session); each candidate is marked
 * 推荐 / 不推荐 / 弃权; the ballot is cast once (POST /ballot/votes) with this page's random
 * submission id, so pressing 提交 again after a lost answer finishes the same vote rather
 * than being refused — the API decides one vote per code.
 */
type Mark = 'for' | 'against' | 'abstain';
interface Candidate { nominationId: string; name: string; tier: number; post?: string }
interface BallotView { roundTitle: string; unitCode: string; unitName?: string; closesAt: string; candidates: Candidate[] }
interface ApiErr { status: number; code?: string; zh: string; problems?: Array<{ path: string; zh: string }> }

const MARK_ZH: Record<Mark, string> = { for: '推荐', against: '不推荐', abstain: '弃权' };
const BIG = { height: 48, fontSize: 17 } as const;

async function post<T>(base: string, path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw { status: 0, zh: '无法连接服务器，请检查网络后重试' } satisfies ApiErr;
  }
  const text = await res.text();
  if (res.ok) return JSON.parse(text) as T;
  if (res.status === 429) throw { status: 429, zh: '同时投票的人较多，请稍等几秒后再试' } satisfies ApiErr;
  try {
    const e = (JSON.parse(text) as { error: { code: string; zh: string; problems?: ApiErr['problems'] } }).error;
    throw { status: res.status, code: e.code, zh: e.zh, ...(e.problems ? { problems: e.problems } : {}) } satisfies ApiErr;
  } catch (e) {
    if ((e as ApiErr).zh) throw e;
    throw { status: res.status, zh: `请求未成功（HTTP ${res.status}），请稍后重试` } satisfies ApiErr;
  }
}

export default function Vote() {
  const { config } = useSession();
  const [code, setCode] = useState('');
  const [ballot, setBallot] = useState<BallotView | undefined>(undefined);
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [error, setError] = useState<ApiErr | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  // One submission id per opened ballot: a resubmission after a lost answer is the same vote.
  const submissionId = useRef<string>('');

  async function open() {
    setBusy(true);
    setError(undefined);
    try {
      const b = await post<BallotView>(config.apiBaseUrl, '/ballot/session', { code });
      submissionId.current = crypto.randomUUID();
      setMarks({});
      setBallot(b);
    } catch (e) {
      setError(e as ApiErr);
    } finally {
      setBusy(false);
    }
  }

  async function cast() {
    setBusy(true);
    setError(undefined);
    try {
      await post(config.apiBaseUrl, '/ballot/votes', { code, submissionId: submissionId.current, marks });
      setDone(true);
    } catch (e) {
      setError(e as ApiErr);
    } finally {
      setBusy(false);
    }
  }

  const page = (children: React.ReactNode) => (
    <main style={{ maxWidth: 560, margin: '0 auto', padding: '16px 12px 40px' }}>
      <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', margin: '8px 0 16px' }}>民主推荐投票</Typography.Title>
      {children}
    </main>
  );
  const errorBox = error ? (
    <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={error.zh}
      description={error.problems?.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{error.problems.map((p) => <li key={p.path}>{p.zh}</li>)}</ul> : undefined} />
  ) : null;

  if (done) {
    return page(<Result status="success" title="投票成功" subTitle="感谢您参加民主推荐。本投票码已使用，不能再次投票；投票不记名。" />);
  }

  if (!ballot) {
    return page(
      <Card>
        {errorBox}
        <form onSubmit={(e) => { e.preventDefault(); void open(); }}>
          <label htmlFor="ballot-code" style={{ display: 'block', fontSize: 16, marginBottom: 8 }}>请输入投票码条上的投票码</label>
          <Input
            id="ballot-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="如 ABCD-EFGH-JKMN"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            style={{ ...BIG, letterSpacing: 2, fontFamily: 'monospace' }}
          />
          <Button type="primary" htmlType="submit" block loading={busy} disabled={code.trim().length < 12} style={{ ...BIG, marginTop: 16 }}>打开选票</Button>
        </form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          无需登录。每个投票码只能投票一次，投票不记名：系统不保存投票码与选票之间的任何对应。
        </Typography.Paragraph>
      </Card>,
    );
  }

  const unmarked = ballot.candidates.filter((c) => !marks[c.nominationId]).length;
  return page(
    <>
      <Card style={{ marginBottom: 12 }}>
        <Typography.Paragraph style={{ margin: 0, fontSize: 16 }}><strong>{ballot.roundTitle}</strong></Typography.Paragraph>
        <Typography.Paragraph style={{ margin: 0 }}>单位：{ballot.unitName ?? ballot.unitCode}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>投票截止：{beijingTime(ballot.closesAt)}。请对每位候选人选择“推荐”“不推荐”或“弃权”。</Typography.Paragraph>
      </Card>
      {errorBox}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {ballot.candidates.map((c) => (
          <Card key={c.nominationId} size="small">
            <div id={`cand-${c.nominationId}`} style={{ fontSize: 18, fontWeight: 600 }}>{c.name}</div>
            <div style={{ color: 'rgba(0,0,0,0.68)', marginBottom: 10 }}>{tierZh(c.tier, true)}{c.post ? ` · ${c.post}` : ''}</div>
            <Radio.Group
              aria-labelledby={`cand-${c.nominationId}`}
              optionType="button"
              buttonStyle="solid"
              value={marks[c.nominationId]}
              onChange={(e) => setMarks((m) => ({ ...m, [c.nominationId]: e.target.value as Mark }))}
              style={{ display: 'flex', width: '100%' }}
            >
              {(['for', 'against', 'abstain'] as const).map((m) => (
                <Radio.Button key={m} value={m} style={{ flex: 1, textAlign: 'center', ...BIG, lineHeight: '46px' }}>{MARK_ZH[m]}</Radio.Button>
              ))}
            </Radio.Group>
          </Card>
        ))}
      </Space>
      <Button type="primary" block loading={busy} disabled={unmarked > 0} onClick={() => void cast()} style={{ ...BIG, marginTop: 16 }}>
        {unmarked > 0 ? `还有 ${unmarked} 位候选人未选择` : '提交选票'}
      </Button>
    </>,
  );
}
