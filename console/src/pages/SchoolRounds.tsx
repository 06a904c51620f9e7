import { useState } from 'react';
import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, RoundStatusTag, useLoad } from '../common';
import { beijingTime, chineseDate, tierZh, timeLeft } from '../words';
import { ALL_TIERS, type Round } from '../types';
import type { ApiClient } from '../api';

/** Downloads the Excel nomination template (GET /template) with the session's token. */
export async function downloadTemplate(api: ApiClient): Promise<void> {
  const blob = await api.template();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = '后备人才推荐表模板.xlsx';
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function TemplateButton() {
  const { api } = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      loading={busy}
      onClick={() => {
        setBusy(true);
        downloadTemplate(api).then(
          () => message.success('模板已下载：后备人才推荐表模板.xlsx'),
          (e: unknown) => message.error(e instanceof Error ? e.message : '模板下载失败'),
        ).finally(() => setBusy(false));
      }}
    >
      下载 Excel 推荐表模板
    </Button>
  );
}

const isOpen = (r: Round, now: Date) => r.status === 'open' && Date.parse(r.intakeClosesAt) > now.getTime();

/** A school's home: the rounds open for nominations with their deadlines (Beijing time), then earlier ones. */
export default function SchoolRounds() {
  const { api, session } = useApi();
  const navigate = useNavigate();
  const { data, error, loading } = useLoad(() => api.rounds(), [api]);
  const now = new Date();
  const open = (data ?? []).filter((r) => isOpen(r, now));
  const others = (data ?? []).filter((r) => !isOpen(r, now));
  return (
    <>
      <PageTitle extra={<TemplateButton />}>{`${session.name} · 推荐报送`}</PageTitle>
      <ErrorAlert error={error} title="无法读取遴选批次" />
      <Typography.Title level={3} style={{ fontSize: 18 }}>正在受理推荐的批次</Typography.Title>
      {loading ? <Card loading /> : open.length === 0 ? (
        <Card><Empty description="目前没有正在受理推荐的遴选批次。区教育局发起遴选后，批次会出现在这里；可先下载 Excel 模板准备推荐表。" /></Card>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {open.map((r) => (
            <Card key={r.roundId} title={r.title} extra={<RoundStatusTag status={r.status} />}>
              <p>遴选梯队：{(r.tiers ?? ALL_TIERS).map((t) => <Tag key={t}>{tierZh(t)}</Tag>)}</p>
              <p>资格计算基准日：{chineseDate(r.referenceDate)}</p>
              <p>
                <strong>收表截止：{beijingTime(r.intakeClosesAt)}（北京时间）</strong>，{timeLeft(r.intakeClosesAt, now)}
              </p>
              <Button type="primary" onClick={() => navigate(`/school/rounds/${encodeURIComponent(r.roundId)}`)}>报送推荐表并查看审查结果</Button>
            </Card>
          ))}
        </Space>
      )}
      {others.length ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 18, marginTop: 32 }}>其他批次</Typography.Title>
          <Table<Round>
            rowKey="roundId"
            dataSource={others}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '批次', dataIndex: 'title', render: (t: string, r) => <Link to={`/school/rounds/${encodeURIComponent(r.roundId)}`}>{t}</Link> },
              { title: '状态', dataIndex: 'status', render: (s: string) => <RoundStatusTag status={s} /> },
              { title: '收表截止（北京时间）', dataIndex: 'intakeClosesAt', render: (t: string) => beijingTime(t), sorter: (a, b) => a.intakeClosesAt.localeCompare(b.intakeClosesAt) },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
