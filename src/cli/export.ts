/**
 * `npm run export -- --campaign <code> [--unit <code>] [--status received,verifying] [--from dd/mm/yyyy --to dd/mm/yyyy] [--format xlsx|csv|zip] --out <path>`
 * The council's list from the command line (the same files as /xuat in the chat).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_EXPORT_STATUSES, type ExportFilter } from '../core/export/rows.js';
import { STATUSES } from '../core/nomination/vocabulary.js';
import { parseTypedDate } from '../core/text/date.js';
import { compose } from '../compose.js';
import { openConfiguredDatabase } from '../infra/db/bootstrap.js';
import { openDatabase } from '../infra/db/client.js';
import { ExportSourceRepository } from '../infra/export/source.js';
import { countRows, exportToFile } from '../infra/export/writers.js';
import { createLogger } from '../infra/logger.js';
import { configOrExit } from '../runtime.js';

const HELP = `Exports the list of nominations ("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG").

Usage: npm run export -- [--campaign <code> | --from dd/mm/yyyy --to dd/mm/yyyy] [--unit <code>[,<code>…]]
                        [--status <status>[,<status>…]] [--format xlsx|csv|zip] --out <path>

  --campaign  the campaign's code (npm run admin -- campaign list)
  --from/--to the nominations received in a date range instead (Vietnam dates)
  --unit      only these units and the units below them (default: all)
  --status    statuses (default: all but withdrawn and merged): ${STATUSES.join(', ')}
  --format    xlsx (default): a summary sheet and one sheet per unit; csv: UTF-8 with BOM;
              zip: the xlsx plus every evidence file as <code>/<n>-<name> and a SHA-256 manifest
  --out       the file to write

Example: npm run export -- --campaign TK2026 --format xlsx --out danh-sach-TK2026.xlsx`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const { values } = parseArgs({
  options: {
    campaign: { type: 'string' },
    unit: { type: 'string' },
    status: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string', default: 'xlsx' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const format = values.format as 'xlsx' | 'csv' | 'zip';
if (!['xlsx', 'csv', 'zip'].includes(format)) fail(`--format must be xlsx, csv or zip, not "${values.format}"`, 2);
if (!values.out) fail('--out <path> is required (see --help)', 2);
const statuses = values.status ? values.status.split(',').map((status) => status.trim()) : DEFAULT_EXPORT_STATUSES;
const unknown = statuses.find((status) => !(STATUSES as readonly string[]).includes(status));
if (unknown) fail(`unknown status "${unknown}"; use: ${STATUSES.join(', ')}`, 2);
const from = values.from ? parseTypedDate(values.from) : undefined;
const to = values.to ? parseTypedDate(values.to) : undefined;
if ((from && !from.ok) || (to && !to.ok)) fail('--from/--to take dates as dd/mm/yyyy', 2);

const config = configOrExit();
const log = createLogger('warn');
const database = await openConfiguredDatabase(config, log);
const connection = openDatabase(database.url);
let exitCode = 0;
try {
  const app = compose(config, connection.db, log);
  const filter: ExportFilter = { statuses };
  let subject = app.translator.tr('vi', 'export-subject-all');
  if (values.campaign) {
    const campaign = await app.campaigns.byCode(values.campaign);
    if (!campaign) throw new Error(`no campaign with code "${values.campaign}"`);
    filter.campaignId = campaign.id;
    subject = campaign.name;
  } else if (from?.ok || to?.ok) {
    filter.from = from?.ok ? from.date : null;
    filter.to = to?.ok ? to.date : null;
    subject = app.translator.tr('vi', 'export-subject-range', { from: values.from ?? '…', to: values.to ?? '…' });
  }
  if (values.unit) {
    const env = await app.env();
    const ids: number[] = [];
    for (const code of values.unit.split(',').map((item) => item.trim())) {
      const unit = (await app.units.listActive()).find((candidate) => candidate.code === code);
      if (!unit) throw new Error(`no unit with code "${code}"`);
      const visit = (id: number) => {
        ids.push(id);
        for (const child of env.units.children(id)) visit(child.id);
      };
      visit(unit.id);
    }
    filter.unitIds = ids;
  }
  const source = new ExportSourceRepository(connection.db);
  if ((await countRows(source, filter)) === 0) throw new Error('no nomination matches; no file was written');
  const started = Date.now();
  const rows = await exportToFile(format, source, filter, { translator: app.translator, subject, now: new Date(), evidencePath: (key) => app.evidence.pathOf(key) }, values.out!);
  console.log(`Wrote ${rows} nomination(s) to ${values.out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error((error as Error).message);
  exitCode = 1;
} finally {
  await connection.close();
  await database.stop();
}
process.exit(exitCode);
