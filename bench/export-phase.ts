/**
 * One measured phase of bench:export, in its own process: `app-xlsx | bare-xlsx | app-csv | bare-csv`.
 * The bare phases write the same rows (read the same way) with exceljs / csv-stringify alone.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { DEFAULT_EXPORT_STATUSES, EXPORT_COLUMNS } from '../src/core/export/rows.js';
import { openDatabase } from '../src/infra/db/client.js';
import { ExportSourceRepository } from '../src/infra/export/source.js';
import { writeCsv, writeXlsx } from '../src/infra/export/writers.js';
import { Translator } from '../src/i18n/index.js';

const [phase, url, out] = process.argv.slice(2) as [string, string, string];
const connection = openDatabase(url);
const source = new ExportSourceRepository(connection.db);
const filter = { statuses: DEFAULT_EXPORT_STATUSES };
const context = { translator: Translator.fromDirectory(), subject: 'Tổng kết năm 2026', now: new Date() };

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

const started = process.hrtime.bigint();
let rows = 0;
if (phase === 'app-xlsx') rows = await writeXlsx(source, filter, context, out);
if (phase === 'app-csv') rows = await writeCsv(source, filter, context, createWriteStream(out));
if (phase === 'bare-xlsx') {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Rows');
  sheet.addRow([...EXPORT_COLUMNS]).commit();
  for await (const page of plainRows()) for (const row of page) { sheet.addRow(Object.values(row)).commit(); rows += 1; }
  sheet.commit();
  await workbook.commit();
}
if (phase === 'bare-csv') {
  const stream = createWriteStream(out);
  const csv = stringify({ bom: true });
  csv.pipe(stream);
  for await (const page of plainRows()) for (const row of page) { if (!csv.write(Object.values(row))) await new Promise((resolve) => csv.once('drain', resolve)); rows += 1; }
  csv.end();
  await finished(stream);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await connection.close();
console.log(JSON.stringify({ rows, seconds: Number(seconds.toFixed(2)), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
process.exit(0);
