import { ROTATION_KIND_NAMES, type RotationKind } from '../../domain/talks';
import type { ColumnSpec, ExportKindSpec, Row } from './table';
import { recordsOf } from './talks';
import { POST_AREA_ZH, TRAINING_KIND_ZH } from './words';

const TRAINING_COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'unit', header: '单位代码', type: 'text' },
  { key: 'kind', header: '培训类型', type: 'text' },
  { key: 'title', header: '培训名称', type: 'text' },
  { key: 'provider', header: '举办单位', type: 'text' },
  { key: 'hours', header: '学时', type: 'number' },
  { key: 'from', header: '开始日期', type: 'date' },
  { key: 'to', header: '结束日期', type: 'date' },
  { key: 'recordedAt', header: '记录时间', type: 'datetime' },
];
const ROTATION_COLUMNS: readonly ColumnSpec[] = [
  { key: 'name', header: '姓名', type: 'text' },
  { key: 'unit', header: '单位代码', type: 'text' },
  { key: 'kind', header: '交流方式', type: 'text' },
  { key: 'host', header: '交流单位', type: 'text' },
  { key: 'postArea', header: '岗位', type: 'text' },
  { key: 'from', header: '开始日期', type: 'date' },
  { key: 'to', header: '结束日期', type: 'date' },
  { key: 'recordedAt', header: '记录时间', type: 'datetime' },
];

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** 培训与交流锻炼 (D-TRAIN, D-ROTATE): every course and every rotation recorded, one sheet each. */
export const development: ExportKindSpec = {
  roles: ['bureau', 'school'],
  carriesIds: false,
  async build(deps, _body, scope) {
    const [training, rotations] = await Promise.all([recordsOf(deps, scope, 'training'), recordsOf(deps, scope, 'rotation')]);
    const trainingRows: Row[] = training.map(({ member, record: r }) => ({
      name: member.name, unit: member.unitCode, kind: TRAINING_KIND_ZH[str(r.kind) ?? ''] ?? str(r.kind), title: str(r.title),
      provider: str(r.provider), hours: typeof r.hours === 'number' ? r.hours : undefined, from: str(r.from), to: str(r.to), recordedAt: r.recordedAt,
    }));
    const rotationRows: Row[] = rotations.map(({ member, record: r }) => {
      const host = r.hostUnit as { code?: string; name?: string } | undefined;
      return {
        name: member.name, unit: member.unitCode, kind: ROTATION_KIND_NAMES[r.kind as RotationKind] ?? str(r.kind), host: host?.name,
        postArea: POST_AREA_ZH[str(r.postArea) ?? ''] ?? str(r.postArea), from: str(r.from), to: str(r.to) ?? '至今', recordedAt: r.recordedAt,
      };
    });
    const unitPart = scope.unit ? `_${scope.unit}` : '';
    return {
      kind: 'development', title: '培训与交流锻炼',
      fileName: `培训与交流锻炼${unitPart}_${scope.today}.xlsx`,
      sheets: [{ name: '培训', columns: TRAINING_COLUMNS, rows: trainingRows }, { name: '交流锻炼', columns: ROTATION_COLUMNS, rows: rotationRows }],
    };
  },
};
