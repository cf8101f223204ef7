import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, SCHEMA_PATH, schemaToSql } from '../../src/infra/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

/** Tables, columns, indexes and constraints of the public schema, in a comparable form. */
async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(`
      SELECT table_name, column_name, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`);
    const indexes = await client.query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`);
    const constraints = await client.query(`
      SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
      ORDER BY 1, 2`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let migrated: TestDatabase;
  let fromSchema: TestDatabase;

  beforeAll(async () => {
    migrated = await createTestDatabase();
    fromSchema = await createTestDatabase();
  });
  afterAll(async () => {
    await migrated?.drop();
    await fromSchema?.drop();
  });

  it('are already applied to the template and applying them again does nothing', async () => {
    expect(await applyMigrations(migrated.url)).toEqual([]);
    const client = new pg.Client({ connectionString: migrated.url });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name, finished_at FROM _prisma_migrations');
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('produce exactly the schema that prisma/schema.prisma describes (a schema change needs a migration)', async () => {
    // An empty database: drop what the template brought, then create the schema from schema.prisma.
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await client.end();
    const sql = await schemaToSql(fromSchema.url, { path: 'schema.prisma', content: await readFile(SCHEMA_PATH, 'utf8') });
    const apply = new pg.Client({ connectionString: fromSchema.url });
    await apply.connect();
    await apply.query(sql);
    await apply.end();
    expect(await catalog(fromSchema.url)).toEqual(await catalog(migrated.url));
  });

  it('applied by several instances starting at once: one applies them, the others wait and find nothing to do', async () => {
    const empty = await createTestDatabase();
    try {
      const client = new pg.Client({ connectionString: empty.url });
      await client.connect();
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await client.end();
      const results = await Promise.all([applyMigrations(empty.url), applyMigrations(empty.url), applyMigrations(empty.url)]);
      const applied = results.flat();
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied).size).toBe(applied.length); // no migration applied twice
      expect(results.filter((names) => names.length > 0)).toHaveLength(1);
      expect(await catalog(empty.url)).toEqual(await catalog(migrated.url));
    } finally {
      await empty.drop();
    }
  });
});
