/**
 * Applies pending migrations from prisma/migrations at start, without the Prisma CLI.
 */
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationList, withSchemaEngine } from './schema-engine.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The repository's migrations folder, resolved from this file so any working directory works. */
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations');
/** The Prisma schema file. */
export const SCHEMA_PATH = path.join(ROOT, 'prisma/schema.prisma');

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied. */
export async function applyMigrations(connectionString: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const migrationsList = await readMigrationList(migrationsDir);
  // Several instances starting at once: one applies, the others wait for it and find nothing to do.
  const lock = new pg.Client({ connectionString });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await withSchemaEngine(connectionString, undefined, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
      return appliedMigrationNames;
    });
  } finally {
    await lock.end().catch(() => undefined); // ending the session releases the lock
  }
}

/** The advisory lock key held while migrations are applied (any constant; "ntvt" in ASCII). */
const MIGRATION_LOCK = 0x6e747674;

/**
 * The SQL that creates the whole schema of `schema.prisma` on an empty database. A test applies it
 * and the migrations to two databases and compares their catalogs, so a schema change without a
 * migration fails the build. With `previous`, the SQL from that schema to this one: what
 * `npm run db:schema-sql -- --from <old schema.prisma>` prints as the next migration.
 */
export async function schemaToSql(
  connectionString: string,
  schema: { path: string; content: string },
  previous?: { path: string; content: string },
): Promise<string> {
  return withSchemaEngine(connectionString, schema, async (engine) => {
    const result = await engine.diff({
      // From an older schema file (say, from git) to this one: the body of the next migration.
      from: previous ? { tag: 'schemaDatamodel', files: [previous] } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? '';
  });
}
