import { useMemo, useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { confirm, proposals, review, type ProposalMember, type ReviewDetail } from '../pool';
import { useRegistry } from '../unit-registry';
import { OUTCOME_ZH, REVIEW_KIND_ZH, beijingTime, chineseDate, clauseLabel, localizeDates, tierZh } from '../words';
import { ReviewStatusTag } from './Reviews';
import { ExportButton } from '../exports';

/** "第 1 年年度考核（3 批）；第 3 年总结性考核（1 批）": the cohorts by year of term, not by id. */
function cohortsZh(cohorts: Array<{ year: number; kind: string }>): string {
  const by = new Map<string, number>();
  for (const c of cohorts) { const k = `任期第 ${c.year} 年${REVIEW_KIND_ZH[c.kind] ?? '考核'}`; by.set(k, (by.get(k) ?? 0) + 1); }
  return [...by.entries()].map(([k, n]) => `${k}（${n} 批）`).join('；') || '—';
}

interface Change { personId: string; outcome: string; reason: string }
type Outcome = ReviewDetail['outcomes'][number];
const FINAL = new Set(['completed', 'confirmation-timed-out', 'failed']);

/**
 * One review: its status and dates, the outcomes per member with their clauses and — while it
 * awaits the bureau — the calibration: the proposed outcomes, changes chosen by the member's
 * name with a reason, and the confirmation that lets them apply. While outcomes apply the
 * page refreshes itself until the review is completed.
 */
export default function ReviewPage() {
  const { reviewId = '' } = useParams();
  const { api, config } = useApi();
  const registry = useRegistry(api);
  const { message } = App.useApp();
  const r = useLoad(() => review(api, reviewId), [api, reviewId], config.refreshSeconds);
  const status = r.data?.review.status;
  const awaiting = status === 'awaiting-confirmation';
  const props = useLoad(() => (awaiting ? proposals(api, reviewId) : Promise.resolve(undefined)), [api, reviewId, awaiting]);
  const [changes, setChanges] = useState<Change[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [form] = Form.useForm<Change>();
  const rv = r.data?.review;

  const members = useMemo(() => (props.data?.cohorts ?? []).flatMap((c) => c.members.map((m) => ({ ...m, reviewKind: c.reviewKind }))), [props.data]);
  const byId = new Map(members.map((m) => [m.personId, m]));
  const chosen = Form.useWatch('personId', form);
  const allowed = (chosen ? byId.get(chosen)?.allowed : undefined) ?? [];

  const addChange = (v: Change) => {
    setChanges((cs) => [...cs.filter((c) => c.personId !== v.personId), { personId: v.personId, outcome: v.outcome, reason: v.reason.trim() }]);
    form.resetFields();
  };
  const doConfirm = async () => {
    setConfirming(true);
    setError(undefined);
    try {
      await confirm(api, reviewId, { changes });
      void message.success(changes.length ? `已确认考核结论（修改 ${changes.length} 项），正在执行` : '已确认考核结论，正在执行');
      setChanges([]);
      void r.reload();
    } catch (e) {
      setError(e);
    } finally {
      setConfirming(false);
    }
  };
  const nameOf = (id: string) => byId.get(id)?.name ?? r.data?.outcomes.find((o) => o.personId === id)?.name ?? '（未具名）';

  return (
    <>
      <PageTitle extra={<Space wrap><ExportButton body={{ kind: 'review', reviewId }} label="导出考核结果（Excel）" /><Link to="/bureau/reviews">返回年度考核</Link></Space>}>{rv ? `${rv.year} 年度考核` : '年度考核'}</PageTitle>
      <ErrorAlert error={r.error} title="无法读取该考核" />
      {rv ? (
        <Descriptions bordered size="small" styles={{ label: { whiteSpace: 'nowrap' } }} column={{ xs: 1, md: 3 }} style={{ marginBottom: 16, background: '#fff' }}
          items={[
            { key: 'id', label: '编号', children: rv.reviewId },
            { key: 's', label: '状态', children: <ReviewStatusTag status={rv.status} /> },
            { key: 'd', label: '考核日期', children: chineseDate(rv.reviewDate) },
            { key: 'k', label: '考核类别', children: cohortsZh(rv.cohorts ?? []) },
            { key: 'w', label: '报送截止（北京时间）', children: beijingTime(rv.windowClosesAt) },
            { key: 'c', label: '确认期限（北京时间）', children: beijingTime(rv.confirmationDueBy) },
            { key: 'cf', label: '校准确认', span: 3, children: rv.confirmation?.at ? `已于 ${beijingTime(rv.confirmation.at)} 确认${Array.isArray(rv.confirmation.changes) && rv.confirmation.changes.length ? `，修改 ${rv.confirmation.changes.length} 项` : ''}` : awaiting ? '待确认：确认前结论不执行' : '—' },
          ]}
        />
      ) : null}
      {status && !FINAL.has(status) && !awaiting ? (
        <Typography.Paragraph role="status">考核进行中（{status === 'confirmed' ? '结论执行中' : '等待各单位报送或计算结论'}），本页每 {config.refreshSeconds} 秒自动刷新。</Typography.Paragraph>
      ) : null}
      {awaiting ? (
        <Card title={`校准确认（拟定结论 ${members.length} 项）`} style={{ marginBottom: 16 }}>
          <Typography.Paragraph>系统算出的结论为拟定结论。可按姓名选择人员修改结论（须写明理由），然后确认；确认后结论才执行，应谈的谈话同时列入提醒。</Typography.Paragraph>
          <ErrorAlert error={props.error} title="无法读取拟定结论" />
          <Form<Change> form={form} layout="inline" onFinish={addChange} aria-label="修改拟定结论" style={{ rowGap: 12, marginBottom: 12 }}>
            <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 260 }} placeholder="输入姓名查找"
                options={members.filter((m) => m.allowed.length).map((m) => ({ value: m.personId, label: `${m.name ?? '（未具名）'}（${registry.name(m.unitCode)}，${tierZh(m.tier)}）` }))} />
            </Form.Item>
            <Form.Item name="outcome" label="改为" rules={[{ required: true, message: '请选择结论' }]}>
              <Select style={{ width: 140 }} options={allowed.map((k) => ({ value: k, label: OUTCOME_ZH[k] ?? k }))} disabled={!allowed.length} />
            </Form.Item>
            <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}><Input style={{ width: 320 }} maxLength={1000} /></Form.Item>
            <Form.Item><Button htmlType="submit">加入修改</Button></Form.Item>
          </Form>
          {changes.length ? (
            <Table<Change> size="small" rowKey="personId" pagination={false} dataSource={changes} style={{ marginBottom: 12 }}
              columns={[
                { title: '人员', dataIndex: 'personId', render: (id: string) => nameOf(id) },
                { title: '原拟结论', key: 'from', render: (_: unknown, c) => OUTCOME_ZH[byId.get(c.personId)?.proposal.kind ?? ''] ?? '—' },
                { title: '改为', dataIndex: 'outcome', render: (o: string) => OUTCOME_ZH[o] ?? o },
                { title: '理由', dataIndex: 'reason' },
                { title: '', key: 'x', render: (_: unknown, c) => <Button size="small" onClick={() => setChanges((cs) => cs.filter((x) => x.personId !== c.personId))}>撤销</Button> },
              ]} />
          ) : null}
          <ErrorAlert error={error} title="确认未成功" />
          <Popconfirm title={changes.length ? `确认考核结论（修改 ${changes.length} 项）？` : '按拟定结论确认？'} description="确认后结论即执行，不能撤回。" okText="确认" cancelText="再看看" onConfirm={() => void doConfirm()}>
            <Button type="primary" loading={confirming}>确认考核结论</Button>
          </Popconfirm>
          <Table<ProposalMember & { reviewKind: string }> size="small" rowKey="personId" style={{ marginTop: 16 }} dataSource={members} loading={props.loading}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
            columns={[
              { title: '姓名', className: 'tp-nowrap', dataIndex: 'name', render: (n?: string) => n ?? '（未具名）', sorter: (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') },
              { title: '单位', dataIndex: 'unitCode', render: (u: string) => registry.name(u) },
              { title: '梯队', className: 'tp-nowrap', dataIndex: 'tier', render: (t: number) => tierZh(t), sorter: (a, b) => a.tier - b.tier },
              { title: '考核等次', className: 'tp-nowrap', dataIndex: 'assessment', render: (a: ProposalMember['assessment']) => (a ? `${a.grade}${a.score !== undefined ? `（${a.score} 分）` : ''}` : '未报送') },
              { title: '拟定结论', className: 'tp-nowrap', key: 'p', render: (_: unknown, m) => <ToneTag tone={m.proposal.kind === 'removed' || m.proposal.kind === 'warned' ? 'red' : 'default'}>{OUTCOME_ZH[m.proposal.kind] ?? '—'}</ToneTag>, filters: Object.entries(OUTCOME_ZH).map(([value, text]) => ({ value, text })), onFilter: (v, m) => m.proposal.kind === v },
              { title: '说明', key: 'zh', render: (_: unknown, m) => localizeDates(m.proposal.zh) },
              { title: '依据', key: 'c', render: (_: unknown, m) => clauseLabel(m.proposal.clause) },
            ]} />
        </Card>
      ) : null}
      <Typography.Title level={3} style={{ fontSize: 18 }}>考核结论</Typography.Title>
      <Table<Outcome>
        rowKey="personId"
        loading={r.loading}
        dataSource={r.data?.outcomes ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
        locale={{ emptyText: <Empty description={awaiting ? '结论确认后在这里列出执行结果。' : '还没有考核结论：报送截止后系统计算拟定结论，经校准确认后执行。'} /> }}
        columns={[
          { title: '姓名', className: 'tp-nowrap', dataIndex: 'name', render: (n: string | undefined, o) => <Link to={`/bureau/pool/members/${encodeURIComponent(o.personId)}`}>{n ?? '（未具名）'}</Link>, sorter: (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') },
          { title: '单位', dataIndex: 'unitCode', render: (u: string) => registry.name(u) },
          { title: '梯队', className: 'tp-nowrap', dataIndex: 'tier', render: (t: number) => tierZh(t), sorter: (a, b) => a.tier - b.tier, defaultSortOrder: 'ascend' },
          { title: '结论', className: 'tp-nowrap', key: 'k', render: (_: unknown, o) => <ToneTag tone={o.outcome.kind === 'removed' || o.outcome.kind === 'warned' ? 'red' : o.outcome.kind === 'recommended' ? 'green' : 'default'}>{OUTCOME_ZH[o.outcome.kind] ?? '—'}</ToneTag>, filters: Object.entries(OUTCOME_ZH).map(([value, text]) => ({ value, text })), onFilter: (v, o) => o.outcome.kind === v },
          { title: '说明', key: 'zh', render: (_: unknown, o) => localizeDates(o.outcome.zh) },
          { title: '依据', key: 'c', render: (_: unknown, o) => clauseLabel(o.outcome.clause) },
          { title: '执行', className: 'tp-nowrap', dataIndex: 'applied', render: (a?: boolean) => (a ? '已执行' : '未执行') },
        ]}
      />
    </>
  );
}
