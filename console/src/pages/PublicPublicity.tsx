import { Alert, Result, Spin, Table, Typography } from 'antd';
import { useParams } from 'react-router';
import { ApiError } from '../api';
import { useLoad } from '../common';
import { useSession } from '../session';
import { chineseDate } from '../words';
import { fetchPublicPublicity, type PublicEntry } from '../publicity';

/**
 * The public 公示 page (DESIGN §7, S-PUBLICITY): no sign-in, read-only, Chinese. The list with
 * the fields a 公示 publishes — name, gender, year and month of birth, unit and post, tier —
 * the period, and where to raise an objection. Nothing else leaves the API for it.
 */
export default function PublicPublicity() {
  const { roundId = '' } = useParams();
  const { config } = useSession();
  const data = useLoad(() => fetchPublicPublicity(config.apiBaseUrl, roundId), [config.apiBaseUrl, roundId]);
  const p = data.data;
  if (data.loading && !p) return <div style={{ padding: 48, textAlign: 'center' }}><Spin description="正在加载…" /></div>;
  if (data.error) {
    const notFound = data.error instanceof ApiError && data.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? '未找到该公示' : '暂时无法显示公示'} subTitle={notFound ? '该批次尚未公示，或链接有误。' : '请稍后再试。'} />;
  }
  if (!p) return null;
  return (
    <main style={{ maxWidth: 960, margin: '0 auto', padding: '32px 24px', background: '#fff', minHeight: '100vh' }}>
      <Typography.Title level={1} style={{ textAlign: 'center', fontSize: 26 }}>{p.title}</Typography.Title>
      {p.period.running ? null : <Alert type="info" showIcon style={{ marginBottom: 16 }} title="公示期已结束。" />}
      <Typography.Paragraph style={{ fontSize: 16 }}>
        {`经个人自荐、单位推荐、资格审查、综合考评，并报区委组织部同意，拟将下列 ${p.entries.length} 名同志列入金坛区教育系统后备人才库，现予公示。`}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        <strong>公示时间：</strong>{`${chineseDate(p.period.from)}至${chineseDate(p.period.to)}（${p.period.workingDays} 个工作日）。`}
      </Typography.Paragraph>
      <Table<PublicEntry> rowKey="no" size="middle" pagination={false} dataSource={p.entries} style={{ marginBottom: 24 }} columns={[
        { title: '序号', dataIndex: 'no', width: 64 },
        { title: '姓名', dataIndex: 'name' },
        { title: '性别', dataIndex: 'gender', width: 64 },
        { title: '出生年月', dataIndex: 'birthMonth', render: (v: string) => v.replace('-', '.') },
        { title: '工作单位及职务', dataIndex: 'unitAndPost' },
        { title: '拟入库梯队', dataIndex: 'tierName' },
      ]} />
      <Typography.Paragraph style={{ fontSize: 16 }}>{p.zh}</Typography.Paragraph>
      <Typography.Paragraph style={{ fontSize: 16, textAlign: 'right' }}>{p.office}</Typography.Paragraph>
    </main>
  );
}
