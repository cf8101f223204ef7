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
import { createSeededDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { ChatDriver, nominate, photoOf, startBotProcess, type BotProcess } from './support.js';

describe('the bot process against a fake Telegram', () => {
  let fake: FakeBotApi;
  let database: TestDatabase;
  let bot: BotProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: '123456789:AAtest-token-for-e2e_abcdefghijkl' });
    database = await createSeededDatabase();
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
