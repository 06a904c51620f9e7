import { useState } from 'react';
import { App, Button, Card, Input, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { AssessmentRow, SheetProblem } from '../../../formats/xlsx/assessment';
import { useApi } from '../session';
import { ASSESSMENT_RULES, refusalOf, submitAssessment, type AssessmentItem, type AssessmentRequest } from '../school';
import { tierZh } from '../words';

/** A row ready to send (the sheet module's isComplete, restated so its import stays lazy). */
const isComplete = (r: AssessmentRow) => r.problems.length === 0 && r.grade !== undefined && r.score !== undefined && r.assessedBy !== undefined;

/** The pure sheet module (fflate + fast-xml-parser) is fetched only when a button is pressed: not in the initial bundle. */
const sheetModule = () => import('../../../formats/xlsx/assessment');

type Outcome = { saved: true } | { saved: false; zh: string };

function saveFile(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The Excel round trip of the assessment window: download the unit's members with empty grade
 * and score columns (built in the browser), upload the filled sheet, read it in the browser
 * with every problem at its cell, and send only the rows without one through the same PUT as
 * the table — then say which were saved and which the API refused. Nothing is guessed.
 */
export function AssessmentExcel({ reviewId, year, members, onSaved }: { reviewId: string; year?: number; members: AssessmentItem[]; onSaved: () => void }) {
  const { api } = useApi();
  const { message } = App.useApp();
  const [assessedBy, setAssessedBy] = useState('');
  const [preview, setPreview] = useState<{ fileName: string; rows: AssessmentRow[]; problems: SheetProblem[] } | undefined>();
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [busy, setBusy] = useState(false);
  const fileName = `${year ?? ''}年度考核表.xlsx`;

  const download = async () => {
    const { buildAssessmentSheet } = await sheetModule();
    const bytes = buildAssessmentSheet(members.map((m) => ({ personId: m.personId, name: m.name ?? '', tier: tierZh(m.tier) })), ASSESSMENT_RULES, assessedBy.trim());
    saveFile(bytes, fileName);
    void message.success(`已下载「${fileName}」（${members.length} 人）`);
  };

  const read = async (file: File) => {
    const { readAssessmentSheet } = await sheetModule();
    const known = new Map(members.map((m) => [m.personId, m.name ?? m.personId]));
    const result = readAssessmentSheet(new Uint8Array(await file.arrayBuffer()), known, ASSESSMENT_RULES);
    setOutcomes({});
    setPreview({ fileName: file.name, ...result });
  };

  const ready = preview?.rows.filter(isComplete) ?? [];
  const withProblems = preview?.rows.filter((r) => r.problems.length > 0).length ?? 0;

  const submit = async () => {
    setBusy(true);
    const done: Record<number, Outcome> = {};
    // One at a time, in the sheet's order: the API's answer for each row is reported on it.
    for (const r of ready) {
      try {
        await submitAssessment(api, reviewId, r.personId, { grade: r.grade as AssessmentRequest['grade'], score: r.score as number, assessedBy: r.assessedBy as string });
        done[r.row] = { saved: true };
      } catch (e) {
        const ref = refusalOf(e);
        done[r.row] = { saved: false, zh: Object.values(ref).join('；') };
      }
      setOutcomes({ ...done });
    }
    setBusy(false);
    const saved = Object.values(done).filter((o) => o.saved).length;
    void message.info(`已保存 ${saved} 行，未保存 ${ready.length - saved} 行`);
    onSaved();
  };

  return (
    <Card size="small" title="用 Excel 填报" style={{ marginBottom: 16 }}>
      <Space wrap align="center">
        <Input style={{ width: 220 }} aria-label="考核主体（预填到考核表）" placeholder="考核主体，如：学校党组织（可不填）" value={assessedBy} onChange={(e) => setAssessedBy(e.target.value)} />
        <Button icon={<DownloadOutlined />} onClick={() => void download()}>下载考核表（Excel）</Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { void read(file); return Upload.LIST_IGNORE; }}>
          <Button icon={<UploadOutlined />}>上传填好的考核表</Button>
        </Upload>
      </Space>
      {preview ? (
        <div style={{ marginTop: 16 }} data-testid="sheet-preview">
          <Typography.Paragraph>
            {`「${preview.fileName}」：共 ${preview.rows.length} 行，可报送 ${ready.length} 行${withProblems ? `，有问题 ${withProblems} 行（不报送，请改正后重新上传）` : ''}。`}
          </Typography.Paragraph>
          {preview.problems.map((p) => <Typography.Paragraph key={p.code} type="danger" role="alert">{p.zh}</Typography.Paragraph>)}
          <Table<AssessmentRow>
            rowKey="row"
            size="small"
            dataSource={preview.rows}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: '考核表中没有人员行。请在下载的考核表中填写后再上传。' }}
            columns={[
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '姓名', dataIndex: 'name' },
              { title: '考核等次', dataIndex: 'grade', render: (g?: string) => g ?? '—' },
              { title: '考核分数', dataIndex: 'score', render: (s?: number) => s ?? '—' },
              { title: '考核主体', dataIndex: 'assessedBy', render: (s?: string) => s ?? '—' },
              {
                title: '检查与报送', key: 'check',
                render: (_: unknown, r) => {
                  const o = outcomes[r.row];
                  if (o) return o.saved ? <span className="tp-saved">已保存</span> : <span style={{ color: '#a8071a' }}>未保存：{o.zh}</span>;
                  if (r.problems.length) return <ul style={{ margin: 0, paddingLeft: 16, color: '#a8071a' }}>{r.problems.map((p, i) => <li key={i}>{p.zh}</li>)}</ul>;
                  return isComplete(r) ? '可报送' : <Typography.Text type="secondary">未填写，不报送</Typography.Text>;
                },
              },
            ]}
          />
          <Button type="primary" style={{ marginTop: 8 }} disabled={!ready.length || busy || Object.keys(outcomes).length > 0} loading={busy} onClick={() => void submit()}>
            {`报送无问题的 ${ready.length} 行`}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
