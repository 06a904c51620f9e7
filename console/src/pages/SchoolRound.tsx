import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { postToBucket } from '../api';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ProblemList, Reasons, RoundStatusTag, useLoad, ToneTag, type Tone } from '../common';
import { fileNameOf, foldNominations, type NominationRow } from '../nominations';
import { NOMINATION_STATUS_ZH, ADMISSION_ZH, PROPOSED_ZH, beijingTime, chineseDate, tierZh, timeLeft } from '../words';
import { TemplateButton } from './SchoolRounds';
import { ALL_TIERS, type Nomination } from '../types';
import { ExportButton } from '../exports';

const STATUS_COLOR: Record<string, string> = { accepted: 'green', rejected: 'red', superseded: 'default' };

function NominationStatus({ n }: { n: Nomination }) {
  return <ToneTag tone={(STATUS_COLOR[n.status] ?? 'default') as Tone}>{NOMINATION_STATUS_ZH[n.status] ?? '状态未知'}</ToneTag>;
}


/** What the school needs to read in the row itself: the rejection's reasons, or the verdict. */
function Summary({ n }: { n: Nomination }) {
  if (n.status === 'rejected') return <div><strong>未受理，请修改后重新上传：</strong><ProblemList problems={n.problems ?? []} /></div>;
  if (n.status === 'superseded') return <span>{n.note?.zh ?? '已被本单位后一份推荐替代'}</span>;
  const v = n.verdict;
  const failed = v?.reasons.filter((r) => !r.ok) ?? [];
  return (
    <div>
      {v ? (v.eligible ? <span>符合{tierZh(v.tier)}资格条件</span> : <span><strong>不符合{tierZh(v.tier)}资格条件：</strong></span>) : <span>已受理</span>}
      {failed.length ? <Reasons reasons={failed} /> : null}
      {n.proposed ? <div>评审结果：{PROPOSED_ZH[n.proposed] ?? '—'}{n.rank ? `（第 ${n.rank} 名）` : ''}</div> : null}
      {/* An upheld objection's own words already say 不予入库 and why: the status name would say it twice. */}
      {n.admission ? <div>入库：{n.admission.status === 'objection-upheld' && n.admission.zh ? n.admission.zh : <>{ADMISSION_ZH[n.admission.status] ?? '—'}{n.admission.zh ? `，${n.admission.zh}` : ''}</>}</div> : null}
    </div>
  );
}

function Source({ n }: { n: Nomination }) {
  return <span>{fileNameOf(n.source.key)}{n.source.row ? `，第 ${n.source.row} 行` : ''}{n.source.entry ? `，其中的 ${n.source.entry}` : ''}</span>;
}

function Detail({ row }: { row: NominationRow }) {
  return (
    <div>
      {row.verdict ? (
        <>
          <Typography.Text strong>资格审查依据（审查基准日 {chineseDate(row.verdict.asOf)}）</Typography.Text>
          <Reasons reasons={row.verdict.reasons} />
        </>
      ) : null}
      {row.history.length ? (
        <>
          <Typography.Text strong>此前的报送（{row.history.length} 份，已由上面一份取代或未受理）</Typography.Text>
          <ul style={{ paddingLeft: 20 }}>
            {row.history.map((h) => (
              <li key={h.nominationId}>
                <NominationStatus n={h} /> {beijingTime(h.receivedAt)} · <Source n={h} />
                {h.status === 'rejected' && h.problems?.length ? <ProblemList problems={h.problems} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

interface Pending { key: string; name: string; since: number }

/** A school's page for one round: the deadline, the template, drag-and-drop upload, and each form's status. */
export default function SchoolRound() {
  const { roundId = '' } = useParams();
  const { api, config } = useApi();
  const { message } = App.useApp();
  const [pending, setPending] = useState<Pending[]>([]);
  const [uploadError, setUploadError] = useState<unknown>();
  const round = useLoad(() => api.round(roundId), [api, roundId]);
  const noms = useLoad(() => api.nominations(roundId), [api, roundId], pending.length ? 1 : config.refreshSeconds);

  // A file is done when all the nominations it yields are listed (source.forms).
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  useEffect(() => {
    if (!noms.data || pendingRef.current.length === 0) return;
    const done: Pending[] = [];
    for (const p of pendingRef.current) {
      const mine = noms.data.filter((n) => n.source.key === p.key);
      const forms = mine[0]?.source.forms ?? 1;
      if (mine.length >= forms) done.push(p);
      else if (Date.now() - p.since > 120_000) done.push(p);
    }
    if (!done.length) return;
    for (const p of done) {
      const mine = noms.data.filter((n) => n.source.key === p.key);
      if (!mine.length) message.warning(`「${p.name}」仍在处理中，请稍后刷新查看`);
      else {
        const bad = mine.filter((n) => n.status === 'rejected').length;
        if (bad) message.error(`「${p.name}」已审查：${mine.length - bad} 份受理，${bad} 份未受理，请查看原因`);
        else message.success(`「${p.name}」已审查：${mine.length} 份全部受理`);
      }
    }
    setPending((ps) => ps.filter((p) => !done.includes(p)));
  }, [noms.data, message]);

  const customRequest: UploadProps['customRequest'] = useCallback(async (options: Parameters<NonNullable<UploadProps['customRequest']>>[0]) => {
    const file = options.file as File;
    setUploadError(undefined);
    try {
      const link = await api.uploadLink(roundId, file.name);
      await postToBucket(link, file, (percent) => options.onProgress?.({ percent }));
      options.onSuccess?.(link);
      setPending((ps) => [...ps, { key: link.key, name: file.name, since: Date.now() }]);
      void noms.reload();
    } catch (e) {
      setUploadError(e);
      options.onError?.(e as Error);
    }
  }, [api, roundId, noms]);

  const rows = useMemo(() => foldNominations(noms.data ?? []), [noms.data]);
  const r = round.data;
  const now = new Date();
  const closed = r ? r.status !== 'open' || Date.parse(r.intakeClosesAt) <= now.getTime() : false;

  return (
    <>
      <PageTitle extra={<Space wrap><Link to="/school">返回批次列表</Link><TemplateButton /><ExportButton body={{ kind: 'intake', roundId }} label="导出本单位审查结果（Excel）" /></Space>}>{r?.title ?? '遴选批次'}</PageTitle>
      <ErrorAlert error={round.error} title="无法读取该批次" />
      {r ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 24, background: '#fff' }}
          items={[
            { key: 's', label: '状态', children: <RoundStatusTag status={r.status} /> },
            { key: 't', label: '遴选梯队', children: (r.tiers ?? ALL_TIERS).map((t) => tierZh(t)).join('、') },
            // The countdown only while intake is open: once the round has moved on, it has closed.
            { key: 'c', label: '收表截止（北京时间）', children: <span>{beijingTime(r.intakeClosesAt)}（{r.status === 'open' ? timeLeft(r.intakeClosesAt, now) : '已截止'}）</span> },
            { key: 'd', label: '资格计算基准日', children: chineseDate(r.referenceDate) },
          ]}
        />
      ) : null}
      {r && !closed ? (
        <Card title="上传推荐表" style={{ marginBottom: 24 }}>
          <Upload.Dragger
            name="file"
            multiple
            accept=".json,.xlsx,.lrmx,.zip"
            customRequest={customRequest}
            beforeUpload={(file) => {
              if (!/\.(json|xlsx|lrmx|zip)$/i.test(file.name)) {
                message.error(`「${file.name}」不是 .xlsx、.lrmx、.zip 或 .json 文件`);
                return Upload.LIST_IGNORE;
              }
              if (file.size > 5 * 1024 * 1024) {
                message.error(`「${file.name}」超过 5 MB`);
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
            <p className="ant-upload-text">将填好的 Excel 推荐表（.xlsx）、干部任免审批表（.lrmx，或多份打包的 .zip）或 JSON 文件拖到此处，或点击选择文件</p>
            <p className="ant-upload-hint">每个文件不超过 5 MB；Excel 每行一名人选。上传后系统自动审查，结果显示在下方。任免审批表中没有的项目（如党组织审核意见、毕业时间、任职起止时间、荣誉称号及时间）会逐项列出，请在 Excel 模板中补全后重新上传。</p>
          </Upload.Dragger>
          <ErrorAlert error={uploadError} title="上传未成功" />
          {pending.length ? <Alert style={{ marginTop: 16 }} type="info" showIcon title={`正在审查：${pending.map((p) => `「${p.name}」`).join('、')}…`} /> : null}
        </Card>
      ) : r ? <Alert style={{ marginBottom: 24 }} type="info" showIcon title="本批次已截止收表，不能再上传推荐表；下方可查看审查和评审结果。" /> : null}

      <Typography.Title level={3} style={{ fontSize: 18 }}>本单位推荐表审查结果</Typography.Title>
      <ErrorAlert error={noms.error} title="无法读取审查结果" />
      <Table<NominationRow>
        rowKey="nominationId"
        loading={noms.loading}
        dataSource={rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人次` }}
        locale={{ emptyText: <Empty description={closed ? '本单位在此批次没有报送推荐表。' : '尚未报送推荐表。请先下载 Excel 模板，每行填写一名人选，再拖入上方区域上传。'} /> }}
        expandable={{
          rowExpandable: (row) => Boolean(row.verdict) || row.history.length > 0,
          expandedRowRender: (row) => <Detail row={row} />,
          columnTitle: <span className="sr-only" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>展开</span>,
        }}
        columns={[
          { title: '姓名', dataIndex: 'candidateName', render: (v: string | undefined) => v ?? '（未能识别）', sorter: (a, b) => (a.candidateName ?? '').localeCompare(b.candidateName ?? '', 'zh-CN') },
          { title: '梯队', dataIndex: 'tier', render: (t: number | undefined) => tierZh(t), sorter: (a, b) => (a.tier ?? 9) - (b.tier ?? 9) },
          {
            title: '状态', dataIndex: 'status', render: (_: unknown, n) => <Space size={4} wrap><NominationStatus n={n} />{n.history.length ? <Tag>含此前 {n.history.length} 份</Tag> : null}</Space>,
            filters: Object.entries(NOMINATION_STATUS_ZH).map(([value, text]) => ({ value, text })), onFilter: (v, n) => n.status === v,
          },
          { title: '审查说明', key: 'summary', render: (_: unknown, n) => <Summary n={n} /> },
          { title: '来源文件', key: 'source', render: (_: unknown, n) => <Source n={n} /> },
          { title: '提交时间（北京时间）', dataIndex: 'receivedAt', render: (t: string) => beijingTime(t), sorter: (a, b) => a.receivedAt.localeCompare(b.receivedAt), defaultSortOrder: 'descend' },
        ]}
      />
      {noms.updatedAt ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>每 {config.refreshSeconds} 秒自动刷新 · 最近更新 {beijingTime(noms.updatedAt.toISOString())}</Typography.Paragraph> : null}
      <Button style={{ marginTop: 8 }} onClick={() => void noms.reload()}>立即刷新</Button>
    </>
  );
}
