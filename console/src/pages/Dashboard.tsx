import { lazy, Suspense, useMemo } from 'react';
import { Card, Col, Empty, List, Progress, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { pool, talksDue, xUse, type Pool } from '../pool';
import { useRegistry } from '../unit-registry';
import { UNIT_TYPE_ZH, WARNING_ZH, chineseDate, clauseLabel, localizeDates, tierZh } from '../words';
import type { StackedBars } from './DashboardCharts';
import { ExportButton } from '../exports';

const DashboardChart = lazy(() => import('./DashboardCharts'));
const Rounds = lazy(() => import('./Rounds'));

const TIERS = [1, 2, 3] as const;
/**
 * Age bands against the tiers' age limits (E-T3 ≤ 35, E-T2 ≤ 40, E-T1 ≤ 45); ≤ 70 (the
 * query's ceiling) is everyone whose age is known — a member filed without a form has none.
 */
const AGE_LIMITS = [35, 40, 45, 70] as const;

/**
 * The bureau's landing page: tiers against their caps (T-CAP), terms ending by year (M-TERM),
 * warnings, talks due (C-TALK), and the pool by unit type, age band and year of term — then
 * the selection rounds. Ages come from the pool's own C-PRIORITY query (?maxAge=), so no
 * birth date ever reaches the browser.
 */
export default function Dashboard() {
  const { api } = useApi();
  const registry = useRegistry(api);
  const p = useLoad(() => pool(api), [api]);
  const data = p.data;
  // The caps first; the talks due (every member's log) and the age bands (four more pool
  // queries, each reading the members' forms) after, so they do not hold the caps up.
  const talks = useLoad(() => (data ? talksDue(api) : Promise.resolve(undefined)), [api, data !== undefined]);
  const use = useLoad(() => (data ? xUse(api, `${data.asOf.slice(0, 4)}-01-01`, data.asOf) : Promise.resolve(undefined)), [api, data?.asOf]);
  const ages = useLoad(() => (data ? Promise.all(AGE_LIMITS.map((a) => pool(api, { maxAge: String(a) }))) : Promise.resolve(undefined)), [api, data !== undefined]);
  const members = useMemo(() => (data?.members ?? []).filter((m) => m.holdsSeat), [data]);

  const charts = useMemo(() => data ? chartsOf(data, members, registry.byCode, ages.data) : undefined, [data, members, registry.byCode, ages.data]);
  const termYears = useMemo(() => {
    const by = new Map<string, number>();
    for (const m of members) by.set(m.termEnd.slice(0, 4), (by.get(m.termEnd.slice(0, 4)) ?? 0) + 1);
    return [...by.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [members]);
  const warningCounts = useMemo(() => {
    const by = new Map<string, number>();
    for (const w of data?.warnings ?? []) by.set(w.code, (by.get(w.code) ?? 0) + 1);
    return [...by.entries()];
  }, [data]);

  // Interactive once the caps, terms and warnings are drawn; complete with the talks and the age bands.
  const complete = data !== undefined && talks.data !== undefined && ages.data !== undefined;
  return (
    <div data-ready={data ? 'true' : 'false'} data-complete={complete ? 'true' : 'false'} className="tp-dashboard">
      <PageTitle extra={<Link to="/bureau/pool">查看人才库名单</Link>}>工作台</PageTitle>
      <ErrorAlert error={p.error} title="无法读取人才库" />
      {data ? <Typography.Paragraph type="secondary">统计日期 {chineseDate(data.asOf)}（北京时间）· 名额依据 {clauseLabel('T-CAP')}</Typography.Paragraph> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(data?.tiers ?? []).map((t) => (
          <Col xs={24} md={8} key={t.tier}>
            <Card title={tierZh(t.tier, true)} aria-label={`${tierZh(t.tier)}名额`}>
              <Statistic title="在库人数 / 名额" value={t.held} suffix={`/ ${t.cap} 人`} />
              <Progress percent={Math.round((t.held / t.cap) * 100)} showInfo={false} strokeColor={t.held >= t.cap ? '#cf1322' : '#0958d9'} aria-label={`已用名额 ${t.held} / ${t.cap}`} />
              <Typography.Text>空余名额 {t.free} 人{t.held >= t.cap ? '（已满）' : ''}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      {data && members.length === 0 ? (
        <Card style={{ marginBottom: 16 }}>
          <Empty description="人才库还没有成员。请在“遴选批次”中发起遴选，经区委组织部审批后入库；组织部备案名单和原优秀中青年干部可通过命令行导入。" />
        </Card>
      ) : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12} xl={6}>
          <Card title="谈话提醒" extra={<Link to="/bureau/talks">查看全部</Link>}>
            <ErrorAlert error={talks.error} title="无法读取谈话提醒" />
            <Row>
              <Col span={12}><Statistic title="应谈" loading={!talks.data && !talks.error} value={talks.data?.counts.total ?? '—'} suffix="项" /></Col>
              <Col span={12}><Statistic title="已逾期" loading={!talks.data && !talks.error} value={talks.data?.counts.overdue ?? '—'} suffix="项" styles={{ content: { color: talks.data?.counts.overdue ? '#cf1322' : undefined } }} /></Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>依据{clauseLabel('C-TALK')}：四必谈，每人每年至少谈话一次</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="本年度任用">
            <ErrorAlert error={use.error} title="无法读取任用情况" />
            <Statistic title="任用中后备人才占比" loading={!use.data && !use.error}
              value={use.data?.share === null || use.data?.share === undefined ? '—' : Math.round(use.data.share * 1000) / 10} suffix={use.data?.share === null ? '' : '%'} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {use.data ? (use.data.total ? `任用 ${use.data.total} 人，其中后备人才 ${use.data.fromPool} 人（${clauseLabel('X-USE')}）` : '本年度尚无任用记录；在成员档案中“记录任用”。') : ' '}
            </Typography.Paragraph>
            {data ? <div style={{ marginTop: 8 }}><ExportButton body={{ kind: 'x-use', from: `${data.asOf.slice(0, 4)}-01-01`, to: data.asOf }} label="导出任用情况（Excel）" /></div> : null}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="任期届满（按年份）">
            {termYears.length ? (
              <List size="small" dataSource={termYears} renderItem={([year, n]) => <List.Item><span>{year} 年届满</span><span>{n} 人</span></List.Item>} />
            ) : <Typography.Text type="secondary">暂无在库成员</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title="提醒事项" extra={<Link to="/bureau/pool">按情形筛选</Link>}>
            {warningCounts.length ? (
              <>
                <div style={{ marginBottom: 8 }}>{warningCounts.map(([code, n]) => <ToneTag key={code} tone={code === 'TERM_ENDING' ? 'orange' : 'red'}>{WARNING_ZH[code] ?? '提醒'} {n}</ToneTag>)}</div>
                <List size="small" dataSource={(data?.warnings ?? []).slice(0, 5)} renderItem={(w) => (
                  <List.Item>
                    <span><Link to={`/bureau/pool/members/${encodeURIComponent(w.personId)}`}>{w.name ?? '（未具名）'}</Link>（{registry.name(w.unit)}）：{localizeDates(w.zh)}</span>
                  </List.Item>
                )} />
              </>
            ) : <Typography.Text type="secondary">没有需要处理的提醒</Typography.Text>}
          </Card>
        </Col>
      </Row>
      {charts && members.length ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {charts.map((c) => (
            <Col xs={24} lg={8} key={c.title}>
              <Card title={c.title}>
                <Suspense fallback={<div style={{ height: 260 }} />}><DashboardChart chart={c} /></Suspense>
              </Card>
            </Col>
          ))}
        </Row>
      ) : null}
      <Suspense fallback={null}><Rounds role="bureau" /></Suspense>
    </div>
  );
}

function chartsOf(data: Pool, members: Pool['members'], units: Map<string, { type: string }>, ages: Pool[] | undefined): StackedBars[] {
  const series = (categories: string[], key: (m: Pool['members'][number]) => string | undefined) => TIERS.map((t) => ({
    name: tierZh(t),
    data: categories.map((c) => members.filter((m) => m.tier === t && key(m) === c).length),
  }));
  const types = Object.keys(UNIT_TYPE_ZH);
  const typeCats = types.map((t) => UNIT_TYPE_ZH[t] as string);
  const byType = { title: '按单位类型', categories: typeCats, series: series(typeCats, (m) => UNIT_TYPE_ZH[units.get(m.unit)?.type ?? ''] ?? undefined) };
  const termCats = ['第 1 年', '第 2 年', '第 3 年'];
  const termYear = (m: Pool['members'][number]) => {
    // Completed years since admission, as the domain counts them (termYearOf): 0 → year 1.
    const years = Number(data.asOf.slice(0, 4)) - Number(m.termStart.slice(0, 4)) - (data.asOf.slice(5) < m.termStart.slice(5) ? 1 : 0);
    return termCats[Math.min(2, Math.max(0, years))];
  };
  const byTerm = { title: '按任期年度', categories: termCats, series: series(termCats, termYear) };
  const out: StackedBars[] = [byType];
  if (ages) {
    // ages[i]: members aged ≤ AGE_LIMITS[i]; each band is the difference of two.
    const ids = ages.map((a) => new Set(a.members.map((m) => m.personId)));
    const bandCats = ['≤35', '36–40', '41–45', '>45', '未登记'];
    const band = (m: Pool['members'][number]) => {
      const i = ids.findIndex((s) => s.has(m.personId));
      return bandCats[i === -1 ? 4 : i];
    };
    out.push({ title: '按年龄段（周岁）', categories: bandCats, series: series(bandCats, band) });
  }
  out.push(byTerm);
  return out;
}
