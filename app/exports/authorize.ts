import { AppError } from '../errors';
import type { ExportBody } from '../../contracts/exports';
import type { Exporter, ExportKindSpec, ExportScope } from './table';

/** A refused export: 403 with a stable code, Chinese first (mapped like every AppError, functions/shared/http.ts). */
export class ExportForbidden extends AppError {
  readonly status = 403;
}

/** A request for ID numbers an export does not carry (the 公示 list never does): 422. */
export class ExportNoIds extends AppError {
  readonly status = 422;
}

/**
 * Who may export what (issue #13): the kind's roles; a school only its own unit's rows (it
 * cannot name another unit — a coded refusal, not an empty file); the bureau every unit or the
 * one it names; ID numbers in full for the bureau only, and only where the list has them.
 */
export function authorizeExport(who: Exporter, spec: ExportKindSpec, body: ExportBody, today: string): ExportScope {
  if (!spec.roles.some((r) => who.roles.has(r))) {
    throw new ExportForbidden('EXPORT_FORBIDDEN', `您的角色无权导出此清单（${body.kind}）`, `your role may not export ${body.kind}`);
  }
  const bureau = who.roles.has('bureau');
  let unit: string | undefined;
  if (bureau || who.roles.has('approver')) {
    unit = body.unit;
  } else {
    // A school (callerOf refuses a school account without a unit before this).
    if (who.unit === undefined) throw new ExportForbidden('EXPORT_FORBIDDEN', '学校账号未设置所属单位，无法导出', 'a school account without a unit cannot export');
    if (body.unit !== undefined && body.unit !== who.unit) {
      throw new ExportForbidden('EXPORT_OTHER_UNIT', `只能导出本单位（${who.unit}）的数据`, `you may export your own unit's data (${who.unit}) only`);
    }
    unit = who.unit;
  }
  const fullIds = body.fullIds === true;
  if (fullIds && !bureau) {
    throw new ExportForbidden('EXPORT_FULL_IDS_BUREAU_ONLY', '仅区教育局可导出完整身份证号', 'only the bureau may export full ID numbers');
  }
  if (fullIds && !spec.carriesIds) {
    throw new ExportNoIds('EXPORT_NO_ID_NUMBERS', '此清单不含身份证号（公示名单从不列出身份证号）', 'this list carries no ID numbers (a 公示 list never does)');
  }
  return { ...(unit !== undefined ? { unit } : {}), fullIds, today };
}
