import { problem, rejection, type Result } from '../../domain/problem';
import { ZipError, looksLikeZip, openZip, type ZipLimits } from '../xlsx/zip';

/**
 * A .zip of .lrmx files (a school exports one 任免表 per person): the entries, read with the
 * same defensive ZIP reader as a workbook (formats/xlsx/zip.ts: the central directory is read
 * first, the declared sizes and the compression ratio are checked before anything is
 * inflated, and inflation stops at the declared size or the overall budget).
 *
 * Refused as a whole: more entries than the limit, a zip bomb, an encrypted or ZIP64
 * archive, a nested .zip (a bomb's usual second stage, and no school needs one), an entry
 * name that climbs out of the archive (`../`, an absolute or drive path, a backslash).
 * Skipped: folders and the resource forks macOS adds (`__MACOSX/`, `._name`).
 */

export interface ArchiveLimits extends ZipLimits {
  /** One entry, inflated (an .lrmx with its photo is well under it). */
  maxEntryBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 100, maxTotalBytes: 20 * 1024 * 1024, maxRatio: 100, maxEntryBytes: 2 * 1024 * 1024 };

export interface ArchiveEntry {
  /** The entry's name as the archive gives it (folders kept: `高中/张三.lrmx`). */
  name: string;
  bytes: Uint8Array;
}

const refuse = (code: string, zh: string, en: string): Result<never> => rejection([problem(code, '', zh, en)]);

/** A name that would land outside a folder it is extracted to. */
export function unsafeEntryName(name: string): boolean {
  return name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\0')
    || name.split('/').some((seg) => seg === '..');
}

const skipped = (name: string): boolean => name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\._/.test(name) || /(^|\/)\.DS_Store$/.test(name);

export function readLrmxArchive(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Result<ArchiveEntry[]> {
  try {
    const zip = openZip(bytes, limits);
    const names = [...zip.entries.keys()];
    const unsafe = names.find(unsafeEntryName);
    if (unsafe !== undefined) {
      return refuse('LRMX_ZIP_PATH', `压缩包中的文件名“${unsafe}”指向压缩包以外的位置，拒绝处理`, `the archive entry "${unsafe}" points outside the archive; refused`);
    }
    const wanted = names.filter((n) => !skipped(n));
    const nested = wanted.find((n) => /\.(zip|rar|7z|gz|tar)$/i.test(n));
    if (nested !== undefined) {
      return refuse('LRMX_ZIP_NESTED', `压缩包中不能再含压缩包（${nested}）：请把任免审批表（.lrmx）直接放入一个压缩包`, `an archive inside the archive (${nested}) is refused: put the .lrmx files into one .zip directly`);
    }
    if (wanted.length === 0) return refuse('LRMX_ZIP_EMPTY', '压缩包中没有任免审批表（.lrmx）', 'the archive holds no .lrmx file');
    const out: ArchiveEntry[] = [];
    for (const name of wanted) {
      const e = zip.entries.get(name);
      if (e && e.size > limits.maxEntryBytes) {
        return refuse('LRMX_ZIP_TOO_LARGE', `压缩包中的“${name}”解压后过大`, `"${name}" in the archive is too large when unpacked`);
      }
      const data = zip.read(name) ?? new Uint8Array(0);
      // A nested archive by content, whatever its name says.
      if (looksLikeZip(data)) {
        return refuse('LRMX_ZIP_NESTED', `压缩包中不能再含压缩包（${name}）`, `an archive inside the archive (${name}) is refused`);
      }
      out.push({ name, bytes: data });
    }
    return { ok: true, value: out };
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    switch (e.reason) {
      case 'not-zip': return refuse('LRMX_ZIP_INVALID', '文件不是有效的 .zip 压缩包', 'the file is not a valid .zip archive');
      case 'too-large': return refuse('LRMX_ZIP_TOO_LARGE', `压缩包文件过多（上限 ${limits.maxEntries} 个）、解压后过大或压缩比异常，拒绝处理`, `the archive has too many entries (limit ${limits.maxEntries}), is too large when unpacked, or is suspiciously compressed`);
      case 'unsupported': return refuse('LRMX_ZIP_UNSUPPORTED', '压缩包已加密或为 ZIP64 格式，请重新打包为普通 .zip', 'the archive is encrypted or ZIP64; pack it again as a plain .zip');
      default: return refuse('LRMX_ZIP_CORRUPT', '压缩包已损坏，无法读取', 'the archive is damaged');
    }
  }
}
