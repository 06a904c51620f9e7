import { Empty, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { assessments, schoolReviews, type AssessmentItem } from '../school';
import { REVIEW_KIND_ZH, beijingTime, clauseLabel, tierZh } from '../words';

/** The newest reviews a school reads for its members (each one request); older ones add nothing new to the list. */
const REVIEWS_READ = 5;

interface Row {
  personId: string;
  name: string;
  tier: number;
  termYear: number;
  kind: string;
  reviewId: string;
  year: number;
  last: { grade: string; score?: number; at: string; year: number } | null;
}

/**
 * The school's own reserve members, as far as the API lets a school read them (X-UNITS): the
 * members its annual reviews list — tier, year of term, the last grade it submitted. The pool
 * itself, members' files and talks are the bureau's (GET /pool is bureau only), so this page
 * says so rather than showing what it cannot know.
 */
async function loadMembers(api: Parameters<typeof assessments>[0]): Promise<Row[]> {
  const reviews = (await schoolReviews(api)).slice(0, REVIEWS_READ);
  const lists = await Promise.all(reviews.map((r) => assessments(api, r.reviewId).then((l) => ({ review: r, members: l.members }))));
  const rows = new Map<string, Row>();
  // Newest review first: it gives the member's current tier and year of term.
  for (const { review, members } of lists) {
    for (const m of members as AssessmentItem[]) {
      const last = m.submitted ? { grade: m.submitted.grade, ...(m.submitted.score !== undefined ? { score: m.submitted.score } : {}), at: m.submitted.submittedAt, year: review.year } : null;
      const seen = rows.get(m.personId);
      if (!seen) rows.set(m.personId, { personId: m.personId, name: m.name ?? '（未登记姓名）', tier: m.tier, termYear: m.termYear, kind: m.kind, reviewId: review.reviewId, year: review.year, last });
      else if (!seen.last && last) seen.last = last;
    }
  }
  return [...rows.values()].sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name, 'zh-CN'));
}

export default function SchoolMembers() {
  const { api, session } = useApi();
  const { data, error, loading } = useLoad(() => loadMembers(api), [api]);
  return (
    <>
      <PageTitle>{`${session.name} · 本单位后备人才`}</PageTitle>
      <Typography.Paragraph type="secondary">
        本单位列入年度考核名单的后备人才，及本单位报送的最近一次考核等次（{clauseLabel('X-UNITS')}）。人才库档案、谈心谈话记录和应谈提醒由区教育局管理，学校不能查看；如需了解，请联系区教育局组织人事科。
      </Typography.Paragraph>
      <ErrorAlert error={error} title="无法读取本单位后备人才" />
      <Table<Row>
        rowKey="personId"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
        locale={{ emptyText: <Empty description="本单位暂无列入年度考核名单的后备人才。区教育局启动年度考核后，本单位的后备人才会列在这里；入库人员名单以区教育局公布为准。" /> }}
        columns={[
          { title: '姓名', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
          { title: '梯队', dataIndex: 'tier', render: (t: number) => tierZh(t, true), sorter: (a, b) => a.tier - b.tier, defaultSortOrder: 'ascend' },
          { title: '任期', key: 'term', render: (_: unknown, r) => `任期第 ${r.termYear} 年（${r.year} 年${REVIEW_KIND_ZH[r.kind] ?? '考核'}）`, sorter: (a, b) => a.termYear - b.termYear },
          {
            title: '最近考核等次', key: 'last',
            render: (_: unknown, r) => (r.last
              ? <span><ToneTag tone={r.last.grade === '优秀' || r.last.grade === '合格' ? 'green' : 'orange'}>{r.last.grade}</ToneTag>{r.last.score !== undefined ? `${r.last.score} 分` : ''}（{r.last.year} 年度，{beijingTime(r.last.at)} 报送）</span>
              : <Typography.Text type="secondary">尚未报送</Typography.Text>),
          },
          { title: '考核填报', key: 'go', render: (_: unknown, r) => <Link to={`/school/reviews/${encodeURIComponent(r.reviewId)}`}>{r.year} 年度考核</Link> },
        ]}
      />
    </>
  );
}
