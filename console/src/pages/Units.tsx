import { useMemo, useState } from 'react';
import { App, Button, Drawer, Form, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { useApi } from '../session';
import { ApiError } from '../api';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { listRegistry, putUnit, type RegistryUnit, type UnitContact } from '../admin';
import { UNIT_TYPE_ZH, beijingTime, localizeText } from '../words';

const CONTACT_FIELD_ZH: Record<string, string> = { name: '联系人', role: '职务', phone: '电话', email: '电子邮箱', wecomWebhook: '企业微信群机器人', dingtalkWebhook: '钉钉群机器人', wecomSecret: '企业微信群机器人密钥名称', dingtalkSecret: '钉钉群机器人密钥名称' };
const UNIT_FIELD_ZH: Record<string, string> = { code: '单位代码', name: '单位名称', type: '单位类型', orgDeptManaged: '组织部管理', group: '集团校', contacts: '联系人' };

/** "contacts.0.phone" → the form's field ['contacts', 0, 'phone'] and its words. */
function fieldOf(path: string): { name: (string | number)[]; zh: string } {
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === 'contacts' && typeof parts[1] === 'number') {
    const f = String(parts[2] ?? '');
    return { name: parts, zh: `第 ${parts[1] + 1} 位联系人${CONTACT_FIELD_ZH[f] ? `的${CONTACT_FIELD_ZH[f]}` : ''}` };
  }
  return { name: parts, zh: UNIT_FIELD_ZH[String(parts[0])] ?? path };
}

/** The API names the field in its message (「contacts.0.phone」应为…); the form says it in words already. */
const said = (zh: string) => localizeText(zh.replace(/^「[\w.]+」\s*/, ''));

interface FormValues { code: string; name: string; type: string; orgDeptManaged: boolean; group?: string; contacts?: UnitContact[] }

// contracts/ids.ts UNIT_CODE_PATTERN (copied: that module brings zod into the bundle).
const CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

/** The unit registry (issue #11.7): every unit by code with its type, S-ORGLIST management, group and contacts. */
export default function Units() {
  const { api } = useApi();
  const { message } = App.useApp();
  const list = useLoad(() => listRegistry(api), [api]);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<RegistryUnit | 'new' | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();

  const shown = useMemo(() => (list.data ?? []).filter((u) => !q.trim() || u.name.includes(q.trim()) || u.code.includes(q.trim().toUpperCase()))
    .sort((a, b) => a.code.localeCompare(b.code)), [list.data, q]);

  function open(u: RegistryUnit | 'new') {
    setError(undefined);
    setEditing(u);
    form.resetFields();
    form.setFieldsValue(u === 'new' ? { orgDeptManaged: false, type: 'primary', contacts: [] } : { ...u, contacts: u.contacts.map((c) => ({ ...c })) });
  }

  async function submit(v: FormValues) {
    setSaving(true);
    setError(undefined);
    form.setFields(form.getFieldsError().map((f) => ({ name: f.name as never, errors: [] })));
    const clean = (c: UnitContact): UnitContact => Object.fromEntries(Object.entries(c).filter(([, x]) => typeof x === 'string' && x.trim() !== '')) as unknown as UnitContact;
    try {
      const res = await putUnit(api, v.code.trim(), {
        name: v.name, type: v.type, orgDeptManaged: Boolean(v.orgDeptManaged),
        ...(v.group?.trim() ? { group: v.group.trim() } : {}),
        contacts: (v.contacts ?? []).map(clean),
      });
      void message.success(res.created ? `已登记单位：${res.unit.name}` : `已保存单位：${res.unit.name}`);
      setEditing(undefined);
      await list.reload();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        form.setFields((e.body?.error.problems ?? []).filter((p) => p.path).map((p) => ({ name: fieldOf(p.path).name as never, errors: [said(p.zh)] })));
      }
    } finally {
      setSaving(false);
    }
  }

  const problems = error instanceof ApiError ? error.body?.error.problems ?? [] : [];

  return (
    <>
      <PageTitle extra={<Button type="primary" onClick={() => open('new')}>登记单位</Button>}>单位名册</PageTitle>
      <ErrorAlert error={list.error} title="无法读取单位名册" />
      <Space style={{ marginBottom: 16 }}>
        <Input.Search aria-label="按名称查找单位" placeholder="按单位名称或代码查找" allowClear value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 320 }} />
        <Typography.Text type="secondary">共 {shown.length} 个单位</Typography.Text>
      </Space>
      <Table<RegistryUnit>
        rowKey="code"
        loading={list.loading}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 个单位` }}
        columns={[
          { title: '单位代码', dataIndex: 'code' },
          { title: '单位名称', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
          { title: '类型', dataIndex: 'type', render: (t: string) => UNIT_TYPE_ZH[t] ?? '其他' },
          { title: '组织部管理', dataIndex: 'orgDeptManaged', render: (b: boolean) => (b ? <ToneTag tone="blue">是</ToneTag> : '否') },
          { title: '集团校', dataIndex: 'group', render: (g?: string) => g ?? '—' },
          { title: '联系人', dataIndex: 'contacts', render: (cs: UnitContact[]) => cs.length ? cs.map((c) => [c.name, c.role, c.phone ?? c.email].filter(Boolean).join(' ')).join('；') : '—' },
          { title: '更新时间（北京时间）', dataIndex: 'updatedAt', render: (t?: string) => beijingTime(t) },
          { title: '操作', key: 'edit', render: (_: unknown, u) => <Button size="small" onClick={() => open(u)}>修改</Button> },
        ]}
      />
      <Drawer open={editing !== undefined} onClose={() => setEditing(undefined)} size={560}
        title={editing === 'new' ? '登记单位' : `修改单位：${editing?.name ?? ''}`}
        extra={<Button type="primary" loading={saving} onClick={() => form.submit()}>保存</Button>}>
        {error ? (
          <ErrorAlert error={problems.length ? new Error(`未能保存：${problems.map((p) => `${fieldOf(p.path).zh}${said(p.zh)}`).join('；')}`) : error} title={problems.length ? undefined : '未能保存'} />
        ) : null}
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
          <Form.Item name="code" label="单位代码" extra="如 JT-XYXX（大写字母、数字，以“-”分段）"
            rules={[{ required: true, message: '请填写单位代码' }, { pattern: CODE, message: '单位代码格式不正确（如 JT-XYXX）' }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="type" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
            <Select options={Object.entries(UNIT_TYPE_ZH).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="orgDeptManaged" label="干部由区委组织部管理（S-ORGLIST）" valuePropName="checked"><Switch checkedChildren="是" unCheckedChildren="否" /></Form.Item>
          <Form.Item name="group" label="所属集团校"><Input maxLength={100} placeholder="不属于集团校可不填" /></Form.Item>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                <Typography.Text strong>联系人（电话、电子邮箱、群机器人至少填一项）</Typography.Text>
                {fields.map((f) => (
                  <div key={f.key} style={{ border: '1px solid #f0f0f0', padding: 12, margin: '8px 0', borderRadius: 6 }}>
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'name']} label="联系人" rules={[{ required: true, message: '请填写联系人' }]}><Input /></Form.Item>
                      <Form.Item name={[f.name, 'role']} label="职务"><Input /></Form.Item>
                      <Form.Item name={[f.name, 'phone']} label="电话"><Input /></Form.Item>
                      <Form.Item name={[f.name, 'email']} label="电子邮箱"><Input /></Form.Item>
                    </Space>
                    <Form.Item name={[f.name, 'wecomWebhook']} label="企业微信群机器人地址"><Input /></Form.Item>
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'wecomSecret']} label="企业微信群机器人密钥名称" extra="通知经此发送：Secrets Manager 中 talent-pool/notify/ 下的密钥名称（地址含机器人 key，不在名册中保存）"><Input placeholder="talent-pool/notify/…" /></Form.Item>
                      <Form.Item name={[f.name, 'dingtalkSecret']} label="钉钉群机器人密钥名称"><Input placeholder="talent-pool/notify/…" /></Form.Item>
                    </Space>
                    <Button size="small" danger onClick={() => remove(f.name)}>删除此联系人</Button>
                  </div>
                ))}
                <div><Button onClick={() => add({})} style={{ marginTop: 8 }}>添加联系人</Button></div>
              </>
            )}
          </Form.List>
        </Form>
      </Drawer>
    </>
  );
}
