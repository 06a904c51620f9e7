import type { Nomination } from '../../domain/round/nomination';
import { problem } from '../../domain/problem';
import { ValidationError } from '../errors';
import { allOf } from '../pages';
import { birthMonth, formOf, GENDER_ZH, shownId } from './ids';
import { selectColumns } from './select';
import type { ColumnSpec, ExportDeps, ExportKindSpec, Row } from './table';
import { ADMISSION_ZH, NOMINATION_STATUS_ZH, PROPOSAL_ZH, tierZh, yesNo } from './words';

/** A round's id, required by the round's lists. */
export function requireRound(roundId: string | undefined): string {
  if (roundId === undefined) throw new ValidationError([problem('EXPORT_ROUND_REQUIRED', 'roundId', '请指定遴选批次 roundId', 'roundId is required for this export')]);
  return roundId;
}

/** The round's nominations, one unit's when the scope is confined (a school reads through its unit index). */
export async function roundNominations(deps: ExportDeps, roundId: string, unit: string | undefined): Promise<Nomination[]> {
  await deps.repos.rounds.require(roundId);
  return unit === undefined
    ? allOf((page) => deps.repos.nominations.listByRound(roundId, page))
    : allOf((page) => deps.repos.nominations.listByUnit(unit, { ...page, roundId }));
}

export const INTAKE_COLUMNS: readonly ColumnSpec[] = [
  { key: 'unit', header: '单位代码', type: 'text' },
  { key: 'unitName', header: '单位', type: 'text' },
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'gender', header: '性别', type: 'text' },
  { key: 'birth', header: '出生年月', type: 'text' },
  { key: 'idNumber', header: '身份证号', type: 'text' },
  { key: 'tier', header: '推荐梯队', type: 'text' },
  { key: 'status', header: '受理状态', type: 'text' },
  { key: 'eligible', header: '符合条件', type: 'text' },
  { key: 'failed', header: '不符合的条款', type: 'text' },
  { key: 'problems', header: '退回原因', type: 'text' },
  { key: 'proposed', header: '排名结果', type: 'text' },
  { key: 'admission', header: '入库结果', type: 'text' },
  { key: 'receivedAt', header: '收到时间', type: 'datetime' },
  { key: 'file', header: '文件', type: 'text' },
  { key: 'row', header: '行号', type: 'number' },
];

/** 推荐汇总 (S-ROUND): every nomination a round took in, by unit, with its verdict and fate. */
export const intake: ExportKindSpec = {
  roles: ['bureau', 'school'],
  carriesIds: true,
  async build(deps, body, scope) {
    const roundId = requireRound(body.roundId);
    const columns = selectColumns(INTAKE_COLUMNS, body.columns);
    const noms = (await roundNominations(deps, roundId, scope.unit))
      .filter((n) => body.tier === undefined || n.tier === body.tier)
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.receivedAt.localeCompare(b.receivedAt));
    const rows: Row[] = noms.map((n) => {
      const form = formOf(n);
      return {
        unit: n.unitCode, unitName: form?.unit.name, name: n.candidateName ?? form?.candidate.name,
        gender: form ? GENDER_ZH[form.candidate.gender] : undefined, birth: birthMonth(form),
        idNumber: shownId(form?.candidate.idNumber, scope), tier: tierZh(n.tier), status: NOMINATION_STATUS_ZH[n.status] ?? n.status,
        eligible: yesNo(n.verdict?.eligible),
        failed: n.verdict?.reasons.filter((r) => !r.ok).map((r) => `${r.clause} ${r.message}`).join('；'),
        problems: n.problems?.map((p) => p.zh).join('；'),
        proposed: n.proposed ? PROPOSAL_ZH[n.proposed] ?? n.proposed : undefined,
        admission: n.admission ? ADMISSION_ZH[n.admission.status] ?? n.admission.status : undefined,
        receivedAt: n.receivedAt, file: n.source.key.split('/').pop()?.replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/, ''), row: n.source.row,
      };
    });
    const unitPart = scope.unit ? `_${scope.unit}` : '';
    return {
      kind: 'intake', title: `${roundId} 推荐汇总`,
      fileName: `${roundId}_推荐汇总${unitPart}_${scope.today}.xlsx`,
      sheets: [{ name: '推荐汇总', columns, rows }],
    };
  },
};
