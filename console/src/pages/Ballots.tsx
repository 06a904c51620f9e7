import { useState } from 'react';
import { App, Button, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { listRegistry } from '../admin';
import { ballotPageUrl, issueCodes, listBallots, percent, type BallotRow } from '../ballots';
import { beijingTime, tierZh } from '../words';

/**
 * 民主推荐 (S-RECOMMEND), the bureau's page for one round: per unit the candidates on its
 * ballot, the codes issued and used, "issue codes" (the new codes go straight into printable
 * slips, built here in the browser: they are shown once and stored nowhere readable), and
 * once the ballot is counted the turnout and every candidate's 推荐 / 不推荐 / 弃权 and share.
 */
export default function Ballots() {
  const { roundId = '' } = useParams();
  const { api } = useApi();
  const { message } = App.useApp();
  const ballots = useLoad(() => listBallots(api, roundId), [api, roundId], 30);
  const units = useLoad(() => listRegistry(api), [api]);
  // The round's title names the page (its id is for the system, not the clerk).
  const round = useLoad(() => api.round(roundId), [api, roundId]);
  const [issuing, setIssuing] = useState<BallotRow | undefined>(undefined);
  const [count, setCount] = useState<number>(50);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const nameOf = (code: string) => units.data?.find((u) => u.code === code)?.name ?? code;

  async function issue() {
    if (!issuing) return;
    setBusy(true);
    setError(undefined);
    try {
      const issued = await issueCodes(api, roundId, issuing.unitCode, count);
      const { ballotSlipsDocx, ballotSlipsFileName } = await import('../../../formats/docx/ballot-slips');
      const unitName = nameOf(issuing.unitCode);
      const bytes = await ballotSlipsDocx({ roundTitle: issued.roundTitle, unitName, ballotUrl: ballotPageUrl(), closesAtText: beijingTime(issued.closesAt), codes: issued.codes });
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = ballotSlipsFileName(unitName, roundId);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      message.success(`已为${unitName}发放 ${issued.codes.length} 个投票码（累计 ${issued.issued} 个），投票码条正在下载；投票码只显示这一次`);
      setIssuing(undefined);
      void ballots.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const rows = ballots.data ?? [];
  return (
    <>
      <PageTitle extra={<Space wrap><Link to={`/bureau/rounds/${encodeURIComponent(roundId)}`}>返回收表情况</Link></Space>}>{`${round.data?.title ?? '遴选批次'} · 民主推荐`}</PageTitle>
      <Typography.Paragraph type="secondary">
        每个单位一张选票，列本单位通过资格审查的被推荐人。为单位发放一次性投票码后，下载投票码条（Word，每页 8 张）打印裁开，会上发给参加推荐的人员；
        每码只能投一次，投票不记名（系统不保存投票码与选票之间的任何对应）。投票截止后自动计票。
      </Typography.Paragraph>
      <ErrorAlert error={ballots.error} title="选票加载失败" />
      <Table<BallotRow>
        rowKey="unitCode"
        loading={ballots.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: '本批次尚未开始民主推荐（收表截止后开始），或通知未设民主推荐' }}
        columns={[
          { title: '单位', key: 'unit', render: (_, b) => <span>{nameOf(b.unitCode)}<Typography.Text type="secondary">（{b.unitCode}）</Typography.Text></span> },
          { title: '候选人', key: 'n', render: (_, b) => `${b.candidates.length} 人` },
          { title: '已发放', dataIndex: 'issued', render: (n: number) => `${n} 个` },
          { title: '已投票', key: 'used', render: (_, b) => `${b.tally?.used ?? b.used} 个` },
          { title: '参投率', key: 'turnout', render: (_, b) => (b.tally ? percent(b.tally.turnout) : b.issued > 0 ? percent(b.used / b.issued) : '—') },
          { title: '状态', key: 'status', render: (_, b) => (b.tally ? <ToneTag tone="green">已计票</ToneTag> : <ToneTag tone="blue">{`投票中，${beijingTime(b.closesAt)} 截止`}</ToneTag>) },
          {
            title: '操作', key: 'op', render: (_, b) => (b.tally ? null : (
              <Button icon={<DownloadOutlined aria-hidden />} onClick={() => { setError(undefined); setIssuing(b); }}>发放投票码</Button>
            )),
          },
        ]}
        expandable={{
          rowExpandable: () => true,
          expandedRowRender: (b) => (
            <Table
              rowKey="nominationId"
              size="small"
              pagination={false}
              dataSource={b.candidates}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '梯队', dataIndex: 'tier', render: (t: number) => tierZh(t) },
                { title: '现任职务', dataIndex: 'post', render: (p?: string) => p ?? '—' },
                { title: '推荐', key: 'for', render: (_, c) => c.result?.for ?? '—' },
                { title: '不推荐', key: 'against', render: (_, c) => c.result?.against ?? '—' },
                { title: '弃权', key: 'abstain', render: (_, c) => c.result?.abstain ?? '—' },
                { title: '推荐率（推荐 / 投票数）', key: 'share', render: (_, c) => (c.result ? percent(c.result.share) : '计票后显示') },
              ]}
            />
          ),
        }}
      />
      <Modal
        open={issuing !== undefined}
        title={issuing ? `为「${nameOf(issuing.unitCode)}」发放投票码` : ''}
        okText="发放并下载投票码条"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void issue()}
        onCancel={() => setIssuing(undefined)}
      >
        <ErrorAlert error={error} title="发放未成功" />
        <Space direction="vertical" style={{ width: '100%' }}>
          <label htmlFor="ballot-code-count">发放数量（一次最多 500 个；已发放 {issuing?.issued ?? 0} 个）</label>
          <InputNumber id="ballot-code-count" min={1} max={500} precision={0} value={count} onChange={(v) => setCount(v ?? 1)} style={{ width: 200 }} />
          <Typography.Text type="secondary">投票码只在本次下载的投票码条中出现，系统只保存其加密散列，不能再次查看；丢失的码可另行补发。</Typography.Text>
        </Space>
      </Modal>
    </>
  );
}
