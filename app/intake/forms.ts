import type { Problem, Result } from '../../domain/problem';
import type { CellProblem } from '../../formats/xlsx/nomination';
import { intakeProblems } from './problems';

/** One candidate's raw form out of an uploaded file, with where it sat in the file. */
export interface RawForm {
  /** Workbook row; absent for a JSON file. */
  row?: number;
  form: unknown;
  /** Form path → cell ("推荐表!J7"), for a workbook row. */
  cells?: Record<string, string>;
  /** Problems the file reader found in this row before parsing. */
  problems: CellProblem[];
}

/**
 * The forms in a file, by its extension: `.json` is one form, `.xlsx` is the template with
 * one candidate per row. Never throws for bad content: a file that is not what it claims is
 * a rejection with a reason a school can read.
 */
export async function formsInFile(file: string, bytes: Uint8Array): Promise<Result<RawForm[]>> {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'json') return jsonForms(bytes);
  if (ext === 'xlsx') {
    // The workbook reader (zip, XML) is loaded on the first workbook, not at every cold start.
    const { readNominationWorkbook } = await import('../../formats/xlsx/nomination');
    const read = readNominationWorkbook(bytes);
    if (!read.ok) return read;
    return { ok: true, value: read.value.map((r) => ({ row: r.row, form: r.form, cells: r.cells, problems: r.problems })) };
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
