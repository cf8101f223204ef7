/**
 * A unit's proposal list through the bot (bot.handleUpdate on the fake Bot API): a ward head builds
 * the list for a year-end campaign (an individual with a report, a collective, a resident's
 * nomination in one tap), attaches the minutes, submits; the council returns one entry; the head
 * fixes it and resubmits; the council accepts. Also: who may do what, double taps, late lists,
 * the officer role, and that nothing typed is lost on a wrong answer.
 */
import type { User } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOutbox, flush, grant, submitFor, unitId } from './review-flow.js';
import { createHarness, type Harness } from './support.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_EXPORT_STATUSES, type ExportFilter } from '../../src/core/export/rows.js';
import { ExportSourceRepository } from '../../src/infra/export/source.js';
import { countRows, exportToFile, type ExportContext } from '../../src/infra/export/writers.js';
import { parseCsv, readZip } from '../support/read-files.js';

let h: Harness;
const head = { id: 61_000_001 } as User;
const council = { id: 61_000_002 } as User;
const resident = { id: 61_000_003 } as User;
const otherHead = { id: 61_000_004 } as User;
let headUserId: number;
let campaignId: number;
let xp: number;
let nomination: { code: string; id: number };

const ACHIEVEMENT = 'Hoàn thành xuất sắc nhiệm vụ năm 2026; vận động 45 hộ hiến đất mở rộng ngõ 12.';
const COLLECTIVE_ACHIEVEMENT = '100% hộ gia đình đạt danh hiệu Gia đình văn hóa ba năm liền, không có tệ nạn xã hội.';
const TITLE = 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG\nTổng kết phong trào thi đua năm 2026\nĐơn vị: Phường Xuân Phương · Hạn nộp: 10/11/2026';

beforeAll(async () => {
  // Dates before today: the outbox sends what is due by the real clock.
  h = await createHarness({ now: new Date('2026-11-05T02:00:00Z') });
  connectOutbox(h);
  for (const user of [head, council, resident, otherHead]) Object.assign(user, h.user(user.id, 'vi'));
  headUserId = await grant(h, head, 'head', 'HN-XUAN-PHUONG');
  await grant(h, otherHead, 'head', 'HN-TAY-MO');
  await grant(h, council, 'council');
  xp = await unitId(h, 'HN-XUAN-PHUONG');
  const created = await h.app.campaigns.create({
    code: 'TK-2026',
    name: 'Tổng kết phong trào thi đua năm 2026',
    kind: 'year-end',
    opensOn: '2026-11-01',
    closesOn: '2026-12-31',
    deadline: '2026-11-10',
    reminderDays: [7, 3, 1, 0],
    reminderTime: '08:00',
    workingDaysOnly: false,
    unitIds: [xp, await unitId(h, 'HN-TAY-MO')],
  });
  campaignId = created.id;
  // A resident's nomination the ward proposed for a Giấy khen (the review flow is tested elsewhere).
  nomination = await submitFor(h, resident);
  await h.db.nomination.update({ where: { id: nomination.id }, data: { status: 'proposed', awardForm: 'giay-khen' } });
});
afterAll(async () => {
  await h?.close();
});

const proposal = () => h.db.proposal.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId, unitId: xp } }, include: { entries: { orderBy: { position: 'asc' } }, files: true } });

async function toldSince(mark: number, user: User): Promise<string[]> {
  await flush(h);
  return h.textsSince(mark, user.id);
}

describe('a ward builds, submits and fixes its proposal list', () => {
  it('/denghi opens the unit\'s list for the only open campaign, empty, with what can be done', async () => {
    await h.say(head, '/denghi');
    expect(h.lastText(head.id)).toBe(`${TITLE}\n\nTrạng thái: đang soạn, chưa nộp.\n\nDanh sách chưa có mục nào. Bấm "Thêm mục đề nghị" để bắt đầu.\n\nBiên bản họp bình xét: chưa đính kèm.\n\nCần lưu ý trước khi nộp:\n\nDanh sách chưa có mục nào.`);
    expect(h.buttonsNow(head.id)).toEqual(['Thêm mục đề nghị', 'Thêm từ đề xuất của người dân (1)', 'Đính kèm biên bản họp', 'Nộp danh sách', 'Đóng']);
  });

  it('an empty list cannot be submitted, and says why', async () => {
    const mark = h.mark();
    await h.tap(head, 'Nộp danh sách');
    expect(h.textsSince(mark, head.id)[0]).toBe('Chưa nộp được danh sách:\n\nDanh sách chưa có mục nào.');
    expect((await proposal()).status).toBe('draft');
  });

  it('adds an individual step by step: only the individual titles of a yearly campaign are offered; a short summary loses nothing', async () => {
    await h.tap(head, 'Thêm mục đề nghị');
    expect(h.buttonsNow(head.id)).toEqual(['Cá nhân', 'Tập thể', 'Hộ gia đình']);
    await h.tap(head, 'Cá nhân');
    await h.say(head, 'lê  thị hoa');
    expect(h.lastText(head.id)).toBe('Giới tính của người được đề nghị?');
    await h.say(head, 'nu'); // a typed label without accents counts as the button
    await h.say(head, '1985');
    await h.say(head, 'tổ trưởng tổ dân phố số 2');
    await h.tap(head, 'Bỏ qua');
    expect(h.buttonsNow(head.id)).toEqual(['Lao động tiên tiến', 'Chiến sĩ thi đua cơ sở', 'Giấy khen', 'Bằng khen']);
    await h.tap(head, 'Lao động tiên tiến');
    await h.say(head, 'Tốt');
    expect(h.lastText(head.id)).toMatch(/^Tóm tắt thành tích còn ngắn \(3 ký tự\)\. Xin viết ít nhất 20 ký tự/);
    await h.say(head, ACHIEVEMENT);
    await h.send(h.document(head, 'bao-cao-thanh-tich.pdf', 'application/pdf', 40_000));
    await h.tap(head, 'Xong');
    expect(h.lastText(head.id)).toBe(
      'Xin kiểm tra lại mục đề nghị:\n\nĐối tượng: Cá nhân\nHọ tên / tên tập thể: Lê Thị Hoa\nGiới tính: Nữ\nNăm sinh: 1985\nChức vụ, nghề nghiệp: Tổ trưởng tổ dân phố số 2\nNơi công tác, cư trú: (không có)\nDanh hiệu, hình thức đề nghị: Lao động tiên tiến\n' +
        `Tóm tắt thành tích: ${ACHIEVEMENT}\nBáo cáo thành tích: 1 tệp\n\nBấm "Lưu vào danh sách" nếu thông tin đã đúng, hoặc "Sửa" để sửa một thông tin.`,
    );
    const mark = h.mark();
    await h.tap(head, 'Lưu vào danh sách');
    expect(h.textsSince(mark, head.id)[0]).toBe('Đã lưu mục 1: Lê Thị Hoa.');
    const stored = await proposal();
    expect(stored.entries).toMatchObject([{ position: 1, kind: 'individual', name: 'Lê Thị Hoa', gender: 'female', birthYear: 1985, role: 'Tổ trưởng tổ dân phố số 2', workplace: null, title: 'lao-dong-tien-tien', summary: ACHIEVEMENT, status: 'proposed' }]);
    expect(stored.files).toMatchObject([{ purpose: 'report', entryId: stored.entries[0]!.id, fileName: 'bao-cao-thanh-tich.pdf', mimeType: 'application/pdf' }]);
    expect(stored.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await h.db.draft.count({ where: { formId: 'proposal-entry' } })).toBe(0);
  });

  it('adds a collective (no gender or year asked, only collective titles), typing "lưu" to save', async () => {
    await h.tap(head, 'Thêm mục đề nghị');
    await h.tap(head, 'Tập thể');
    await h.say(head, 'Tổ dân phố số 2');
    expect(h.buttonsNow(head.id)).toEqual(['Tập thể lao động tiên tiến', 'Tập thể lao động xuất sắc', 'Tổ dân phố văn hóa', 'Giấy khen', 'Bằng khen']);
    await h.tap(head, 'Tổ dân phố văn hóa');
    await h.say(head, COLLECTIVE_ACHIEVEMENT);
    await h.tap(head, 'Không có');
    await h.say(head, 'lưu');
    expect((await proposal()).entries.map((entry) => [entry.position, entry.kind, entry.name, entry.title])).toEqual([
      [1, 'individual', 'Lê Thị Hoa', 'lao-dong-tien-tien'],
      [2, 'collective', 'Tổ dân phố số 2', 'to-dan-pho-van-hoa'],
    ]);
  });

  it('/huy inside an entry asks first, and cancelling keeps the list as it was', async () => {
    await h.tap(head, 'Thêm mục đề nghị');
    await h.tap(head, 'Hộ gia đình');
    await h.say(head, '/huy');
    expect(h.lastText(head.id)).toMatch(/hủy/i);
    const mark = h.mark();
    await h.tap(head, h.buttonsNow(head.id)[0]!);
    expect(h.textsSince(mark, head.id)[0]).toBe('Đã hủy, danh sách giữ nguyên như trước.');
    expect((await proposal()).entries).toHaveLength(2);
  });

  it('adds the resident\'s proposed nomination in one tap, linked; the head then adds the gender', async () => {
    await h.say(head, '/denghi');
    await h.tap(head, 'Thêm từ đề xuất của người dân (1)');
    expect(h.buttonsNow(head.id)).toEqual([`${nomination.code} · Nguyễn Văn An`, '« Danh sách']);
    const mark = h.mark();
    await h.tap(head, `${nomination.code} · Nguyễn Văn An`);
    expect(h.textsSince(mark, head.id)[0]).toBe(`Đã thêm đề xuất ${nomination.code} thành mục 3. Xin mở mục này để bổ sung giới tính và kiểm tra tóm tắt thành tích.`);
    expect(h.buttonsNow(head.id)).not.toContain('Thêm từ đề xuất của người dân (1)');
    await h.tap(head, 'Mục 3: Nguyễn Văn An');
    await h.tap(head, 'Sửa');
    expect(h.lastText(head.id)).toBe('Giới tính của người được đề nghị?');
    await h.tap(head, 'Nam');
    await h.tap(head, 'Lưu vào danh sách');
    expect(h.lastText(head.id)).toContain(`3. Ông Nguyễn Văn An — Giấy khen · từ đề xuất ${nomination.code}`);
    expect((await proposal()).entries[2]).toMatchObject({ nominationId: nomination.id, title: 'giay-khen', gender: 'male' });
  });

  it('warns about the missing minutes before submitting; the minutes are attached as photos of the pages', async () => {
    await h.tap(head, 'Nộp danh sách');
    expect(h.lastText(head.id)).toBe('Quý vị sắp nộp danh sách gồm 3 mục. Sau khi nộp, danh sách không sửa được nữa, trừ khi Hội đồng trả lại.\n\nXin lưu ý:\n\nChưa đính kèm biên bản họp bình xét.');
    expect(h.buttonsNow(head.id)).toEqual(['Vẫn nộp danh sách', '« Danh sách']);
    await h.tap(head, '« Danh sách');
    await h.tap(head, 'Đính kèm biên bản họp');
    const typed = h.mark();
    await h.say(head, 'biên bản đây');
    expect(h.textsSince(typed, head.id)[0]).toBe('Xin gửi tệp hoặc ảnh chụp biên bản họp; gửi xong, bấm "Xong".');
    await h.send(h.photo(head, 'minutes-page-1'));
    await h.send(h.photo(head, 'minutes-page-2'));
    await h.send(h.photo(head, 'minutes-page-2')); // the same page twice is kept once
    expect(h.lastText(head.id)).toBe('Đã nhận 2 tệp biên bản. Quý vị có thể gửi thêm trang, hoặc bấm "Xong".');
    await h.tap(head, 'Xong');
    expect(h.lastText(head.id)).toContain('Biên bản họp bình xét: đã đính kèm 2 tệp.');
    expect(h.lastText(head.id)).not.toContain('Cần lưu ý');
  });

  it('submits: frozen, the unit reported (its reminders stop), the council and the resident told; a double tap changes nothing', async () => {
    await h.tap(head, 'Nộp danh sách');
    expect(h.buttonsNow(head.id)).toEqual(['Nộp danh sách', '« Danh sách']);
    const confirm = h.findButton('Nộp danh sách', head.id);
    const mark = h.mark();
    await h.send(h.press(head, confirm.data, confirm.messageId));
    expect(h.textsSince(mark, head.id)[0]).toBe('Đã nộp danh sách đề nghị khen thưởng đợt "Tổng kết phong trào thi đua năm 2026" gồm 3 mục. Hội đồng Thi đua – Khen thưởng đã được thông báo; nhắc hạn của đơn vị cho đợt này đã dừng.');
    expect(h.buttonsNow(head.id)).toEqual(['Mục 1: Lê Thị Hoa', 'Mục 2: Tổ dân phố số 2', 'Mục 3: Nguyễn Văn An', 'Đóng']);
    expect(await toldSince(mark, council)).toEqual(['Phường Xuân Phương đã nộp danh sách đề nghị khen thưởng đợt "Tổng kết phong trào thi đua năm 2026" gồm 3 mục.']);
    expect(h.textsSince(mark, resident.id)).toEqual([
      `Đề xuất ${nomination.code} của Quý vị đã được Phường Xuân Phương đưa vào danh sách đề nghị khen thưởng đợt "Tổng kết phong trào thi đua năm 2026" gửi Hội đồng Thi đua – Khen thưởng. Xin cảm ơn Quý vị.`,
    ]);
    const stored = await proposal();
    expect(stored).toMatchObject({ status: 'submitted', late: false, submissions: 1, submittedBy: headUserId });
    const unit = await h.db.campaignUnit.findUniqueOrThrow({ where: { campaignId_unitId: { campaignId, unitId: xp } } });
    expect(unit).toMatchObject({ reportKind: 'submitted', reportedBy: headUserId });
    expect(unit.reportedAt).not.toBeNull();

    const again = h.mark();
    await h.send(h.press(head, confirm.data, confirm.messageId));
    expect(h.textsSince(again, head.id)[0]).toBe('Danh sách này đã được nộp rồi.');
    expect(await toldSince(again, council)).toEqual([]);
    expect((await proposal()).submissions).toBe(1);

    // Frozen: a forged "add" or "remove" is refused.
    for (const data of [`pl|a:${stored.id}`, `pl|D:${stored.id}:${stored.entries[0]!.id}`, `pl|m:${stored.id}`]) {
      const pressed = h.mark();
      await h.send(h.press(head, data));
      expect(h.textsSince(pressed, head.id)[0]).toBe('Danh sách đã nộp nên không sửa được nữa. Nếu cần sửa, xin đề nghị Hội đồng trả lại danh sách.');
    }
    expect((await proposal()).entries).toHaveLength(3);
  });

  it('the council sees per campaign who submitted, returns one entry with a reason; the unit is told', async () => {
    await h.say(council, '/denghi');
    await h.tap(council, 'Tổng kết phong trào thi đua năm 2026');
    expect(h.lastText(council.id)).toBe(
      'Tổng kết phong trào thi đua năm 2026: 1/2 đơn vị đã nộp danh sách đề nghị.\n\nPhường Xuân Phương: đã nộp, 3 mục\nPhường Tây Mỗ: chưa lập danh sách (hạn 10/11/2026)',
    );
    await h.tap(council, 'Phường Xuân Phương');
    expect(h.buttonsNow(council.id)).toEqual(['Mục 1: Lê Thị Hoa', 'Mục 2: Tổ dân phố số 2', 'Mục 3: Nguyễn Văn An', 'Tiếp nhận cả danh sách', 'Trả lại danh sách', '« Các đơn vị']);
    await h.tap(council, 'Mục 2: Tổ dân phố số 2');
    await h.tap(council, 'Trả lại mục này');
    await h.say(council, 'ok');
    expect(h.lastText(council.id)).toBe('Lý do cần từ 5 đến 500 ký tự. Xin gõ lại.');
    const mark = h.mark();
    await h.say(council, 'Xin bổ sung số liệu về kết quả xây dựng tổ dân phố văn hóa.');
    expect(h.textsSince(mark, council.id)[0]).toBe('Đã trả lại và thông báo cho đơn vị.');
    expect(await toldSince(mark, head)).toEqual([
      'Hội đồng Thi đua – Khen thưởng trả lại mục 2 (Tổ dân phố số 2) trong danh sách đề nghị đợt "Tổng kết phong trào thi đua năm 2026" để đơn vị hoàn thiện. Lý do: Xin bổ sung số liệu về kết quả xây dựng tổ dân phố văn hóa.',
    ]);
    const stored = await proposal();
    expect(stored.status).toBe('returned');
    expect(stored.entries.map((entry) => entry.status)).toEqual(['proposed', 'returned', 'proposed']);
  });

  it('the head fixes the returned entry from the notice and resubmits; the council is told it was resubmitted; the resident is not told twice', async () => {
    await h.tap(head, 'Mở danh sách');
    expect(h.lastText(head.id)).toContain('2. Tổ dân phố số 2 — Tổ dân phố văn hóa · trả lại: Xin bổ sung số liệu về kết quả xây dựng tổ dân phố văn hóa.');
    await h.tap(head, 'Mục 2: Tổ dân phố số 2');
    await h.tap(head, 'Sửa');
    expect(h.lastText(head.id)).toBe('Quý vị muốn sửa mục nào?');
    await h.tap(head, 'Tóm tắt thành tích');
    await h.say(head, '100% hộ đạt Gia đình văn hóa ba năm liền (2024–2026); 12 buổi sinh hoạt cộng đồng; không có tệ nạn xã hội.');
    await h.tap(head, 'Lưu vào danh sách');
    await h.tap(head, 'Nộp danh sách');
    const mark = h.mark();
    await h.tap(head, 'Nộp danh sách');
    expect(await toldSince(mark, council)).toEqual(['Phường Xuân Phương đã hoàn thiện và nộp lại danh sách đề nghị khen thưởng đợt "Tổng kết phong trào thi đua năm 2026" gồm 3 mục.']);
    expect(h.textsSince(mark, resident.id)).toEqual([]);
    const stored = await proposal();
    expect(stored).toMatchObject({ status: 'submitted', submissions: 2 });
    expect(stored.entries.map((entry) => entry.status)).toEqual(['proposed', 'proposed', 'proposed']);
    expect(stored.entries[1]!.summary).toMatch(/^100% hộ đạt Gia đình văn hóa ba năm liền \(2024–2026\)/);
  });

  it('the council accepts; every step is in the audit log with who did it', async () => {
    await h.tap(council, 'Mở danh sách');
    const mark = h.mark();
    await h.tap(council, 'Tiếp nhận cả danh sách');
    expect(await toldSince(mark, head)).toEqual(['Hội đồng Thi đua – Khen thưởng đã tiếp nhận danh sách đề nghị đợt "Tổng kết phong trào thi đua năm 2026" của đơn vị (3 mục).']);
    const stored = await proposal();
    expect(stored.status).toBe('accepted');
    const events = await h.app.proposals.events(stored.id);
    expect(events.map((event) => `${event.action}/${event.actorRole}`)).toEqual([
      'entry-added/head',
      'entry-added/head',
      'entry-added/head',
      'entry-changed/head',
      'minutes-added/head',
      'minutes-added/head',
      'minutes-added/head',
      'submitted/head',
      'entry-returned/council',
      'entry-changed/head',
      'submitted/head',
      'accepted/council',
    ]);
    expect(events.find((event) => event.action === 'entry-returned')?.reason).toBe('Xin bổ sung số liệu về kết quả xây dựng tổ dân phố văn hóa.');
  });
});

describe('who may do what', () => {
  it('a resident has no /denghi; a head of another ward cannot open or change this list; a head cannot act as the council', async () => {
    const stored = await proposal();
    let mark = h.mark();
    await h.say(resident, '/denghi');
    expect(h.textsSince(mark, resident.id)[0]).toBe('Chức năng này dành cho lãnh đạo và cán bộ phụ trách thi đua của đơn vị.');
    for (const data of [`pl|o:${campaignId}:${xp}`, `pl|l:${stored.id}`, `pl|a:${stored.id}`, `pl|S:${stored.id}:2`]) {
      mark = h.mark();
      await h.send(h.press(otherHead, data));
      expect(h.textsSince(mark, otherHead.id)[0]).toBe('Chức năng này dành cho lãnh đạo và cán bộ phụ trách thi đua của đơn vị.');
    }
    for (const data of [`pl|ca:${stored.id}`, `pl|cr:${stored.id}`, `pl|cl:${campaignId}`]) {
      mark = h.mark();
      await h.send(h.press(head, data));
      expect(h.textsSince(mark, head.id)[0]).toBe('Chức năng này dành cho lãnh đạo đơn vị và Hội đồng Thi đua – Khen thưởng.');
    }
    expect((await proposal()).status).toBe('accepted');
    // An entry that no longer exists: said so, pointing to /denghi (not the review queue), with the list.
    mark = h.mark();
    await h.send(h.press(head, `pl|v:${stored.id}:999999`));
    expect(h.textsSince(mark, head.id)[0]).toBe('Lựa chọn này không còn dùng được. Xin mở lại danh sách đề nghị bằng lệnh /denghi.');
    expect(h.lastText(head.id)).toContain('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
  });

  it('a list submitted after the deadline is marked late, for the head and for the council', async () => {
    h.clock.set(new Date('2026-11-12T02:00:00Z'));
    await h.say(otherHead, '/denghi');
    await h.tap(otherHead, 'Thêm mục đề nghị');
    await h.tap(otherHead, 'Cá nhân');
    await h.say(otherHead, 'Trần Văn Bình');
    await h.tap(otherHead, 'Nam');
    await h.tap(otherHead, 'Bỏ qua');
    await h.tap(otherHead, 'Bỏ qua');
    await h.tap(otherHead, 'Bỏ qua');
    await h.tap(otherHead, 'Chiến sĩ thi đua cơ sở');
    await h.say(otherHead, 'Sáng kiến số hóa hồ sơ một cửa, rút ngắn thời gian giải quyết thủ tục còn một ngày.');
    await h.tap(otherHead, 'Không có');
    await h.tap(otherHead, 'Lưu vào danh sách');
    await h.tap(otherHead, 'Nộp danh sách');
    expect(h.lastText(otherHead.id)).toContain('Hạn nộp là ngày 10/11/2026 và đã qua: danh sách sẽ được ghi là nộp muộn.');
    const mark = h.mark();
    await h.tap(otherHead, 'Vẫn nộp danh sách');
    expect(h.textsSince(mark, otherHead.id)[0]).toMatch(/\(nộp muộn\)/);
    expect(await toldSince(mark, council)).toEqual(['Phường Tây Mỗ đã nộp danh sách đề nghị khen thưởng đợt "Tổng kết phong trào thi đua năm 2026" gồm 1 mục, sau hạn nộp.']);
    await h.say(council, '/denghi');
    await h.tap(council, 'Tổng kết phong trào thi đua năm 2026');
    expect(h.lastText(council.id)).toContain('Phường Tây Mỗ: đã nộp muộn, 1 mục');
  });

  it('/thongke counts the submitted lists of each open campaign and their entries by title', async () => {
    const mark = h.mark();
    await h.say(council, '/thongke');
    const text = h.textsSince(mark, council.id).join('\n');
    expect(text).toContain('Tổng kết phong trào thi đua năm 2026: 2/2 đơn vị đã báo cáo.\nDanh sách đề nghị của đơn vị: 2 danh sách đã nộp (1 nộp muộn), 4 mục:');
    for (const line of ['Lao động tiên tiến: 1', 'Tổ dân phố văn hóa: 1', 'Giấy khen: 1', 'Chiến sĩ thi đua cơ sở: 1']) expect(text).toContain(line);
  });

  it('the exports carry the units\' lists beside the residents\' nominations, each row with its source; the ZIP holds reports and minutes', async () => {
    const source = new ExportSourceRepository(h.db);
    const context: ExportContext = { translator: h.app.translator, subject: 'Tổng kết phong trào thi đua năm 2026', now: h.clock.now, evidencePath: (key) => h.app.evidence.pathOf(key) };
    const filter: ExportFilter = { campaignId, statuses: [...DEFAULT_EXPORT_STATUSES] };
    const folder = await mkdtemp(path.join(os.tmpdir(), 'ntvt-pl-export-'));
    try {
      const csvFile = path.join(folder, 'ds.csv');
      // The resident's nomination (received during the campaign) and the four entries of the two lists.
      expect(await exportToFile('csv', source, filter, context, csvFile)).toBe(5);
      const [header, ...records] = parseCsv((await readFile(csvFile, 'utf8')).slice(1));
      expect(header!.at(-1)).toBe('Nguồn');
      const byName = new Map(records.map((record) => [record[3], record]));
      expect(records.map((record) => record.at(-1)).sort()).toEqual(['Người dân đề xuất', 'Đơn vị đề nghị', 'Đơn vị đề nghị', 'Đơn vị đề nghị', 'Đơn vị đề nghị']);
      expect(records.find((record) => record.at(-1) === 'Người dân đề xuất')).toEqual(expect.arrayContaining([nomination.code, 'Nguyễn Văn An', 'Đề nghị khen thưởng']));
      expect(byName.get('Bà Lê Thị Hoa')).toEqual(expect.arrayContaining(['Cá nhân', '1985', 'Nữ', 'Tổ trưởng tổ dân phố số 2', 'Lao động tiên tiến', 'Hội đồng đã tiếp nhận', 'TK-2026-HN-XUAN-PHUONG-01']));
      expect(byName.get('Tổ dân phố số 2')).toEqual(expect.arrayContaining(['Tập thể', 'Tổ dân phố văn hóa']));
      expect(byName.get('Ông Nguyễn Văn An')).toEqual(expect.arrayContaining([nomination.code, 'Giấy khen', 'Đơn vị đề nghị']));
      expect(byName.get('Ông Trần Văn Bình')).toEqual(expect.arrayContaining(['Chiến sĩ thi đua cơ sở', 'Đơn vị đề nghị', 'Phường Tây Mỗ']));

      // Entries are proposals: a list of the new nominations only has none.
      expect(await countRows(source, { campaignId, statuses: ['received', 'needs-info', 'verifying'] })).toBe(0);

      const zipFile = path.join(folder, 'ds.zip');
      await exportToFile('zip', source, filter, context, zipFile);
      const names = readZip(await readFile(zipFile)).map((entry) => entry.name);
      expect(names).toEqual(expect.arrayContaining(['TK-2026-HN-XUAN-PHUONG-01-bao-cao/1-bao-cao-thanh-tich.pdf', expect.stringMatching(/^TK-2026-HN-XUAN-PHUONG-bien-ban\/1-/), expect.stringMatching(/^TK-2026-HN-XUAN-PHUONG-bien-ban\/2-/)]));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
