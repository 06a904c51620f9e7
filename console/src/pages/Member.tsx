import { useState } from 'react';
import { Button, Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../session';
import { ErrorAlert, PageTitle, ToneTag, useLoad } from '../common';
import { member, memberAudit } from '../pool';
import { useRegistry } from '../unit-registry';
import { MEMBER_STATUS_ZH, SOURCE_ZH, TALK_TRIGGER_ZH, WARNING_ZH, chineseDate, localizeDates, tierZh } from '../words';
import { AuditTable, EventTimeline } from './MemberTimeline';
import { RECORD_TITLE, RecordDrawer, type RecordKind } from './MemberForms';
import { ExportButton } from '../exports';

const KINDS: RecordKind[] = ['talk', 'training', 'rotation', 'veto', 'appointment', 'renewal'];

/**
 * One member: profile, tier, term, flags and talks owed; the history (each event with its
 * clause) and the audit trail; and the forms to record a talk, training, a rotation, a veto
 * or an appointment. A member who has left the pool can still be given the talk they are owed.
 */
export default function MemberPage() {
  const { personId = '' } = useParams();
  const { api } = useApi();
  const registry = useRegistry(api);
  const m = useLoad(() => member(api, personId), [api, personId]);
  const audit = useLoad(() => memberAudit(api, personId), [api, personId]);
  const [open, setOpen] = useState<RecordKind | undefined>(undefined);
  const d = m.data;
  const mm = d?.member;
  const inPool = mm ? mm.status === 'active' || mm.status === 'removal-pending' : false;
  const owed = d?.dueTalks.mustTalks ?? [];

  return (
    <>
      <PageTitle extra={<Space wrap>
        <ExportButton body={{ kind: 'appointment-form', personId }} label="干部任免审批表（Word）" disabled={!mm} />
        <ExportButton body={{ kind: 'lrmx', personId }} label="任免审批表文件（.lrmx）" disabled={!mm} />
        <Link to="/bureau/pool">返回人才库名单</Link>
      </Space>}>{mm ? `${mm.name ?? '（未具名）'} · 后备人才档案` : '后备人才档案'}</PageTitle>
      <ErrorAlert error={m.error} title="无法读取该成员" />
      {mm ? (
        <>
          <Descriptions bordered size="small" styles={{ label: { whiteSpace: 'nowrap' } }} column={{ xs: 1, md: 3 }} style={{ marginBottom: 16, background: '#fff' }}
            items={[
              { key: 'n', label: '姓名', children: mm.name ?? '—' },
              { key: 'u', label: '单位', children: registry.name(mm.unit) },
              { key: 't', label: '梯队', children: tierZh(mm.tier, true) },
              { key: 's', label: '状态', children: <ToneTag tone={inPool ? 'green' : 'orange'}>{MEMBER_STATUS_ZH[mm.status] ?? '其他'}</ToneTag> },
              { key: 'src', label: '来源', children: SOURCE_ZH[mm.source] ?? '—' },
              { key: 'term', label: '任期（三年一届）', children: `${chineseDate(mm.termStart)} 至 ${chineseDate(mm.termEnd)}` },
              { key: 'g', label: '最近考核', children: mm.lastGrade ? `${mm.lastGrade.year} 年 ${mm.lastGrade.grade}${mm.lastGrade.score !== undefined ? `（${mm.lastGrade.score} 分）` : ''}` : '—' },
              { key: 'r', label: '谈话 / 培训 / 轮岗', children: `${mm.talks} 次 / ${mm.trainings} 次（${mm.trainingHours} 学时）/ ${mm.rotations} 次` },
              {
                key: 'w', label: '提醒', children: mm.warnings.length
                  ? <Space direction="vertical" size={2}>{mm.warnings.map((w) => <span key={w.code}><ToneTag tone={w.code === 'TERM_ENDING' ? 'orange' : 'red'}>{WARNING_ZH[w.code] ?? '提醒'}</ToneTag>{localizeDates(w.zh)}</span>)}</Space>
                  : '无',
              },
              {
                key: 'due', label: '应谈', span: 3, children: owed.length
                  ? owed.map((t) => `${TALK_TRIGGER_ZH[t.trigger] ?? '谈话'}（${chineseDate(t.due)} 前${t.overdue ? '，已逾期' : ''}）`).join('；')
                  : d?.dueTalks.overdue ? '本年度谈心谈话已逾期' : '无',
              },
            ]}
          />
          <Card style={{ marginBottom: 16 }} title="记录">
            <Space wrap>
              {KINDS.filter((k) => inPool || k === 'talk').map((k) => (
                <Button key={k} type={k === 'talk' ? 'primary' : 'default'} danger={k === 'veto'} onClick={() => setOpen(k)}>{RECORD_TITLE[k]}</Button>
              ))}
            </Space>
            {!inPool ? <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>该成员已不在库，仍可记录应谈的谈话（如组织谈话）。</Typography.Paragraph> : null}
          </Card>
          <Card>
            <Tabs items={[
              { key: 'timeline', label: '成长记录', children: <EventTimeline events={d?.events ?? []} /> },
              { key: 'audit', label: '操作记录', children: <><ErrorAlert error={audit.error} title="无法读取操作记录" /><AuditTable entries={audit.data ?? []} loading={audit.loading} /></> },
            ]} />
          </Card>
          {open ? (
            <RecordDrawer kind={open} open onClose={() => setOpen(undefined)} api={api} personId={personId} units={registry.units}
              onSaved={() => { setOpen(undefined); void m.reload(); void audit.reload(); }} />
          ) : null}
        </>
      ) : null}
    </>
  );
}
