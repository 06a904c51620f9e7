import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Modal, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, Reasons, RoundStatusTag, useLoad, ToneTag, type Tone } from '../common';
import { useUnitNames } from '../units';
import { DECISION_ZH, EDUCATION_LEVEL_ZH, POST_KIND_ZH, PROPOSED_ZH, SCORE_COMPONENT_ZH, beijingTime, chineseDate, tierZh } from '../words';
import type { ShortlistEntry, ShortlistTier } from '../types';
import { percent } from '../ballots';
import { ExportButton } from '../exports';

type Decision = 'approve' | 'approve-with-edits' | 'reject';

/** What the approver reads before approving a person: the form's summary, the verdict with its clauses, the score's parts. */
function CandidateDetail({ e, componentNames }: { e: ShortlistEntry; componentNames: Map<string, string> }) {
  const c = e.candidate;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 16 }}>
      {c ? (
        <div>
          <Typography.Text strong>推荐表摘要</Typography.Text>
          <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
            <li>{c.gender === 'F' ? '女' : '男'}，{c.birthYear} 年生{c.ageExemption ? '（破格）' : ''}；{c.unit.name}</li>
            <li>现任：{c.currentPost ? `${c.currentPost.title}（${POST_KIND_ZH[c.currentPost.kind] ?? '其他'}，${chineseDate(c.currentPost.from)}起）` : '无现任职务'}</li>
            {c.education.map((d, i) => <li key={i}>{d.fullTime ? '全日制' : '在职'}{EDUCATION_LEVEL_ZH[d.level] ?? ''}：{d.institution}{d.major ? ` ${d.major}` : ''}</li>)}
            <li>荣誉：{c.honours.length ? c.honours.map((h) => h.title).join('、') : '无'}</li>
          </ul>
        </div>
      ) : null}
      {e.verdict ? (
        <div>
          <Typography.Text strong>资格审查：{e.verdict.eligible ? `符合${tierZh(e.verdict.tier)}资格条件` : '不符合资格条件'}（基准日 {chineseDate(e.verdict.asOf)}）</Typography.Text>
          <Reasons reasons={e.verdict.reasons} />
        </div>
      ) : null}
      {e.scoring ? (
        <div>
          <Typography.Text strong>综合得分 {e.scoring.score.toFixed(2)}</Typography.Text>
          <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
            {e.scoring.components.map((p) => <li key={p.id}>{componentNames.get(p.id) ?? SCORE_COMPONENT_ZH[p.id] ?? '评分项'}：{p.value}（得分 {p.points.toFixed(2)}）</li>)}
          </ul>
        </div>
      ) : null}
      {e.inspection ? <InspectionDetail r={e.inspection} /> : null}
    </div>
  );
}

/** 考察 (S-INSPECT): the result and the written conclusion, what the approver weighs besides the score. */
function InspectionDetail({ r }: { r: NonNullable<ShortlistEntry['inspection']> }) {
  return (
    <div>
      <Typography.Text strong>考察结果：{[r.result, r.score !== undefined ? `${r.score} 分` : undefined].filter(Boolean).join('，')}</Typography.Text>
      <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
        <li>考察组：{r.team.join('、')}；{chineseDate(r.from)}至{chineseDate(r.to)}；个别谈话 {r.talks} 人</li>
        <li>考察结论：{r.conclusion}</li>
      </ul>
    </div>
  );
}

/** Held back by the notice's 民主推荐 threshold (the shortlist names them, S-RECOMMEND). */
type BarredTier = ShortlistTier & { belowThreshold?: { nominationId: string; name?: string; unit: string; share: number | null }[] };

/**
 * 民主推荐 (S-RECOMMEND): who the threshold kept out of the ranking, with each share — without
 * it the approver would not know why a nominee the school sent is missing from the list.
 */
function BelowThreshold({ tier, names, threshold }: { tier: ShortlistTier; names: Map<string, string>; threshold: number | undefined }) {
  const barred = (tier as BarredTier).belowThreshold ?? [];
  if (!barred.length) return null;
  return (
    <section aria-label={`${tierZh(tier.tier)}民主推荐未达推荐率要求者`} style={{ marginTop: 8 }}>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {`民主推荐推荐率未达要求${typeof threshold === 'number' ? `（不低于 ${Math.round(threshold * 100)}%）` : ''}、不参与排名（S-RECOMMEND）：`}
      </Typography.Paragraph>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {barred.map((b) => <li key={b.nominationId}>{`${b.name ?? '（未填姓名）'}（${names.get(b.unit) ?? b.unit}），推荐率 ${b.share === null ? '—' : percent(b.share)}`}</li>)}
      </ul>
    </section>
  );
}

/**
 * The organisation department's page for a round: the ranked shortlist per tier (by name
 * and unit), and the decision — approve, approve with edits (tick who is admitted), or
 * reject. The round's state machine waits for it.
 */
export default function ShortlistPage() {
  const { roundId = '' } = useParams();
  const { api, config } = useApi();
  const { message } = App.useApp();
  const names = useUnitNames();
  const list = useLoad(() => api.shortlist(roundId), [api, roundId], config.refreshSeconds * 2);
  // The round's scoring model names each component in Chinese.
  const round = useLoad(() => api.round(roundId), [api, roundId]);
  const componentNames = useMemo(() => new Map((round.data?.scoringModel?.components ?? []).map((c) => [c.id, c.name.zh])), [round.data]);
  const [sent, setSent] = useState<Decision | undefined>();
  const [editing, setEditing] = useState(false);
  const [picked, setPicked] = useState<Set<string> | undefined>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [confirm, setConfirm] = useState<Decision | undefined>();
  const [busy, setBusy] = useState(false);

  const s = list.data;
  const proposed = useMemo(() => new Set((s?.tiers ?? []).flatMap((t) => t.ranked.filter((e) => e.proposed === 'admit').map((e) => e.nominationId))), [s]);
  const chosen = picked ?? proposed;
  const edits = useMemo(() => ({
    add: [...chosen].filter((id) => !proposed.has(id)),
    remove: [...proposed].filter((id) => !chosen.has(id)),
  }), [chosen, proposed]);
  const awaiting = s?.status === 'awaiting-decision';
  const nameOf = (id: string) => (s?.tiers ?? []).flatMap((t) => t.ranked).find((e) => e.nominationId === id)?.name ?? id;

  const decide = async (decision: Decision) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.decide(roundId, {
        decision,
        ...(decision === 'approve-with-edits' ? { edits } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      message.success(`已提交审批意见：${DECISION_ZH[decision]}`);
      setSent(decision);
      setEditing(false);
      setPicked(undefined);
      setConfirm(undefined);
      await list.reload();
    } catch (e) {
      setError(e);
      setConfirm(undefined);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };

  return (
    <>
      <PageTitle extra={<Space wrap><ExportButton body={{ kind: 'shortlist', roundId }} label="导出拟入库名单（Excel）" /><Link to="/approver">返回批次列表</Link></Space>}>{`${round.data?.title ?? '遴选批次'} · 拟入库名单审批`}</PageTitle>
      <ErrorAlert error={list.error} title="无法读取拟入库名单" />
      <ErrorAlert error={error} title="审批未提交" />
      {s ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card>
            <Space wrap>
              <span>批次状态：<RoundStatusTag status={s.status} /></span>
              {s.rankedAt ? <span>排名时间：{beijingTime(s.rankedAt)}（北京时间）</span> : null}
              <span>未受理推荐表：{s.rejected} 份</span>
            </Space>
            {sent && !s.decision ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={`已提交审批意见：${DECISION_ZH[sent]}，正在入库…`} /> : null}
            {s.decision ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={`已审批：${DECISION_ZH[s.decision.decision] ?? '已审批'}${s.decision.at ? `（${beijingTime(s.decision.at)}）` : ''}${s.decision.note ? `，意见：${s.decision.note}` : ''}`} /> : null}
            {!awaiting && !s.decision ? <Alert style={{ marginTop: 12 }} type="info" showIcon title="此批次尚未进入审批阶段：收表和评分截止、系统排名后即可审批。" /> : null}
          </Card>
          {s.tiers.map((t) => (
            <Card key={t.tier} title={`${t.name.zh}：名额 ${t.cap} 人，本轮可入库 ${t.freeSeats} 人，拟入库 ${t.counts.proposed ?? 0} 人`}>
              <Table<ShortlistEntry>
                rowKey="nominationId"
                dataSource={t.ranked}
                size="small"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: <Empty description="本梯队没有符合条件、参与排名的人选。" /> }}
                expandable={{
                  rowExpandable: (e) => Boolean(e.candidate || e.verdict || e.scoring),
                  expandedRowRender: (e) => <CandidateDetail e={e} componentNames={componentNames} />,
                  columnTitle: <span className="sr-only" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>展开</span>,
                }}
                columns={[
                  ...(editing ? [{
                    title: '列入入库名单', key: 'pick',
                    render: (_: unknown, e: ShortlistEntry) => (
                      <Checkbox checked={chosen.has(e.nominationId)} onChange={(ev) => toggle(e.nominationId, ev.target.checked)} aria-label={`将${e.name ?? e.nominationId}列入入库名单`} />
                    ),
                  }] : []),
                  { title: '名次', dataIndex: 'rank', sorter: (a, b) => a.rank - b.rank, defaultSortOrder: 'ascend' as const },
                  { title: '姓名', dataIndex: 'name', render: (n: string | undefined) => n ?? '—', sorter: (a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') },
                  { title: '单位', dataIndex: 'unit', render: (u: string) => names.get(u) ?? u, sorter: (a, b) => (names.get(a.unit) ?? a.unit).localeCompare(names.get(b.unit) ?? b.unit, 'zh-CN') },
                  { title: '综合得分', dataIndex: 'score', render: (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2)), sorter: (a, b) => (a.score ?? 0) - (b.score ?? 0) },
                  { title: '建议', dataIndex: 'proposed', render: (p: string) => <ToneTag tone={(p === 'admit' ? 'blue' : 'default') as Tone}>{PROPOSED_ZH[p] ?? '—'}</ToneTag> },
                ]}
              />
              {t.inPool.length ? <Typography.Paragraph style={{ marginTop: 8 }}>已在库、不参与排名：{t.inPool.map((p) => `${p.name ?? p.nominationId}（${names.get(p.unit) ?? p.unit}）`).join('、')}</Typography.Paragraph> : null}
              {t.inspectionFailed?.length ? (
                <section aria-label={`${tierZh(t.tier)}考察不合格者`} style={{ marginTop: 8 }}>
                  <Typography.Paragraph strong>考察不合格、不予提名（S-INSPECT）：</Typography.Paragraph>
                  {t.inspectionFailed.map((f) => (
                    <Card key={f.nominationId} size="small" style={{ marginBottom: 8 }} title={`${f.name ?? f.nominationId}（${names.get(f.unit) ?? f.unit}）`}>
                      {f.inspection ? <InspectionDetail r={f.inspection} /> : null}
                    </Card>
                  ))}
                </section>
              ) : null}
              <BelowThreshold tier={t} names={names} threshold={round.data?.selection?.recommendation?.threshold} />
            </Card>
          ))}
          {awaiting && !sent && !s.decision ? (
            <Card title="审批意见">
              <label htmlFor="decision-note">意见（可选，不超过 2000 字）</label>
              <Input.TextArea id="decision-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} style={{ margin: '8px 0 16px' }} />
              {editing ? (
                <Alert type="info" showIcon style={{ marginBottom: 16 }}
                  title={`调整：增加 ${edits.add.length} 人${edits.add.length ? `（${edits.add.map(nameOf).join('、')}）` : ''}，移出 ${edits.remove.length} 人${edits.remove.length ? `（${edits.remove.map(nameOf).join('、')}）` : ''}`} />
              ) : null}
              <Space wrap>
                {editing ? (
                  <>
                    <Button type="primary" disabled={!edits.add.length && !edits.remove.length} onClick={() => setConfirm('approve-with-edits')}>按调整后的名单批准</Button>
                    <Button onClick={() => { setEditing(false); setPicked(undefined); }}>取消调整</Button>
                  </>
                ) : (
                  <>
                    <Button type="primary" onClick={() => setConfirm('approve')}>批准拟入库名单</Button>
                    <Button onClick={() => setEditing(true)}>调整名单后批准</Button>
                    <Button danger onClick={() => setConfirm('reject')}>退回</Button>
                  </>
                )}
              </Space>
            </Card>
          ) : null}
        </Space>
      ) : list.loading ? <Card loading /> : null}
      <Modal
        open={confirm !== undefined}
        title={`确认${confirm ? DECISION_ZH[confirm] : ''}？`}
        okText="确认提交"
        cancelText="再想想"
        confirmLoading={busy}
        onOk={() => confirm && void decide(confirm)}
        onCancel={() => setConfirm(undefined)}
      >
        {confirm === 'reject' ? '退回后本轮无人入库。' : confirm === 'approve-with-edits' ? '将按调整后的名单入库（仍受各梯队名额限制）。' : '将按拟入库名单入库（受各梯队名额限制）。'}
        提交后不能撤回。
      </Modal>
    </>
  );
}
