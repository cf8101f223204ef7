/**
 * The Prisma client on the pg driver adapter. One pool per process, shared by every repository.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client.js';

export type Db = PrismaClient;

/** Opens a client; `close()` ends the pool. Pool errors (a restarted server) are reported, never thrown. */
export function openDatabase(connectionString: string, options: { max?: number; onPoolError?: (error: Error) => void } = {}) {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  pool.on('error', (error) => options.onPoolError?.(error));
  const db = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    db,
    pool,
    async close() {
      await db.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
