/**
 * The Prisma client of the bench's own schema (bench/prisma/schema.prisma), used by the
 * @grammyjs/conversations baseline: generated on first use into bench/.generated/ (gitignored),
 * offline like scripts/generate-prisma.mjs (the CLI only checks that PRISMA_SCHEMA_ENGINE_BINARY
 * names an existing file), with its two tables created by plain SQL in the bench database.
 *
 * The generated client is imported by path at run time and typed here by the little the bench
 * uses, so `tsc -p .` does not depend on it having been generated.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA = path.join(here, 'prisma', 'schema.prisma');
const CLIENT = path.join(here, '.generated', 'prisma', 'client.ts');

/** What @grammyjs/storage-prisma needs of a model delegate. */
export interface SessionDelegate {
  findUnique(args: { where: { key: string } }): Promise<{ key: string; value: string } | null>;
  upsert(args: { where: { key: string }; create: { key: string; value: string }; update: { value: string } }): Promise<{ key: string; value: string }>;
  delete(args: { where: { key: string } }): Promise<{ key: string; value: string }>;
}

export interface BenchPrisma {
  session: SessionDelegate;
  submission: {
    create(args: { data: { chatId: bigint; answers: string }; select?: { id: true } }): Promise<{ id: number }>;
    count(): Promise<number>;
  };
  $disconnect(): Promise<void>;
}

const TABLES = `
CREATE TABLE IF NOT EXISTS bench_sessions (
  id SERIAL PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bench_submissions (
  id SERIAL PRIMARY KEY,
  chat_id BIGINT NOT NULL,
  answers TEXT NOT NULL,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);`;

/** Generates the client unless it is newer than the schema. */
export function generateBenchClient(): void {
  if (existsSync(CLIENT) && statSync(CLIENT).mtimeMs >= statSync(SCHEMA).mtimeMs) return;
  const cli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', SCHEMA], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  if (result.status !== 0) throw new Error(`prisma generate --schema ${SCHEMA} failed (${String(result.status)})`);
}

/**
 * A client on `url` with the tables created. `synchronousCommit: false` gives its sessions the
 * same `synchronous_commit = off` as the app's hot path (src/infra/db/client.ts), so both sides
 * wait for the disk alike.
 */
export async function openBenchPrisma(url: string, options: { max?: number; synchronousCommit?: boolean } = {}) {
  generateBenchClient();
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(TABLES);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
  });
  const { PrismaClient } = (await import(pathToFileURL(CLIENT).href)) as { PrismaClient: new (options: { adapter: unknown }) => BenchPrisma };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
