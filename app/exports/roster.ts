import type { Member } from '../../domain/membership/member';
import { allOf } from '../pages';
import { admissionForms, shownId } from './ids';
import { selectColumns } from './select';
import type { ColumnSpec, ExportKindSpec, Row } from './table';
import { MEMBER_STATUS_ZH, tierZh } from './words';

/** 后备人才名册 by tier (T-CAP, M-TERM), the columns the bureau chooses. */
export const ROSTER_COLUMNS: readonly ColumnSpec[] = [
  { key: 'tier', header: '梯队', type: 'text' },
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'gender', header: '性别', type: 'text' },
  { key: 'idNumber', header: '身份证号', type: 'text' },
  { key: 'personId', header: '人员编号', type: 'text' },
  { key: 'unit', header: '单位代码', type: 'text' },
  { key: 'unitName', header: '单位', type: 'text' },
  { key: 'post', header: '现任职务', type: 'text' },
  { key: 'cohort', header: '入库批次', type: 'text' },
  { key: 'termStart', header: '入库日期', type: 'date' },
  { key: 'termEnd', header: '任期届满', type: 'date' },
  { key: 'status', header: '状态', type: 'text' },
  { key: 'lastGrade', header: '最近考核等次', type: 'text' },
  { key: 'warnings', header: '警示次数', type: 'number' },
  { key: 'talks', header: '谈话次数', type: 'number' },
  { key: 'trainings', header: '培训次数', type: 'number' },
  { key: 'trainingHours', header: '培训学时', type: 'number' },
  { key: 'rotations', header: '交流锻炼次数', type: 'number' },
];

export const roster: ExportKindSpec = {
  roles: ['bureau', 'school'],
  carriesIds: true,
  async build(deps, body, scope) {
    const columns = selectColumns(ROSTER_COLUMNS, body.columns);
    // The form is read only when a column needs it (ID, gender, post, unit name): one query per round.
    const needsForm = columns.some((c) => ['idNumber', 'gender', 'post'].includes(c.key));
    // Unit names from the registry (members imported as filed have no stored form to name it).
    const unitNames = new Map<string, Promise<string | undefined>>();
    const unitName = (code: string) => {
      if (!unitNames.has(code)) unitNames.set(code, deps.repos.units.get(code).then((u) => u?.name));
      return unitNames.get(code) as Promise<string | undefined>;
    };
    const wantsUnitName = columns.some((c) => c.key === 'unitName');
    const members = (await allOf((page) => deps.repos.members.listPool<Member>({ ...page, ...(body.tier ? { tier: body.tier } : {}) })))
      .filter((s) => s.state && s.tier !== null && (scope.unit === undefined || s.unitCode === scope.unit))
      .sort((a, b) => (a.tier ?? 0) - (b.tier ?? 0) || a.unitCode.localeCompare(b.unitCode) || (a.name ?? '').localeCompare(b.name ?? '', 'zh'));
    const formOf = admissionForms(deps.repos);
    const rows: Row[] = [];
    for (const s of members) {
      const m = s.state;
      const form = needsForm ? await formOf(m.roundId ?? m.cohortId, s.personId) : undefined;
      const post = form?.candidate.posts.find((p) => p.to === null);
      const last = m.assessments[m.assessments.length - 1];
      rows.push({
        tier: tierZh(m.tier), name: s.name ?? form?.candidate.name, gender: form ? (form.candidate.gender === 'M' ? '男' : '女') : undefined,
        idNumber: shownId(form?.candidate.idNumber, scope), personId: s.personId, unit: s.unitCode, unitName: (wantsUnitName ? await unitName(s.unitCode) : undefined) ?? form?.unit.name,
        post: post?.title, cohort: m.cohortId, termStart: m.termStart, termEnd: m.termEnd, status: MEMBER_STATUS_ZH[m.status] ?? m.status,
        lastGrade: last ? `${last.year} ${last.grade}` : '', warnings: m.warnings.length,
        talks: m.talks.length, trainings: m.trainings, trainingHours: m.trainingHours, rotations: m.rotations,
      });
    }
    const tierPart = body.tier ? `（${tierZh(body.tier)}）` : '';
    const unitPart = scope.unit ? `_${scope.unit}` : '';
    return {
      kind: 'roster',
      title: `后备人才名册${tierPart}`,
      fileName: `后备人才名册${tierPart}${unitPart}_${scope.today}.xlsx`,
      sheets: [{ name: `后备人才名册${tierPart}`, columns, rows }],
    };
  },
};
