import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../api';
import type { ApiClient } from '../api';
import { ErrorAlert } from '../common';
import { appoint, record } from '../pool';
import type { Problem } from '../types';
import type { Unit } from '../pool';
import { POST_AREA_ZH, POST_KIND_ZH, ROTATION_KIND_ZH, TALK_KIND_ZH, TALK_TRIGGER_ZH, TRAINING_KIND_ZH, clauseLabel, fieldMessageZh } from '../words';

export type RecordKind = 'talk' | 'training' | 'rotation' | 'veto' | 'appointment' | 'renewal';

export const RECORD_TITLE: Record<RecordKind, string> = {
  talk: '记录谈话', training: '记录培训', rotation: '记录轮岗锻炼', veto: '记录一票否决', appointment: '记录任用', renewal: '续任一届',
};

const opt = (rec: Record<string, string>, omit: string[] = []) => Object.entries(rec).filter(([k]) => !omit.includes(k)).map(([value, label]) => ({ value, label }));
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The form's values as the API's body (contracts/api.ts); optional fields left out when empty. */
function bodyOf(kind: RecordKind, v: Record<string, unknown>, personId: string, units: Map<string, Unit>): unknown {
  const d = (k: string) => day(v[k] as Dayjs | undefined);
  switch (kind) {
    case 'talk': return { on: d('on'), by: text(v.by), kind: v.kind, triggers: v.triggers ?? [], ...(text(v.notes) ? { notes: text(v.notes) } : {}) };
    case 'training': return { kind: v.kind, title: text(v.title), provider: text(v.provider), hours: v.hours, from: d('from'), to: d('to') };
    case 'rotation': {
      const code = v.hostUnitCode as string | undefined;
      const name = code ? units.get(code)?.name : text(v.hostUnitName);
      return { kind: v.kind, hostUnit: { ...(code ? { code } : {}), name }, postArea: v.postArea, from: d('from'), to: d('to') ?? null };
    }
    case 'veto': return { on: d('on'), matter: text(v.matter), reportedBy: text(v.reportedBy), ...(text(v.documentNo) ? { documentNo: text(v.documentNo) } : {}) };
    case 'renewal': return { on: d('on'), reason: text(v.reason) };
    case 'appointment': return {
      personId, on: d('on'), post: { kind: v.postKind, title: text(v.postTitle), unitCode: v.postUnit },
      ...(text(v.documentNo) ? { documentNo: text(v.documentNo) } : {}),
    };
  }
}

/** The API's field path → the form's field (most are the same name). */
const FIELD_OF: Record<string, string> = { 'hostUnit.name': 'hostUnitName', 'hostUnit.code': 'hostUnitCode', hostUnit: 'hostUnitName', 'post.kind': 'postKind', 'post.title': 'postTitle', 'post.unitCode': 'postUnit', post: 'postTitle' };

const FIELDS: Record<RecordKind, string[]> = {
  talk: ['on', 'by', 'kind', 'triggers', 'notes'],
  training: ['kind', 'title', 'provider', 'hours', 'from', 'to'],
  rotation: ['kind', 'hostUnitCode', 'hostUnitName', 'postArea', 'from', 'to'],
  veto: ['on', 'matter', 'reportedBy', 'documentNo'],
  appointment: ['postKind', 'postTitle', 'postUnit', 'on', 'documentNo'],
  renewal: ['on', 'reason'],
};
/** The form's field a problem's path names ("triggers.0" → triggers), if the form has it. */
function fieldOf(kind: RecordKind, path: string): string | undefined {
  const f = FIELD_OF[path] ?? FIELD_OF[path.split('.').slice(0, 2).join('.')] ?? path.split('.')[0] ?? '';
  return FIELDS[kind].includes(f) ? f : undefined;
}

/**
 * A drawer with the form for one kind of record (C-TALK, D-TRAIN, D-ROTATE, M-VETO, X-USE).
 * What the API refuses is shown on the field it names, in Chinese; a refusal about no field
 * above the form.
 */
export function RecordDrawer({ kind, open, onClose, onSaved, api, personId, units }: {
  kind: RecordKind; open: boolean; onClose(): void; onSaved(): void; api: ApiClient; personId: string; units: Unit[];
}) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const { message } = App.useApp();
  const byCode = new Map(units.map((u) => [u.code, u]));
  const unitOptions = units.map((u) => ({ value: u.code, label: u.name })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));

  const submit = async (values: Record<string, unknown>) => {
    setSaving(true);
    setError(undefined);
    try {
      const body = bodyOf(kind, values, personId, byCode);
      if (kind === 'appointment') await appoint(api, body);
      else await record(api, personId, ({ talk: 'talks', veto: 'vetoes', training: 'training', rotation: 'rotations', renewal: 'renewals' } as const)[kind], body);
      void message.success(`${RECORD_TITLE[kind].replace('记录', '')}已记录`);
      form.resetFields();
      onSaved();
    } catch (e) {
      const problems: Problem[] = e instanceof ApiError ? e.body?.error.problems ?? [] : [];
      const onField = problems.flatMap((p) => { const f = fieldOf(kind, p.path); return f ? [{ p, f }] : []; });
      form.setFields(onField.map(({ p, f }) => ({ name: f, errors: [fieldMessageZh(p.zh)] })));
      // Shown above the form too (what failed and why), unless every problem sits on its field.
      if (!problems.length || onField.length < problems.length) setError(e);
    } finally {
      setSaving(false);
    }
  };

  const date = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请选择${label}` }] : []}>
      <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} placeholder="年-月-日" />
    </Form.Item>
  );
  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

  return (
    <Drawer title={RECORD_TITLE[kind]} open={open} onClose={onClose} size={480} destroyOnHidden
      footer={<Space><Button onClick={onClose}>取消</Button><Button type="primary" loading={saving} onClick={() => form.submit()}>保存</Button></Space>}>
      <ErrorAlert error={error} title="未能保存" />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v as Record<string, unknown>)} initialValues={kind === 'talk' ? { kind: 'regular', triggers: [] } : {}}>
        {kind === 'talk' ? (
          <>
            {date('on', '谈话日期')}
            <Form.Item name="by" label="谈话人" rules={required('谈话人')}><Input maxLength={100} placeholder="如 区教育工委 张书记" /></Form.Item>
            <Form.Item name="kind" label="谈话类别"><Select options={opt(TALK_KIND_ZH)} /></Form.Item>
            <Form.Item name="triggers" label="必谈情形（四必谈，可多选）"><Select mode="multiple" allowClear options={opt(TALK_TRIGGER_ZH, ['removal'])} placeholder="不属于必谈情形可不选" /></Form.Item>
            <Form.Item name="notes" label="谈话要点"><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
          </>
        ) : null}
        {kind === 'training' ? (
          <>
            <Form.Item name="kind" label="培训类别" rules={[{ required: true, message: '请选择培训类别' }]}><Select options={opt(TRAINING_KIND_ZH)} /></Form.Item>
            <Form.Item name="title" label="培训名称" rules={required('培训名称')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="provider" label="举办单位" rules={required('举办单位')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}><InputNumber min={0.5} max={2000} step={0.5} style={{ width: '100%' }} /></Form.Item>
            {date('from', '开始日期')}
            {date('to', '结束日期')}
          </>
        ) : null}
        {kind === 'rotation' ? (
          <>
            <Form.Item name="kind" label="锻炼方式" rules={[{ required: true, message: '请选择锻炼方式' }]}><Select options={opt(ROTATION_KIND_ZH)} /></Form.Item>
            <Form.Item name="hostUnitCode" label="接收单位（区内单位）"><Select allowClear showSearch={{ optionFilterProp: 'label' }} options={unitOptions} placeholder="选择区内单位，或在下方填写单位名称" /></Form.Item>
            <Form.Item name="hostUnitName" label="接收单位名称（区外单位）"><Input maxLength={200} /></Form.Item>
            <Form.Item name="postArea" label="岗位类别" rules={[{ required: true, message: '请选择岗位类别' }]}><Select options={opt(POST_AREA_ZH)} /></Form.Item>
            {date('from', '开始日期')}
            {date('to', '结束日期（尚未结束可不填）', false)}
          </>
        ) : null}
        {kind === 'veto' ? (
          <>
            {date('on', '事项发生日期')}
            <Form.Item name="matter" label="一票否决事项" rules={required('事项')}><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
            <Form.Item name="reportedBy" label="报告单位" rules={required('报告单位')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="documentNo" label="文号（如有）"><Input maxLength={100} /></Form.Item>
          </>
        ) : null}
        {kind === 'renewal' ? (
          <>
            <p>总结性考核合格的成员，可在任期届满前续任一届（三年，{clauseLabel('M-TERM')}）；未通过总结性考核、已出库或超出梯队名额的，系统将说明原因并拒绝。</p>
            {date('on', '续任日期')}
            <Form.Item name="reason" label="续任理由" rules={required('续任理由')}><Input.TextArea rows={3} maxLength={1000} showCount /></Form.Item>
          </>
        ) : null}
        {kind === 'appointment' ? (
          <>
            <Form.Item name="postKind" label="职务类别" rules={[{ required: true, message: '请选择职务类别' }]}><Select options={opt(POST_KIND_ZH)} /></Form.Item>
            <Form.Item name="postTitle" label="职务名称" rules={required('职务名称')}><Input maxLength={100} placeholder="如 副校长" /></Form.Item>
            <Form.Item name="postUnit" label="任职单位" rules={[{ required: true, message: '请选择任职单位' }]}><Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} /></Form.Item>
            {date('on', '任职日期')}
            <Form.Item name="documentNo" label="任职文号（如有）"><Input maxLength={100} /></Form.Item>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
