/**
 * End to end: the real bot process, long polling a fake Telegram on 127.0.0.1, two residents
 * nominating at the same time, each with a photo.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/client.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { ChatDriver, startBotProcess, type BotProcess } from './support.js';

// A tiny valid JPEG header is enough: the bot stores bytes, it does not decode images.
const photoOf = (seed: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo of ${seed}`.repeat(50))]);

async function nominate(chat: ChatDriver, who: { nominee: string; nominator: string; phone: string; photo: Buffer }) {
  await chat.say('/start', 'Xin chào');
  await chat.press('Đề xuất người tốt, việc tốt', 'đồng ý với việc xử lý dữ liệu');
  await chat.press('Đồng ý', 'cá nhân, tập thể hay hộ gia đình');
  await chat.press('Cá nhân', 'họ và tên người được đề xuất');
  await chat.say(who.nominee, 'thuộc phường, tổ dân phố hay đơn vị nào');
  await chat.say('xuan phuong', 'đơn vị phù hợp');
  await chat.press('Tổ dân phố số 2 – Phường Xuân Phương', 'sinh năm nào');
  await chat.press('Bỏ qua', 'Chức vụ hoặc nghề nghiệp');
  await chat.say('bảo vệ chợ', 'thuộc lĩnh vực nào');
  await chat.press('Nhặt được của rơi trả người mất', 'diễn ra vào ngày nào');
  await chat.press('Hôm qua', 'diễn ra ở đâu');
  await chat.say('bo qua', 'kể lại việc làm tốt');
  await chat.say('Nhặt được chiếc ví có 2.500.000 đồng và giấy tờ tùy thân ở cổng chợ, đã mang đến Công an phường trả lại người mất.', 'minh chứng');
  await chat.photo(who.photo, 'Đã nhận tệp thứ 1');
  await chat.press('Xong', 'họ và tên của Quý vị');
  await chat.say(who.nominator, 'số điện thoại');
  await chat.say(who.phone, 'quan hệ thế nào');
  await chat.press('Hàng xóm', 'trung thực');
  await chat.press('Tôi xin cam đoan', 'kiểm tra lại đề xuất');
  const receipt = await chat.press('Gửi đề xuất', /NTV-\d{4}-\d{5}/);
  return /NTV-\d{4}-\d{5}/.exec(receipt.text ?? '')![0];
}

describe('the bot process against a fake Telegram', () => {
  let fake: FakeBotApi;
  let database: TestDatabase;
  let bot: BotProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: '123456789:AAtest-token-for-e2e_abcdefghijkl' });
    database = await createTestDatabase();
    const seeding = openDatabase(database.url);
    await upsertUnits(seeding.db, SEED_UNITS);
    await seeding.close();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-e2e-'));
    bot = await startBotProcess(fake, { DATABASE_URL: database.url, DATA_DIR: dataDir });
  }, 60_000);

  afterAll(async () => {
    const code = await bot?.stop();
    expect(code).toBe(0); // a graceful shutdown on SIGTERM
    await fake?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('registers its commands in Vietnamese and English', async () => {
    await fake.waitFor((call) => call.method === 'setMyCommands' && (call.payload.language_code as string | undefined) === 'en');
    const vi = fake.getCommands({ type: 'default' }, 'vi') ?? [];
    expect(vi.map((command) => command.command)).toEqual(expect.arrayContaining(['decu', 'cuatoi', 'huongdan', 'ngonngu', 'huy']));
    expect(fake.getCommands({ type: 'default' }, 'en')?.find((command) => command.command === 'decu')?.description).toMatch(/nominate/i);
  });

  it('two residents complete a nomination with a photo at the same time', async () => {
    const lan = new ChatDriver(fake, { id: 5001, first_name: 'Lan', language_code: 'vi' });
    const minh = new ChatDriver(fake, { id: 5002, first_name: 'Minh', language_code: 'vi' });
    const photos = { lan: photoOf('lan'), minh: photoOf('minh') };
    const [codeLan, codeMinh] = await Promise.all([
      nominate(lan, { nominee: 'đỗ thị cúc', nominator: 'trần thị lan', phone: '0912 345 678', photo: photos.lan }),
      nominate(minh, { nominee: 'hoàng văn dũng', nominator: 'phạm văn minh', phone: '+84 98 765 4321', photo: photos.minh }),
    ]);
    expect(codeLan).not.toEqual(codeMinh);

    // No one got the other's messages.
    expect(fake.sentMessages(5001).some((message) => message.text?.includes('Hoàng Văn Dũng'))).toBe(false);
    expect(fake.sentMessages(5002).some((message) => message.text?.includes('Đỗ Thị Cúc'))).toBe(false);

    const check = openDatabase(database.url);
    try {
      const rows = await check.db.nomination.findMany({ include: { evidence: true, statusChanges: true, unit: true }, orderBy: { code: 'asc' } });
      expect(rows).toHaveLength(2);
      const byCode = new Map(rows.map((row) => [row.code, row]));
      const lanRow = byCode.get(codeLan)!;
      expect(lanRow).toMatchObject({ status: 'received', nomineeName: 'Đỗ Thị Cúc', nominatorName: 'Trần Thị Lan', nominatorPhone: '+84912345678', nomineeRole: 'Bảo vệ chợ', deedPlace: null });
      expect(lanRow.unit.name).toBe('Tổ dân phố số 2');
      expect(byCode.get(codeMinh)!.nominatorPhone).toBe('+84987654321');
      for (const [code, bytes] of [[codeLan, photos.lan], [codeMinh, photos.minh]] as const) {
        const row = byCode.get(code)!;
        expect(row.statusChanges.map((change) => change.toStatus)).toEqual(['received']);
        expect(row.evidence).toHaveLength(1);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        expect(row.evidence[0]!.sha256).toBe(sha256);
        // Our own copy exists, byte for byte.
        expect(await readFile(path.join(dataDir, 'evidence', row.evidence[0]!.storageKey!))).toEqual(bytes);
      }
      expect(await check.db.draft.count()).toBe(0);
      expect(await check.db.consent.count()).toBe(2);
    } finally {
      await check.close();
    }
  }, 120_000);

  it('shows a resident their nominations with /cuatoi', async () => {
    const lan = new ChatDriver(fake, { id: 5001, first_name: 'Lan', language_code: 'vi' });
    const list = await lan.say('/cuatoi', 'Đề xuất của Quý vị');
    expect(list.text).toMatch(/NTV-\d{4}-\d{5} · Đỗ Thị Cúc · Mới tiếp nhận/);
  });
});
