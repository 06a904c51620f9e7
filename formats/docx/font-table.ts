import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ALT_NAMES, FONT, xmlText } from './layout';

/**
 * The font table (word/fontTable.xml) the docx package leaves empty, written as Word writes
 * it for a Chinese office: each font the runs name, with its GB2312 character set (charset
 * 86), family and pitch, and an `altName` where offices have the same face under another
 * name. Names only — no `w:embedRegular` or other embedded font parts, and settings.xml keeps
 * no `embedTrueTypeFonts`: the documents rely on the fonts installed (DESIGN §8).
 */
const DECLARED: ReadonlyArray<{ name: string; charset: string; family: string; pitch: string }> = [
  { name: FONT.title, charset: '86', family: 'script', pitch: 'variable' },
  { name: FONT.body, charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.heading, charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.song, charset: '86', family: 'auto', pitch: 'variable' },
  { name: FONT.latin, charset: '00', family: 'roman', pitch: 'variable' },
];

const ALT_LATIN: Readonly<Record<string, string>> = { [FONT.song]: 'SimSun', [FONT.heading]: 'SimHei' };

const attr = (s: string) => xmlText(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function fontTableXml(): string {
  const fonts = DECLARED.map((f) => {
    const alt = ALT_NAMES[f.name] ?? ALT_LATIN[f.name];
    return `<w:font w:name="${attr(f.name)}">${alt ? `<w:altName w:val="${attr(alt)}"/>` : ''}`
      + `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`;
  }).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + fonts + '</w:fonts>';
}

const OFF_GRID_RUN = '<w:snapToGrid w:val="false"/>';

/**
 * A paragraph whose runs are marked off the grid (run(..., { offGrid })) is taken off it as a
 * paragraph too (`w:pPr/w:snapToGrid` = 0, before `w:spacing` as the schema orders it): the
 * docx package writes the run's property only, and LibreOffice honours only the paragraph's
 * — without it a 2号 title line or a table cell's line takes two lines of the 22-line grid.
 */
export function paragraphsOffGrid(xml: string): string {
  return xml.replace(/<w:p><w:pPr>([\s\S]*?)<\/w:pPr>([\s\S]*?)<\/w:p>/g, (p, props: string, content: string) =>
    content.includes(OFF_GRID_RUN) && props.includes('<w:spacing') && !props.includes('<w:snapToGrid')
      ? `<w:p><w:pPr>${props.replace('<w:spacing', '<w:snapToGrid w:val="0"/><w:spacing')}</w:pPr>${content}</w:p>`
      : p);
}

/**
 * The package with its font table replaced by `fontTableXml()` and off-grid paragraphs
 * marked (`paragraphsOffGrid`); every other part as it was.
 */
export function withAltNames(docx: Uint8Array): Uint8Array {
  const parts = unzipSync(docx);
  parts['word/fontTable.xml'] = strToU8(fontTableXml());
  parts['word/document.xml'] = strToU8(paragraphsOffGrid(strFromU8(parts['word/document.xml']!)));
  // The docx package links the font table to embedded font parts only when it embeds some; it embeds none here.
  if (parts['word/_rels/fontTable.xml.rels'] && !strFromU8(parts['word/_rels/fontTable.xml.rels']).includes('Target=')) {
    delete parts['word/_rels/fontTable.xml.rels'];
  }
  return zipSync(parts, { level: 6 });
}
