/**
 * kill -9 during a reminder fan-out, then restart: nobody missed, duplicates only for the sends
 * that were in flight at the kill (Telegram has no idempotent send; decision 011).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { localParts } from '../../src/core/campaigns/calendar.js';
import { openDatabase } from '../../src/infra/db/client.js';
import { CampaignRepository } from '../../src/infra/repositories/campaigns.js';
import { upsertUnits } from '../../src/infra/seed/units.js';
import { clockOffsetEnv, clockOffsetMs, minuteBefore } from './support.js';
import { restartable, seededDatabase, startFake, tempDir } from './faults-support.js';

describe('kill -9 during a reminder fan-out', () => {
  it('after a restart every head is reminded; only sends in flight at a kill can go twice', async () => {
    const HEADS = 100;
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
      SEND_RATE_PER_SECOND: '28',
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
    await sleep(2_500); // a few more ticks: nothing owed is sent again
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
