import { formSummary } from '../../domain/form/summary';
import { formOf, GENDER_ZH, shownId } from './ids';
import { requireRound, roundNominations } from './intake';
import { selectColumns } from './select';
import type { ColumnSpec, ExportKindSpec, Row } from './table';
import { PROPOSAL_ZH, tierZh } from './words';

export const SHORTLIST_COLUMNS: readonly ColumnSpec[] = [
  { key: 'tier', header: '梯队', type: 'text' },
  { key: 'position', header: '序号', type: 'number' },
  { key: 'rank', header: '名次', type: 'number' },
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'gender', header: '性别', type: 'text' },
  { key: 'birthYear', header: '出生年份', type: 'number' },
  { key: 'idNumber', header: '身份证号', type: 'text' },
  { key: 'unit', header: '单位代码', type: 'text' },
  { key: 'unitName', header: '单位', type: 'text' },
  { key: 'post', header: '现任职务', type: 'text' },
  { key: 'score', header: '综合得分', type: 'number' },
  { key: 'proposed', header: '拟定结果', type: 'text' },
];

/** 拟入库名单 (S-ROUND): the ranked list per tier, as Rank left it — what the approver decides on. */
export const shortlist: ExportKindSpec = {
  roles: ['bureau', 'approver'],
  carriesIds: true,
  async build(deps, body, scope) {
    const roundId = requireRound(body.roundId);
    const columns = selectColumns(SHORTLIST_COLUMNS, body.columns);
    const ranked = (await roundNominations(deps, roundId, scope.unit))
      .filter((n) => n.status === 'accepted' && typeof n.position === 'number' && (body.tier === undefined || n.tier === body.tier))
      .sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0) || (a.position ?? 0) - (b.position ?? 0));
    const rows: Row[] = ranked.map((n) => {
      const form = formOf(n);
      const summary = form ? formSummary(form, deps.policy) : undefined;
      const score = typeof n.score === 'number' ? n.score : n.scoring?.status === 'scored' ? n.scoring.score : undefined;
      return {
        tier: tierZh(n.tier), position: n.position ?? undefined, rank: n.rank ?? undefined, name: n.candidateName ?? summary?.name,
        gender: summary ? GENDER_ZH[summary.gender] : undefined, birthYear: summary?.birthYear,
        idNumber: shownId(form?.candidate.idNumber, scope), unit: n.unitCode, unitName: summary?.unit.name,
        post: summary?.currentPost?.title, score, proposed: n.proposed ? PROPOSAL_ZH[n.proposed] ?? n.proposed : '候补',
      };
    });
    return {
      kind: 'shortlist', title: `${roundId} 拟入库名单`,
      fileName: `${roundId}_拟入库名单_${scope.today}.xlsx`,
      sheets: [{ name: '拟入库名单', columns, rows }],
    };
  },
};
