import { useEffect, useMemo } from 'react';
import { Button, Card, Empty, Form, Select, Space, Table, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { pool, type PoolMember, type PoolQuery } from '../pool';
import { useRegistry } from '../unit-registry';
import { FLAG_ZH, HONOUR_LADDER, MEMBER_STATUS_ZH, SOURCE_ZH, UNIT_TYPE_ZH, WARNING_ZH, chineseDate, clauseLabel, tierZh } from '../words';
import { ExportButton } from '../exports';

const KEYS: Array<keyof PoolQuery> = ['tier', 'unit', 'unitType', 'maxAge', 'honourAtLeast', 'termYear', 'flag'];

/**
 * The pool as the bureau queries it when a post, an award or a training place is to be filled
 * (C-PRIORITY): tier, unit (by name), unit type, age, honour at or above a rung, year of term
 * and what stands out. The filters live in the address, so a query can be bookmarked and the
 * back button undoes one; the table pages and sorts; a row opens the member.
 */
export default function PoolPage() {
  const { api } = useApi();
  const registry = useRegistry(api);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => Object.fromEntries(KEYS.flatMap((k) => { const v = params.get(k); return v ? [[k, v]] : []; })) as PoolQuery, [params]);
  const { data, error, loading } = useLoad(() => pool(api, query), [api, JSON.stringify(query)]);
  const [form] = Form.useForm<PoolQuery>();
  // Back and forward change the address: the form follows it.
  useEffect(() => { form.setFieldsValue(Object.fromEntries(KEYS.map((k) => [k, query[k]]))); }, [form, query]);
  const apply = (values: PoolQuery) => {
    const next = new URLSearchParams();
    for (const k of KEYS) { const v = values[k]; if (v !== undefined && v !== null && String(v) !== '') next.set(k, String(v)); }
    setParams(next);
  };
  const filtered = Object.keys(query).length > 0;
  const unitOptions = registry.units.map((u) => ({ value: u.code, label: u.name })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  const opt = (rec: Record<string, string>) => Object.entries(rec).map(([value, label]) => ({ value, label }));

  return (
    <>
      <PageTitle extra={<Space wrap>
        <ExportButton body={{ kind: 'roster', ...(query.tier ? { tier: Number(query.tier) as 1 | 2 | 3 } : {}) }} label={query.tier ? `导出${tierZh(Number(query.tier))}名册（Excel）` : '导出名册（Excel）'} fullIdsOption />
        <ExportButton body={{ kind: 'development' }} label="导出培养记录（Excel）" />
        <Link to="/bureau">返回工作台</Link>
      </Space>}>人才库名单</PageTitle>
      <Typography.Paragraph type="secondary">后备人才优先选用查询（{clauseLabel('C-PRIORITY')}）：按梯队、单位、年龄、学术称号、任期年度等条件筛选。</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form<PoolQuery> form={form} layout="inline" initialValues={query} onFinish={apply} aria-label="筛选条件" style={{ rowGap: 12 }}>
          <Form.Item name="tier" label="梯队"><Select allowClear placeholder="全部梯队" style={{ width: 150 }} options={[1, 2, 3].map((t) => ({ value: String(t), label: tierZh(t) }))} /></Form.Item>
          <Form.Item name="unit" label="单位">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部单位（可输入名称）" style={{ width: 240 }} options={unitOptions} />
          </Form.Item>
          <Form.Item name="unitType" label="单位类型"><Select allowClear placeholder="全部" style={{ width: 130 }} options={opt(UNIT_TYPE_ZH)} /></Form.Item>
          <Form.Item name="maxAge" label="年龄不超过">
            <Select allowClear placeholder="不限" style={{ width: 130 }} options={[30, 35, 40, 45, 50].map((a) => ({ value: String(a), label: `${a} 周岁` }))} />
          </Form.Item>
          <Form.Item name="honourAtLeast" label="学术称号不低于">
            <Select allowClear showSearch placeholder="不限" style={{ width: 200 }} options={HONOUR_LADDER.map((h) => ({ value: h, label: h }))} />
          </Form.Item>
          <Form.Item name="termYear" label="任期年度"><Select allowClear placeholder="不限" style={{ width: 120 }} options={[1, 2, 3].map((y) => ({ value: String(y), label: `第 ${y} 年` }))} /></Form.Item>
          <Form.Item name="flag" label="情形"><Select allowClear placeholder="不限" style={{ width: 130 }} options={opt(FLAG_ZH)} /></Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">查询</Button>
              <Button onClick={() => { form.resetFields(); form.setFieldsValue(Object.fromEntries(KEYS.map((k) => [k, undefined]))); setParams(new URLSearchParams()); }}>清除条件</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <ErrorAlert error={error} title="查询未成功" />
      <Table<PoolMember>
        rowKey="personId"
        loading={loading}
        dataSource={data?.members ?? []}
        onRow={(m) => ({ onClick: () => navigate(`/bureau/pool/members/${encodeURIComponent(m.personId)}`), style: { cursor: 'pointer' } })}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
        locale={{ emptyText: <Empty description={filtered ? '没有符合条件的成员。可放宽条件或点击“清除条件”。' : '人才库还没有成员。请发起遴选批次，或导入组织部备案名单。'} /> }}
        columns={[
          { title: '姓名', className: 'tp-nowrap', dataIndex: 'name', render: (n: string | undefined, m) => <Link to={`/bureau/pool/members/${encodeURIComponent(m.personId)}`} onClick={(e) => e.stopPropagation()}>{n ?? '（未具名）'}</Link>, sorter: (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') },
          { title: '梯队', className: 'tp-nowrap', dataIndex: 'tier', render: (t: number) => tierZh(t), sorter: (a, b) => a.tier - b.tier, defaultSortOrder: 'ascend' },
          { title: '单位', dataIndex: 'unit', render: (u: string) => registry.name(u), sorter: (a, b) => registry.name(a.unit).localeCompare(registry.name(b.unit), 'zh-CN') },
          { title: '状态', className: 'tp-nowrap', dataIndex: 'status', render: (s: string) => <ToneTag tone={s === 'active' ? 'green' : 'orange'}>{MEMBER_STATUS_ZH[s] ?? '其他'}</ToneTag> },
          { title: '来源', dataIndex: 'source', render: (s: string) => SOURCE_ZH[s] ?? '其他' },
          { title: '任期', key: 'term', render: (_: unknown, m) => `${chineseDate(m.termStart)} 至 ${chineseDate(m.termEnd)}`, sorter: (a, b) => a.termEnd.localeCompare(b.termEnd) },
          { title: '最近考核', dataIndex: 'lastGrade', render: (g: PoolMember['lastGrade']) => g ? `${g.year} 年 ${g.grade}` : '—' },
          { title: '谈话', className: 'tp-nowrap', dataIndex: 'talks', sorter: (a, b) => a.talks - b.talks, render: (n: number) => `${n} 次` },
          { title: '培训学时', dataIndex: 'trainingHours', sorter: (a, b) => a.trainingHours - b.trainingHours },
          { title: '提醒', dataIndex: 'warnings', render: (ws: PoolMember['warnings']) => ws.map((w) => <ToneTag key={w.code} tone={w.code === 'TERM_ENDING' ? 'orange' : 'red'}>{WARNING_ZH[w.code] ?? '提醒'}</ToneTag>) },
        ]}
      />
    </>
  );
}
