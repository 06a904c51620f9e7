import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Divider, Select, Space, Spin, Typography } from 'antd';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useSession } from '../session';
import { HOME } from '../router';
import type { Identity } from '../types';
import { ErrorAlert } from '../common';

/**
 * The sign-in page. Locally a picker of the demo identities — 区教育局, 区委组织部 and every
 * unit of the demo district by its Chinese name. On AWS (/config.json says `oidc`) one button
 * that leaves for the Cognito hosted UI or the bureau's OIDC provider (authorization code
 * with PKCE, console/src/oidc.ts); the provider sends the browser back to /auth/callback.
 */
export default function SignIn() {
  const { config } = useSession();
  return config.signIn.mode === 'oidc' ? <ProviderSignIn /> : <LocalSignIn identitiesUrl={config.signIn.identitiesUrl} />;
}

function ProviderSignIn() {
  const { session, beginSignIn, takeSignOutReason } = useSession();
  const location = useLocation();
  const [reason] = useState(() => takeSignOutReason());
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (session) return <Navigate to={HOME[session.role]} replace />;
  const from = (location.state as { from?: string } | null)?.from;
  const go = () => {
    setBusy(true);
    setError(undefined);
    beginSignIn(from).catch((e: unknown) => {
      setError(e);
      setBusy(false);
    });
  };
  return (
    <main className="tp-signin">
      <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>金坛区教育系统后备人才梯队</Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>请使用本单位分配的账号登录</Typography.Paragraph>
      {reason ? <Alert type="warning" showIcon title={reason} style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={error} />
      <Card>
        <Button type="primary" block size="large" loading={busy} onClick={go}>统一身份认证登录</Button>
      </Card>
    </main>
  );
}

/** One exchange per code, even if React runs the effect twice. */
let exchanging: { href: string; done: ReturnType<ReturnType<typeof useSession>['completeSignIn']> } | undefined;

/**
 * /auth/callback: the code and state are read once, the URL is replaced at once (nothing of
 * them stays in the address bar or the history), then the code is exchanged.
 */
export function AuthCallback() {
  const { completeSignIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const href = window.location.href;
    window.history.replaceState(null, '', '/auth/callback');
    if (exchanging?.href !== href) exchanging = { href, done: completeSignIn(new URL(href)) };
    exchanging.done.then(
      ({ session, returnTo }) => navigate(returnTo && returnTo.startsWith(`/${session.role}`) ? returnTo : HOME[session.role], { replace: true }),
      (e: unknown) => setError(e),
    );
  }, [completeSignIn, navigate]);
  return (
    <main className="tp-signin">
      <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>金坛区教育系统后备人才梯队</Typography.Title>
      {error ? (
        <>
          <ErrorAlert error={error} title="登录未成功" />
          <Link to="/signin" replace>返回登录页</Link>
        </>
      ) : (
        <div style={{ textAlign: 'center', padding: 24 }}><Spin description="正在登录…" /></div>
      )}
    </main>
  );
}

function LocalSignIn({ identitiesUrl }: { identitiesUrl: string }) {
  const { session, signIn, takeSignOutReason } = useSession();
  const navigate = useNavigate();
  const [identities, setIdentities] = useState<Identity[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [unit, setUnit] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [reason] = useState(() => takeSignOutReason());

  useEffect(() => {
    let live = true;
    fetch(identitiesUrl, { cache: 'no-store' })
      .then(async (r) => {
        if (!r.ok) throw new Error(`无法读取演示身份列表（HTTP ${r.status}）`);
        return ((await r.json()) as { identities: Identity[] }).identities;
      })
      .then((ids) => live && setIdentities(ids), (e: unknown) => live && setError(e));
    return () => { live = false; };
  }, [identitiesUrl]);

  const schools = useMemo(() => (identities ?? []).filter((i) => i.role === 'school'), [identities]);
  const groups = useMemo(() => {
    const by = new Map<string, Identity[]>();
    for (const s of schools) by.set(s.group, [...(by.get(s.group) ?? []), s]);
    return [...by.entries()].map(([group, list]) => ({ label: group, title: group, options: list.map((s) => ({ value: s.id, label: s.name })) }));
  }, [schools]);

  if (session) return <Navigate to={HOME[session.role]} replace />;

  const go = async (identity: Identity | undefined) => {
    if (!identity) return;
    setBusy(identity.id);
    setError(undefined);
    try {
      await signIn(identity);
      navigate(HOME[identity.role], { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const byRole = (role: Identity['role']) => identities?.find((i) => i.role === role);

  return (
    <main className="tp-signin">
      <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>金坛区教育系统后备人才梯队</Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }}>请选择身份登录（本地演示环境）</Typography.Paragraph>
      {reason ? <Alert type="warning" showIcon title={reason} style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={error} />
      <Card loading={!identities && !error}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Button type="primary" block size="large" loading={busy === byRole('bureau')?.id} onClick={() => void go(byRole('bureau'))}>
            区教育局（组织人事科）登录
          </Button>
          <Button block size="large" loading={busy === byRole('approver')?.id} onClick={() => void go(byRole('approver'))}>
            区委组织部（审批）登录
          </Button>
          <Divider plain>学校及局属单位</Divider>
          <label htmlFor="unit-picker" style={{ display: 'block' }}>选择本单位（共 {schools.length} 个单位，可输入名称搜索）</label>
          <Select
            id="unit-picker"
            aria-label="选择单位"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="输入或选择单位名称"
            style={{ width: '100%' }}
            size="large"
            options={groups}
            value={unit}
            onChange={setUnit}
          />
          <Button block size="large" disabled={!unit} loading={busy !== undefined && busy === unit} onClick={() => void go(schools.find((s) => s.id === unit))}>
            以所选单位登录
          </Button>
        </Space>
      </Card>
    </main>
  );
}
