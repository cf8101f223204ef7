/**
 * End to end, the real bot process against a fake Telegram, its cron clock ticking every 2 seconds:
 * a campaign over five wards is due today ("hôm nay là hạn cuối"), each ward's head is reminded
 * exactly once — one after Telegram's 429, one head has blocked the bot and the council is told —
 * more ticks send nothing again, and a head reports for the ward in one tap.
 *
 * No reminder is ever owed during the quiet hours (21:00–07:00 in Vietnam). When the test runs at
 * such a time (or close to it) the bot process is started with its clock moved forward to the
 * daytime by whole hours (test/e2e/clock-offset.mjs, preloaded through NODE_OPTIONS) and the
 * campaign is planned on the bot's clock; in the daytime the bot runs on the real clock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localParts } from '../../src/core/campaigns/calendar.js';
import { openDatabase } from '../../src/infra/db/client.js';
import { CampaignRepository } from '../../src/infra/repositories/campaigns.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi, type RecordedCall } from '../support/fake-bot-api.js';
import { ChatDriver, clockOffsetEnv, clockOffsetMs, startBotProcess, type BotProcess, minuteBefore } from './support.js';

const HOUR = 3_600_000;

const WARDS = ['HN-TU-LIEM', 'HN-XUAN-PHUONG', 'HN-TAY-MO', 'HN-DAI-MO', 'HN-PHU-DIEN'] as const;
/** Telegram ids (= chat ids) of the heads of WARDS, in order, and of the council member. */
const HEADS = [8101, 8102, 8103, 8104, 8105] as const;
const RATE_LIMITED = 8102;
const BLOCKED = 8104;
const COUNCIL = 8201;

describe('reminders end to end', () => {
  let fake: FakeBotApi;
  let database: TestDatabase;
  let bot: BotProcess | undefined;
  let dataDir: string;
  let offset = 0;
  const unitIds: number[] = [];
  const userIds = new Map<number, number>();
  let campaignId = 0;
  let blockedWardName = '';

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: '123456789:AAtest-token-for-reminders_abcd' });
    database = await createTestDatabase();
    offset = clockOffsetMs(new Date());
    if (offset) console.info(`reminders e2e: Vietnam time is within or near the quiet hours; the bot process runs with its clock ${offset / HOUR} h ahead`);
    const botNow = new Date(Date.now() + offset);
    const today = localParts(botNow).date;
    const reminderTime = minuteBefore(botNow);

    const setup = openDatabase(database.url);
    try {
      await upsertUnits(setup.db, [...SEED_UNITS, { code: 'HN-PHU-DIEN', name: 'Phường Phú Diễn', kind: 'ward', sortOrder: 5 }]);
      for (const code of WARDS) unitIds.push((await setup.db.unit.findUniqueOrThrow({ where: { code } })).id);
      blockedWardName = (await setup.db.unit.findUniqueOrThrow({ where: { code: WARDS[HEADS.indexOf(BLOCKED)]! } })).name;
      const grantedAt = new Date(botNow.getTime() - 86_400_000);
      for (const [index, telegramId] of HEADS.entries()) {
        const user = await setup.db.user.create({ data: { channel: 'telegram', externalId: String(telegramId), chatId: String(telegramId), locale: 'vi' } });
        userIds.set(telegramId, user.id);
        await setup.db.roleGrant.create({ data: { userId: user.id, role: 'head', unitId: unitIds[index]!, grantedAt } });
      }
      const member = await setup.db.user.create({ data: { channel: 'telegram', externalId: String(COUNCIL), chatId: String(COUNCIL), locale: 'vi' } });
      userIds.set(COUNCIL, member.id);
      await setup.db.roleGrant.create({ data: { userId: member.id, role: 'council', unitId: null, grantedAt } });
      const campaign = await new CampaignRepository(setup.db).create({
        code: 'CD-E2E',
        name: 'Đợt thi đua chuyên đề',
        kind: 'thematic',
        opensOn: '2020-01-01',
        closesOn: '2099-12-31',
        deadline: today,
        reminderDays: [7, 3, 1, 0],
        reminderTime,
        workingDaysOnly: false,
        unitIds,
      });
      campaignId = campaign.id;
    } finally {
      await setup.close();
    }

    fake.failNext('sendMessage', { error_code: 429, retry_after: 1, chatId: RATE_LIMITED });
    fake.failNext('sendMessage', { error_code: 403, chatId: BLOCKED, times: Infinity });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-e2e-reminders-'));
    bot = await startBotProcess(fake, {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      REMINDER_CRON: '*/2 * * * * *',
      OUTBOX_CRON: '*/2 * * * * *',
      ...clockOffsetEnv(offset),
    });
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** sendMessage calls to a chat whose text contains `text`. */
  const callsTo = (chatId: number, text: string): RecordedCall[] =>
    fake.calls.filter((call) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(chatId) && String(call.payload.text ?? '').includes(text));

  it('reminds every reachable head once, after a 429 too, tells the council about a blocked head, and takes a one-tap report', async () => {
    const reachable = HEADS.filter((id) => id !== BLOCKED);
    const reminders = await Promise.all(reachable.map((id) => fake.waitForMessage(id, (text) => text.includes('Nhắc hạn'), 45_000, { description: `the reminder to head ${id}` })));
    for (const message of reminders) {
      expect(message.text).toContain('Đợt thi đua chuyên đề');
      expect(message.text).toContain('hôm nay là hạn cuối');
    }
    const alert = await fake.waitForMessage(COUNCIL, (text) => text.includes('Không gửi được nhắc hạn'), 30_000, { description: 'the council alert' });
    expect(alert.text).toContain(blockedWardName);
    expect(alert.text).toContain('Đợt thi đua chuyên đề');

    // A few more ticks of both crons.
    await sleep(7_000);

    for (const id of reachable) {
      const calls = callsTo(id, 'Nhắc hạn');
      expect(calls.filter((call) => call.ok), `reminders delivered to ${id}`).toHaveLength(1);
      if (id !== RATE_LIMITED) expect(calls, `reminder attempts to ${id}`).toHaveLength(1);
    }
    // The rate-limited head: refused once with 429, delivered after Telegram's retry_after.
    const limited = callsTo(RATE_LIMITED, 'Nhắc hạn');
    expect(limited.map((call) => (call.ok ? 'ok' : call.error?.error_code))).toEqual([429, 'ok']);
    expect(limited[1]!.at - limited[0]!.finishedAt).toBeGreaterThanOrEqual(900);
    // The blocked head: tried once, never again.
    expect(callsTo(BLOCKED, 'Nhắc hạn').map((call) => call.error?.error_code)).toEqual([403]);
    expect(callsTo(COUNCIL, 'Không gửi được nhắc hạn').filter((call) => call.ok)).toHaveLength(1);
    expect(fake.sentMessages(COUNCIL)).toHaveLength(1);

    // A head reports from the reminder that the ward has nothing to propose this time.
    const head = new ChatDriver(fake, { id: HEADS[0], first_name: 'Lan', language_code: 'vi' });
    const done = await head.press('Không có đề xuất trong đợt này', 'Đã ghi nhận');
    expect(done.text).toContain('không có đề xuất trong Đợt thi đua chuyên đề');
    await sleep(4_500);
    expect(callsTo(HEADS[0], 'Nhắc hạn')).toHaveLength(1);

    const check = openDatabase(database.url);
    try {
      const unit = await check.db.campaignUnit.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId, unitId: unitIds[0]! } } });
      expect(unit.reportKind).toBe('none');
      expect(unit.reportedBy).toBe(userIds.get(HEADS[0]));
      expect(unit.reportedAt).not.toBeNull();
      expect(await check.db.campaignUnit.count({ where: { campaignId, reportedAt: { not: null } } })).toBe(1);

      const rows = await check.db.notification.findMany({ where: { dedupeKey: { startsWith: 'reminder:' } }, orderBy: { id: 'asc' } });
      expect(rows).toHaveLength(5);
      for (const row of rows) {
        if (row.chatId === String(BLOCKED)) expect(row, 'the blocked head').toMatchObject({ sentAt: null, attempts: 1, lastError: expect.stringContaining('blocked') });
        else expect(row.sentAt, `reminder to ${row.chatId}`).not.toBeNull();
      }
      expect(rows.find((row) => row.chatId === String(RATE_LIMITED))!.attempts).toBe(2);
      expect((await check.db.user.findUniqueOrThrow({ where: { id: userIds.get(BLOCKED)! } })).unreachableAt).not.toBeNull();
      expect(await check.db.notification.count({ where: { sentAt: null, failedAt: null } })).toBe(0);
    } finally {
      await check.close();
    }
    expect(bot!.output()).not.toMatch(/reminders\.tick_failed|outbox\.drain_failed|update\.failed/);
  }, 120_000);
});
