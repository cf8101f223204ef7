/**
 * `npm run admin -- <command>`: units, invitations, role grants and campaigns, from a terminal on
 * the server. The commands live in admin-main.ts (`runAdmin`); this entry reads .env, opens the
 * configured database only when a command needs it, and exits with runAdmin's code.
 * Arguments are checked before the database is opened; an error is one line on stderr (exit 1),
 * a wrong command or option prints the usage (exit 2).
 */
import { loadConfig } from '../config.js';
import { openConfiguredDatabase, type DatabaseHandle } from '../infra/db/bootstrap.js';
import { openDatabase } from '../infra/db/client.js';
import { loadDotEnv } from '../infra/env-file.js';
import { createLogger } from '../infra/logger.js';
import { runAdmin } from './admin-main.js';

loadDotEnv();
let database: DatabaseHandle | undefined;
let connection: ReturnType<typeof openDatabase> | undefined;

const exitCode = await runAdmin(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  db: async () => {
    // runAdmin has checked the configuration already.
    database = await openConfiguredDatabase(loadConfig(process.env), createLogger('warn'));
    connection = openDatabase(database.url, { max: 4 });
    return connection.db;
  },
});
try {
  await connection?.close();
  await database?.stop();
} catch (error) {
  process.stderr.write(`Error while closing the database: ${(error as Error).message.split('\n')[0]}\n`);
}
// Explicitly: the embedded PostgreSQL package exits with 0 on 'beforeExit', whatever process.exitCode says.
process.exit(exitCode);
