import type { Problem, Result } from '../../domain/problem';
import { readLrmxArchive } from '../../formats/lrmx/archive';
import { mapLrmxPerson, type LrmxContext } from '../../formats/lrmx/map';
import { readLrmx } from '../../formats/lrmx/read';
import { located, type RawForm, type ReaderProblem } from './forms';

/**
 * .lrmx uploads → raw forms (DESIGN §8). One .lrmx is one person; a refusal of the file
 * (DOCTYPE, size, encoding, not a <Person>) refuses the upload. A .zip holds one person per
 * entry: each entry becomes one raw form — mapped, or unreadable with its own problems — so
 * each person is one nomination or one rejection, like the rows of a workbook; a refusal of
 * the archive itself (bomb, nesting, a path out of it) refuses the upload.
 *
 * An .lrmx never holds all of form v1 (no tier when several are open, no attestation, no
 * graduation dates, free-text posts and honours): every person comes back with the coded
 * problems of what to complete, each naming its element (`Person/JianLi`).
 */
export function lrmxForms(ext: 'lrmx' | 'zip', bytes: Uint8Array, ctx: LrmxContext): Result<RawForm[]> {
  if (ext === 'lrmx') {
    const read = readLrmx(bytes);
    if (!read.ok) return read;
    return { ok: true, value: [person(mapLrmxPerson(read.value, ctx), undefined, undefined)] };
  }
  const archive = readLrmxArchive(bytes);
  if (!archive.ok) return archive;
  return {
    ok: true,
    value: archive.value.map((entry, i): RawForm => {
      const row = i + 1;
      const name = shownName(entry.name);
      if (!/\.lrmx$/i.test(entry.name)) {
        const old = /\.(lrm|pic)$/i.test(entry.name);
        return unreadable(row, name, [{
          code: 'LRMX_ZIP_ENTRY_TYPE', path: '',
          zh: `压缩包中只能放任免审批表（.lrmx）${old ? '；旧版 .lrm / .pic 请在任免表软件中另存为 .lrmx' : ''}`,
          en: `the archive may hold .lrmx files only${old ? '; save an old .lrm / .pic as .lrmx in the editor' : ''}`,
        }]);
      }
      const read = readLrmx(entry.bytes);
      if (!read.ok) return unreadable(row, name, read.problems);
      return person(mapLrmxPerson(read.value, ctx), row, name);
    }),
  };
}

/**
 * An entry's name as stored and shown: an archive may name an entry with up to 65,535 bytes,
 * control or bidirectional characters; the school needs the file's own name, so the end.
 */
function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = name.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return clean.length <= 120 ? clean : `…${clean.slice(-119)}`;
}

function person(mapped: { form: Record<string, unknown>; problems: ReaderProblem[]; elements: Record<string, string> }, row: number | undefined, entry: string | undefined): RawForm {
  return {
    ...(row !== undefined ? { row } : {}),
    ...(entry !== undefined ? { entry } : {}),
    form: mapped.form,
    elements: mapped.elements,
    problems: mapped.problems.map((p) => located(p, entry)),
    covers: mapped.problems.map((p) => p.path),
  };
}

function unreadable(row: number, entry: string, problems: Problem[]): RawForm {
  return { row, entry, form: {}, problems: problems.map((p) => located(p, entry)), covers: [''] };
}
