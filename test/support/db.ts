/**
 * A fresh, migrated PostgreSQL database for one test file (cloned from the run's template in
 * milliseconds), and helpers to build the app on it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { silentLogger } from '../../src/app/logger.js';
import { compose, type AppConfig } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/infra/db/client.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { Translator } from '../../src/i18n/index.js';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgServerUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a database cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${process.env.VITEST_POOL_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`));
  const url = inject('pgServerUrl').replace(/\/postgres$/, `/${name}`);
  return {
    url,
    name,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** A test database with the seed units loaded (what the bot process needs to take a nomination). */
export async function createSeededDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  const setup = openDatabase(database.url);
  try {
    await upsertUnits(setup.db, SEED_UNITS);
  } finally {
    await setup.close();
  }
  return database;
}

/** The configuration tests run with (defaults, data under a temporary folder). */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ DATA_DIR: overrides.DATA_DIR ?? `.tmp/test-data-${process.pid}`, ...overrides });
}

/** A translator that fails the test on a missing key instead of printing the key. */
export function strictTranslator(): Translator {
  return Translator.fromDirectory(undefined, (locale, key) => {
    throw new Error(`missing translation ${locale}:${key}`);
  });
}

/** A database with the seed units and the composed app on it. */
export async function createTestApp(overrides: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const connection = openDatabase(database.url, { max: 4 });
  await upsertUnits(connection.db, SEED_UNITS);
  const config = testConfig(overrides);
  const app = compose(config, connection.db, silentLogger, { translator: strictTranslator() });
  return {
    app,
    db: connection.db,
    config,
    database,
    async close() {
      await connection.close();
      await database.drop();
    },
  };
}
