/**
 * One measured phase of bench:export, in its own process: `app-xlsx | bare-xlsx | app-csv | bare-csv`.
 * The bare phases write the same rows (read the same way) with exceljs / csv-stringify alone.
 * Each phase loads only what it uses: the exporter's phases load what the export path loads (the
 * database client, the translator, our writers), never exceljs or csv-stringify, which the CLI and the
 * bot never load; the bare phases load their library and pg.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { DEFAULT_EXPORT_STATUSES, EXPORT_COLUMNS } from '../src/core/export/rows.js';

const [phase, url, out] = process.argv.slice(2) as [string, string, string];

async function* plainRows() {
  // The same data read page by page, without our row building, sorting or translation.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let after = 0;
  for (;;) {
    const { rows } = await client.query('SELECT id, code, nominee_kind, nominee_name, nominee_birth_year, nominee_role, unit_id, deed_category, description, award_form, nominator_name, submitted_at, status, last_reason FROM nominations WHERE id > $1 ORDER BY id LIMIT 2000', [after]);
    if (rows.length === 0) break;
    yield rows;
    after = rows.at(-1).id;
  }
  await client.end();
}

interface Phase {
  run(): Promise<number>;
  close?(): Promise<void>;
}

async function appPhase(format: 'xlsx' | 'csv'): Promise<Phase> {
  const { openDatabase } = await import('../src/infra/db/client.js');
  const { ExportSourceRepository } = await import('../src/infra/export/source.js');
  const { writeCsv, writeXlsx } = await import('../src/infra/export/writers.js');
  const { Translator } = await import('../src/i18n/index.js');
  const connection = openDatabase(url);
  const source = new ExportSourceRepository(connection.db);
  const filter = { statuses: DEFAULT_EXPORT_STATUSES };
  const context = { translator: Translator.fromDirectory(), subject: 'Tổng kết năm 2026', now: new Date() };
  return {
    run: () => (format === 'xlsx' ? writeXlsx(source, filter, context, out) : writeCsv(source, filter, context, createWriteStream(out))),
    close: () => connection.close(),
  };
}

async function bareXlsx(): Promise<Phase> {
  const { default: ExcelJS } = await import('exceljs');
  const run = async () => {
    let rows = 0;
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Rows');
    sheet.addRow([...EXPORT_COLUMNS]).commit();
    for await (const page of plainRows()) for (const row of page) { sheet.addRow(Object.values(row)).commit(); rows += 1; }
    sheet.commit();
    await workbook.commit();
    return rows;
  };
  return { run };
}

async function bareCsv(): Promise<Phase> {
  const { stringify } = await import('csv-stringify');
  const run = async () => {
    let rows = 0;
    const stream = createWriteStream(out);
    const csv = stringify({ bom: true });
    csv.pipe(stream);
    for await (const page of plainRows()) for (const row of page) { if (!csv.write(Object.values(row))) await new Promise((resolve) => csv.once('drain', resolve)); rows += 1; }
    csv.end();
    await finished(stream);
    return rows;
  };
  return { run };
}

const setup = { 'app-xlsx': () => appPhase('xlsx'), 'app-csv': () => appPhase('csv'), 'bare-xlsx': bareXlsx, 'bare-csv': bareCsv }[phase];
if (!setup) throw new Error(`unknown phase ${phase}`);
const measured = await setup();
// Timed from here: the export (or the bare write) itself, as the CLI's "Wrote … in N s" times it.
const started = process.hrtime.bigint();
const rows = await measured.run();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await measured.close?.();
console.log(JSON.stringify({ rows, seconds: Number(seconds.toFixed(2)), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
