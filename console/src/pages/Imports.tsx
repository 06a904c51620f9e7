import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Space, Table, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useApi } from '../session';
import { ApiError } from '../api';
import { PageTitle, ToneTag } from '../common';
import { useRegistry } from '../unit-registry';
import { MAX_IMPORT, postImport, type ImportAnswer, type ImportSource } from '../admin';
import { SOURCE_ZH, clauseZh, localizeDates, tierZh } from '../words';

interface Entry { form: unknown; name?: string; unit?: string; tier?: number; source?: string; where: string; problems: string[] }

/** What a person can recognise of a raw form: its name, unit and tier (nothing of the ID number). */
function summary(form: unknown): Pick<Entry, 'name' | 'unit' | 'tier' | 'source'> {
  const f = (form ?? {}) as { candidate?: { name?: unknown }; unit?: { code?: unknown; name?: unknown }; tier?: unknown; source?: unknown };
  return {
    name: typeof f.candidate?.name === 'string' ? f.candidate.name : undefined,
    unit: typeof f.unit?.name === 'string' ? f.unit.name : typeof f.unit?.code === 'string' ? f.unit.code : undefined,
    tier: typeof f.tier === 'number' ? f.tier : undefined,
    source: typeof f.source === 'string' ? f.source : undefined,
  };
}

/** A JSON file: an array of forms, or `{ entries: [...] }`. */
function readJson(text: string): Entry[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error('文件不是有效的 JSON：请选择导出的推荐表 JSON 文件（推荐表的数组）');
  }
  const list = Array.isArray(v) ? v : Array.isArray((v as { entries?: unknown })?.entries) ? (v as { entries: unknown[] }).entries : [v];
  return list.map((form, i) => ({ form, ...summary(form), where: `第 ${i + 1} 条`, problems: [] }));
}

/** The Excel template, read in the browser by the same pure reader intake uses (fetched only when needed). */
async function readExcel(bytes: Uint8Array): Promise<Entry[]> {
  const { readNominationWorkbook } = await import('../../../formats/xlsx/nomination');
  const res = readNominationWorkbook(bytes);
  if (!res.ok) throw new Error(`无法读取 Excel 文件：${res.problems.map((p) => p.zh).join('；')}`);
  return res.value.map((row) => ({ form: row.form, ...summary(row.form), where: `第 ${row.row} 行`, problems: row.problems.map((p) => `${p.cell ? `${p.cell}：` : ''}${p.zh}`) }));
}

/** The API's message about an entry in words: a source code by its name, "第 2 条的" said once (the entry is named before it). */
function entryText(zh: string): string {
  return localizeDates(zh.replace(/^第 ?\d+ ?条的?/, '')
    .replace(/\s?\b(org-dept-list|legacy-young-cadre|selection|imported-talent)\b\s?/g, (_m, code: string) => SOURCE_ZH[code] ?? code));
}

/** "entries.1.candidate.idNumber" → 第 2 条（钱浩） with the rest of the path left to the message. */
function entryOf(path: string, entries: Entry[]): string {
  const m = /^entries\.(\d+)/.exec(path);
  if (!m) return '';
  const e = entries[Number(m[1])];
  // The preview's own words for it: 第 2 条 of a JSON list, 第 3 行 of the workbook.
  return `${e?.where ?? `第 ${Number(m[1]) + 1} 条`}${e?.name ? `（${e.name}）` : ''}`;
}

/**
 * The filed-list import (S-ORGLIST 三(三), X-LEGACY 六(一); issue #11.6): the Organization
 * Department's filed list, or the former outstanding young cadres, entered as filed on its
 * date under its document number — previewed here, filed all or none by POST /pool/imports.
 */
export default function Imports() {
  const { api } = useApi();
  const registry = useRegistry(api);
  const [source, setSource] = useState<ImportSource>('org-dept-list');
  const [on, setOn] = useState<Dayjs | null>(null);
  const [documentNo, setDocumentNo] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [readError, setReadError] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<ImportAnswer | undefined>(undefined);
  const [refusal, setRefusal] = useState<unknown>(undefined);

  async function choose(file: File) {
    setReadError(undefined);
    setAnswer(undefined);
    setRefusal(undefined);
    setFileName(file.name);
    try {
      const read = /\.xlsx$/i.test(file.name) ? await readExcel(new Uint8Array(await file.arrayBuffer())) : readJson(await file.text());
      if (read.length > MAX_IMPORT) throw new Error(`一次最多导入 ${MAX_IMPORT} 人，此文件有 ${read.length} 人`);
      setEntries(read);
    } catch (e) {
      setEntries([]);
      setReadError(e instanceof Error ? e.message : String(e));
    }
  }

  async function submit() {
    if (!on || !documentNo.trim() || !entries.length) return;
    setSending(true);
    setRefusal(undefined);
    setAnswer(undefined);
    try {
      setAnswer(await postImport(api, { source, on: on.format('YYYY-MM-DD'), documentNo: documentNo.trim(), entries: entries.map((e) => e.form) }));
    } catch (e) {
      setRefusal(e);
    } finally {
      setSending(false);
    }
  }

  const missing = [!on && '备案日期', !documentNo.trim() && '文号', !entries.length && '名单文件'].filter(Boolean) as string[];
  const api_ = refusal instanceof ApiError ? refusal : undefined;
  const problems = api_?.body?.error.problems ?? [];

  return (
    <>
      <PageTitle extra={<Link to="/bureau/pool">查看人才库</Link>}>备案名单导入</PageTitle>
      <Typography.Paragraph type="secondary">
        区委组织部备案的后备干部名单（依据 {clauseZh('S-ORGLIST')}），或原优秀中青年干部（依据 {clauseZh('X-LEGACY')}，仅第二梯队），按备案直接入库，不参加遴选排名；整批导入，任何一人不符合规定则整批不导入。
      </Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label="名单来源" required>
            <Radio.Group value={source} onChange={(e) => setSource(e.target.value as ImportSource)}
              options={[{ value: 'org-dept-list', label: SOURCE_ZH['org-dept-list'] }, { value: 'legacy-young-cadre', label: SOURCE_ZH['legacy-young-cadre'] }]} />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item label="备案日期" required htmlFor="import-on"><DatePicker id="import-on" value={on} onChange={setOn} placeholder="选择日期" /></Form.Item>
            <Form.Item label="文号" required htmlFor="import-doc"><Input id="import-doc" value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} placeholder="如 坛组干〔2026〕21号" style={{ width: 280 }} /></Form.Item>
          </Space>
          <Form.Item label="名单文件（推荐表 JSON，或填好的 Excel 推荐表模板）" required>
            <Upload accept=".json,.xlsx" maxCount={1} showUploadList={false} beforeUpload={(f) => { void choose(f); return false; }}>
              <Button>选择文件</Button>
            </Upload>
            {fileName ? <Typography.Text style={{ marginLeft: 12 }}>已选择：{fileName}（{entries.length} 人）</Typography.Text> : null}
          </Form.Item>
        </Form>
        {readError ? <Alert type="error" showIcon role="alert" title={readError} style={{ marginBottom: 16 }} /> : null}
        {entries.length ? (
          <>
            <Typography.Title level={3} style={{ fontSize: 16 }}>预览</Typography.Title>
            <Table<Entry & { key: number }>
              size="small"
              pagination={false}
              dataSource={entries.map((e, key) => ({ ...e, key }))}
              columns={[
                { title: '序号', dataIndex: 'where' },
                { title: '姓名', dataIndex: 'name', render: (v?: string) => v ?? '（未填）' },
                { title: '单位', dataIndex: 'unit', render: (v?: string) => v ?? '（未填）' },
                { title: '梯队', dataIndex: 'tier', render: (t?: number) => tierZh(t) },
                { title: '表中来源', dataIndex: 'source', render: (s?: string) => (s ? SOURCE_ZH[s] ?? '其他' : '（未填）') },
                { title: '读取问题', dataIndex: 'problems', render: (ps: string[]) => ps.length ? ps.join('；') : '—' },
              ]}
            />
          </>
        ) : null}
        <div style={{ marginTop: 16 }}>
          <Button type="primary" loading={sending} disabled={missing.length > 0} onClick={() => void submit()}>提交导入</Button>
          {missing.length ? <Typography.Text type="secondary" style={{ marginLeft: 12 }}>请先填写：{missing.join('、')}</Typography.Text> : null}
        </div>
      </Card>
      {refusal ? (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }}
          title={`未能导入：${localizeDates(api_ ? api_.message : refusal instanceof Error ? refusal.message : String(refusal))}`}
          description={problems.length ? (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {problems.slice(0, 50).map((p, i) => <li key={`${p.code}-${i}`}>{entryOf(p.path, entries) ? `${entryOf(p.path, entries)}：` : ''}{entryOf(p.path, entries) ? entryText(p.zh) : localizeDates(p.zh)}</li>)}
              {problems.length > 50 ? <li>另有 {problems.length - 50} 个问题</li> : null}
            </ul>
          ) : undefined} />
      ) : null}
      {answer ? (
        <Card title={answer.recorded === false ? '该名单此前已导入，本次未重复入库' : `已导入 ${answer.entries.filter((e) => e.status === 'filed').length} 人`}>
          <Table
            rowKey="index"
            size="small"
            pagination={false}
            dataSource={answer.entries}
            columns={[
              { title: '姓名', dataIndex: 'name', render: (n: string, e) => <Link to={`/bureau/pool/members/${encodeURIComponent(e.personId)}`}>{n}</Link> },
              { title: '单位', dataIndex: 'unit', render: (u: string) => registry.name(u) },
              { title: '梯队', dataIndex: 'tier', render: (t: number) => tierZh(t) },
              { title: '结果', dataIndex: 'status', render: (s: string) => (s === 'filed' ? <ToneTag tone="green">已入库</ToneTag> : <ToneTag>此前已入库</ToneTag>) },
              { title: '资格审查（仅供参考）', key: 'v', render: (_: unknown, e) => (e.verdict.eligible ? <ToneTag tone="green">符合条件</ToneTag> : <span><ToneTag tone="orange">不符合条件</ToneTag>{e.verdict.reasons.filter((r) => !r.ok).map((r) => r.message).join('；')}</span>) },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
