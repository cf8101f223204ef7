/**
 * The bot under faults, end to end: the real process against a fake Telegram on 127.0.0.1.
 * - kill -9 at random moments while 100 residents fill in the form at once, then restart: every
 *   nomination stored exactly once, every form finished, nobody gets another person's messages;
 * - kill -9 during a reminder fan-out, then restart: nobody missed, duplicates only for the sends
 *   that were in flight at the kill (Telegram has no idempotent send; decision 011);
 * - PostgreSQL restarted under the running bot: it waits, recovers by itself, and answers what
 *   was sent meanwhile.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { localParts } from '../../src/core/campaigns/calendar.js';
import { ensureDatabase } from '../../src/infra/db/bootstrap.js';
import { openDatabase } from '../../src/infra/db/client.js';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/infra/db/embedded.js';
import { applyMigrations } from '../../src/infra/db/migrate.js';
import { CampaignRepository } from '../../src/infra/repositories/campaigns.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { freePort } from '../support/net.js';
import { ChatDriver, clockOffsetEnv, clockOffsetMs, minuteBefore, nominate, photoOf, startBotProcess, type BotProcess } from './support.js';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nam'];
/** 100 distinct nominees ("Nguyễn Hữu An" … "Đỗ Ngọc Nam"), none a prefix of another nor a name in the prompts' examples. */
const nomineeOf = (index: number) => `${FAMILY[Math.floor(index / 10)]} ${index % 2 ? 'Ngọc' : 'Hữu'} ${GIVEN[index % 10]}`;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function seededDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const setup = openDatabase(database.url);
  await upsertUnits(setup.db, SEED_UNITS);
  await setup.close();
  return database;
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function startFake(token: string): Promise<FakeBotApi> {
  const fake = await FakeBotApi.start({ token });
  cleanups.push(() => fake.stop());
  return fake;
}

/** The bot process, restartable; the same INSTANCE_ID each time, so a restart takes its claims back at once. */
function restartable(fake: FakeBotApi, env: Record<string, string>) {
  let current: BotProcess | undefined;
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

describe('kill -9 while 100 residents fill in the form', () => {
  it('every nomination is stored once, every form is finished after restarts, and nobody gets another person\'s messages', async () => {
    const fake = await startFake('123456789:AAtest-token-for-faults_abcdefgh');
    const database = await seededDatabase();
    const bot = restartable(fake, { DATABASE_URL: database.url, DATA_DIR: await tempDir('ntvt-e2e-faults-') });
    await bot.start();

    const residents = Array.from({ length: 100 }, (_, index) => ({
      chat: new ChatDriver(fake, { id: 7_000 + index, first_name: `Cư dân ${index}`, language_code: 'vi' }, 60_000),
      nominee: nomineeOf(index),
      // Every fifth one with a photo: a kill may land during a download too.
      ...(index % 5 === 0 ? { photo: photoOf(`faults-${index}`) } : {}),
    }));
    const codes = Promise.all(
      residents.map(async (resident, index) => {
        await sleep(index * 15); // people do not all start in the same millisecond
        return nominate(resident.chat, { nominee: resident.nominee.toLowerCase(), nominator: 'ngô quang huy', phone: `0912 345 ${String(index).padStart(3, '0')}`, ...(resident.photo ? { photo: resident.photo } : {}) });
      }),
    );

    // Three kills at random moments while the forms are being filled in.
    let kills = 0;
    const killer = (async () => {
      for (; kills < 3; kills++) {
        await sleep(1_500 + Math.random() * 2_000);
        await bot.kill();
        await sleep(Math.random() * 500);
        await bot.start();
      }
    })();
    const received = await codes;
    await killer;
    expect(kills).toBe(3);

    expect(new Set(received).size).toBe(100);
    const check = openDatabase(database.url);
    try {
      const nominations = await check.db.nomination.findMany({ select: { code: true, nomineeName: true } });
      expect(nominations).toHaveLength(100);
      expect(new Set(nominations.map((nomination) => nomination.nomineeName)).size).toBe(100);
      expect(nominations.map((nomination) => nomination.code).sort()).toEqual([...received].sort());
      expect(await check.db.draft.count()).toBe(0);
      await expect.poll(() => check.db.inboundUpdate.count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await check.close();
    }
    // Each person's chat only ever named their own nominee.
    for (const resident of residents) {
      const others = residents.filter((other) => other !== resident).map((other) => other.nominee);
      for (const message of fake.sentMessages(resident.chat.user.id)) {
        const leaked = others.find((name) => message.text?.includes(name));
        expect(leaked, `chat ${resident.chat.user.id} was shown ${leaked}`).toBeUndefined();
      }
    }
    expect(await bot.process?.stop()).toBe(0);
  }, 240_000);
});

describe('kill -9 during a reminder fan-out', () => {
  it('after a restart every head is reminded; only sends in flight at a kill can go twice', async () => {
    const HEADS = 150;
    const fake = await startFake('123456789:AAtest-token-for-fanout_abcdefgh');
    const database = await seededDatabase();
    const offset = clockOffsetMs(new Date());
    const botNow = new Date(Date.now() + offset);
    const setup = openDatabase(database.url);
    try {
      const units = Array.from({ length: HEADS }, (_, index) => ({ code: `FANOUT-${index}`, name: `Tổ dân phố số ${index + 1}`, kind: 'residential-group' as const, sortOrder: 100 + index }));
      await upsertUnits(setup.db, units);
      const unitIds: number[] = [];
      const grantedAt = new Date(botNow.getTime() - 86_400_000);
      for (const [index, unit] of units.entries()) {
        const { id } = await setup.db.unit.findUniqueOrThrow({ where: { code: unit.code } });
        unitIds.push(id);
        const user = await setup.db.user.create({ data: { channel: 'telegram', externalId: String(9_000 + index), chatId: String(9_000 + index), locale: 'vi' } });
        await setup.db.roleGrant.create({ data: { userId: user.id, role: 'head', unitId: id, grantedAt } });
      }
      await new CampaignRepository(setup.db).create({
        code: 'FANOUT', name: 'Đợt thi đua chuyên đề', kind: 'thematic', opensOn: '2020-01-01', closesOn: '2099-12-31',
        deadline: localParts(botNow).date, reminderDays: [0], reminderTime: minuteBefore(botNow), workingDaysOnly: false, unitIds,
      });
    } finally {
      await setup.close();
    }
    const bot = restartable(fake, {
      DATABASE_URL: database.url,
      DATA_DIR: await tempDir('ntvt-e2e-fanout-'),
      REMINDER_CRON: '*/2 * * * * *',
      OUTBOX_CRON: '*/2 * * * * *',
      SEND_RATE_PER_SECOND: '25',
      ...clockOffsetEnv(offset),
    });
    await bot.start();
    const reminded = () => new Set(fake.sentMessages().filter((message) => message.text?.includes('Đợt thi đua chuyên đề')).map((message) => String(message.chatId)));

    // Two kills in the middle of the fan-out.
    for (let kill = 0; kill < 2; kill++) {
      const before = reminded().size;
      await expect.poll(() => reminded().size, { timeout: 30_000, interval: 50 }).toBeGreaterThan(before + 20);
      await bot.kill();
      await bot.start();
    }
    await expect.poll(() => reminded().size, { timeout: 60_000, interval: 200 }).toBe(HEADS);
    await sleep(3_000); // a few more ticks: nothing owed is sent again
    const perChat = new Map<string, number>();
    for (const message of fake.sentMessages().filter((sent) => sent.text?.includes('Đợt thi đua chuyên đề'))) {
      perChat.set(String(message.chatId), (perChat.get(String(message.chatId)) ?? 0) + 1);
    }
    const duplicates = [...perChat.values()].reduce((sum, count) => sum + count - 1, 0);
    console.info(`reminder fan-out with 2 kills: ${HEADS} heads reminded, ${duplicates} duplicate(s)`);
    // At most the sends in flight at each kill (outbox concurrency 8), never a second round.
    expect(duplicates).toBeLessThanOrEqual(2 * 8);
    expect(Math.max(...perChat.values())).toBeLessThanOrEqual(2);
    expect(await bot.process?.stop()).toBe(0);
  }, 180_000);
});

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
