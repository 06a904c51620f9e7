import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { problem, rejection, type Problem, type Result } from '../../domain/problem';
import { decodeXml } from '../xlsx/workbook';
import { NOT_KEPT, PERSON_ELEMENTS, type PersonElement } from './elements';

/**
 * A safe reader for one .lrmx file: bytes → the text of each element of <Person>.
 *
 * Refused before any XML parser sees the text: a file over the size limit, an encoding it
 * cannot decode exactly, and any DOCTYPE or ENTITY declaration — that is how entity
 * expansion ("billion laughs") and external entities get in, and the 任免表 editor never
 * writes one. Entities are not expanded by the parser at all; the five predefined ones and
 * numeric references are decoded in one pass afterwards (decodeXml), so nothing can grow.
 *
 * What the plan does not need is dropped here, before anything else sees the person
 * (NOT_KEPT: the photo, family members, health status).
 */

export interface LrmxLimits {
  /** One .lrmx: the photo is base64 inside, so a real file is tens to a few hundred KB. */
  maxBytes: number;
}
export const DEFAULT_LRMX_LIMITS: LrmxLimits = { maxBytes: 2 * 1024 * 1024 };

/** The kept elements' text, trimmed; an element absent or empty is absent. */
export type LrmxPerson = Partial<Record<Exclude<PersonElement, (typeof NOT_KEPT)[number]>, string>>;

/** A refusal of the whole file: no form field is at fault (path ''), the element is the document. */
const refuse = (code: string, zh: string, en: string): Result<never> => rejection([Object.assign(problem(code, '', zh, en), { element: 'Person' })]);

export const lrmxProblems = {
  tooLarge: (size: number, max: number) => refuse('LRMX_TOO_LARGE', `任免审批表文件过大（${Math.ceil(size / 1024)} KB），上限 ${max / 1024} KB`, `the .lrmx file is too large (${Math.ceil(size / 1024)} KB); the limit is ${max / 1024} KB`),
  encoding: (detail: string) => refuse('LRMX_ENCODING', `任免审批表的文字编码无法识别（${detail}）：请用任免表软件重新导出（UTF-8）`, `the .lrmx text encoding cannot be read (${detail}); export it again from the editor (UTF-8)`),
  doctype: () => refuse('LRMX_DOCTYPE', '任免审批表含有 DOCTYPE 或实体声明，出于安全原因拒绝处理；请用任免表软件重新导出', 'the .lrmx holds a DOCTYPE or entity declaration, refused for safety; export it again from the editor'),
  notXml: (detail: string) => refuse('LRMX_NOT_XML', `任免审批表不是有效的 XML（${detail}）`, `the .lrmx is not well-formed XML (${detail})`),
  notPerson: (root: string) => refuse('LRMX_NOT_PERSON', `任免审批表的根元素应为 Person（实为 ${root || '无'}）`, `the .lrmx root element must be Person (found ${root || 'none'})`),
};

/**
 * The text of the file, by the encoding its XML declaration names: UTF-8 (the format's),
 * or GB2312 / GBK / GB18030, which older editor versions and hand-saved files declare and
 * which TextDecoder('gb18030') decodes as a superset. Strict: a byte that does not decode
 * is a refusal, never a replacement character in a name.
 */
export function decodeLrmx(bytes: Uint8Array): { ok: true; text: string } | { ok: false; detail: string } {
  if (bytes[0] === 0xfe && bytes[1] === 0xff || bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: false, detail: 'UTF-16' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // The declaration is ASCII in every encoding accepted here.
  const head = new TextDecoder('latin1').decode(bytes.subarray(hasBom ? 3 : 0, Math.min(bytes.length, 200)));
  const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head)?.[1]?.toLowerCase();
  const label = declared === undefined || hasBom ? 'utf-8'
    : ['utf-8', 'utf8'].includes(declared) ? 'utf-8'
    : ['gb2312', 'gbk', 'gb18030', 'cp936', 'x-gbk'].includes(declared) ? 'gb18030'
    : undefined;
  if (!label) return { ok: false, detail: declared ?? '' };
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { ok: false, detail: `not ${declared ?? 'UTF-8'}` };
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  // Never expand entities in the parser; decodeXml does the predefined and numeric ones.
  processEntities: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function readLrmx(bytes: Uint8Array, limits: LrmxLimits = DEFAULT_LRMX_LIMITS): Result<LrmxPerson> {
  if (bytes.length > limits.maxBytes) return lrmxProblems.tooLarge(bytes.length, limits.maxBytes);
  const decoded = decodeLrmx(bytes);
  if (!decoded.ok) return lrmxProblems.encoding(decoded.detail);
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(decoded.text)) return lrmxProblems.doctype();
  // A line break written as markup (<br/>, which the public importers cited in elements.ts
  // replace in 简历) is a line break: no element of <Person> is called br.
  const text = decoded.text.replace(/<br\s*\/?>/gi, '&#10;');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return lrmxProblems.notXml(`line ${valid.err.line}: ${valid.err.code}`);
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (e) {
    return lrmxProblems.notXml(e instanceof Error ? e.message.slice(0, 80) : 'syntax');
  }
  const roots = Object.keys(doc);
  const person = doc.Person;
  if (roots.length !== 1 || person === undefined) return lrmxProblems.notPerson(roots.join(','));
  const node = typeof person === 'object' && person !== null && !Array.isArray(person) ? (person as Record<string, unknown>) : {};

  const out: LrmxPerson = {};
  const problems: Array<Problem & { element: string }> = [];
  for (const name of PERSON_ELEMENTS) {
    if ((NOT_KEPT as readonly string[]).includes(name)) continue;
    const v = node[name];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      problems.push({ ...problem('LRMX_ELEMENT_REPEATED', '', `元素 Person/${name} 出现了多次`, `element Person/${name} appears more than once`), element: `Person/${name}` });
      continue;
    }
    // Child elements where text belongs (<br/> aside, turned into a line break above): not
    // read as part of the text — that would drop what they hold — but reported.
    if (typeof v !== 'string') {
      problems.push({ ...problem('LRMX_ELEMENT_MARKUP', '', `元素 Person/${name} 中含有子元素，无法作为文字读取`, `element Person/${name} holds child elements where text belongs`), element: `Person/${name}` });
      continue;
    }
    const value = decodeXml(v).replace(/<br\s*\/?>/gi, '\n').replace(/\r\n?/g, '\n').trim();
    if (value !== '') out[name as keyof LrmxPerson] = value;
  }
  if (problems.length > 0) return rejection(problems);
  return { ok: true, value: out };
}
