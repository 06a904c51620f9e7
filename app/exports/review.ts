import { problem } from '../../domain/problem';
import { NotFound, ValidationError } from '../errors';
import { allOf } from '../pages';
import type { Assessment } from '../ports';
import { selectColumns } from './select';
import type { ColumnSpec, ExportKindSpec, Row } from './table';
import { OUTCOME_ZH, REVIEW_KIND_ZH, tierZh, yesNo } from './words';

export const REVIEW_COLUMNS: readonly ColumnSpec[] = [
  { key: 'tier', header: '梯队', type: 'text' },
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'personId', header: '人员编号', type: 'text' },
  { key: 'unit', header: '单位代码', type: 'text' },
  { key: 'cohort', header: '入库批次', type: 'text' },
  { key: 'reviewKind', header: '考核类型', type: 'text' },
  { key: 'grade', header: '考核等次', type: 'text' },
  { key: 'score', header: '考核得分', type: 'number' },
  { key: 'submittedAt', header: '报送时间', type: 'datetime' },
  { key: 'rank', header: '梯队内名次', type: 'number' },
  { key: 'outcome', header: '考核结果', type: 'text' },
  { key: 'clause', header: '依据条款', type: 'text' },
  { key: 'proposed', header: '原拟结果', type: 'text' },
  { key: 'changeReason', header: '调整理由', type: 'text' },
  { key: 'applied', header: '已执行', type: 'text' },
];

/** 考核结果 (M-TERM, M-WARN, M-TOP): a review's outcome per member with the unit's grade and score. */
export const review: ExportKindSpec = {
  roles: ['bureau', 'school'],
  carriesIds: false,
  async build(deps, body, scope) {
    const reviewId = body.reviewId;
    if (reviewId === undefined) throw new ValidationError([problem('EXPORT_REVIEW_REQUIRED', 'reviewId', '请指定考核 reviewId', 'reviewId is required for this export')]);
    const r = await deps.repos.reviews.get(reviewId);
    if (!r) throw new NotFound({ zh: `考核 ${reviewId}`, en: `review ${reviewId}` }, 'REVIEW_NOT_FOUND');
    const columns = selectColumns(REVIEW_COLUMNS, body.columns);
    const inScope = <T extends { unitCode: string }>(x: T) => scope.unit === undefined || x.unitCode === scope.unit;
    const [outcomes, expected, assessments] = await Promise.all([
      deps.repos.reviewItems.outcomes(reviewId),
      deps.repos.reviewItems.expected(reviewId),
      scope.unit === undefined
        ? allOf((page) => deps.repos.reviews.listAssessments(reviewId, page))
        : allOf((page) => deps.repos.reviews.listAssessmentsByUnit(scope.unit as string, reviewId, page)),
    ]);
    const byPerson = new Map<string, Assessment>(assessments.map((a) => [a.personId, a]));
    const outcomeOf = new Map(outcomes.map((o) => [o.personId, o]));
    // The frozen roster (who was reviewed), with what came of each; outcomes of anyone not on it too.
    const people = [...new Map([...expected.filter(inScope), ...outcomes.filter(inScope)].map((x) => [x.personId, x])).values()];
    const rows: Row[] = people
      .sort((a, b) => a.tier - b.tier || a.unitCode.localeCompare(b.unitCode) || (a.name ?? '').localeCompare(b.name ?? '', 'zh'))
      .map((p) => {
        const o = outcomeOf.get(p.personId);
        const a = byPerson.get(p.personId);
        const kind = 'kind' in p ? p.kind : o?.reviewKind;
        return {
          tier: tierZh(p.tier), name: p.name, personId: p.personId, unit: p.unitCode, cohort: p.cohortId,
          reviewKind: kind ? REVIEW_KIND_ZH[kind] ?? kind : undefined, grade: a?.grade, score: a?.score, submittedAt: a?.submittedAt,
          rank: o?.outcome.rank, outcome: o ? OUTCOME_ZH[o.outcome.kind] ?? o.outcome.kind : '尚未计算', clause: o?.outcome.clause,
          proposed: o?.proposed ? OUTCOME_ZH[o.proposed.kind] ?? o.proposed.kind : undefined, changeReason: o?.change?.reason,
          applied: o ? yesNo(o.applied) : undefined,
        };
      });
    const unitPart = scope.unit ? `_${scope.unit}` : '';
    return {
      kind: 'review', title: `${reviewId} 考核结果`,
      fileName: `${reviewId}_考核结果${unitPart}_${scope.today}.xlsx`,
      sheets: [{ name: '考核结果', columns, rows }],
    };
  },
};
