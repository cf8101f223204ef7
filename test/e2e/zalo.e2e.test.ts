/**
 * End to end on Zalo: the real bot process runs both channels at once — Telegram against the fake
 * Bot API, Zalo against the fake Zalo Bot API (long polling, one update per call, 408 when idle) —
 * on one database. Two residents complete a nomination over Zalo with a photo at the same time; a
 * Telegram resident is served by the same process; a ward head on Zalo receives the reminder due
 * today and answers it by typing its number.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localParts } from '../../src/core/campaigns/calendar.js';
import { openDatabase } from '../../src/infra/db/client.js';
import { CampaignRepository } from '../../src/infra/repositories/campaigns.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { FakeZaloApi } from '../support/fake-zalo-api.js';
import { ChatDriver, clockOffsetEnv, clockOffsetMs, photoOf, spawnBot, type BotProcess, minuteBefore } from './support.js';

const HEAD = 'zalo-head-0001';

describe('Zalo end to end', () => {
  let telegram: FakeBotApi;
  let zalo: FakeZaloApi;
  let database: TestDatabase;
  let bot: BotProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    telegram = await FakeBotApi.start({ token: '123456789:AAtest-token-for-zalo-e2e_abcdefg' });
    zalo = await FakeZaloApi.start();
    database = await createTestDatabase();
    const offset = clockOffsetMs(new Date());
    const botNow = new Date(Date.now() + offset);
    const reminderTime = minuteBefore(botNow);
    const setup = openDatabase(database.url);
    try {
      await upsertUnits(setup.db, SEED_UNITS);
      const ward = await setup.db.unit.findUniqueOrThrow({ where: { code: 'HN-TAY-MO' } });
      // The head wrote to the Zalo bot once before (Zalo has no deep links: roles come by typed code or the admin).
      const head = await setup.db.user.create({ data: { channel: 'zalo', externalId: HEAD, chatId: HEAD, locale: 'vi' } });
      await setup.db.roleGrant.create({ data: { userId: head.id, role: 'head', unitId: ward.id, grantedAt: new Date(botNow.getTime() - 86_400_000) } });
      await new CampaignRepository(setup.db).create({ code: 'ZL-E2E', name: 'Chuyên đề hiến đất mở đường', kind: 'thematic', opensOn: '2020-01-01', closesOn: '2099-12-31', deadline: localParts(botNow).date, reminderDays: [3, 0], reminderTime, workingDaysOnly: false, unitIds: [ward.id] });
    } finally {
      await setup.close();
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-e2e-zalo-'));
    bot = await spawnBot(
      {
        BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.url,
        ZALO_BOT_TOKEN: zalo.token,
        ZALO_API_ROOT: zalo.url,
        WARD_PHONE: '024 3838 1234',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        REMINDER_CRON: '*/2 * * * * *',
        OUTBOX_CRON: '*/2 * * * * *',
        ...clockOffsetEnv(offset),
      },
      () => Promise.all([telegram.waitForPolling(30_000), zalo.waitForPolling(30_000)]),
    );
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    await telegram?.stop();
    await zalo?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** A resident's whole nomination over Zalo, typed; returns the reference code. */
  async function nominateOnZalo(id: string, who: { nominee: string; nominator: string; phone: string; photo: Buffer }): Promise<string> {
    const user = { id, name: who.nominator };
    const say = async (text: string, expected: string | RegExp) => {
      const mark = zalo.calls.length;
      zalo.sendText(user, text);
      return (await zalo.waitForMessage(id, expected, 20_000, mark)).text;
    };
    await say('xin chào', 'Gõ số từ 1 đến');
    await say('1', 'đồng ý với việc xử lý dữ liệu');
    await say('đồng ý', 'cá nhân, tập thể hay hộ gia đình');
    await say('1', 'họ và tên người được đề xuất');
    await say(who.nominee, 'thuộc phường, tổ dân phố hay đơn vị nào');
    await say('tay mo', 'đơn vị phù hợp');
    await say('to dan pho so 2 phuong tay mo', 'sinh năm nào');
    await say('bo qua', 'làm nghề gì');
    await say('bo qua', 'thuộc lĩnh vực nào');
    await say('nhat duoc cua roi tra nguoi mat', 'diễn ra vào ngày nào');
    await say('hom qua', 'diễn ra ở đâu');
    await say('khong co', 'kể lại việc làm tốt');
    await say('Nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tùy thân ở cổng chợ, đã mang đến Công an phường trả lại người mất.', 'minh chứng');
    const mark = zalo.calls.length;
    zalo.sendPhoto(user, who.photo);
    await zalo.waitForMessage(id, 'Đã nhận ảnh thứ 1', 20_000, mark);
    await say('xong', 'họ và tên của Quý vị');
    await say(who.nominator, 'số điện thoại');
    await say(who.phone, 'quan hệ thế nào');
    await say('hang xom', 'trung thực');
    await say('tôi xin cam đoan', 'kiểm tra lại đề xuất');
    const receipt = await say('gửi đề xuất', /NTV-\d{4}-\d{5}/);
    return /NTV-\d{4}-\d{5}/.exec(receipt)![0];
  }

  it('two residents nominate on Zalo at the same time, each with a photo; Telegram is served by the same process', async () => {
    const [first, second] = await Promise.all([
      nominateOnZalo('zalo-resident-1', { nominee: 'nguyễn văn sơn', nominator: 'trần thị lan', phone: '0912 345 678', photo: photoOf('lan') }),
      nominateOnZalo('zalo-resident-2', { nominee: 'lê thị mai', nominator: 'phạm văn hùng', phone: '0987 654 321', photo: photoOf('hung') }),
    ]);
    expect(first).not.toBe(second);
    const telegramUser = new ChatDriver(telegram, { id: 9401, first_name: 'Tú', language_code: 'vi' });
    await telegramUser.say('/start', 'Xin chào');

    const check = openDatabase(database.url);
    try {
      const rows = await check.db.nomination.findMany({ where: { code: { in: [first, second] } }, include: { evidence: true, user: true }, orderBy: { code: 'asc' } });
      expect(rows).toHaveLength(2);
      const byNominator = new Map(rows.map((row) => [row.nominatorName, row]));
      expect(byNominator.get('Trần Thị Lan')).toMatchObject({ nomineeName: 'Nguyễn Văn Sơn', nominatorPhone: '+84912345678', user: { channel: 'zalo', externalId: 'zalo-resident-1' } });
      expect(byNominator.get('Phạm Văn Hùng')).toMatchObject({ nomineeName: 'Lê Thị Mai', nominatorPhone: '+84987654321', user: { channel: 'zalo', externalId: 'zalo-resident-2' } });
      for (const row of rows) {
        expect(row.evidence).toHaveLength(1);
        expect(row.evidence[0]).toMatchObject({ kind: 'photo', channel: 'zalo' });
        expect(row.evidence[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
      }
      // No conversation leaked into another: each resident only got their own code.
      expect(zalo.sent('zalo-resident-1').some((message) => message.text.includes(second))).toBe(false);
      expect(zalo.sent('zalo-resident-2').some((message) => message.text.includes(first))).toBe(false);
    } finally {
      await check.close();
    }
    expect(zalo.calls.filter((call) => call.method === 'sendMessage' && call.status !== 200)).toEqual([]);
  }, 120_000);

  it('a ward head on Zalo is reminded once, and answers the reminder by typing its number', async () => {
    const reminder = await zalo.waitForMessage(HEAD, 'Nhắc hạn', 45_000);
    expect(reminder.text).toContain('Chuyên đề hiến đất mở đường');
    expect(reminder.text).toContain('1. Lập danh sách đề nghị');
    const mark = zalo.calls.length;
    zalo.sendText({ id: HEAD }, '2');
    const reported = await zalo.waitForMessage(HEAD, 'Đã ghi nhận', 20_000, mark);
    expect(reported.text).toContain('không có đề xuất trong Chuyên đề hiến đất mở đường');
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(zalo.sent(HEAD).filter((message) => message.text.includes('Nhắc hạn'))).toHaveLength(1);
    expect(bot!.output()).not.toMatch(/zalo\.update_failed|update\.failed|outbox\.drain_failed/);
  }, 90_000);
});
