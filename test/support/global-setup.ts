/**
 * Starts one embedded PostgreSQL for the whole test run and prepares a migrated template database;
 * each test file then clones its own database from it (test/support/db.ts).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabase } from '../../src/infra/db/bootstrap.js';
import { startEmbeddedPostgres } from '../../src/infra/db/embedded.js';
import { applyMigrations } from '../../src/infra/db/migrate.js';
import { freePort } from './net.js';

export const TEMPLATE_DATABASE = 'ntvt_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-test-pg-'));
  // initdb runs as the unprivileged postgres user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), persistent: false });
  await ensureDatabase(server.url, TEMPLATE_DATABASE);
  await applyMigrations(server.urlFor(TEMPLATE_DATABASE));
  project.provide('pgServerUrl', server.url);
  project.provide('pgTemplate', TEMPLATE_DATABASE);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
