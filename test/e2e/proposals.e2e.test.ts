/**
 * End to end, the real bot process against a fake Telegram, its crons ticking every 2 seconds:
 * a ward head is reminded that the list is due today, builds the proposal list — two individuals
 * (one with an achievement report as a PDF), a collective, and a resident's nomination the head
 * proposed — and submits it; the ward's reminders stop; the council opens the list from its
 * notice and returns one entry; the head fixes it and resubmits.
 *
 * Reminders are never owed in the quiet hours: at night the bot's clock is moved forward (see
 * clockOffsetMs in ./support.ts).
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
import { FakeBotApi } from '../support/fake-bot-api.js';
import { ChatDriver, clockOffsetEnv, clockOffsetMs, nominate, photoOf, startBotProcess, type BotProcess, minuteBefore } from './support.js';

const HEAD = 8301;
const COUNCIL = 8302;
const RESIDENT = 8303;
const REPORT_PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('báo cáo thành tích '.repeat(200))]);

describe('a unit proposal list end to end', () => {
  let fake: FakeBotApi;
  let database: TestDatabase;
  let bot: BotProcess | undefined;
  let dataDir: string;
  let campaignId = 0;
  let wardId = 0;
  let headUserId = 0;

  beforeAll(async () => {
    fake = await FakeBotApi.start({ token: '123456789:AAtest-token-for-proposals_abcd' });
    database = await createTestDatabase();
    const offset = clockOffsetMs(new Date());
    const botNow = new Date(Date.now() + offset);
    const reminderTime = minuteBefore(botNow);
    const setup = openDatabase(database.url);
    try {
      await upsertUnits(setup.db, SEED_UNITS);
      wardId = (await setup.db.unit.findUniqueOrThrow({ where: { code: 'HN-XUAN-PHUONG' } })).id;
      const grantedAt = new Date(botNow.getTime() - 86_400_000);
      const head = await setup.db.user.create({ data: { channel: 'telegram', externalId: String(HEAD), chatId: String(HEAD), locale: 'vi' } });
      headUserId = head.id;
      await setup.db.roleGrant.create({ data: { userId: head.id, role: 'head', unitId: wardId, grantedAt } });
      const member = await setup.db.user.create({ data: { channel: 'telegram', externalId: String(COUNCIL), chatId: String(COUNCIL), locale: 'vi' } });
      await setup.db.roleGrant.create({ data: { userId: member.id, role: 'council', unitId: null, grantedAt } });
      const campaign = await new CampaignRepository(setup.db).create({
        code: 'TK-E2E',
        name: 'Tổng kết thi đua năm',
        kind: 'year-end',
        opensOn: '2020-01-01',
        closesOn: '2099-12-31',
        deadline: localParts(botNow).date,
        reminderDays: [7, 3, 1, 0],
        reminderTime,
        workingDaysOnly: false,
        unitIds: [wardId],
      });
      campaignId = campaign.id;
    } finally {
      await setup.close();
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-e2e-proposals-'));
    bot = await startBotProcess(fake, { DATABASE_URL: database.url, DATA_DIR: dataDir, REMINDER_CRON: '*/2 * * * * *', OUTBOX_CRON: '*/2 * * * * *', ...clockOffsetEnv(offset) });
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const remindersTo = (chatId: number) => fake.sentMessages(chatId).filter((message) => (message.text ?? '').includes('Nhắc hạn'));

  it('reminded, the head builds and submits the list; reminders stop; the council returns an entry; the head fixes and resubmits', async () => {
    const head = new ChatDriver(fake, { id: HEAD, first_name: 'Tuấn', language_code: 'vi' });
    const council = new ChatDriver(fake, { id: COUNCIL, first_name: 'Mai', language_code: 'vi' });
    const resident = new ChatDriver(fake, { id: RESIDENT, first_name: 'Hoa', language_code: 'vi' });

    const reminder = await head.expect(() => {}, 'Nhắc hạn', 45_000);
    expect(reminder.text).toContain('Tổng kết thi đua năm');
    await head.press('Lập danh sách đề nghị', 'Trạng thái: đang soạn, chưa nộp.');

    // 1. An individual with the achievement report as a PDF.
    await head.press('Thêm mục đề nghị', 'cá nhân, tập thể hay hộ gia đình');
    await head.press('Cá nhân', 'họ và tên cá nhân');
    await head.say('lê thị hoa', 'Giới tính');
    await head.press('Nữ', 'Năm sinh');
    await head.say('1985', 'Chức vụ');
    await head.say('tổ trưởng tổ dân phố số 2', 'Nơi công tác');
    await head.press('Bỏ qua', 'danh hiệu hoặc hình thức');
    await head.press('Lao động tiên tiến', 'tóm tắt thành tích');
    await head.say('Hoàn thành xuất sắc nhiệm vụ năm; vận động 45 hộ hiến đất mở rộng ngõ 12.', 'báo cáo thành tích đầy đủ');
    await head.document(REPORT_PDF, 'bao-cao-thanh-tich.pdf', 'application/pdf', 'Đã nhận tệp báo cáo thứ 1');
    await head.press('Xong', 'kiểm tra lại mục đề nghị');
    await head.press('Lưu vào danh sách', 'Trạng thái: đang soạn');

    // 2. A second individual, for Chiến sĩ thi đua cơ sở.
    await head.press('Thêm mục đề nghị', 'cá nhân, tập thể hay hộ gia đình');
    await head.press('Cá nhân', 'họ và tên cá nhân');
    await head.say('Phạm Văn Nam', 'Giới tính');
    await head.press('Nam', 'Năm sinh');
    await head.press('Bỏ qua', 'Chức vụ');
    await head.say('công chức văn hóa – xã hội', 'Nơi công tác');
    await head.say('UBND phường Xuân Phương', 'danh hiệu hoặc hình thức');
    await head.press('Chiến sĩ thi đua cơ sở', 'tóm tắt thành tích');
    await head.say('Sáng kiến số hóa hồ sơ một cửa, rút ngắn thời gian giải quyết thủ tục còn một ngày.', 'báo cáo thành tích đầy đủ');
    await head.press('Không có', 'kiểm tra lại mục đề nghị');
    await head.press('Lưu vào danh sách', 'Trạng thái: đang soạn');

    // 3. A collective.
    await head.press('Thêm mục đề nghị', 'cá nhân, tập thể hay hộ gia đình');
    await head.press('Tập thể', 'tên tập thể');
    await head.say('Tổ dân phố số 2', 'danh hiệu hoặc hình thức');
    await head.press('Tổ dân phố văn hóa', 'tóm tắt thành tích');
    await head.say('100% hộ gia đình đạt danh hiệu Gia đình văn hóa ba năm liền, không có tệ nạn xã hội.', 'báo cáo thành tích đầy đủ');
    await head.press('Không có', 'kiểm tra lại mục đề nghị');
    await head.press('Lưu vào danh sách', 'Trạng thái: đang soạn');

    // A resident nominates; the head proposes it for a Giấy khen and adds it to the list in one tap.
    const code = await nominate(resident, { nominee: 'đỗ thị cúc', nominator: 'trần thị hoa', phone: '0912 345 678', photo: photoOf('wallet') });
    await head.say('/duyet', 'Mới tiếp nhận: 1');
    await head.press('Mới tiếp nhận (1)', 'hồ sơ, trang 1/1');
    await head.press(new RegExp(`^${code}`), 'Trần Thị Hoa');
    await head.press('Đề nghị khen thưởng', 'hình thức khen thưởng đề nghị');
    await head.press('Giấy khen', '"Đề nghị khen thưởng"');
    await head.say('/denghi', 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    await head.press('Thêm từ đề xuất của người dân (1)', 'Bấm vào một đề xuất');
    await head.press(`${code} · Đỗ Thị Cúc`, `4. Đỗ Thị Cúc — Giấy khen · từ đề xuất ${code}`);
    await head.press('Mục 4: Đỗ Thị Cúc', 'Mục 4 của danh sách');
    await head.press('Sửa', 'Giới tính');
    await head.press('Nữ', 'kiểm tra lại mục đề nghị');
    await head.press('Lưu vào danh sách', '4. Bà Đỗ Thị Cúc — Giấy khen');

    // Submit (the missing minutes are a warning the head confirms).
    await head.press('Nộp danh sách', 'Chưa đính kèm biên bản họp bình xét');
    const submitted = await head.press('Vẫn nộp danh sách', 'Đã nộp danh sách đề nghị khen thưởng');
    expect(submitted.text).toContain('gồm 4 mục');
    await resident.expect(() => {}, `Đề xuất ${code} của Quý vị đã được Phường Xuân Phương đưa vào danh sách đề nghị khen thưởng`);

    // Reminders stop: the unit counts as reported; further ticks send nothing to the head.
    await sleep(5_000);
    expect(remindersTo(HEAD)).toHaveLength(1);

    // The council opens the list from its notice and returns the collective.
    await council.expect(() => {}, 'Phường Xuân Phương đã nộp danh sách đề nghị khen thưởng đợt "Tổng kết thi đua năm" gồm 4 mục');
    await council.press('Mở danh sách', '4. Bà Đỗ Thị Cúc — Giấy khen');
    await council.press('Mục 3: Tổ dân phố số 2', 'Mục 3 của danh sách');
    await council.press('Trả lại mục này', 'lý do trả lại mục 3');
    await council.say('Xin bổ sung số liệu về kết quả xây dựng tổ dân phố văn hóa.', 'Đã trả lại và thông báo cho đơn vị');

    // The head fixes it from the notice and resubmits.
    await head.expect(() => {}, 'trả lại mục 3 (Tổ dân phố số 2)');
    await head.press('Mở danh sách', 'trả lại: Xin bổ sung số liệu');
    await head.press('Mục 3: Tổ dân phố số 2', 'Hội đồng trả lại mục này');
    await head.press('Sửa', 'sửa mục nào');
    await head.press('Tóm tắt thành tích', 'tóm tắt thành tích');
    await head.say('100% hộ đạt Gia đình văn hóa ba năm liền (2024–2026); 12 buổi sinh hoạt cộng đồng; không có tệ nạn xã hội.', 'kiểm tra lại mục đề nghị');
    await head.press('Lưu vào danh sách', 'Trạng thái: Hội đồng trả lại một số mục');
    await head.press('Nộp danh sách', 'Quý vị sắp nộp danh sách gồm 4 mục');
    await head.press('Vẫn nộp danh sách', 'Đã nộp danh sách đề nghị khen thưởng');
    await council.expect(() => {}, 'Phường Xuân Phương đã hoàn thiện và nộp lại danh sách');

    const check = openDatabase(database.url);
    try {
      const list = await check.db.proposal.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId, unitId: wardId } }, include: { entries: { orderBy: { position: 'asc' } }, files: true } });
      expect(list).toMatchObject({ status: 'submitted', submissions: 2, late: false, submittedBy: headUserId });
      expect(list.entries.map((entry) => [entry.kind, entry.name, entry.title, entry.status])).toEqual([
        ['individual', 'Lê Thị Hoa', 'lao-dong-tien-tien', 'proposed'],
        ['individual', 'Phạm Văn Nam', 'chien-si-thi-dua-co-so', 'proposed'],
        ['collective', 'Tổ dân phố số 2', 'to-dan-pho-van-hoa', 'proposed'],
        ['individual', 'Đỗ Thị Cúc', 'giay-khen', 'proposed'],
      ]);
      expect(list.entries[3]!.nominationId).not.toBeNull();
      expect(list.files).toHaveLength(1);
      expect(list.files[0]).toMatchObject({ purpose: 'report', fileName: 'bao-cao-thanh-tich.pdf', sizeBytes: REPORT_PDF.length });
      const unit = await check.db.campaignUnit.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId, unitId: wardId } } });
      expect(unit).toMatchObject({ reportKind: 'submitted', reportedBy: headUserId });
      const events = await check.db.proposalEvent.findMany({ where: { proposalId: list.id }, orderBy: { id: 'asc' } });
      expect(events.map((event) => event.action)).toEqual(['entry-added', 'entry-added', 'entry-added', 'entry-added', 'entry-changed', 'submitted', 'entry-returned', 'entry-changed', 'submitted']);
    } finally {
      await check.close();
    }
    expect(remindersTo(HEAD)).toHaveLength(1);
    expect(bot!.output()).not.toMatch(/reminders\.tick_failed|outbox\.drain_failed|update\.failed/);
  }, 180_000);
});
