import { Empty, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { talksDue, type TalkDue } from '../pool';
import { useRegistry } from '../unit-registry';
import { MEMBER_STATUS_ZH, TALK_TRIGGER_ZH, chineseDate, clauseLabel, tierZh } from '../words';
import { ExportButton } from '../exports';

/** Every talk due or overdue pool-wide (C-TALK; the organisational talk of a removal too). */
export default function TalksDuePage() {
  const { api } = useApi();
  const registry = useRegistry(api);
  const { data, error, loading } = useLoad(() => talksDue(api), [api]);
  return (
    <>
      <PageTitle extra={<Space wrap><ExportButton body={{ kind: 'talks' }} label="导出谈话记录及提醒（Excel）" /><Link to="/bureau">返回工作台</Link></Space>}>{`谈话提醒${data ? `（应谈 ${data.counts.total} 项，逾期 ${data.counts.overdue} 项）` : ''}`}</PageTitle>
      <Typography.Paragraph type="secondary">依据{clauseLabel('C-TALK')}：四必谈、每人每年至少谈话一次，以及不再列入时的组织谈话。点击姓名进入档案记录谈话。{data ? ` 统计日期 ${chineseDate(data.asOf)}。` : ''}</Typography.Paragraph>
      <ErrorAlert error={error} title="无法读取谈话提醒" />
      <Table<TalkDue>
        rowKey={(t) => `${t.member.personId}-${t.trigger}-${t.triggeredOn}`}
        loading={loading}
        dataSource={data?.talks ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 项` }}
        locale={{ emptyText: <Empty description="目前没有应谈或逾期的谈话。考核结论确认、任用或出库后，应谈的谈话会列在这里。" /> }}
        columns={[
          { title: '姓名', className: 'tp-nowrap', key: 'name', render: (_: unknown, t) => <Link to={`/bureau/pool/members/${encodeURIComponent(t.member.personId)}`}>{t.member.name ?? '（未具名）'}</Link>, sorter: (a, b) => (a.member.name ?? '').localeCompare(b.member.name ?? '', 'zh-CN') },
          { title: '单位', key: 'unit', render: (_: unknown, t) => registry.name(t.member.unit) },
          { title: '梯队', className: 'tp-nowrap', key: 'tier', render: (_: unknown, t) => tierZh(t.member.tier), sorter: (a, b) => a.member.tier - b.member.tier },
          { title: '状态', className: 'tp-nowrap', key: 'status', render: (_: unknown, t) => MEMBER_STATUS_ZH[t.member.status] ?? '其他' },
          { title: '谈话事由', dataIndex: 'trigger', render: (tr: string, t) => `${TALK_TRIGGER_ZH[tr] ?? '谈心谈话'}${t.organisational ? '（组织谈话）' : ''}` },
          { title: '起算日期', dataIndex: 'triggeredOn', render: (d: string) => chineseDate(d) },
          { title: '应谈截止', dataIndex: 'due', render: (d: string) => chineseDate(d), sorter: (a, b) => a.due.localeCompare(b.due), defaultSortOrder: 'ascend' },
          { title: '情况', className: 'tp-nowrap', dataIndex: 'overdue', render: (o: boolean) => <ToneTag tone={o ? 'red' : 'orange'}>{o ? '已逾期' : '待谈'}</ToneTag>, filters: [{ text: '已逾期', value: true }, { text: '待谈', value: false }], onFilter: (v, t) => t.overdue === v },
          { title: '依据', dataIndex: 'clause', render: (c: string) => clauseLabel(c) },
        ]}
      />
    </>
  );
}
