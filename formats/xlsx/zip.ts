import { Inflate } from 'fflate';

/**
 * A defensive reader for the ZIP container of an .xlsx. It parses the central directory
 * itself so it can refuse before inflating anything: too many entries, a declared total
 * over the limit, a suspicious compression ratio (a zip bomb), encryption, ZIP64. Then it
 * inflates only the entries asked for, in small chunks, and stops the moment the output
 * passes what the entry declared or the overall budget — a lying header cannot make it
 * allocate more than the limit.
 */

export interface ZipLimits {
  /** Total uncompressed bytes of all entries (declared) and of what is actually inflated. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed above which a large entry is treated as a bomb. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 20 * 1024 * 1024, maxRatio: 100, maxEntries: 1000 };

/** Ratios are only meaningful for entries large enough to matter (tiny XML parts compress well). */
const RATIO_FLOOR = 1024 * 1024;
// Small input chunks bound how much one push can inflate before the check runs (~1,000× at most).
const CHUNK = 4 * 1024;

export type ZipFailure = 'not-zip' | 'too-large' | 'unsupported' | 'corrupt';

export class ZipError extends Error {
  constructor(readonly reason: ZipFailure, message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: Map<string, ZipEntry>;
  /** Inflates one entry (null when absent), within the archive's remaining budget. */
  read(name: string): Uint8Array | null;
}

const u16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number) => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function openZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  if (!looksLikeZip(bytes)) throw new ZipError('not-zip', 'no local file header signature');
  // End of central directory: 22 bytes + a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not-zip', 'no end of central directory');
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipError('unsupported', 'ZIP64 archive');
  if (count > limits.maxEntries) throw new ZipError('too-large', `${count} entries`);
  if (cdOffset + cdSize > bytes.length) throw new ZipError('corrupt', 'central directory out of range');

  const entries = new Map<string, ZipEntry>();
  let declaredTotal = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new ZipError('corrupt', 'bad central directory entry');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    const name = entryName(bytes.subarray(p + 46, p + 46 + nameLen), flags);
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw new ZipError('unsupported', 'encrypted entry');
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw new ZipError('unsupported', 'ZIP64 entry');
    declaredTotal += size;
    if (declaredTotal > limits.maxTotalBytes) throw new ZipError('too-large', 'declared size over the limit');
    if (size > RATIO_FLOOR && size > limits.maxRatio * Math.max(compressedSize, 1)) throw new ZipError('too-large', `compression ratio of ${name}`);
    entries.set(name, { name, method, compressedSize, size, localOffset });
  }

  let budget = limits.maxTotalBytes;
  return {
    entries,
    read(name) {
      const e = entries.get(name);
      if (!e) return null;
      const lo = e.localOffset;
      if (lo + 30 > bytes.length || u32(bytes, lo) !== 0x04034b50) throw new ZipError('corrupt', `bad local header for ${name}`);
      const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
      const end = start + e.compressedSize;
      if (end > bytes.length) throw new ZipError('corrupt', `${name} truncated`);
      const data = bytes.subarray(start, end);
      // Never produce more than the entry declared, nor more than what is left overall.
      const cap = Math.min(e.size, budget);
      let out: Uint8Array;
      if (e.method === 0) {
        if (data.length > cap) throw new ZipError('too-large', `${name} over the limit`);
        out = data.slice();
      } else if (e.method === 8) {
        out = inflateBounded(data, cap, name);
      } else {
        throw new ZipError('unsupported', `compression method ${e.method}`);
      }
      if (out.length !== e.size) throw new ZipError('corrupt', `${name}: size differs from the directory`);
      budget -= out.length;
      return out;
    },
  };
}

/**
 * An entry's name: UTF-8 when the archive says so (flag bit 11), or when the bytes are valid
 * UTF-8; otherwise the code page the archiver used, which on Chinese Windows (Explorer's
 * "send to compressed folder") is GBK — decoded as GB18030, its superset. Names only label
 * entries here; a name that decodes neither way keeps replacement characters.
 */
function entryName(raw: Uint8Array, flags: number): string {
  if (flags & 0x800) return new TextDecoder('utf-8', { fatal: false }).decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('gb18030', { fatal: false }).decode(raw);
  }
}

function inflateBounded(data: Uint8Array, cap: number, name: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) throw new ZipError('too-large', `${name} inflates past its declared size or the limit`);
    chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.length; i += CHUNK) inflater.push(data.subarray(i, Math.min(i + CHUNK, data.length)), i + CHUNK >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError('corrupt', `${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
