import { XLSX_TYPE } from '../../contracts/api';
import type { DocumentBody, DocumentKind, ExportRequest } from '../../contracts/exports';
import { isDocumentRequest } from '../../contracts/exports';
import { beijingDate } from '../../domain/dates';
import { writeExportWorkbook } from '../../formats/export/write';
import { requireBureau, type DocumentAsker } from '../documents/asker';
import { runExport } from './export';
import type { ExportDeps, Exporter } from './table';

/** One file POST /exports hands out: its bytes, its Chinese name and type, what it carries. */
export interface ExportFile {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
  /** The object key's extension (the name itself is Chinese and lives in Content-Disposition). */
  extension: 'xlsx' | 'docx' | 'lrmx';
  /** Rows of a workbook; a document has none. */
  rows?: number;
  fullIds: boolean;
}

type Producer<B> = (deps: ExportDeps, who: Exporter, body: B, now: Date) => Promise<ExportFile>;

const askerOf = (who: Exporter): DocumentAsker => ({ roles: [...who.roles], actor: who.actor, ...(who.unit ? { unit: who.unit } : {}) });

/** Optional text fields, left out when not given (the use cases' commands are exact optional). */
function given<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * The documents (DESIGN.md §8), by kind: each is its use case (who may, the data, the audit
 * entry) and nothing more. The Word writers are loaded on first use — `docx` is most of this
 * function's code, and a workbook request need not evaluate it.
 */
const DOCUMENTS: { [K in DocumentKind]: Producer<Extract<DocumentBody, { kind: K }>> } = {
  'publicity-notice': async (deps, who, b, now) => {
    const { publicityNoticeDocument } = await import('../documents/publicity-notice');
    const file = await publicityNoticeDocument(deps, {
      roundId: b.roundId, asker: askerOf(who), now, ...given({ period: b.period, issuedOn: b.issuedOn, issuer: b.issuer, contact: b.contact }),
    });
    return { ...file, extension: 'docx', fullIds: false };
  },
  'appointment-form': async (deps, who, b, now) => {
    const { appointmentFormDocument } = await import('../documents/appointment-form');
    const file = await appointmentFormDocument(deps, {
      personId: b.personId, asker: askerOf(who), now, ...given({ proposedPost: b.proposedPost, postToLeave: b.postToLeave, reason: b.reason }),
    });
    return { ...file, extension: 'docx', fullIds: false };
  },
  // The .lrmx carries the ID number in full (the editor's 身份证号 box): the bureau's only;
  // the use case audits each one (who, when, whose).
  lrmx: async (deps, who, b, now) => {
    requireBureau(askerOf(who), { zh: '干部任免审批表（.lrmx）', en: 'appointment form (.lrmx)' });
    const { exportMemberLrmx } = await import('./lrmx');
    const file = await exportMemberLrmx(deps, { personId: b.personId, asOf: beijingDate(now), actor: who.actor });
    return { ...file, extension: 'lrmx', fullIds: true };
  },
};

/**
 * What POST /exports makes, by kind: a document through its use case, or a list through
 * runExport (who may, the rows, the audit) and the workbook writer (formats/export).
 */
export async function produceExport(deps: ExportDeps, who: Exporter, body: ExportRequest, now: Date): Promise<ExportFile> {
  if (isDocumentRequest(body)) return (DOCUMENTS[body.kind] as Producer<DocumentBody>)(deps, who, body, now);
  const result = await runExport(deps, who, body, now);
  const bytes = writeExportWorkbook(result.table.sheets, { created: now.toISOString(), title: result.table.title });
  return { bytes, fileName: result.table.fileName, contentType: XLSX_TYPE, extension: 'xlsx', rows: result.rows, fullIds: result.fullIds };
}
