/**
 * Streaming writers of the council's list: XLSX (title block, one sheet per unit after a summary
 * sheet, frozen header, widths, wrapped text, real dates), CSV (UTF-8 with BOM) and ZIP (the XLSX
 * plus every evidence file and a SHA-256 manifest). Rows are read per unit and written as they come.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setImmediate as pendingIo } from 'node:timers/promises';
import yazl from 'yazl';
import { COLUMN_WIDTHS, compareVietnamese, EXPORT_COLUMNS, EXPORT_COLUMNS_VERSION, EXPORT_STATUSES, exportRow, neutralise, sortForList, type Cell, type ExportFilter, type ExportSource } from '../../core/export/rows.js';
import { localParts } from '../../core/campaigns/calendar.js';
import type { Translator } from '../../i18n/index.js';
import type { ExportSourceRepository, UnitGroup } from './source.js';
import { XLSX_STYLE, XlsxWriter, type XlsxValue } from './xlsx-writer.js';
import { ChunkedOutput } from './zip-stream.js';

export interface ExportContext {
  translator: Translator;
  /** The campaign's name, or a description of the date range. */
  subject: string;
  now: Date;
  /** Where the files live (evidence storage root), for the ZIP. */
  evidencePath?: (storageKey: string) => string;
  onProgress?: (done: number, total: number) => void;
}

const LOCALE = 'vi' as const;

/** Labels without arguments (kinds, categories, statuses, forms) repeat on every row: rendered once. */
const labelCache = new WeakMap<Translator, Map<string, string>>();

function renderCell(cell: Cell, translator: Translator): string | number | Date | null {
  if (cell === null) return null;
  if ('text' in cell) return cell.text;
  if ('number' in cell) return cell.number;
  if ('date' in cell) return cell.date;
  const text = cell.i18n;
  if ('key' in text && !text.args) {
    let cache = labelCache.get(translator);
    if (!cache) labelCache.set(translator, (cache = new Map()));
    let label = cache.get(text.key);
    if (label === undefined) cache.set(text.key, (label = neutralise(translator.render(LOCALE, text))));
    return label;
  }
  return neutralise(translator.render(LOCALE, text));
}

/**
 * A submission instant's Vietnam calendar date, formatted by `format`; computed once per hour of
 * submission (Vietnam's offset is a whole number of hours, so an hour never straddles two dates).
 */
function localDates<T>(format: (isoDate: string) => T): (instant: Date) => T {
  const cache = new Map<number, T>();
  return (instant) => {
    const hour = Math.floor(instant.getTime() / 3_600_000);
    let value = cache.get(hour);
    if (value === undefined) {
      if (cache.size >= 10_000) cache.clear();
      cache.set(hour, (value = format(localParts(instant).date)));
    }
    return value;
  };
}

/** A submission instant as the Vietnam calendar date, at UTC midnight (how spreadsheets store dates). */
const spreadsheetDates = () => localDates((date) => new Date(`${date}T00:00:00Z`));
/** A submission instant as the Vietnam calendar date, dd/mm/yyyy. */
const csvDates = () => localDates((date) => date.split('-').reverse().join('/'));

/** "Hà Nội, ngày 26 tháng 11 năm 2026". */
function placeAndDate(translator: Translator, now: Date): string {
  const [year, month, day] = localParts(now).date.split('-');
  return translator.tr(LOCALE, 'export-place-date', { day: String(Number(day)), month: String(Number(month)), year: String(year) });
}

/**
 * Units in Vietnamese order, each with `row(n)`, its n-th row in list order (Vietnamese name order,
 * then code): one read over the whole export, one unit held at a time. Only names and codes are
 * decoded to sort; a row is decoded when it is asked for, to be written.
 */
async function* unitsInOrder(source: ExportSourceRepository, filter: ExportFilter, known?: UnitGroup[]): AsyncGenerator<{ group: UnitGroup; count: number; row: (n: number) => ExportSource }> {
  const groups = [...(known ?? (await source.groups(filter)))].sort((a, b) => compareVietnamese(a.unitName, b.unitName));
  const byId = new Map(groups.map((group) => [group.unitId, group]));
  for await (const unit of source.rowsByUnit(filter, groups)) {
    const order = sortForList(unit.sortKeys());
    yield { group: byId.get(unit.unitId)!, count: order.length, row: (n) => unit.row(order[n]!.index) };
  }
}

/**
 * Rows written between two turns of the event loop. Writing a unit is synchronous work; without a
 * turn now and then the database's next rows wait in the socket (whose buffer fills in no time) and
 * PostgreSQL stops sending, instead of preparing the next unit while this one is written.
 */
const ROWS_PER_TURN = 512;

/** Total rows, for progress and for refusing an empty export before any file exists. */
export async function countRows(source: ExportSourceRepository, filter: ExportFilter): Promise<number> {
  return (await source.groups(filter)).reduce((sum, group) => sum + group.count, 0);
}

function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Sheet';
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${base.slice(0, 26)} ${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Writes the XLSX list to `output` (a path or a stream). Returns the number of rows. */
export async function writeXlsx(source: ExportSourceRepository, filter: ExportFilter, context: ExportContext, output: string | Writable): Promise<number> {
  const { translator } = context;
  const allGroups = await source.groups(filter);
  const total = allGroups.reduce((sum, group) => sum + group.count, 0);
  const workbook = new XlsxWriter(output, translator.tr(LOCALE, 'export-creator'));
  try {
    const headers = EXPORT_COLUMNS.map((column) => translator.tr(LOCALE, `export-col-${column}`));
    const title = translator.tr(LOCALE, 'export-title');
    const used = new Set<string>();

    // The summary first: counts per unit and status (one cheap query).
    const counts = await source.countsByUnitAndStatus(filter);
    const statuses = EXPORT_STATUSES.filter((status) => counts.some((count) => count.status === status));
    const groups = [...allGroups].sort((a, b) => compareVietnamese(a.unitName, b.unitName));
    const summary = workbook.addSheet(sheetName(translator.tr(LOCALE, 'export-summary-sheet'), used), { frozenRows: 5, widths: [36, ...statuses.map(() => 14), 10] });
    await summary.addRow([title], XLSX_STYLE.title);
    await summary.addRow([context.subject]);
    await summary.addRow([placeAndDate(translator, context.now)]);
    await summary.addRow([translator.tr(LOCALE, 'export-columns-version', { version: EXPORT_COLUMNS_VERSION })]);
    await summary.addRow([translator.tr(LOCALE, 'export-col-unit'), ...statuses.map((status) => translator.tr(LOCALE, `status-${status}`)), translator.tr(LOCALE, 'export-total')], XLSX_STYLE.header);
    for (const group of groups) {
      const cells = statuses.map((status) => counts.find((count) => count.unitId === group.unitId && count.status === status)?.count ?? 0);
      await summary.addRow([neutralise(group.unitName), ...cells, group.count]);
    }
    await summary.addRow([translator.tr(LOCALE, 'export-total'), ...statuses.map((status) => counts.filter((count) => count.status === status).reduce((sum, count) => sum + count.count, 0)), total], XLSX_STYLE.bold);
    await summary.end();

    const columns = EXPORT_COLUMNS.length;
    const asLocalDate = spreadsheetDates();
    let done = 0;
    for await (const { group, count, row: rowAt } of unitsInOrder(source, filter, allGroups)) {
      const sheet = workbook.addSheet(sheetName(group.unitName, used), { frozenRows: 6, widths: EXPORT_COLUMNS.map((column) => COLUMN_WIDTHS[column]), landscape: true });
      await sheet.addRow([title], XLSX_STYLE.title);
      await sheet.addRow([context.subject], XLSX_STYLE.center);
      await sheet.addRow([neutralise(group.unitName)], XLSX_STYLE.center);
      await sheet.addRow([placeAndDate(translator, context.now)], XLSX_STYLE.placeDate);
      for (let row = 1; row <= 4; row += 1) sheet.mergeAcross(row, columns);
      await sheet.addRow([]);
      await sheet.addRow(headers, XLSX_STYLE.header);
      for (let index = 0; index < count; index += 1) {
        const cells = exportRow(rowAt(index), index + 1);
        const values = new Array<XlsxValue>(columns);
        for (let column = 0; column < columns; column += 1) {
          const value = renderCell(cells[EXPORT_COLUMNS[column]!], translator);
          values[column] = value instanceof Date ? asLocalDate(value) : value;
        }
        const wait = sheet.addRow(values, XLSX_STYLE.wrap);
        if (wait) await wait;
        else if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await pendingIo();
      }
      await sheet.end();
      done += count;
      context.onProgress?.(done, total);
    }
    await workbook.finish();
  } catch (error) {
    workbook.abort();
    throw error;
  }
  return total;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;
function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes the same list as CSV (UTF-8 with BOM, so Excel shows Vietnamese correctly; CRLF line ends).
 * The format is simple enough to write directly, line by line into big chunks of bytes, which is
 * faster than going through a general CSV library.
 */
export async function writeCsv(source: ExportSourceRepository, filter: ExportFilter, context: ExportContext, output: Writable): Promise<number> {
  const { translator } = context;
  // Lines are encoded into big chunks as they are made (no per-unit strings to join). Made first: it
  // watches the stream's errors (a file that cannot be opened fails while the groups are counted).
  const out = new ChunkedOutput(output);
  const groups = await source.groups(filter);
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  out.write(`\uFEFF${EXPORT_COLUMNS.map((column) => csvField(translator.tr(LOCALE, `export-col-${column}`))).join(',')}\r\n`);
  const columns = EXPORT_COLUMNS.length;
  const csvDate = csvDates();
  let done = 0;
  for await (const { count, row: rowAt } of unitsInOrder(source, filter, groups)) {
    for (let index = 0; index < count; index += 1) {
      const cells = exportRow(rowAt(index), index + 1);
      let line = '';
      for (let column = 0; column < columns; column += 1) {
        const value = renderCell(cells[EXPORT_COLUMNS[column]!], translator);
        if (column > 0) line += ',';
        line += csvField(value instanceof Date ? csvDate(value) : value);
      }
      line += '\r\n';
      out.write(line);
      const wait = out.ready();
      if (wait) await wait;
      else if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await pendingIo();
    }
    done += count;
    context.onProgress?.(done, total);
  }
  await out.flush();
  output.end();
  await finished(output);
  return total;
}

/** The XLSX plus every evidence file as `<code>/<n>-<name>` and a manifest with SHA-256. */
export async function writeZip(source: ExportSourceRepository, filter: ExportFilter, context: ExportContext, output: Writable): Promise<number> {
  if (!context.evidencePath) throw new Error('evidencePath is required for a ZIP export');
  const folder = await mkdtemp(path.join(os.tmpdir(), 'ntvt-export-'));
  try {
    const xlsxPath = path.join(folder, 'danh-sach.xlsx');
    const total = await writeXlsx(source, filter, context, xlsxPath);
    const zip = new yazl.ZipFile();
    const done = finished(zip.outputStream.pipe(output));
    zip.addFile(xlsxPath, 'danh-sach-de-nghi-khen-thuong.xlsx');
    const manifest = new PassThrough();
    const chunks: Buffer[] = [];
    manifest.on('data', (chunk: Buffer) => chunks.push(chunk));
    manifest.write('\uFEFFfile,sha256\r\n');
    for await (const file of source.evidence(filter)) {
      if (!file.storageKey) continue;
      const absolute = context.evidencePath(file.storageKey);
      if (!(await stat(absolute).catch(() => null))) continue;
      const extension = file.fileName ? '' : file.kind === 'photo' ? '.jpg' : '';
      const safeName = (file.fileName ?? `${file.kind}${extension}`).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
      const entry = `${file.code}/${file.position}-${safeName}`;
      zip.addReadStream(createReadStream(absolute), entry);
      manifest.write(`"${entry.replace(/"/g, '""')}",${file.sha256 ?? ''}\r\n`);
    }
    manifest.end();
    await finished(manifest);
    zip.addBuffer(Buffer.concat(chunks), 'manifest-sha256.csv');
    zip.end();
    await done;
    return total;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Writes to a file path, choosing the writer by format. */
export async function exportToFile(format: 'xlsx' | 'csv' | 'zip', source: ExportSourceRepository, filter: ExportFilter, context: ExportContext, file: string): Promise<number> {
  if (format === 'xlsx') return writeXlsx(source, filter, context, file);
  const stream = createWriteStream(file);
  try {
    return await (format === 'csv' ? writeCsv(source, filter, context, stream) : writeZip(source, filter, context, stream));
  } catch (error) {
    stream.destroy(); // no open file left behind
    throw error;
  }
}
