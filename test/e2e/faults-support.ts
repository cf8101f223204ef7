/**
 * What the fault tests share: throw-away databases, folders and fake Telegrams cleaned up after
 * each test, and a bot process that can be killed and started again under the same INSTANCE_ID.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createSeededDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { startBotProcess } from './support.js';

export const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

export async function seededDatabase(): Promise<TestDatabase> {
  const database = await createSeededDatabase();
  cleanups.push(() => database.drop());
  return database;
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function startFake(token: string): Promise<FakeBotApi> {
  const fake = await FakeBotApi.start({ token });
  cleanups.push(() => fake.stop());
  return fake;
}

/** The bot process, restartable; the same INSTANCE_ID each time, so a restart takes its claims back at once. */
export function restartable(fake: FakeBotApi, env: Record<string, string>) {
  let current: Awaited<ReturnType<typeof startBotProcess>> | undefined;
  const handle = {
    async start() {
      current = await startBotProcess(fake, { INSTANCE_ID: 'faults-test', QUEUE_LEASE_SECONDS: '3', ...env });
      return current;
    },
    async kill() {
      await current?.stop('SIGKILL');
    },
    get process() {
      return current;
    },
  };
  cleanups.push(async () => handle.process?.stop('SIGKILL'));
  return handle;
}
