import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Input, InputNumber, Popconfirm, Radio, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../session';
import { ApiError } from '../api';
import { ErrorAlert, PageTitle, RoundStatusTag, ToneTag, useLoad } from '../common';
import { useRegistry } from '../unit-registry';
import { closeInspection, getInspections, putInspection, type InspectionBody, type InspectionCandidate } from '../inspection';
import { beijingTime, chineseDate } from '../words';
import type { Problem } from '../types';

type Draft = { team: string; from: string; to: string; talks: number | null; conclusion: string; result?: '合格' | '不合格'; score: number | null };

const draftOf = (c: InspectionCandidate): Draft => ({
  team: c.record?.team.join('、') ?? '',
  from: c.record?.from ?? '',
  to: c.record?.to ?? '',
  talks: c.record?.talks ?? null,
  conclusion: c.record?.conclusion ?? '',
  ...(c.record?.result ? { result: c.record.result } : {}),
  score: c.record?.score ?? null,
});

/** The draft as the API's body: names split as an office writes a list (、 ， or ,). */
function bodyOf(d: Draft): InspectionBody {
  return {
    team: d.team.split(/[、，,]/).map((s) => s.trim()).filter(Boolean),
    from: d.from, to: d.to, talks: d.talks ?? Number.NaN, conclusion: d.conclusion,
    ...(d.result ? { result: d.result } : {}),
    ...(d.score !== null ? { score: d.score } : {}),
  };
}

const problemsOf = (e: unknown): Problem[] => (e instanceof ApiError ? e.body?.error.problems ?? [] : []);

/** The record's fields as the form names them (the API's problems carry the field's path). */
const FIELD_ZH: Record<string, string> = {
  team: '考察组成员', from: '考察开始日期', to: '考察结束日期', talks: '个别谈话人数', conclusion: '考察结论', result: '考察结果', score: '考察分数',
};
function fieldOf(path: string): string {
  const [head, i] = path.split('.');
  const name = FIELD_ZH[head ?? ''];
  if (!name) return '';
  return i !== undefined && /^\d+$/.test(i) ? `${name}第 ${Number(i) + 1} 人` : name;
}

function RecordProblems({ problems }: { problems: Problem[] }) {
  return (
    <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
      {problems.map((p, i) => <li key={`${p.code}-${p.path}-${i}`}>{fieldOf(p.path) ? `${fieldOf(p.path)}：` : ''}{p.zh}</li>)}
    </ul>
  );
}

/** One 考察对象's record: the team, the dates, the talks, the conclusion, the result the notice asks for. */
function RecordForm({ c, roundId, gate, component, editable, onSaved }: {
  c: InspectionCandidate; roundId: string; gate: boolean; component?: { min: number; max: number; name: { zh: string } };
  editable: boolean; onSaved: () => void;
}) {
  const { api } = useApi();
  const [d, setD] = useState<Draft>(() => draftOf(c));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const field = (path: string) => problemsOf(error).filter((p) => p.path === path || p.path.startsWith(`${path}.`));
  const status = (path: string) => (field(path).length ? 'error' as const : undefined);
  const who = c.name ?? c.nominationId;
  const set = (patch: Partial<Draft>) => { setD((x) => ({ ...x, ...patch })); setSaved(false); };

  async function save() {
    setSaving(true);
    setError(undefined);
    try {
      await putInspection(api, roundId, c.nominationId, bodyOf(d));
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  // Once the inspection is closed (or before it opens) a record is read, not edited: as text, legible.
  if (!editable) {
    const r = c.record;
    return r ? (
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 't', label: '考察组', children: r.team.join('、') },
        { key: 'd', label: '考察日期', children: `${chineseDate(r.from)}至${chineseDate(r.to)}` },
        { key: 'k', label: '个别谈话', children: `${r.talks} 人` },
        { key: 'r', label: '考察结果', children: [r.result, r.score !== undefined ? `${r.score} 分` : undefined].filter(Boolean).join('，') || '—' },
        { key: 'c', label: '考察结论', span: 2, children: r.conclusion },
      ]} />
    ) : <Typography.Text type="secondary">尚无考察记录</Typography.Text>;
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <label>考察组成员（两人以上，以顿号分隔）
        <Input aria-label={`${who}的考察组成员`} value={d.team} disabled={!editable} status={status('team')} placeholder="如：王建国、李芳" onChange={(e) => set({ team: e.target.value })} />
      </label>
      <Space wrap>
        <label>考察开始日期 <Input type="date" aria-label={`${who}的考察开始日期`} value={d.from} disabled={!editable} status={status('from')} onChange={(e) => set({ from: e.target.value })} /></label>
        <label>考察结束日期 <Input type="date" aria-label={`${who}的考察结束日期`} value={d.to} disabled={!editable} status={status('to')} onChange={(e) => set({ to: e.target.value })} /></label>
        <label>个别谈话人数 <InputNumber aria-label={`${who}的个别谈话人数`} value={d.talks} disabled={!editable} status={status('talks')} onChange={(v) => set({ talks: typeof v === 'number' ? v : null })} /></label>
      </Space>
      <label>考察结论
        <Input.TextArea aria-label={`${who}的考察结论`} value={d.conclusion} disabled={!editable} status={status('conclusion')} rows={3} maxLength={2000} showCount onChange={(e) => set({ conclusion: e.target.value })} />
      </label>
      <Space wrap align="center">
        <span id={`result-${c.nominationId}`}>考察结果{gate ? '（准入条件，必选）' : '（可选）'}</span>
        <Radio.Group aria-labelledby={`result-${c.nominationId}`} value={d.result} disabled={!editable} onChange={(e) => set({ result: e.target.value as Draft['result'] })}
          options={[{ label: '合格', value: '合格' }, { label: '不合格', value: '不合格' }]} />
        {component ? (
          <label>{component.name.zh}分数（{component.min}–{component.max}）
            <InputNumber aria-label={`${who}的考察分数`} value={d.score} disabled={!editable} status={status('score')} onChange={(v) => set({ score: typeof v === 'number' ? v : null })} />
          </label>
        ) : null}
      </Space>
      {editable ? (
        <Space>
          <Button type="primary" loading={saving} onClick={() => void save()}>{c.record ? '保存修改' : '保存考察记录'}</Button>
          {saved ? <ToneTag tone="green">已保存</ToneTag> : null}
        </Space>
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={`未保存：${error instanceof Error ? error.message : String(error)}`}
          description={problemsOf(error).length ? <RecordProblems problems={problemsOf(error)} /> : undefined} />
      ) : null}
    </Space>
  );
}

function resultTag(c: InspectionCandidate) {
  if (!c.record) return <ToneTag tone="orange">待录入</ToneTag>;
  const r = c.record.result;
  return (
    <Space size={4}>
      <ToneTag tone="green">已录入</ToneTag>
      {r ? <ToneTag tone={r === '合格' ? 'green' : 'red'}>{r}</ToneTag> : null}
      {c.record.score !== undefined ? <ToneTag tone="blue">{`${c.record.score} 分`}</ToneTag> : null}
    </Space>
  );
}

/**
 * 考察 (S-INSPECT; DESIGN §7): the round's 考察对象 by tier — the top of the preliminary
 * ranking, ceil(free seats × ratio) per tier, all tied at the cut — each with a form for the
 * inspection team, the dates, the individual talks, the written conclusion and the result
 * (合格 / 不合格, a score, or both, as the notice asks); then the close, which sends the round
 * on to its final ranking.
 */
export default function Inspection() {
  const { roundId = '' } = useParams();
  const { api, config } = useApi();
  const registry = useRegistry(api);
  const round = useLoad(() => api.round(roundId), [api, roundId]);
  // Live, like the shortlist: the round moves on by itself once the inspection closes.
  const view = useLoad(() => getInspections(api, roundId), [api, roundId], config.refreshSeconds * 2);
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<unknown>();
  const [closedNow, setClosedNow] = useState<string>();
  const v = view.data;
  const st = v?.inspection;
  const editable = v?.status === 'inspecting' && !st?.closedAt && !closedNow;

  async function close() {
    setClosing(true);
    setCloseError(undefined);
    try {
      setClosedNow((await closeInspection(api, roundId)).closedAt);
      view.reload();
    } catch (e) {
      setCloseError(e);
    } finally {
      setClosing(false);
    }
  }

  return (
    <>
      <PageTitle extra={<Link to={`/bureau/rounds/${encodeURIComponent(roundId)}`}>返回收表情况</Link>}>{round.data ? `${round.data.title} · 考察` : '考察'}</PageTitle>
      <ErrorAlert error={round.error} title="无法读取该批次" />
      <ErrorAlert error={view.error} title="无法读取考察情况" />
      {v && st ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16, background: '#fff' }}
          items={[
            { key: 's', label: '批次状态', children: <RoundStatusTag status={v.status} /> },
            { key: 'm', label: '考察方式', children: [st.gate ? '准入条件（不合格者不予提名）' : null, v.rules?.component ? `评分项“${v.rules.component.name.zh}”` : null].filter(Boolean).join('，') },
            { key: 'r', label: '考察比例', children: `空余职数 × ${st.ratio}（${st.ratio > 1 ? '差额考察' : '等额考察'}）` },
            { key: 'c', label: '考察对象', children: `${v.counts.shortlisted} 人，已录入 ${v.counts.recorded} 人，待录入 ${v.counts.missing} 人` },
            { key: 'a', label: '确定考察对象（北京时间）', children: beijingTime(st.shortlistedAt) },
            { key: 'e', label: '考察结束', children: st.closedAt || closedNow ? beijingTime(st.closedAt ?? closedNow) : '尚未结束' },
          ]}
        />
      ) : null}
      {v && !st ? <Empty description="本批次尚未确定考察对象：初步排名完成后，考察对象将按梯队列于此处。" /> : null}
      {v && st && v.status !== 'inspecting' && !st.closedAt ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="批次尚未进入考察阶段，暂不能录入考察记录。" />
      ) : null}
      {st?.closedAt || closedNow ? (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} title="考察已结束：系统将按考察结果进行最终评分与排名，拟入库名单随后报区委组织部审批。" />
      ) : null}
      {(v?.tiers ?? []).map((t) => (
        <section key={t.tier} aria-label={t.name.zh} style={{ marginBottom: 24 }}>
          <Typography.Title level={3} style={{ fontSize: 18 }}>{`${t.name.zh} · 考察对象 ${t.candidates.length} 人（空余职数 × 比例 = ${t.quota} 人${t.candidates.length < t.quota ? '，排名人选不足，全部考察' : t.candidates.length > t.quota ? '，含末位并列者' : ''}）`}</Typography.Title>
          {t.candidates.length ? t.candidates.map((c) => (
            <Card key={c.nominationId} size="small" style={{ marginBottom: 12 }}
              title={<Space wrap><span>{c.name ?? c.nominationId}</span><span style={{ color: '#595959' }}>{registry.name(c.unit)}</span>{c.rank !== null ? <span>{`${st?.closedAt ? '' : '初步'}排名第 ${c.rank} 名`}</span> : null}{c.score !== null ? <span>{`${st?.closedAt ? '综合得分' : '初步得分（不含考察）'} ${c.score} 分`}</span> : null}</Space>}
              extra={resultTag(c)}>
              <RecordForm c={c} roundId={roundId} gate={st?.gate ?? false} {...(v?.rules?.component ? { component: v.rules.component } : {})} editable={editable} onSaved={view.reload} />
            </Card>
          )) : <Empty description="本梯队没有考察对象（无空余职数或无排名人选）。" />}
        </section>
      ))}
      {editable ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Popconfirm title="结束考察？" description="结束后不能再修改考察记录，批次将进入最终评分与排名。" okText="结束考察" cancelText="取消" onConfirm={() => void close()}>
            <Button type="primary" danger loading={closing}>结束考察</Button>
          </Popconfirm>
          <ErrorAlert error={closeError} title="未能结束考察" />
        </Space>
      ) : null}
    </>
  );
}
