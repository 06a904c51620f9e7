import { useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Empty, Input, InputNumber, Select, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { ASSESSED_BY_MAX, GRADES, SCORE_RANGE, assessments, refusalOf, schoolReviews, submitAssessment, windowOpen, type AssessmentItem, type Refusal } from '../school';
import { REVIEW_KIND_ZH, beijingTime, clauseLabel, tierZh, timeLeft } from '../words';
import { AssessmentExcel } from './AssessmentExcel';

interface Draft { grade?: string; score?: number | null; assessedBy?: string; meetsPostConditions?: boolean }

function FieldError({ text, id }: { text?: string; id: string }) {
  return text ? <div id={id} role="alert" className="tp-field-error" style={{ color: '#a8071a', fontSize: 12, marginTop: 2 }}>{text}</div> : null;
}

/**
 * One review's assessment window for the school (X-UNITS): its own members under review, each
 * with the grade (the plan's), score (0–100, AssessmentBody) and assessor to fill and a
 * submit of its own; the API's refusals shown on the row's fields; what is submitted marked.
 * The close time is Beijing time with the time left; once closed, the page is read-only.
 * The API judges every value (the inputs do not clamp), so what it refuses is what is shown.
 */
export default function SchoolAssessment() {
  const { reviewId = '' } = useParams();
  const { api, session } = useApi();
  const { message } = App.useApp();
  const list = useLoad(() => assessments(api, reviewId), [api, reviewId]);
  const meta = useLoad(async () => (await schoolReviews(api)).find((r) => r.reviewId === reviewId), [api, reviewId]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [refusals, setRefusals] = useState<Record<string, Refusal>>({});
  const [saving, setSaving] = useState<string | undefined>();
  const now = new Date();
  const data = list.data;
  const open = data ? windowOpen(data, now) : false;
  const members = data?.members ?? [];
  const submitted = members.filter((m) => m.submitted).length;

  const draftOf = (m: AssessmentItem): Draft => drafts[m.personId] ?? {
    ...(m.submitted ? { grade: m.submitted.grade, ...(m.submitted.score !== undefined ? { score: m.submitted.score } : {}) } : {}),
  };
  const edit = (m: AssessmentItem, d: Draft) => {
    setDrafts((all) => ({ ...all, [m.personId]: { ...(all[m.personId] ?? draftOf(m)), ...d } }));
  };
  const save = async (m: AssessmentItem) => {
    const d = draftOf(m);
    const missing: Refusal = {};
    if (!d.grade) missing.grade = '请选择考核等次';
    if (d.score === undefined || d.score === null) missing.score = '请填写考核分数';
    if (!d.assessedBy?.trim()) missing.assessedBy = '请填写考核主体';
    if (Object.keys(missing).length) { setRefusals((r) => ({ ...r, [m.personId]: missing })); return; }
    setSaving(m.personId);
    try {
      await submitAssessment(api, reviewId, m.personId, {
        grade: d.grade as (typeof GRADES)[number], score: d.score as number, assessedBy: (d.assessedBy ?? '').trim(),
        ...(d.meetsPostConditions !== undefined ? { meetsPostConditions: d.meetsPostConditions } : {}),
      });
      setRefusals((r) => { const { [m.personId]: _gone, ...rest } = r; return rest; });
      void message.success(`已报送 ${m.name ?? '该人员'} 的考核`);
      await list.reload();
    } catch (e) {
      setRefusals((r) => ({ ...r, [m.personId]: refusalOf(e) }));
    } finally {
      setSaving(undefined);
    }
  };

  const year = meta.data?.year;
  return (
    <>
      <PageTitle extra={<Link to="/school/reviews">返回年度考核</Link>}>{`${session.name} · ${year ? `${year} 年度` : ''}考核填报`}</PageTitle>
      <ErrorAlert error={list.error} title="无法读取考核名单" />
      {data ? (
        <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }} items={[
          { key: 'close', label: '报送截止（北京时间）', children: data.windowClosesAt ? beijingTime(data.windowClosesAt) : '—' },
          { key: 'left', label: '剩余时间', children: data.windowClosesAt && open ? timeLeft(data.windowClosesAt, now) : '已截止' },
          { key: 'done', label: '已报送', children: `${submitted} / ${members.length} 人` },
        ]} />
      ) : null}
      {data && !open ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="报送期已结束，考核表只读"
          description="本次考核已截止报送，不能再填写或修改。已报送的等次和分数列在下面；如有遗漏或错误，请联系区教育局。" />
      ) : null}
      {data && open ? (
        <Typography.Paragraph type="secondary">
          为本单位每位后备人才选择考核等次（{GRADES.join('、')}），填写 {SCORE_RANGE.min}–{SCORE_RANGE.max} 分的考核分数和考核主体，逐行“报送”（{clauseLabel('X-UNITS')}）。截止前可重新报送以更正。也可下载考核表在 Excel 中填写后整表上传。
        </Typography.Paragraph>
      ) : null}
      {data && open && members.length ? <AssessmentExcel reviewId={reviewId} year={year} members={members} onSaved={() => void list.reload()} /> : null}
      <Table<AssessmentItem>
        rowKey="personId"
        loading={list.loading}
        dataSource={members}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
        locale={{ emptyText: <Empty description="本次考核没有本单位需要报送的后备人才，无需填报。如认为名单有误，请联系区教育局。" /> }}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (n?: string) => n ?? '（未登记姓名）', sorter: (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') },
          { title: '梯队', dataIndex: 'tier', render: (t: number) => tierZh(t), sorter: (a, b) => a.tier - b.tier, defaultSortOrder: 'ascend' },
          { title: '考核类别', key: 'kind', render: (_: unknown, m) => `任期第 ${m.termYear} 年${REVIEW_KIND_ZH[m.kind] ?? '考核'}` },
          {
            title: '考核等次', key: 'grade',
            render: (_: unknown, m) => (open ? (
              <>
                <Select style={{ width: 120 }} aria-label={`${m.name ?? ''} 考核等次`} placeholder="请选择" value={draftOf(m).grade}
                  status={refusals[m.personId]?.grade ? 'error' : undefined}
                  options={GRADES.map((g) => ({ value: g, label: g }))} onChange={(g: string) => edit(m, { grade: g })} />
                <FieldError id={`err-grade-${m.personId}`} text={refusals[m.personId]?.grade} />
              </>
            ) : (m.submitted?.grade ?? '—')),
          },
          {
            title: `考核分数（${SCORE_RANGE.min}–${SCORE_RANGE.max}）`, key: 'score',
            render: (_: unknown, m) => (open ? (
              <>
                <InputNumber style={{ width: 110 }} aria-label={`${m.name ?? ''} 考核分数`} placeholder={`${SCORE_RANGE.min}–${SCORE_RANGE.max}`} value={draftOf(m).score ?? null}
                  status={refusals[m.personId]?.score ? 'error' : undefined}
                  onChange={(v) => edit(m, { score: typeof v === 'number' ? v : null })} />
                <FieldError id={`err-score-${m.personId}`} text={refusals[m.personId]?.score} />
              </>
            ) : (m.submitted?.score ?? '—')),
          },
          {
            title: '考核主体', key: 'assessedBy',
            render: (_: unknown, m) => (open ? (
              <>
                <Input style={{ width: 160 }} aria-label={`${m.name ?? ''} 考核主体`} placeholder="如：学校党组织" maxLength={ASSESSED_BY_MAX} value={draftOf(m).assessedBy ?? ''}
                  status={refusals[m.personId]?.assessedBy ? 'error' : undefined}
                  onChange={(e) => edit(m, { assessedBy: e.target.value })} />
                <FieldError id={`err-by-${m.personId}`} text={refusals[m.personId]?.assessedBy} />
              </>
            ) : '—'),
          },
          ...(members.some((m) => m.needs.includes('meetsPostConditions')) ? [{
            title: '符合拟任岗位条件', key: 'meets',
            render: (_: unknown, m: AssessmentItem) => (m.needs.includes('meetsPostConditions') && open
              ? <Checkbox aria-label={`${m.name ?? ''} 符合拟任岗位条件`} checked={draftOf(m).meetsPostConditions ?? false} onChange={(e) => edit(m, { meetsPostConditions: e.target.checked })}>符合</Checkbox>
              : '—'),
          }] : []),
          {
            title: '状态', key: 'state',
            render: (_: unknown, m) => (
              <>
                {m.submitted
                  ? <ToneTag tone="green">已报送（{beijingTime(m.submitted.submittedAt)}）</ToneTag>
                  : <ToneTag tone="orange">未报送</ToneTag>}
                <FieldError id={`err-row-${m.personId}`} text={refusals[m.personId]?.row} />
              </>
            ),
          },
          ...(open ? [{
            title: '操作', key: 'op',
            render: (_: unknown, m: AssessmentItem) => (
              <Button type="primary" size="small" loading={saving === m.personId} disabled={saving !== undefined && saving !== m.personId} onClick={() => void save(m)}
                aria-label={`${m.submitted ? '重新报送' : '报送'} ${m.name ?? ''}`}>
                {m.submitted ? '重新报送' : '报送'}
              </Button>
            ),
          }] : []),
        ]}
      />
    </>
  );
}
