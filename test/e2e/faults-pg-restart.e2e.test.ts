/**
 * PostgreSQL restarted under the running bot: it waits, recovers by itself, and answers what was
 * sent meanwhile.
 */
import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ensureDatabase } from '../../src/infra/db/bootstrap.js';
import { openDatabase } from '../../src/infra/db/client.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/infra/db/embedded.js';
import { applyMigrations } from '../../src/infra/db/migrate.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { freePort } from '../support/net.js';
import { ChatDriver } from './support.js';
import { cleanups, restartable, startFake, tempDir } from './faults-support.js';

describe('PostgreSQL restarted under the running bot', () => {
  it('the bot waits, recovers by itself and answers what was sent while the database was down', async () => {
    const dataDir = await tempDir('ntvt-e2e-pg-restart-');
    // initdb runs as the unprivileged postgres user when we are root: it must be able to enter the folder.
    await chmod(dataDir, 0o755);
    const port = await freePort();
    const pgDir = path.join(dataDir, 'pg');
    let server: EmbeddedServer = await startEmbeddedPostgres({ dataDir: pgDir, port });
    cleanups.push(() => server.stop());
    await ensureDatabase(server.url, 'restart');
    const url = server.urlFor('restart');
    await applyMigrations(url);
    const setup = openDatabase(url);
    await upsertUnits(setup.db, SEED_UNITS);
    await setup.close();

    const fake = await startFake('123456789:AAtest-token-for-pgrestart_abcd');
    const bot = restartable(fake, { DATABASE_URL: url, DATA_DIR: path.join(dataDir, 'files') });
    await bot.start();
    const chat = new ChatDriver(fake, { id: 6_001, first_name: 'Hoa', language_code: 'vi' }, 60_000);
    await chat.say('/start', 'Xin chào');
    await chat.press('Đề xuất người tốt, việc tốt', 'đồng ý với việc xử lý dữ liệu');
    await chat.press('Đồng ý', 'cá nhân, tập thể hay hộ gia đình');
    await chat.press('Cá nhân', 'họ và tên người được đề xuất');

    await server.stop();
    // Typed while the database is down: kept (by Telegram, then the queue) and answered once it is back.
    const answered = chat.say('phạm thị hoa', 'thuộc phường, tổ dân phố hay đơn vị nào');
    await sleep(3_000);
    expect(bot.process?.child.exitCode).toBeNull(); // still running
    server = await startEmbeddedPostgres({ dataDir: pgDir, port });
    await answered;

    await chat.say('xuan phuong', 'đơn vị phù hợp');
    await chat.press('Tổ dân phố số 2 – Phường Xuân Phương', 'sinh năm nào');
    const check = openDatabase(url);
    try {
      const draft = await check.db.draft.findFirstOrThrow();
      expect(draft.stepId).toBe('nomineeBirthYear');
      expect((draft.state as { answers: Record<string, unknown> }).answers.nomineeName).toBe('Phạm Thị Hoa');
    } finally {
      await check.close();
    }
    expect(bot.process?.output()).toMatch(/"event":"(telegram.enqueue_failed|inbound.claim_failed)"/);
    expect(await bot.process?.stop()).toBe(0);
  }, 120_000);
});
