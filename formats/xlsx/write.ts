import { strToU8, zipSync } from 'fflate';
import { columnLetters } from './cells';

/**
 * A minimal .xlsx writer: what the nomination template needs (text and numbers, a bold
 * header, text-formatted columns so an ID number is not turned into 3.2E+17, drop-down
 * lists, a frozen header row, column widths) and nothing else. Tests use it to fill
 * workbooks too, with shared strings to exercise that path of the reader.
 */

export type WriteValue = string | number | boolean | null | undefined;

export interface SheetSpec {
  name: string;
  rows: WriteValue[][];
  /** Column widths in characters, by column index. */
  widths?: number[];
  /** Columns formatted as text (@) — typed digits stay text. */
  textColumns?: number[];
  /** Drop-down lists: column, allowed values, rows (inclusive, 1-based). */
  lists?: Array<{ col: number; values: string[]; fromRow: number; toRow: number }>;
  /** Bold, wrapped first row, frozen. */
  header?: boolean;
  /** Wrap text in every cell (long instructions). */
  wrap?: boolean;
}

export interface WriteOptions {
  /** Store strings in xl/sharedStrings.xml (as Excel does) instead of inline. */
  sharedStrings?: boolean;
}

const STYLE = { normal: 0, header: 1, text: 2, wrap: 3 } as const;

export function escapeXml(s: string): string {
  return s
    // Characters XML 1.0 cannot carry at all (matching them is the point of this pattern).
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function writeWorkbook(sheets: SheetSpec[], opts: WriteOptions = {}): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const files: Record<string, Uint8Array> = {};

  const sheetXml = (spec: SheetSpec): string => {
    const textCols = new Set(spec.textColumns ?? []);
    const rowsXml = spec.rows.map((row, r) => {
      const rowNo = r + 1;
      const cells = row.map((v, c) => {
        if (v === null || v === undefined || v === '') return '';
        const ref = `${columnLetters(c)}${rowNo}`;
        const style = spec.header && r === 0 ? STYLE.header : textCols.has(c) ? STYLE.text : spec.wrap ? STYLE.wrap : STYLE.normal;
        const s = style ? ` s="${style}"` : '';
        if (typeof v === 'number') return `<c r="${ref}"${s}><v>${v}</v></c>`;
        if (typeof v === 'boolean') return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
        if (opts.sharedStrings) {
          let i = stringIndex.get(v);
          if (i === undefined) {
            i = strings.length;
            strings.push(v);
            stringIndex.set(v, i);
          }
          return `<c r="${ref}"${s} t="s"><v>${i}</v></c>`;
        }
        return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
      }).join('');
      return cells ? `<row r="${rowNo}">${cells}</row>` : '';
    }).join('');

    const colCount = Math.max(spec.widths?.length ?? 0, ...spec.rows.map((r) => r.length), 1);
    const cols = Array.from({ length: colCount }, (_, c) => {
      const width = spec.widths?.[c];
      const style = textCols.has(c) ? ` style="${STYLE.text}"` : '';
      if (width === undefined && !style) return '';
      return `<col min="${c + 1}" max="${c + 1}" width="${width ?? 12}"${width !== undefined ? ' customWidth="1"' : ''}${style}/>`;
    }).join('');
    const pane = spec.header ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' : '';
    const lists = spec.lists?.length
      ? `<dataValidations count="${spec.lists.length}">${spec.lists.map((l) =>
        `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${columnLetters(l.col)}${l.fromRow}:${columnLetters(l.col)}${l.toRow}"><formula1>"${escapeXml(l.values.join(','))}"</formula1></dataValidation>`).join('')}</dataValidations>`
      : '';
    return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<sheetViews><sheetView workbookViewId="0"${sheets[0] === spec ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      (cols ? `<cols>${cols}</cols>` : '') +
      `<sheetData>${rowsXml}</sheetData>${lists}` +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  };

  sheets.forEach((spec, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(spec));
  });
  const hasShared = opts.sharedStrings === true && strings.length > 0;
  if (hasShared) {
    files['xl/sharedStrings.xml'] = strToU8(`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') + '</sst>');
  }

  files['xl/workbook.xml'] = strToU8(`${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
    sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>');

  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  if (hasShared) rels.push(`<Relationship Id="rId${sheets.length + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(`${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${rels.join('')}</Relationships>`);

  files['xl/styles.xml'] = strToU8(`${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
    '<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>' +
    '<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>' +
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' +
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>');

  files['_rels/.rels'] = strToU8(`${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);

  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  files['[Content_Types].xml'] = strToU8(`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`).join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
    (hasShared ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` : '') +
    '</Types>');

  // [Content_Types].xml first, as Office writes it (some readers sniff the first entry).
  const ordered: Record<string, Uint8Array> = {};
  for (const name of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']) {
    const f = files[name];
    if (f) ordered[name] = f;
  }
  for (const [name, f] of Object.entries(files)) if (!(name in ordered)) ordered[name] = f;
  // A fixed timestamp: the same template is the same bytes.
  return zipSync(ordered, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') });
}
