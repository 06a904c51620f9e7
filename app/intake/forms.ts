import type { Problem, Result } from '../../domain/problem';
import type { LrmxContext } from '../../formats/lrmx/map';
import { intakeProblems } from './problems';

/** A problem found by a file reader: the form path, and where in the file (a cell, an .lrmx element). */
export type ReaderProblem = Problem & { cell?: string; element?: string };

/** One candidate's raw form out of an uploaded file, with where it sat in the file. */
export interface RawForm {
  /** Workbook row, or the entry's place in a .zip of .lrmx (1-based); absent for a single file. */
  row?: number;
  /** The .lrmx file the person came from, inside a .zip. */
  entry?: string;
  form: unknown;
  /** Form path → cell ("推荐表!J7"), for a workbook row. */
  cells?: Record<string, string>;
  /** Form path (or path prefix) → the .lrmx element it came from ("Person/ShenFenZheng"). */
  elements?: Record<string, string>;
  /** Problems the file reader found in this row before parsing. */
  problems: ReaderProblem[];
  /**
   * Form paths the reader left out because it reported them itself (an .lrmx holds no tier,
   * no attestation …): the form parser's FORM_REQUIRED at or under them says the same again,
   * so it is not repeated (any other parser problem is). '' covers every parser problem (an
   * entry that could not be read at all).
   */
  covers?: string[];
}

/** Where a problem sits, in the text a school reads: `张三.lrmx · Person/JianLi：…`. */
export function located(p: ReaderProblem, entry: string | undefined): ReaderProblem {
  const where = [entry, p.element].filter((s): s is string => !!s).join(' · ');
  return where ? { ...p, zh: `${where}：${p.zh}`, en: `${where}: ${p.en}` } : p;
}

/** What the upload itself tells about the form (for a file that does not carry it: .lrmx). */
export type UploadContext = LrmxContext;

/**
 * The forms in a file, by its extension: `.json` is one form, `.xlsx` is the template with
 * one candidate per row, `.lrmx` is one 任免审批表 and `.zip` a set of them. Never throws for
 * bad content: a file that is not what it claims is a rejection with a reason a school can read.
 */
export async function formsInFile(file: string, bytes: Uint8Array, context?: UploadContext): Promise<Result<RawForm[]>> {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'json') return jsonForms(bytes);
  if (ext === 'xlsx') {
    // The workbook reader (zip, XML) is loaded on the first workbook, not at every cold start.
    const { readNominationWorkbook } = await import('../../formats/xlsx/nomination');
    const read = readNominationWorkbook(bytes);
    if (!read.ok) return read;
    return { ok: true, value: read.value.map((r) => ({ row: r.row, form: r.form, cells: r.cells, problems: r.problems })) };
  }
  if ((ext === 'lrmx' || ext === 'zip') && context) {
    const { lrmxForms } = await import('./lrmx-forms');
    return lrmxForms(ext, bytes, context);
  }
  return reject(intakeProblems.unsupported(file));
}

function jsonForms(bytes: Uint8Array): Result<RawForm[]> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return reject(intakeProblems.jsonInvalid('not UTF-8 text'));
  }
  try {
    return { ok: true, value: [{ form: JSON.parse(text) as unknown, problems: [] }] };
  } catch (e) {
    // The parser's message names a position, never the content.
    const detail = e instanceof SyntaxError ? e.message.replace(/"[^"]*"/g, '…').slice(0, 120) : 'syntax error';
    return reject(intakeProblems.jsonInvalid(detail));
  }
}

function reject(p: Problem): Result<never> {
  return { ok: false, kind: 'rejection', problems: [p] };
}
