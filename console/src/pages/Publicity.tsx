import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, RoundStatusTag, ToneTag, useLoad } from '../common';
import { ExportButton } from '../exports';
import { chineseDate, localizeText } from '../words';
import { OBJECTION_STATUS_ZH, publicityApi, type BureauPublicity, type Objection } from '../publicity';

/**
 * The bureau's 公示 page (S-PUBLICITY): the period with its working days (on the State
 * Council's calendar), the published list, the objections — record one received during the
 * period, resolve each with a reason (upheld: that candidate is not admitted). The round
 * admits once the period has ended with nothing pending; the page says what it waits for.
 */
interface RecordValues {
  against: string;
  receivedOn?: Dayjs;
  anonymous: boolean;
  name?: string;
  unit?: string;
  contact?: string;
  matter: string;
}

function PeriodCard({ p, status }: { p: BureauPublicity; status: string }) {
  const { period } = p;
  const state = period.closed ? '公示已结束，已转入入库' : period.running ? `公示中：已过 ${period.workingDaysElapsed} / ${period.workingDays} 个工作日` : p.pending > 0 ? `公示期已满，尚有 ${p.pending} 件异议待处理，处理完毕后入库` : '公示期已满，等待转入入库';
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16, background: '#fff' }}>
      <Descriptions.Item label="公示时间">{`${chineseDate(period.from)} 至 ${chineseDate(period.to)}`}</Descriptions.Item>
      <Descriptions.Item label="工作日">{`${period.workingDays} 个工作日（按国务院节假日及调休安排计算）`}</Descriptions.Item>
      <Descriptions.Item label="公示期满">{`${chineseDate(period.to)} 24:00（北京时间）`}</Descriptions.Item>
      <Descriptions.Item label="批次状态"><Space><RoundStatusTag status={status} /><span>{state}</span></Space></Descriptions.Item>
    </Descriptions>
  );
}

function ResolveButton({ roundId, o, onDone }: { roundId: string; o: Objection; onDone: () => void }) {
  const { api } = useApi();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm<{ status: 'upheld' | 'dismissed'; reason: string }>();
  const submit = async (v: { status: 'upheld' | 'dismissed'; reason: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await publicityApi.resolve(api, roundId, o.objectionId, v);
      message.success(`异议 ${o.objectionId} 已处理：${OBJECTION_STATUS_ZH[r.objection.status]}${r.resumed ? '；异议已全部处理，批次转入入库' : ''}`);
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>{`处理 ${o.objectionId}`}</Button>
      <Modal title={`处理异议 ${o.objectionId}`} open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <ErrorAlert error={error} title="未能处理" />
        <Typography.Paragraph>{o.matter}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ status: 'dismissed' }}>
          <Form.Item label="核查结论" name="status" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group options={[{ value: 'dismissed', label: '异议不成立（照常入库）' }, { value: 'upheld', label: '异议成立（不予入库）' }]} />
          </Form.Item>
          <Form.Item label="理由" name="reason" rules={[{ required: true, whitespace: true, message: '处理异议须写明理由' }, { max: 1000, message: '不超过 1000 字' }]}>
            <Input.TextArea rows={4} placeholder="核查经过及结论" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>确认处理</Button>
        </Form>
      </Modal>
    </>
  );
}

function RecordCard({ roundId, p, onDone }: { roundId: string; p: BureauPublicity; onDone: () => void }) {
  const { api } = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const anonymous = Form.useWatch('anonymous', form) as boolean | undefined;
  const submit = async (v: RecordValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const from = v.anonymous ? undefined : { ...(v.name?.trim() ? { name: v.name.trim() } : {}), ...(v.unit?.trim() ? { unit: v.unit.trim() } : {}), ...(v.contact?.trim() ? { contact: v.contact.trim() } : {}) };
      const r = await publicityApi.record(api, roundId, {
        against: v.against, matter: v.matter, ...(v.receivedOn ? { receivedOn: v.receivedOn.format('YYYY-MM-DD') } : {}), ...(from && Object.keys(from).length ? { from } : {}),
      });
      message.success(`已登记异议 ${r.objection.objectionId}`);
      form.resetFields();
      onDone();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        const fields = (e.body?.error.problems ?? []).filter((x) => ['against', 'receivedOn', 'matter'].includes(x.path)).map((x) => ({ name: x.path as keyof RecordValues, errors: [localizeText(x.zh)] }));
        if (fields.length) form.setFields(fields);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="登记异议（公示期内收到的）" style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} title="未能登记" />
      <Form<RecordValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ anonymous: false }}>
        <Space wrap align="start" size="large">
          <Form.Item label="反映对象" name="against" rules={[{ required: true, message: '请选择公示对象' }]}>
            <Select style={{ width: 320 }} placeholder="选择公示名单中的人选" options={p.entries.map((e) => ({ value: e.nominationId, label: `${e.name}（${e.unitAndPost}，${e.tierName}）` }))} />
          </Form.Item>
          <Form.Item label="收到日期" name="receivedOn" extra="默认今天；须在公示期内">
            <DatePicker format="YYYY-MM-DD" placeholder="选择日期" />
          </Form.Item>
          <Form.Item label="反映方式" name="anonymous" valuePropName="checked">
            <Checkbox>匿名反映</Checkbox>
          </Form.Item>
        </Space>
        {anonymous ? null : (
          <Space wrap align="start" size="large">
            <Form.Item label="反映人姓名" name="name"><Input style={{ width: 160 }} /></Form.Item>
            <Form.Item label="以单位名义（单位名称）" name="unit"><Input style={{ width: 220 }} /></Form.Item>
            <Form.Item label="联系方式" name="contact"><Input style={{ width: 220 }} /></Form.Item>
          </Space>
        )}
        <Form.Item label="反映的问题" name="matter" rules={[{ required: true, whitespace: true, message: '请填写反映的问题' }, { max: 2000, message: '不超过 2000 字' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>登记异议</Button>
      </Form>
    </Card>
  );
}

export default function Publicity() {
  const { roundId = '' } = useParams();
  const { api, config } = useApi();
  const data = useLoad(() => publicityApi.bureau(api, roundId), [api, roundId], config.refreshSeconds * 2);
  // The round's title names the page (its id is for the system, not the clerk).
  const round = useLoad(() => api.round(roundId), [api, roundId]);
  const p = data.data;
  const names = new Map((p?.entries ?? []).map((e) => [e.nominationId, e.name]));
  const open = p ? p.status === 'publicising' && !p.period.closed : false;
  return (
    <>
      <PageTitle extra={<Space wrap>
        <ExportButton body={{ kind: 'publicity-notice', roundId }} label="公示通知（Word）" />
        <ExportButton body={{ kind: 'publicity', roundId }} label="公示名单（Excel）" />
        <Link to={`/publicity/${encodeURIComponent(roundId)}`} target="_blank">公开公示页面</Link>
        <Link to={`/bureau/rounds/${encodeURIComponent(roundId)}`}>返回批次</Link>
      </Space>}>{`${round.data?.title ?? '遴选批次'} · 公示与异议`}</PageTitle>
      <ErrorAlert error={data.error} title="无法读取公示情况" />
      {p ? (
        <>
          <PeriodCard p={p} status={p.status} />
          {p.awaitingObjections ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`公示期已满，尚有 ${p.pending} 件异议待处理；全部处理后自动转入入库。`} /> : null}
          <Card title={`公示名单（${p.entries.length} 人）`} style={{ marginBottom: 16 }}>
            <Table rowKey="nominationId" size="small" pagination={false} dataSource={p.entries} columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '性别', dataIndex: 'gender' },
              { title: '出生年月', dataIndex: 'birthMonth', render: (v: string) => v.replace('-', '.') },
              { title: '工作单位及职务', dataIndex: 'unitAndPost' },
              { title: '拟入库梯队', dataIndex: 'tierName' },
              { title: '异议', key: 'objections', render: (_: unknown, e) => e.upheld ? <ToneTag tone="red">异议成立，不予入库</ToneTag> : e.objections > 0 ? `${e.objections} 件` : '无' },
            ]} />
          </Card>
          {open ? <RecordCard roundId={roundId} p={p} onDone={() => void data.reload()} /> : null}
          <Card title={`异议（${p.objections.length} 件，待处理 ${p.pending} 件）`}>
            <Table rowKey="objectionId" size="small" pagination={false} dataSource={p.objections} locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.68)' }}>尚未收到异议</span> }} columns={[
              { title: '编号', dataIndex: 'objectionId' },
              { title: '反映对象', dataIndex: 'against', render: (v: string) => names.get(v) ?? v },
              { title: '收到日期', dataIndex: 'receivedOn', render: (v: string) => chineseDate(v) },
              { title: '反映人', key: 'from', render: (_: unknown, o: Objection) => o.anonymous ? '匿名' : [o.from?.name, o.from?.unit].filter(Boolean).join('，') },
              { title: '反映的问题', dataIndex: 'matter' },
              { title: '结论', key: 'status', render: (_: unknown, o: Objection) => <ToneTag tone={o.status === 'upheld' ? 'red' : o.status === 'dismissed' ? 'green' : 'orange'}>{OBJECTION_STATUS_ZH[o.status]}</ToneTag> },
              { title: '理由', key: 'reason', render: (_: unknown, o: Objection) => o.resolution?.reason ?? '' },
              { title: '操作', key: 'op', render: (_: unknown, o: Objection) => o.status === 'pending' && open ? <ResolveButton roundId={roundId} o={o} onDone={() => void data.reload()} /> : null },
            ]} />
          </Card>
        </>
      ) : null}
    </>
  );
}
