/**
 * Starting and stopping the shared runtime (config, logs, database, app) for the bot and the terminal chat.
 */
import { errorFields } from './app/logger.js';
import { countingLogger, Metrics } from './app/metrics.js';
import { compose, type App, type ComposeOptions } from './compose.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openConfiguredDatabase, type DatabaseHandle } from './infra/db/bootstrap.js';
import { openDatabase } from './infra/db/client.js';
import { loadDotEnv } from './infra/env-file.js';
import { createLogger } from './infra/logger.js';
import { SEED_UNITS, upsertUnits } from './infra/seed/units.js';

export interface Runtime {
  config: Config;
  app: App;
  database: DatabaseHandle;
  db: ReturnType<typeof openDatabase>;
  log: ReturnType<typeof createLogger>;
  /** Every event logged is counted here, for GET /metrics. */
  metrics: Metrics;
  close(): Promise<void>;
}

/** Reads the config or exits with one clear line. */
export function configOrExit(): Config {
  loadDotEnv();
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

export async function startRuntime(config: Config, options: { logLevel?: string; compose?: ComposeOptions } = {}): Promise<Runtime> {
  const metrics = new Metrics();
  const log = countingLogger(createLogger(options.logLevel ?? config.LOG_LEVEL, config.BOT_TOKEN), metrics);
  const database = await openConfiguredDatabase(config, log);
  const db = openDatabase(database.url, { onPoolError: (error) => log.warn({ event: 'db.pool_error', ...errorFields(error) }) });
  try {
    // First start of the embedded default: load the real units so the bot is usable at once.
    if (database.embedded && (await db.db.unit.count()) === 0) {
      const created = await upsertUnits(db.db, SEED_UNITS);
      log.info({ event: 'units.seeded', created });
    }
  } catch (error) {
    await db.close();
    await database.stop();
    throw error;
  }
  const app = compose(config, db.db, log, options.compose);
  return {
    config,
    app,
    database,
    db,
    log,
    metrics,
    async close() {
      await db.close();
      await database.stop();
    },
  };
}
