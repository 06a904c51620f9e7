import type { Member } from '../../domain/membership/member';
import { TALK_TRIGGER_NAMES } from '../../domain/talks';
import { listTalksDue } from '../talks/due';
import { allOf } from '../pages';
import type { MemberRecord, MemberSnapshot, RecordKind } from '../ports';
import type { ColumnSpec, ExportDeps, ExportKindSpec, ExportScope, Row } from './table';
import { MEMBER_STATUS_ZH, TALK_KIND_ZH, tierZh, yesNo } from './words';

const DUE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'tier', header: '梯队', type: 'text' },
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'unit', header: '单位代码', type: 'text' },
  { key: 'status', header: '人员状态', type: 'text' },
  { key: 'what', header: '应谈事项', type: 'text' },
  { key: 'clause', header: '依据条款', type: 'text' },
  { key: 'triggeredOn', header: '事由日期', type: 'date' },
  { key: 'due', header: '应谈日期', type: 'date' },
  { key: 'overdue', header: '已逾期', type: 'text' },
  { key: 'organisational', header: '组织谈话', type: 'text' },
];
const HELD_COLUMNS: readonly ColumnSpec[] = [
  { key: 'on', header: '谈话日期', type: 'date' },
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'unit', header: '单位代码', type: 'text' },
  { key: 'kind', header: '谈话类型', type: 'text' },
  { key: 'triggers', header: '对应必谈事项', type: 'text' },
  { key: 'by', header: '谈话人', type: 'text' },
  { key: 'notes', header: '备注', type: 'text' },
  { key: 'recordedAt', header: '记录时间', type: 'datetime' },
];

/**
 * The members a scope covers — those holding a seat and those who have left (a removed member
 * still owes the 组织谈话, and their records stay theirs) — and their records of one kind.
 */
export async function recordsOf(deps: ExportDeps, scope: ExportScope, kind: RecordKind): Promise<Array<{ member: MemberSnapshot<Member>; record: MemberRecord }>> {
  const members = deps.repos.members;
  const all = [...await allOf((p) => members.listPool<Member>(p)), ...await allOf((p) => members.listDeparted<Member>(p))]
    .filter((s) => s.state && (scope.unit === undefined || s.unitCode === scope.unit));
  const seen = new Set<string>();
  const out: Array<{ member: MemberSnapshot<Member>; record: MemberRecord }> = [];
  for (const s of all) {
    if (seen.has(s.personId)) continue;
    seen.add(s.personId);
    for (const record of await deps.repos.records.list(s.personId, kind)) out.push({ member: s, record });
  }
  return out.sort((a, b) => a.record.date.localeCompare(b.record.date) || a.member.personId.localeCompare(b.member.personId));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** 谈心谈话 (C-TALK): the talks due or overdue as of a day, and the talks held. */
export const talks: ExportKindSpec = {
  roles: ['bureau', 'school'],
  carriesIds: false,
  async build(deps, body, scope) {
    const asOf = body.asOf ?? scope.today;
    const due = (await listTalksDue(deps, asOf)).talks.filter((t) => scope.unit === undefined || t.member.unit === scope.unit);
    const dueRows: Row[] = due.map((t) => ({
      tier: tierZh(t.member.tier), name: t.member.name, unit: t.member.unit, status: MEMBER_STATUS_ZH[t.member.status] ?? t.member.status,
      what: t.zh, clause: t.clause, triggeredOn: t.triggeredOn, due: t.due, overdue: yesNo(t.overdue), organisational: yesNo(t.organisational),
    }));
    const held = await recordsOf(deps, scope, 'talk');
    const heldRows: Row[] = held.map(({ member, record: r }) => ({
      on: r.date, name: member.name, unit: member.unitCode, kind: TALK_KIND_ZH[str(r.kind) ?? 'regular'] ?? str(r.kind),
      triggers: Array.isArray(r.triggers) ? (r.triggers as string[]).map((t) => TALK_TRIGGER_NAMES[t as keyof typeof TALK_TRIGGER_NAMES]?.zh ?? t).join('；') : undefined,
      by: str(r.by), notes: str(r.notes), recordedAt: r.recordedAt,
    }));
    const unitPart = scope.unit ? `_${scope.unit}` : '';
    return {
      kind: 'talks', title: '谈心谈话',
      fileName: `谈心谈话${unitPart}_${asOf}.xlsx`,
      sheets: [{ name: `应谈（截至${asOf}）`, columns: DUE_COLUMNS, rows: dueRows }, { name: '已谈', columns: HELD_COLUMNS, rows: heldRows }],
    };
  },
};
