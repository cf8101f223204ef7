/**
 * An instance started before its database waits for it instead of dying; anything but "not
 * reachable yet" still fails at once.
 */
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/app/logger.js';
import { silentLogger } from '../../src/app/logger.js';
import { untilReachable } from '../../src/infra/db/bootstrap.js';
import { applyMigrations } from '../../src/infra/db/migrate.js';
import { freePort } from '../support/net.js';

function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = { ...silentLogger, warn: (line: Record<string, unknown>) => void lines.push(line) } as unknown as Logger;
  return { log, lines };
}

describe('untilReachable', () => {
  it('waits 1 s, 2 s, 4 s… (at most 15 s) while the database refuses connections, then goes on', async () => {
    const { log, lines } = recordingLog();
    const waits: number[] = [];
    let calls = 0;
    const result = await untilReachable(
      async () => {
        calls += 1;
        if (calls <= 5) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return 'ready';
      },
      log,
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('ready');
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 15_000]);
    expect(lines.map((line) => line.event)).toEqual(Array(5).fill('db.unreachable'));
  });

  it('throws at once an error that waiting will not cure', async () => {
    const waits: number[] = [];
    await expect(untilReachable(async () => Promise.reject(Object.assign(new Error('password authentication failed'), { code: '28P01' })), silentLogger, { sleep: async (ms) => void waits.push(ms) })).rejects.toThrow('password authentication failed');
    expect(waits).toEqual([]);
  });

  it('recognises a real PostgreSQL that is not there yet (migrations against a closed port)', async () => {
    const port = await freePort();
    const waits: number[] = [];
    const stop = new Error('stop waiting');
    await expect(
      untilReachable(() => applyMigrations(`postgresql://postgres:postgres@127.0.0.1:${port}/none`), silentLogger, {
        sleep: async (ms) => {
          waits.push(ms);
          if (waits.length === 2) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(waits).toEqual([1_000, 2_000]);
  });
});
