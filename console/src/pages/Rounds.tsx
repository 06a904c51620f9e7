import { Button, Empty, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, RoundStatusTag, useLoad } from '../common';
import { beijingTime, roundStatusZh, tierZh } from '../words';
import type { Round } from '../types';

/** The rounds, newest first: the bureau's list (with "open a round") and the approver's. */
export default function Rounds({ role }: { role: 'bureau' | 'approver' }) {
  const { api, config } = useApi();
  const navigate = useNavigate();
  const { data, error, loading } = useLoad(() => api.rounds(), [api], config.refreshSeconds * 2);
  const rounds = [...(data ?? [])].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  const bureau = role === 'bureau';
  const waiting = rounds.filter((r) => r.status === 'awaiting-decision').length;
  return (
    <>
      <PageTitle extra={bureau ? <Button type="primary" onClick={() => navigate('/bureau/rounds/new')}>发起遴选批次</Button> : null}>
        {bureau ? '遴选批次' : `遴选批次审批${waiting ? `（${waiting} 个待审批）` : ''}`}
      </PageTitle>
      <ErrorAlert error={error} title="无法读取遴选批次" />
      <Table<Round>
        rowKey="roundId"
        loading={loading}
        dataSource={rounds}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个批次` }}
        locale={{
          emptyText: <Empty description={bureau ? '还没有遴选批次。点击右上角“发起遴选批次”，填写梯队、截止时间和评分方案。' : '还没有遴选批次。区教育局发起遴选、评分排名后，待审批的名单会出现在这里。'} />,
        }}
        columns={[
          {
            title: '批次', dataIndex: 'title',
            render: (t: string, r) => <Link to={`/${role}/rounds/${encodeURIComponent(r.roundId)}`}>{t}</Link>,
            sorter: (a, b) => (a.title ?? '').localeCompare(b.title ?? '', 'zh-CN'),
          },
          { title: '编号', dataIndex: 'roundId', sorter: (a, b) => a.roundId.localeCompare(b.roundId) },
          {
            title: '状态', dataIndex: 'status', render: (s: string) => <RoundStatusTag status={s} />,
            filters: [...new Set(rounds.map((r) => r.status))].map((s) => ({ value: s, text: roundStatusZh(s) })),
            onFilter: (v, r) => r.status === v,
          },
          { title: '梯队', dataIndex: 'tiers', render: (ts: number[]) => ts.map((t) => <Tag key={t}>{tierZh(t)}</Tag>) },
          { title: '收表截止（北京时间）', dataIndex: 'intakeClosesAt', render: (t: string) => beijingTime(t), sorter: (a, b) => a.intakeClosesAt.localeCompare(b.intakeClosesAt) },
          { title: '评分截止（北京时间）', dataIndex: 'scoringClosesAt', render: (t: string | undefined) => (t ? beijingTime(t) : '—'), sorter: (a, b) => (a.scoringClosesAt ?? '').localeCompare(b.scoringClosesAt ?? '') },
          { title: '发起时间', dataIndex: 'openedAt', render: (t: string) => beijingTime(t), sorter: (a, b) => a.openedAt.localeCompare(b.openedAt), defaultSortOrder: 'descend' },
        ]}
      />
    </>
  );
}
