/**
 * Telegram through a proxy, as on networks where it is blocked: the real bot process, with
 * TELEGRAM_PROXY set, reaches the fake Bot API only through a local proxy — every request the fake
 * receives (polling, replies, file downloads) was forwarded by the proxy; none came directly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/client.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { TestProxy } from '../support/http-proxy.js';
import { ChatDriver, photoOf, startBotProcess, type BotProcess } from './support.js';

describe('Telegram through a proxy', () => {
  let fake: FakeBotApi;
  let proxy: TestProxy;
  let database: TestDatabase;
  let bot: BotProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: '123456789:AAtest-token-for-the-proxy_abcdef' });
    proxy = await TestProxy.start();
    database = await createTestDatabase();
    const setup = openDatabase(database.url);
    await upsertUnits(setup.db, SEED_UNITS).finally(() => setup.close());
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-e2e-proxy-'));
    bot = await startBotProcess(fake, { DATABASE_URL: database.url, DATA_DIR: dataDir, TELEGRAM_PROXY: proxy.url });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await proxy?.stop();
    await fake?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('every call and file download goes through the proxy, none directly', async () => {
    const resident = new ChatDriver(fake, { id: 9501, first_name: 'Hà', language_code: 'vi' });
    await resident.say('/start', 'Xin chào');
    await resident.press('Đề xuất người tốt, việc tốt', 'đồng ý với việc xử lý dữ liệu');
    await resident.press('Đồng ý', 'cá nhân, tập thể hay hộ gia đình');
    await resident.press('Cá nhân', 'họ và tên');
    await resident.say('Nguyễn Văn Sơn', 'đơn vị nào');
    await resident.say('tay mo', 'đơn vị phù hợp');
    await resident.press('Phường Tây Mỗ', 'sinh năm nào');
    await resident.press('Bỏ qua', 'nghề gì');
    await resident.press('Bỏ qua', 'lĩnh vực');
    await resident.press('Nhặt được của rơi trả người mất', 'ngày nào');
    await resident.press('Hôm qua', 'ở đâu');
    await resident.press('Bỏ qua', 'kể lại');
    await resident.say('Nhặt được chiếc ví có 2.500.000 đồng ở cổng chợ và mang đến Công an phường trả lại người mất.', 'minh chứng');
    // The photo is downloaded by the bot (getFile, then the file itself): through the proxy too.
    await resident.photo(photoOf('proxy'), 'Đã nhận tệp thứ 1');
    expect(fake.requests.total).toBeGreaterThan(10);
    expect(fake.requests.viaProxy).toBe(fake.requests.total);
    expect(proxy.forwarded).toBeGreaterThanOrEqual(fake.requests.total);
    expect(bot!.output()).toContain('"proxy":"on"');
  }, 60_000);
});
