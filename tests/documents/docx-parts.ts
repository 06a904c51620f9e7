import { strFromU8, unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';

/** A .docx opened: each part's text by name. */
export function parts(docx: Uint8Array): Record<string, string> {
  const z = unzipSync(docx);
  return Object.fromEntries(Object.entries(z).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** Throws unless every XML part is well-formed. */
export function assertWellFormed(p: Record<string, string>): void {
  for (const [name, xml] of Object.entries(p)) {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
    const ok = XMLValidator.validate(xml);
    if (ok !== true) throw new Error(`${name}: ${JSON.stringify(ok)}`);
  }
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The paragraphs' text (runs joined, a `<w:br/>` as a line feed), in order. */
export function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:br\/>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => (m[0] === '<w:br/>' ? '\n' : decode(m[1] ?? ''))).join(''));
}

/** The runs: their `w:rFonts` attributes, size (half-points) and text. */
export function runs(xml: string): Array<{ fonts: Record<string, string>; size?: number; text: string }> {
  return [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => {
    const body = m[1]!;
    const rFonts = /<w:rFonts ([^>]*)\/>/.exec(body)?.[1] ?? '';
    const fonts = Object.fromEntries([...rFonts.matchAll(/w:(\w+)="([^"]*)"/g)].map((a) => [a[1]!, decode(a[2]!)]));
    const sz = /<w:sz w:val="(\d+)"\/>/.exec(body)?.[1];
    const text = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join('');
    return { fonts, ...(sz ? { size: Number(sz) } : {}), text };
  });
}

/** Every part's text at once (to prove something appears nowhere). */
export const everything = (p: Record<string, string>) => Object.values(p).join('\n');
