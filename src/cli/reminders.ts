/**
 * `npm run reminders -- --dry-run [--now <ISO time>]`: prints which reminders and digests are owed
 * at that moment, to whom and why, and whether they are queued already — without sending anything.
 * Without --dry-run it enqueues them (the running bot sends them).
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../infra/db/client.js';
import { openConfiguredDatabase } from '../infra/db/bootstrap.js';
import { createLogger } from '../infra/logger.js';
import { compose } from '../compose.js';
import { configOrExit } from '../runtime.js';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, now: { type: 'string' }, help: { type: 'boolean', default: false } } });
if (values.help) {
  console.log('Usage: npm run reminders -- [--dry-run] [--now 2026-12-08T08:00:00+07:00]\n  --dry-run  print what is owed, to whom and why; send and store nothing\n  --now      pretend it is this moment (ISO 8601)');
  process.exit(0);
}
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error(`--now: "${values.now}" is not an ISO date-time, e.g. 2026-12-08T08:00:00+07:00`);
  process.exit(2);
}
const config = configOrExit();
const log = createLogger('warn');
const database = await openConfiguredDatabase(config, log);
const connection = openDatabase(database.url);
let code = 0;
try {
  const app = compose(config, connection.db, log);
  const planned = await app.reminders.planned(now);
  if (planned.length === 0) console.log(`Nothing is owed at ${now.toISOString()}.`);
  for (const item of planned) {
    const text = item.message.parts.map((part) => app.translator.render(item.recipient.locale === 'en' ? 'en' : 'vi', part)).join(' / ');
    console.log(`${item.queued ? 'queued ' : 'OWED   '} ${item.kind.padEnd(8)} ${item.campaign} ${item.unit ?? '(council)'} → ${item.recipient.channel}:${item.recipient.chatId} (user ${item.recipient.userId})`);
    console.log(`         why: ${item.reason}`);
    console.log(`         text: ${text.replace(/\n/g, ' ')}`);
  }
  if (!values['dry-run']) console.log(`Enqueued ${await app.reminders.tick(now)} message(s).`);
} catch (error) {
  console.error((error as Error).message);
  code = 1;
} finally {
  await connection.close();
  await database.stop();
}
process.exit(code);
