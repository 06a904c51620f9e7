import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';

/** The .lrmx fixtures (tests/fixtures/lrmx), written to the format as the 任免表 editor writes it. */
export function lrmxFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', 'lrmx', name)));
}

/** A .zip of the named fixtures (entry names as given). */
export function lrmxZip(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(entries, { level: 6 });
}

/** An .lrmx over `bytes` long: a real person with a padded 简历. */
export function oversizeLrmx(bytes: number): Uint8Array {
  const pad = '2014.09--2015.08  金坛区西旸小学教师\r\n'.repeat(Math.ceil(bytes / 40));
  return strToU8(`<?xml version="1.0" encoding="UTF-8"?>\r\n<Person><XingMing>张三</XingMing><JianLi>${pad}</JianLi></Person>\r\n`);
}

/**
 * A zip bomb of .lrmx: one entry of `mb` megabytes of spaces (compresses ~1000:1). With
 * `lie`, the sizes in the headers are patched to claim 1 KB, so only the inflate limit can
 * catch it.
 */
export function lrmxZipBomb(mb: number, lie = false): Uint8Array {
  const body = new Uint8Array(mb * 1024 * 1024).fill(0x20);
  const zip = zipSync({ '张三.lrmx': body }, { level: 9 });
  if (!lie) return zip;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint32(i + 22, true) === body.length) view.setUint32(i + 22, 1024, true);
    if (sig === 0x02014b50 && view.getUint32(i + 24, true) === body.length) view.setUint32(i + 24, 1024, true);
  }
  return zip;
}
