/**
 * A small streaming XLSX (Office Open XML) writer: inline strings, a fixed style sheet, frozen
 * header rows, column widths, merged title cells, landscape fit-to-width pages. Rows are encoded
 * straight into big chunks of bytes that go into the ZIP as they fill, so memory stays flat; it does
 * the little the council's list needs about twice as fast as a general library (decision 008).
 * The chunked output and the ZIP container are in zip-stream.ts.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { ChunkedOutput, ZipStream } from './zip-stream.js';


/** The styles of the style sheet below, by index. */
export const XLSX_STYLE = { plain: 0, title: 1, center: 2, placeDate: 3, header: 4, wrap: 5, date: 6, bold: 7 } as const;
export type XlsxStyle = (typeof XLSX_STYLE)[keyof typeof XLSX_STYLE];

export type XlsxValue = string | number | Date | null;

const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="4"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="14"/><name val="Calibri"/></font><font><i/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="right"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
/** Text as XML character data; most cells need no change and are returned as they are. */
const escapeXml = (text: string) =>
  NEEDS_ESCAPE.test(text) ? text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : text;

/** "A", "B", … "Z", "AA" … */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** `<c r="A`, `<c r="B`, …: the start of a cell of each column, built once. */
const cellStarts: string[] = [];
const cellStart = (index: number) => cellStarts[index] ?? (cellStarts[index] = `<c r="${columnLetter(index)}`);

/** Excel's serial day number of a date (UTC midnight = the calendar day). */
const serial = (date: Date) => date.getTime() / 86_400_000 + 25_569;

export interface SheetOptions {
  frozenRows: number;
  widths: number[];
  landscape?: boolean;
}

export class XlsxSheet {
  private row = 0;
  private readonly merges: string[] = [];
  private readonly landscape: boolean;

  constructor(
    private readonly output: ChunkedOutput,
    private readonly close: () => Promise<void>,
    options: SheetOptions,
  ) {
    const pane = options.frozenRows > 0 ? `<pane ySplit="${options.frozenRows}" topLeftCell="A${options.frozenRows + 1}" activePane="bottomLeft" state="frozen"/>` : '';
    const cols = options.widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join('');
    this.output.write(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`,
    );
    this.landscape = options.landscape ?? false;
  }

  /** Adds a row; `style` applies to every cell (dates always get the date format). */
  addRow(values: XlsxValue[], style: XlsxStyle = XLSX_STYLE.plain): Promise<void> | undefined {
    const row = String((this.row += 1));
    const text = `" s="${style}" t="inlineStr"><is><t xml:space="preserve">`;
    const number = `" s="${style}"><v>`;
    let xml = `<row r="${row}">`;
    for (let index = 0; index < values.length; index += 1) {
      const value = values[index]!;
      if (value === null || value === '') continue;
      if (typeof value === 'string') xml += `${cellStart(index)}${row}${text}${escapeXml(value)}</t></is></c>`;
      else if (typeof value === 'number') xml += `${cellStart(index)}${row}${number}${value}</v></c>`;
      else xml += `${cellStart(index)}${row}" s="${XLSX_STYLE.date}"><v>${serial(value)}</v></c>`;
    }
    this.output.write(`${xml}</row>`);
    return this.output.ready();
  }

  /** Merges a row's first `columns` cells (the title block). */
  mergeAcross(row: number, columns: number): void {
    this.merges.push(`A${row}:${columnLetter(columns - 1)}${row}`);
  }

  async end(): Promise<void> {
    const merges = this.merges.length ? `<mergeCells count="${this.merges.length}">${this.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>` : '';
    this.output.write(
      `</sheetData>${merges}<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
        `<pageSetup paperSize="9" orientation="${this.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/></worksheet>`,
    );
    await this.output.flush();
    await this.close();
  }
}

/** A workbook written sheet by sheet into a ZIP stream. */
export class XlsxWriter {
  private readonly zip: ZipStream;
  private readonly names: string[] = [];

  private readonly ownOutput: Writable | undefined;

  constructor(output: string | Writable, private readonly creator = '') {
    this.ownOutput = typeof output === 'string' ? createWriteStream(output) : undefined;
    this.zip = new ZipStream(this.ownOutput ?? (output as Writable));
  }

  /** Gives up after a failure: a file this writer opened is closed (a stream it was given is left to its owner). */
  abort(): void {
    this.ownOutput?.destroy();
  }

  /** Starts the next sheet; finish it (`end()`) before starting another. */
  addSheet(name: string, options: SheetOptions): XlsxSheet {
    this.names.push(name);
    const { output, close } = this.zip.open(`xl/worksheets/sheet${this.names.length}.xml`);
    return new XlsxSheet(output, close, options);
  }

  async finish(): Promise<void> {
    const sheets = this.names.map((name, index) => `<sheet name="${escapeXml(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('');
    const relations = this.names
      .map((_, index) => `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`)
      .join('');
    const overrides = this.names.map((_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
    const add = (text: string, name: string) => this.zip.add(name, text);
    await add(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>${overrides}</Types>`,
      '[Content_Types].xml',
    );
    await add(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
      '_rels/.rels',
    );
    await add(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${escapeXml(this.creator)}</dc:creator></cp:coreProperties>`,
      'docProps/core.xml',
    );
    await add(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`,
      'xl/workbook.xml',
    );
    await add(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relations}<Relationship Id="rId${this.names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
      'xl/_rels/workbook.xml.rels',
    );
    await add(STYLES_XML, 'xl/styles.xml');
    await this.zip.end();
  }
}
