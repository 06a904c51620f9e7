import { Table, Timeline, Typography } from 'antd';
import type { AuditEntry, MemberEvent } from '../pool';
import {
  ACTOR_ZH, EVENT_ZH, OUTCOME_ZH, POST_AREA_ZH, REVIEW_KIND_ZH, ROTATION_KIND_ZH, SOURCE_ZH, TALK_KIND_ZH, TALK_TRIGGER_ZH, TRAINING_KIND_ZH,
  actionZh, beijingTime, chineseDate, clauseLabel, tierZh,
} from '../words';

type P = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** What one event says, in words: every value from a form is rendered as text by React. */
function detail(e: MemberEvent): string {
  const p = e.payload;
  const r = (p.record ?? {}) as P;
  switch (e.type) {
    case 'admitted': return `入${tierZh(p.tier as number)}，${SOURCE_ZH[s(p.source)] ?? '入库'}${p.roundId ? `（批次 ${s(p.roundId)}）` : ''}，任期自 ${chineseDate(s(p.termStart))} 起`;
    case 'assessed': return `${s(p.year)} 年${REVIEW_KIND_ZH[s(p.review)] ?? '考核'}：${s(p.grade)}${p.score !== undefined ? `，${s(p.score)} 分` : ''}`;
    case 'warned': return `${s(p.year)} 年度考核排名靠后，予以提醒${p.reason ? `：${s(p.reason)}` : ''}`;
    case 'vetoed': return `${s(p.reason)}${p.reportedBy ? `（报告：${s(p.reportedBy)}）` : ''}${p.documentNo ? `，文号 ${s(p.documentNo)}` : ''}`;
    case 'removed': return s(p.reason);
    case 'recommended': return `${OUTCOME_ZH.recommended}${p.note ? `：${s(p.note)}` : ''}`;
    case 'appointed': return `任 ${s(p.post)}${p.documentNo ? `（${s(p.documentNo)}）` : ''}${p.exitsPool ? '，已使用，出库' : '，仍在库'}`;
    case 'term-ended': return p.adjustment === 'leaves-pool' ? '任期届满，不再继续' : '任期届满，可参加新一轮遴选';
    // S-ORGLIST / X-LEGACY: the import was refused whole after this entry had been filed; never served.
    case 'import-withdrawn': return `${s(p.reason)}，本条备案撤回，未生效，席位已退回`;
    case 'moved-tier': return `调整至${tierZh(p.tier as number)}${p.reason ? `：${s(p.reason)}` : ''}`;
    case 'rotated': {
      const host = (r.hostUnit ?? {}) as P;
      return `${ROTATION_KIND_ZH[s(r.kind)] ?? '轮岗'}：${s(host.name)}，${POST_AREA_ZH[s(r.postArea)] ?? ''}岗位，${chineseDate(s(r.from))} 至 ${r.to ? chineseDate(s(r.to)) : '今'}`;
    }
    case 'trained': return `${TRAINING_KIND_ZH[s(r.kind)] ?? '培训'}：${s(r.title)}（${s(r.provider)}，${s(r.hours)} 学时）`;
    case 'talked': {
      const triggers = Array.isArray(r.triggers) ? (r.triggers as string[]).map((t) => TALK_TRIGGER_ZH[t] ?? t).join('、') : '';
      return `${TALK_KIND_ZH[s(r.kind)] ?? '谈话'}，谈话人 ${s(r.by)}${triggers ? `（${triggers}）` : ''}${r.notes ? `：${s(r.notes)}` : ''}`;
    }
    default: return '';
  }
}

/** The member's history (their events, newest first), each with its clause and date. */
export function EventTimeline({ events }: { events: MemberEvent[] }) {
  const sorted = [...events].sort((a, b) => b.seq - a.seq);
  if (!sorted.length) return <Typography.Text type="secondary">暂无记录</Typography.Text>;
  return (
    <Timeline
      className="tp-timeline"
      items={sorted.map((e) => ({
        key: `${e.seq}`,
        color: e.type === 'vetoed' || e.type === 'removed' || e.type === 'warned' ? 'red' : e.type === 'talked' ? 'green' : 'blue',
        content: (
          <div data-event={e.type}>
            <Typography.Text strong>{chineseDate(e.at)} · {EVENT_ZH[e.type] ?? '事件'}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>依据：{clauseLabel(e.clause)}</Typography.Text>
            <div>{detail(e)}</div>
            {e.recordedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{ACTOR_ZH(e.actor ?? '')}记录于 {beijingTime(e.recordedAt)}</Typography.Text> : null}
          </div>
        ),
      }))}
    />
  );
}

/** Who did what to the member, when (the audit trail), in Beijing time. */
export function AuditTable({ entries, loading }: { entries: AuditEntry[]; loading: boolean }) {
  return (
    <Table<AuditEntry>
      size="small"
      rowKey={(e) => `${e.at}-${e.action}`}
      loading={loading}
      dataSource={[...entries].sort((a, b) => b.at.localeCompare(a.at))}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
      columns={[
        { title: '时间（北京时间）', dataIndex: 'at', render: (t: string) => beijingTime(t), sorter: (a, b) => a.at.localeCompare(b.at) },
        { title: '操作', dataIndex: 'action', render: (a: string) => actionZh(a) },
        { title: '操作人', dataIndex: 'actor', render: (a: string) => ACTOR_ZH(a) },
        { title: '依据', dataIndex: 'clause', render: (c?: string) => clauseLabel(c) },
      ]}
    />
  );
}
