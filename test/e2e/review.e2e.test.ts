/**
 * End to end, the real bot process against a fake Telegram: a resident nominates, the ward's head
 * (invited by a link) asks for more information, the resident adds a photo, the head proposes a
 * Giấy khen, the council records the decision — and the resident is told at every step.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/client.js';
import { hashInvitationCode, newInvitationCode } from '../../src/infra/invitation-codes.js';
import { PrismaInvitationRepository } from '../../src/infra/repositories/invitations.js';
import { SEED_UNITS, upsertUnits } from '../../src/infra/seed/units.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { FakeBotApi } from '../support/fake-bot-api.js';
import { ChatDriver, nominate, photoOf, startBotProcess, type BotProcess } from './support.js';

describe('review end to end', () => {
  let fake: FakeBotApi;
  let database: TestDatabase;
  let bot: BotProcess | undefined;
  let dataDir: string;
  const codes = { head: newInvitationCode(), council: newInvitationCode() };

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: '123456789:AAtest-token-for-review_abcdefgh' });
    database = await createTestDatabase();
    const setup = openDatabase(database.url);
    await upsertUnits(setup.db, SEED_UNITS);
    const ward = await setup.db.unit.findUniqueOrThrow({ where: { code: 'HN-XUAN-PHUONG' } });
    const invitations = new PrismaInvitationRepository(setup.db);
    const expiresAt = new Date(Date.now() + 86_400_000);
    await invitations.create({ codeHash: hashInvitationCode(codes.head), role: 'head', unitId: ward.id, maxUses: 1, expiresAt, createdBy: 'cli' });
    await invitations.create({ codeHash: hashInvitationCode(codes.council), role: 'council', unitId: null, maxUses: 1, expiresAt, createdBy: 'cli' });
    await setup.close();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-e2e-review-'));
    bot = await startBotProcess(fake, { DATABASE_URL: database.url, DATA_DIR: dataDir, OUTBOX_CRON: '*/5 * * * * *' });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes a nomination from the resident to the council decision, telling the resident each step', async () => {
    const resident = new ChatDriver(fake, { id: 7001, first_name: 'Hoa', language_code: 'vi' });
    const head = new ChatDriver(fake, { id: 7002, first_name: 'Tuấn', language_code: 'vi' });
    const council = new ChatDriver(fake, { id: 7003, first_name: 'Mai', language_code: 'vi' });

    await head.say(`/start ${codes.head}`, 'vai trò lãnh đạo đơn vị Phường Xuân Phương');
    await council.say(`/start ${codes.council}`, 'thành viên Hội đồng Thi đua – Khen thưởng');
    const code = await nominate(resident, { nominee: 'đỗ thị cúc', nominator: 'trần thị hoa', phone: '0912 345 678', photo: photoOf('first') });

    await head.say('/duyet', 'Mới tiếp nhận: 1');
    await head.press('Mới tiếp nhận (1)', 'hồ sơ, trang 1/1');
    await head.press(new RegExp(`^${code}`), 'Trần Thị Hoa');
    await head.press('Yêu cầu bổ sung', 'nội dung cần người đề xuất bổ sung');
    await head.press('Bổ sung ảnh hoặc giấy tờ minh chứng', `Đã chuyển 1 hồ sơ (${code}) sang trạng thái "Cần bổ sung"`);

    await resident.expect(() => {}, 'đã chuyển sang trạng thái: Cần bổ sung');
    await resident.press('Bổ sung thông tin', 'Xin gửi thông tin bổ sung');
    await resident.photo(photoOf('receipt'), 'Đã nhận 1 tệp');
    await resident.press('Gửi bổ sung', 'Đã gửi thông tin bổ sung');

    await head.expect(() => {}, 'đã bổ sung thông tin cho hồ sơ');
    await head.press('Xem hồ sơ', 'Bổ sung ngày');
    await head.press('Đề nghị khen thưởng', 'hình thức khen thưởng đề nghị');
    await head.press('Giấy khen', '"Đề nghị khen thưởng"');
    await resident.expect(() => {}, 'đã chuyển sang trạng thái: Đề nghị khen thưởng');

    await council.expect(() => {}, `đề nghị khen thưởng hồ sơ ${code}`);
    await council.press('Xem hồ sơ', 'Hình thức đề nghị: Giấy khen');
    await council.press('Ghi Quyết định', 'số và ngày của Quyết định');
    await council.say('123/QĐ-UBND ngày 20/11/2026', '"Đã có Quyết định"');
    const decided = await resident.expect(() => {}, 'đã chuyển sang trạng thái: Đã có Quyết định');
    expect(decided.text).toContain('Quyết định khen thưởng số 123/QĐ-UBND ngày 20/11/2026');

    const check = openDatabase(database.url);
    try {
      const row = await check.db.nomination.findUniqueOrThrow({ where: { code }, include: { statusChanges: { orderBy: { id: 'asc' } }, supplements: true, evidence: true } });
      expect(row.status).toBe('decided');
      expect(row.statusChanges.map((change) => `${change.fromStatus ?? '∅'}→${change.toStatus}:${change.actorRole}`)).toEqual([
        '∅→received:resident',
        'received→needs-info:head',
        'needs-info→received:resident',
        'received→proposed:head',
        'proposed→decided:council',
      ]);
      expect(row.supplements).toHaveLength(1);
      expect(row.evidence).toHaveLength(2);
      expect(await check.db.notification.count({ where: { sentAt: null } })).toBe(0);
    } finally {
      await check.close();
    }
  }, 120_000);
});
