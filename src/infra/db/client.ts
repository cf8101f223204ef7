/**
 * The Prisma client on the pg driver adapter. One pool per process, shared by every repository.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client.js';

export type Db = PrismaClient;

const pools = new WeakMap<Db, pg.Pool>();

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
/**
 * Our columns are `timestamp(3)` holding UTC (Prisma's convention). node-postgres would read them
 * as the server's local time, so hand-written queries read them as UTC; their Date parameters are
 * passed as ISO strings (see `utc()`), whatever the machine's time zone.
 */
const utcTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE
      ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A Date as a parameter of a hand-written query on a `timestamp(3)` UTC column. */
export const utc = (date: Date) => date.toISOString();
const hotPools = new WeakMap<Db, pg.Pool>();

/**
 * The pool for the per-message hot path (update ids, drafts): its sessions commit with
 * `synchronous_commit = off`, so PostgreSQL does not wait for the disk on every keystroke-sized
 * write. A crash of the database server itself (not of the bot) may lose the last fraction of a
 * second of draft edits; submitted nominations, consents and status changes never go through it.
 * See docs/decisions/003-hot-path-sql.md.
 */
export function hotPoolOf(db: Db): pg.Pool {
  const pool = hotPools.get(db);
  if (!pool) throw new Error('this Prisma client was not opened with openDatabase()');
  return pool;
}

/**
 * The pg pool behind a client. The hot path of a chat (who is this, which draft, save it) runs as
 * hand-written SQL on it: Prisma's per-query CPU cost was most of an update's time
 * (docs/decisions/003-hot-path-sql.md). Everything else goes through Prisma.
 */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('this Prisma client was not opened with openDatabase()');
  return pool;
}

/** Opens a client; `close()` ends the pool. Pool errors (a restarted server) are reported, never thrown. */
export function openDatabase(connectionString: string, options: { max?: number; onPoolError?: (error: Error) => void } = {}) {
  // A server that does not answer is given up after 5 s (the default waits forever): the caller retries.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, types: utcTypes });
  pool.on('error', (error) => options.onPoolError?.(error));
  const db = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  pools.set(db, pool);
  const hot = new pg.Pool({ connectionString, max: options.max ?? 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, options: '-c synchronous_commit=off', types: utcTypes });
  hot.on('error', (error) => options.onPoolError?.(error));
  hotPools.set(db, hot);
  return {
    db,
    pool,
    hot,
    /** Resolves when the server answers (for /healthz). */
    ping: () => pool.query('SELECT 1'),
    async close() {
      await db.$disconnect();
      await pool.end().catch(() => {});
      await hot.end().catch(() => {});
    },
  };
}

const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * JSON for a jsonb column: PostgreSQL refuses U+0000 and lone surrogate halves in JSON text, so a
 * file name or a held message carrying one would make the whole write fail; they are dropped (or
 * replaced by U+FFFD) in every string instead.
 */
export function jsonForPostgres(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? item.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD') : item));
}
