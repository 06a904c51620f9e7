import { Empty, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { reviews, type Review } from '../pool';
import { REVIEW_KIND_ZH, beijingTime, chineseDate, clauseLabel, reviewStatusZh } from '../words';

export function ReviewStatusTag({ status }: { status: string }) {
  const tone = status === 'completed' ? 'green' : status === 'awaiting-confirmation' ? 'orange' : status === 'failed' || status === 'confirmation-timed-out' ? 'red' : 'blue';
  return <ToneTag tone={tone}>{reviewStatusZh(status)}</ToneTag>;
}

/** The yearly reviews (M-TERM), newest first, each with its status and what awaits the bureau. */
export default function ReviewsPage() {
  const { api, config } = useApi();
  const { data, error, loading } = useLoad(() => reviews(api), [api], config.refreshSeconds * 2);
  const list = [...(data ?? [])].sort((a, b) => b.reviewDate.localeCompare(a.reviewDate));
  const waiting = list.filter((r) => r.status === 'awaiting-confirmation').length;
  return (
    <>
      <PageTitle>{`年度考核${waiting ? `（${waiting} 个待校准确认）` : ''}`}</PageTitle>
      <Typography.Paragraph type="secondary">每年考核一次，任期第三年为总结性考核（{clauseLabel('M-TERM')}）。系统算出的结论是拟定结论，经区教育局校准确认后才执行。</Typography.Paragraph>
      <ErrorAlert error={error} title="无法读取年度考核" />
      <Table<Review>
        rowKey="reviewId"
        loading={loading}
        dataSource={list}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次考核` }}
        locale={{ emptyText: <Empty description="还没有年度考核。考核每年按计划自动启动（北京时间），启动后各单位报送考核材料，截止后这里列出拟定结论供校准确认。" /> }}
        columns={[
          { title: '考核', dataIndex: 'reviewId', render: (id: string, r) => <Link to={`/bureau/reviews/${encodeURIComponent(id)}`}>{r.year} 年度考核（{id}）</Link>, sorter: (a, b) => a.reviewDate.localeCompare(b.reviewDate) },
          { title: '类别', key: 'kind', render: (_: unknown, r) => [...new Set((r.cohorts ?? []).map((c) => REVIEW_KIND_ZH[c.kind] ?? '考核'))].join('、') || '—' },
          { title: '状态', dataIndex: 'status', render: (s: string) => <ReviewStatusTag status={s} /> },
          { title: '考核日期', dataIndex: 'reviewDate', render: (d: string) => chineseDate(d), defaultSortOrder: 'descend', sorter: (a, b) => a.reviewDate.localeCompare(b.reviewDate) },
          { title: '报送截止（北京时间）', dataIndex: 'windowClosesAt', render: (t?: string) => beijingTime(t) },
          { title: '确认期限（北京时间）', dataIndex: 'confirmationDueBy', render: (t?: string) => beijingTime(t) },
          { title: '拟定结论', dataIndex: 'proposals', render: (n?: number) => (n === undefined ? '—' : `${n} 项`) },
        ]}
      />
    </>
  );
}
