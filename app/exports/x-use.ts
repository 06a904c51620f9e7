import { POST_KIND_ZH } from '../../domain/eligibility/words';
import { problem } from '../../domain/problem';
import { ValidationError } from '../errors';
import { xUseReport } from '../appointments/report';
import type { ColumnSpec, ExportKindSpec, Row } from './table';
import { tierZh, yesNo } from './words';

const SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { key: 'kind', header: '职务类别', type: 'text' },
  { key: 'total', header: '任用人数', type: 'number' },
  { key: 'fromPool', header: '其中后备人才', type: 'number' },
  { key: 'share', header: '占比', type: 'number' },
];
const LIST_COLUMNS: readonly ColumnSpec[] = [
  { key: 'on', header: '任用日期', type: 'date' },
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'kind', header: '职务类别', type: 'text' },
  { key: 'title', header: '职务', type: 'text' },
  { key: 'unit', header: '任职单位', type: 'text' },
  { key: 'fromPool', header: '后备人才', type: 'text' },
  { key: 'tier', header: '梯队', type: 'text' },
  { key: 'documentNo', header: '文号', type: 'text' },
];

/** X-USE: appointments in a period by post kind, how many from the pool, the share — and the appointments. */
export const xUse: ExportKindSpec = {
  roles: ['bureau'],
  carriesIds: false,
  async build(deps, body, scope) {
    const { from, to } = body;
    const problems = [
      ...(from === undefined ? [problem('EXPORT_PERIOD_REQUIRED', 'from', '请指定起始日期 from', 'from is required for this export')] : []),
      ...(to === undefined ? [problem('EXPORT_PERIOD_REQUIRED', 'to', '请指定截止日期 to', 'to is required for this export')] : []),
      ...(from !== undefined && to !== undefined && to < from ? [problem('QUERY_INVALID', 'to', `to（${to}）早于 from（${from}）`, `to (${to}) is before from (${from})`)] : []),
    ];
    if (problems.length > 0 || from === undefined || to === undefined) throw new ValidationError(problems);
    const report = await xUseReport(deps, from, to);
    const share = (s: number | null) => (s === null ? undefined : Math.round(s * 1000) / 1000);
    const summary: Row[] = [
      ...report.byKind.map((l) => ({ kind: l.zh, total: l.total, fromPool: l.fromPool, share: share(l.share) })),
      { kind: '合计', total: report.total, fromPool: report.fromPool, share: share(report.share) },
      { kind: report.zh },
    ];
    const list: Row[] = (await deps.repos.appointments.between(from, to))
      .filter((a) => scope.unit === undefined || a.post.unitCode === scope.unit)
      .map((a) => ({
        on: a.on, name: a.name, kind: POST_KIND_ZH[a.post.kind] ?? a.post.kind, title: a.post.title, unit: a.post.unitCode,
        fromPool: yesNo(a.fromPool), tier: tierZh(a.tier), documentNo: a.documentNo,
      }));
    return {
      kind: 'x-use', title: `${from} 至 ${to} 后备人才使用情况`,
      fileName: `后备人才使用情况_${from}_${to}.xlsx`,
      sheets: [{ name: '使用情况', columns: SUMMARY_COLUMNS, rows: summary }, { name: '任用名单', columns: LIST_COLUMNS, rows: list }],
    };
  },
};
