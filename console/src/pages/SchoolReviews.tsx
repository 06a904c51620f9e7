import { Empty, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { schoolReviews, windowOpen, type SchoolReview } from '../school';
import { beijingTime, chineseDate, clauseLabel, reviewStatusZh, timeLeft } from '../words';

/** The annual reviews a school reports to: the open window(s) first, with the close time (Beijing) and the time left. */
export default function SchoolReviews() {
  const { api, session, config } = useApi();
  const { data, error, loading } = useLoad(() => schoolReviews(api), [api], config.refreshSeconds * 5);
  const now = new Date();
  const list = [...(data ?? [])].sort((a, b) => Number(windowOpen(b, now)) - Number(windowOpen(a, now)) || b.reviewDate.localeCompare(a.reviewDate));
  const open = list.filter((r) => windowOpen(r, now)).length;
  return (
    <>
      <PageTitle>{`${session.name} · 年度考核${open ? `（${open} 个正在报送）` : ''}`}</PageTitle>
      <Typography.Paragraph type="secondary">各单位在报送期内为本单位后备人才填报考核等次和分数（{clauseLabel('X-UNITS')}）；截止后由区教育局校准确认。</Typography.Paragraph>
      <ErrorAlert error={error} title="无法读取年度考核" />
      <Table<SchoolReview>
        rowKey="reviewId"
        loading={loading}
        dataSource={list}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 次考核` }}
        locale={{ emptyText: <Empty description="目前没有年度考核。区教育局启动年度考核后，这里会出现报送入口和截止时间（北京时间）。" /> }}
        columns={[
          { title: '考核', dataIndex: 'year', render: (y: number, r) => <Link to={`/school/reviews/${encodeURIComponent(r.reviewId)}`}>{y} 年度考核</Link>, sorter: (a, b) => a.year - b.year },
          { title: '考核日期', dataIndex: 'reviewDate', render: (d: string) => chineseDate(d), sorter: (a, b) => a.reviewDate.localeCompare(b.reviewDate) },
          {
            title: '报送', key: 'window',
            render: (_: unknown, r) => (windowOpen(r, now) ? <ToneTag tone="blue">正在报送</ToneTag> : <ToneTag>{r.status === 'open' ? '已截止' : reviewStatusZh(r.status)}</ToneTag>),
          },
          { title: '报送截止（北京时间）', dataIndex: 'windowClosesAt', render: (t?: string) => beijingTime(t) },
          { title: '剩余时间', key: 'left', render: (_: unknown, r) => (r.windowClosesAt && windowOpen(r, now) ? timeLeft(r.windowClosesAt, now) : '—') },
        ]}
      />
    </>
  );
}
