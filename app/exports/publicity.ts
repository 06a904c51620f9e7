import { formSummary } from '../../domain/form/summary';
import { birthMonth, formOf, GENDER_ZH } from './ids';
import { requireRound, roundNominations } from './intake';
import { selectColumns } from './select';
import type { ColumnSpec, ExportKindSpec, Row } from './table';
import { tierZh } from './words';

/**
 * The 公示 list (DESIGN.md §7): name, gender, year and month of birth, unit and post, tier —
 * never an ID number, whoever asks (carriesIds: false; authorize.ts refuses fullIds here).
 */
export const PUBLICITY_COLUMNS: readonly ColumnSpec[] = [
  { key: 'no', header: '序号', type: 'number' },
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'gender', header: '性别', type: 'text' },
  { key: 'birth', header: '出生年月', type: 'text' },
  { key: 'unitAndPost', header: '单位及职务', type: 'text' },
  { key: 'tier', header: '拟入库梯队', type: 'text' },
];

/**
 * Who is on it: those the round admitted, or — before admission, while the approved list is
 * being published — those proposed for admission (拟入库). Ordered by tier, then the ranked order.
 */
export const publicity: ExportKindSpec = {
  roles: ['bureau'],
  carriesIds: false,
  async build(deps, body, scope) {
    const roundId = requireRound(body.roundId);
    const columns = selectColumns(PUBLICITY_COLUMNS, body.columns);
    const noms = (await roundNominations(deps, roundId, scope.unit)).filter((n) => n.status === 'accepted' && (body.tier === undefined || n.tier === body.tier));
    const admitted = noms.filter((n) => n.admission?.status === 'admitted');
    const listed = (admitted.length > 0 ? admitted : noms.filter((n) => n.proposed === 'admit'))
      .sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0) || (a.position ?? 0) - (b.position ?? 0));
    const rows: Row[] = listed.map((n, i) => {
      const form = formOf(n);
      const summary = form ? formSummary(form, deps.policy) : undefined;
      const post = summary?.currentPost?.title;
      return {
        no: i + 1, name: n.candidateName ?? summary?.name, gender: summary ? GENDER_ZH[summary.gender] : undefined, birth: birthMonth(form),
        unitAndPost: [summary?.unit.name ?? n.unitCode, post].filter(Boolean).join(''), tier: tierZh(n.tier),
      };
    });
    return {
      kind: 'publicity', title: `${roundId} 公示名单`,
      fileName: `${roundId}_公示名单_${scope.today}.xlsx`,
      sheets: [{ name: '公示名单', columns, rows }],
    };
  },
};
