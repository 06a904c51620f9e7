import { ALL_TIERS } from '../types';
import { lazy, Suspense, useMemo } from 'react';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, RoundStatusTag, useLoad } from '../common';
import { useUnitNames } from '../units';
import { beijingTime, chineseDate, tierZh, timeLeft } from '../words';
import type { TierCounts } from './IntakeChart';
import { ExportButton, PublicityNoticeButton } from '../exports';
import { RoundSteps } from './RoundSteps';

const IntakeChart = lazy(() => import('./IntakeChart'));

interface UnitRow {
  unit: string;
  name: string;
  accepted: number;
  eligible: number;
  rejected: number;
  superseded: number;
  lastAt: string;
}

/** The bureau's view of one round: its settings and the intake by unit, refreshed live. */
export default function Intake() {
  const { roundId = '' } = useParams();
  const { api, config } = useApi();
  const names = useUnitNames();
  const round = useLoad(() => api.round(roundId), [api, roundId], config.refreshSeconds * 2);
  const noms = useLoad(() => api.nominations(roundId), [api, roundId], config.refreshSeconds);
  const r = round.data;
  const now = new Date();

  const byUnit = useMemo<UnitRow[]>(() => {
    const rows = new Map<string, UnitRow>();
    for (const n of noms.data ?? []) {
      const row = rows.get(n.unit) ?? { unit: n.unit, name: names.get(n.unit) ?? n.unit, accepted: 0, eligible: 0, rejected: 0, superseded: 0, lastAt: '' };
      if (n.status === 'accepted') row.accepted++;
      if (n.status === 'accepted' && n.verdict?.eligible) row.eligible++;
      if (n.status === 'rejected') row.rejected++;
      if (n.status === 'superseded') row.superseded++;
      if (n.receivedAt > row.lastAt) row.lastAt = n.receivedAt;
      rows.set(n.unit, row);
    }
    return [...rows.values()];
  }, [noms.data, names]);

  const tiers = useMemo<TierCounts[]>(() => (r?.tiers ?? []).map((t) => {
    const inTier = (noms.data ?? []).filter((n) => n.tier === t);
    return {
      tier: tierZh(t),
      accepted: inTier.filter((n) => n.status === 'accepted').length,
      eligible: inTier.filter((n) => n.status === 'accepted' && n.verdict?.eligible).length,
      rejected: inTier.filter((n) => n.status === 'rejected').length,
    };
  }), [r, noms.data]);

  const total = (k: keyof Pick<UnitRow, 'accepted' | 'eligible' | 'rejected'>) => byUnit.reduce((s, u) => s + u[k], 0);

  return (
    <>
      <PageTitle extra={<Space wrap>
        <ExportButton body={{ kind: 'intake', roundId }} label="导出收表情况（Excel）" fullIdsOption />
        {r && ['awaiting-decision', 'admitting', 'closed'].includes(r.status) ? <ExportButton body={{ kind: 'publicity', roundId }} label="导出公示名单（Excel）" /> : null}
        {r && ['admitting', 'closed'].includes(r.status) ? <PublicityNoticeButton roundId={roundId} /> : null}
        {r && ['publicising', 'admitting', 'completed'].includes(r.status) && r.publicity ? <Link to={`/bureau/rounds/${encodeURIComponent(roundId)}/publicity`}>公示与异议</Link> : null}
        <Link to={`/bureau/rounds/${encodeURIComponent(roundId)}/scores`}>成绩录入</Link>
        {r?.selection?.inspection ? <Link to={`/bureau/rounds/${encodeURIComponent(roundId)}/inspection`}>考察</Link> : null}
        {r?.selection?.recommendation ? <Link to={`/bureau/rounds/${encodeURIComponent(roundId)}/ballots`}>民主推荐</Link> : null}
        <Link to="/bureau">返回批次列表</Link>
      </Space>}>{r ? `${r.title} · 收表情况` : '收表情况'}</PageTitle>
      <ErrorAlert error={round.error} title="无法读取该批次" />
      {r ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16, background: '#fff' }}
          items={[
            { key: 'id', label: '编号', children: r.roundId },
            { key: 's', label: '状态', children: <RoundStatusTag status={r.status} /> },
            { key: 't', label: '梯队', children: (r.tiers ?? ALL_TIERS).map((t) => tierZh(t)).join('、') },
            { key: 'ref', label: '资格计算基准日', children: chineseDate(r.referenceDate) },
            // The countdown only while intake is open: once the round has moved on, it has closed.
            { key: 'in', label: '收表截止（北京时间）', children: `${beijingTime(r.intakeClosesAt)}（${r.status === 'open' ? timeLeft(r.intakeClosesAt, now) : '已截止'}）` },
            { key: 'sc', label: '评分截止（北京时间）', children: beijingTime(r.scoringClosesAt) },
            { key: 'od', label: '组织部批复', children: r.orgDeptApproval ? `${r.orgDeptApproval.ref}（${chineseDate(r.orgDeptApproval.date)}）` : '—' },
            { key: 'sm', label: '评分方案', children: (r.scoringModel?.components ?? []).map((c) => `${c.name.zh} ${Math.round(c.weight * 100)}%`).join('，') || '—' },
          ]}
        />
      ) : null}
      {r ? <RoundSteps round={r} /> : null}
      <ErrorAlert error={noms.error} title="无法读取推荐情况" />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Card><Statistic title="报送单位" value={byUnit.length} suffix="个" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title="已受理" value={total('accepted')} suffix="人" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title="其中符合资格条件" value={total('eligible')} suffix="人" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title="未受理（退回）" value={total('rejected')} suffix="份" /></Card></Col>
      </Row>
      {noms.data?.length ? (
        <Card title="各梯队收表" style={{ marginBottom: 16 }}>
          <Suspense fallback={<div style={{ height: 260 }} />}><IntakeChart data={tiers} /></Suspense>
        </Card>
      ) : null}
      <Typography.Title level={3} style={{ fontSize: 18 }}>按单位</Typography.Title>
      <Table<UnitRow>
        rowKey="unit"
        loading={noms.loading}
        dataSource={byUnit}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
        locale={{ emptyText: <Empty description="还没有单位报送推荐表。各单位登录后在“推荐报送”中上传；截止前这里每隔几秒自动更新。" /> }}
        columns={[
          { title: '单位', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'), render: (n: string, u) => <span>{n}{n !== u.unit ? <Typography.Text type="secondary">（{u.unit}）</Typography.Text> : null}</span> },
          { title: '已受理', dataIndex: 'accepted', sorter: (a, b) => a.accepted - b.accepted, defaultSortOrder: 'descend' },
          { title: '符合条件', dataIndex: 'eligible', sorter: (a, b) => a.eligible - b.eligible },
          { title: '未受理', dataIndex: 'rejected', sorter: (a, b) => a.rejected - b.rejected },
          { title: '已被替代', dataIndex: 'superseded', sorter: (a, b) => a.superseded - b.superseded },
          { title: '最近报送（北京时间）', dataIndex: 'lastAt', render: (t: string) => beijingTime(t), sorter: (a, b) => a.lastAt.localeCompare(b.lastAt) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        每 {config.refreshSeconds} 秒自动刷新{noms.updatedAt ? ` · 最近更新 ${beijingTime(noms.updatedAt.toISOString())}` : ''}
      </Typography.Paragraph>
      <Button onClick={() => { void noms.reload(); void round.reload(); }}>立即刷新</Button>
    </>
  );
}
