import { useMemo, useState } from 'react';
import { Alert, Button, Descriptions, Empty, InputNumber, Space, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../session';
import { ApiError } from '../api';
import { PageTitle, ErrorAlert, RoundStatusTag, ToneTag, useLoad } from '../common';
import { useRegistry } from '../unit-registry';
import { putScores, type ScoredNomination } from '../admin';
import { beijingTime, localizeText, roundStatusZh, tierZh, timeLeft } from '../words';
import type { ScoringComponent, Tier } from '../types';

/** A refusal in words: the API's Chinese, with a round status code read as its name. */
function refusalText(e: unknown): string[] {
  if (!(e instanceof ApiError)) return [e instanceof Error ? e.message : String(e)];
  const problems = e.body?.error.problems ?? [];
  const says = (zh: string) => localizeText(zh).replace(/状态为 ([a-z-]+)/g, (_m, s: string) => `状态为“${roundStatusZh(s)}”`);
  return problems.length ? problems.map((p) => says(p.zh)) : [says(e.message)];
}

const outside = (c: ScoringComponent, v: number | null | undefined) => typeof v === 'number' && (v < c.min || v > c.max);

type RowState = { values: Record<string, number | null>; saving?: boolean; saved?: boolean; error?: unknown };

/**
 * Score entry (S-ROUND, issue #10): the round's accepted, eligible nominations by tier, one
 * input per entered component of the round's scoring model (the form's components are
 * computed, not typed), each row saved on its own (PUT …/scores) with the API's refusals on it.
 */
export default function Scores() {
  const { roundId = '' } = useParams();
  const { api } = useApi();
  const registry = useRegistry(api);
  const round = useLoad(() => api.round(roundId), [api, roundId]);
  const noms = useLoad(() => api.nominations(roundId) as Promise<ScoredNomination[]>, [api, roundId]);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const r = round.data;
  const entered: ScoringComponent[] = (r?.scoringModel?.components ?? []).filter((c) => c.source === 'entered');
  const candidates = useMemo(() => (noms.data ?? []).filter((n) => n.status === 'accepted' && n.verdict?.eligible)
    .sort((a, b) => (a.tier ?? 9) - (b.tier ?? 9) || (a.candidateName ?? '').localeCompare(b.candidateName ?? '', 'zh-CN')), [noms.data]);

  const valuesOf = (n: ScoredNomination): Record<string, number | null> => rows[n.nominationId]?.values
    ?? Object.fromEntries(entered.map((c) => [c.id, n.enteredScores?.[c.id] ?? null]));
  const set = (id: string, patch: Partial<RowState>, base: Record<string, number | null>) =>
    setRows((all) => ({ ...all, [id]: { values: base, ...all[id], ...patch } }));

  async function save(n: ScoredNomination) {
    const values = valuesOf(n);
    const components = Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number'));
    set(n.nominationId, { saving: true, saved: false, error: undefined }, values);
    try {
      const res = await putScores(api, roundId, n.nominationId, components);
      const kept = Object.fromEntries(entered.map((c) => [c.id, res.nomination.enteredScores?.[c.id] ?? values[c.id] ?? null]));
      set(n.nominationId, { saving: false, saved: true, values: kept }, kept);
    } catch (e) {
      set(n.nominationId, { saving: false, error: e }, values);
    }
  }

  const tiers = [...new Set(candidates.map((n) => n.tier))].filter((t): t is Tier => t !== undefined);

  return (
    <>
      <PageTitle extra={<Link to={`/bureau/rounds/${encodeURIComponent(roundId)}`}>返回收表情况</Link>}>{r ? `${r.title} · 成绩录入` : '成绩录入'}</PageTitle>
      <ErrorAlert error={round.error} title="无法读取该批次" />
      <ErrorAlert error={noms.error} title="无法读取推荐情况" />
      {r ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16, background: '#fff' }}
          items={[
            { key: 's', label: '状态', children: <RoundStatusTag status={r.status} /> },
            // The countdown only until scoring starts: after that the deadline has passed.
            { key: 'sc', label: '评分截止（北京时间）', children: r.scoringClosesAt ? `${beijingTime(r.scoringClosesAt)}（${['open', 'closed', 'recommending', 'recommended'].includes(r.status) ? timeLeft(r.scoringClosesAt, new Date()) : '已截止'}）` : '—' },
            { key: 'c', label: '需录入的评分项', children: entered.map((c) => `${c.name.zh}（${c.min}–${c.max} 分）`).join('，') || '无' },
          ]}
        />
      ) : null}
      {r && r.status !== 'closed' && entered.length ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }}
          title={`成绩在报送截止后、评分开始前录入；本批次当前为“${roundStatusZh(r.status)}”。`} />
      ) : null}
      {r && !entered.length ? (
        <Empty description="本批次的评分方案没有需要录入的评分项：各项得分均由推荐表自动计算，无需录入成绩。" />
      ) : null}
      {r && entered.length ? (
        tiers.length || noms.loading ? tiers.map((tier) => (
          <section key={tier} aria-label={tierZh(tier, true)} style={{ marginBottom: 24 }}>
            <Typography.Title level={3} style={{ fontSize: 18 }}>{tierZh(tier, true)}</Typography.Title>
            <Table<ScoredNomination>
              rowKey="nominationId"
              loading={noms.loading}
              dataSource={candidates.filter((n) => n.tier === tier)}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: '姓名', dataIndex: 'candidateName', render: (v?: string) => v ?? '—' },
                { title: '单位', dataIndex: 'unit', render: (u: string) => registry.name(u) },
                { title: '梯队', dataIndex: 'tier', render: (t: Tier) => tierZh(t) },
                ...entered.map((c) => ({
                  title: `${c.name.zh}（${c.min}–${c.max}）`,
                  key: c.id,
                  render: (_: unknown, n: ScoredNomination) => (
                    <InputNumber
                      aria-label={`${n.candidateName ?? n.nominationId}的${c.name.zh}`}
                      // No min/max on the input: it would clamp a typed 101 to 100 silently. The bounds
                      // are in the header, a value outside them is marked, and the API's refusal says so on the row.
                      status={outside(c, valuesOf(n)[c.id]) ? 'warning' : undefined}
                      value={valuesOf(n)[c.id] ?? null}
                      onChange={(v) => set(n.nominationId, { saved: false, values: { ...valuesOf(n), [c.id]: typeof v === 'number' ? v : null } }, valuesOf(n))}
                    />
                  ),
                })),
                {
                  title: '操作',
                  key: 'save',
                  render: (_: unknown, n: ScoredNomination) => {
                    const s = rows[n.nominationId];
                    return (
                      <Space direction="vertical" size={4}>
                        <Space>
                          <Button size="small" type="primary" loading={s?.saving} onClick={() => void save(n)}>保存</Button>
                          {s?.saved ? <ToneTag tone="green">已保存</ToneTag> : null}
                        </Space>
                        {s?.error ? (
                          <div role="alert" style={{ color: '#a8071a' }}>
                            未保存：{refusalText(s.error).join('；')}
                          </div>
                        ) : null}
                      </Space>
                    );
                  },
                },
              ]}
            />
          </section>
        )) : <Empty description="本批次还没有已受理且符合资格条件的推荐，暂无可录入成绩的人员。" />
      ) : null}
    </>
  );
}
