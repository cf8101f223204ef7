/**
 * Gets a ready database: the configured DATABASE_URL, or the embedded PostgreSQL under
 * DATA_DIR/postgres. Pending migrations are applied either way; the embedded default is seeded
 * with the real units on its first start.
 */
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../../app/logger.js';
import { startEmbeddedPostgres } from './embedded.js';
import { applyMigrations } from './migrate.js';
import { isTransientError } from '../transient.js';

export const EMBEDDED_DATABASE = 'ntvt';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Runs `work` until the database answers: while it is unreachable or starting (a passing error),
 * waits and tries again (1 s, doubling up to 15 s), logging each wait. Any other error is thrown.
 * An instance started before its database (a reboot, a failover) waits instead of dying.
 */
export async function untilReachable<T>(work: () => Promise<T>, log: Logger, options: { maxWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientError(error)) throw error;
      const waitMs = Math.min(1_000 * 2 ** attempt, options.maxWaitMs ?? 15_000);
      log.warn({ event: 'db.unreachable', attempt: attempt + 1, waitMs });
      await sleep(waitMs);
    }
  }
}

/** Creates a database on the server unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function openConfiguredDatabase(config: { DATABASE_URL?: string; DATA_DIR: string; EMBEDDED_PG_PORT: number }, log: Logger): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (config.DATABASE_URL) {
    handle = { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  } else {
    const started = Date.now();
    const server = await startEmbeddedPostgres({ dataDir: path.join(config.DATA_DIR, 'postgres'), port: config.EMBEDDED_PG_PORT });
    await ensureDatabase(server.url, EMBEDDED_DATABASE);
    log.info({ event: 'db.embedded_started', port: server.port, ms: Date.now() - started });
    handle = { url: server.urlFor(EMBEDDED_DATABASE), embedded: true, stop: () => server.stop() };
  }
  try {
    const applied = await untilReachable(() => applyMigrations(handle.url), log);
    log.info({ event: 'db.migrated', applied: applied.length });
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return handle;
}
