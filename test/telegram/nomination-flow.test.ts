/**
 * A resident's whole nomination through the Telegram bot, in Vietnamese, and what happens when
 * answers are wrong: polite messages, the same question again, nothing typed so far lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sha256Of, type Harness } from './support.js';
import { DESCRIPTION, draftOf, fillUntil, userIdOf } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const labels = (pairs: [string, string][]) => pairs.map(([label]) => label);

describe('a whole nomination in Vietnamese', () => {
  it('goes from /start to a reference code, and stores exactly what was answered', async () => {
    const an = h.user(84_000_001, 'vi');
    const chat = an.id;
    const start = h.mark();

    // /start: the greeting and the main menu.
    let replies = await h.say(an, '/start');
    expect(replies.map((call) => call.method)).toEqual(['sendMessage']);
    expect(replies[0]!.payload.text).toContain('Xin chào! Đây là kênh tiếp nhận đề xuất "Người tốt, việc tốt"');
    expect(labels(h.buttonsOf(replies[0]))).toEqual(['Đề xuất người tốt, việc tốt', 'Đề xuất của tôi', 'Hướng dẫn', 'Ngôn ngữ / Language']);

    // "Đề xuất người tốt, việc tốt": the consent screen; nothing is stored yet.
    const menuMessage = replies[0]!.result as { message_id: number };
    replies = await h.tap(an, 'Đề xuất người tốt, việc tốt');
    expect(replies[0]!.method).toBe('answerCallbackQuery');
    const consent = h.lastText(chat);
    expect(consent).toMatch(/dữ liệu/);
    expect(consent).toMatch(/Mục đích/i);
    expect(consent).toMatch(/Quyền của Quý vị/i);
    expect(consent).toContain('sau 30 ngày');
    expect(h.buttonsNow(chat)).toEqual(['Đồng ý', 'Không đồng ý']);
    expect(h.keyboardOf(chat, menuMessage.message_id)).toBeUndefined(); // the menu's buttons were taken off
    expect(await h.db.draft.count()).toBe(0);
    expect(await h.db.consent.count()).toBe(0);

    // "Đồng ý": the consent is recorded and the draft begins.
    await h.tap(an, 'Đồng ý');
    expect(h.lastText(chat)).toBe('Quý vị muốn đề xuất cá nhân, tập thể hay hộ gia đình?');
    expect(h.buttonsNow(chat)).toEqual(['Cá nhân', 'Tập thể', 'Hộ gia đình']);
    expect(await h.db.consent.count({ where: { userId: await userIdOf(h, an) } })).toBe(1);
    expect((await draftOf(h, an))?.stepId).toBe('nomineeKind');

    await h.tap(an, 'Cá nhân');
    expect(h.lastText(chat)).toContain('Xin cho biết họ và tên người được đề xuất.');

    // A lower-case name typed with combining accents (NFD) is stored title-cased and composed (NFC).
    await h.say(an, 'nguye\u0302\u0303n  va\u0306n an');
    expect((await draftOf(h, an))?.answers.nomineeName).toBe('Nguyễn Văn An'.normalize('NFC'));
    expect(h.lastText(chat)).toContain('Người được đề xuất thuộc phường, tổ dân phố hay đơn vị nào?');
    expect(h.buttonsNow(chat)).toEqual(expect.arrayContaining(['Phường Từ Liêm', 'Phường Xuân Phương', 'Phường Tây Mỗ', 'Phường Đại Mỗ']));

    // The unit typed without accents, then a residential group picked from the matches.
    await h.say(an, 'tu liem');
    expect(h.lastText(chat)).toContain('Tìm thấy 7 đơn vị phù hợp');
    expect(h.buttonsNow(chat)).toEqual(expect.arrayContaining(['Phường Từ Liêm', 'Tổ dân phố số 3 – Phường Từ Liêm', 'Xem danh sách']));
    replies = await h.tap(an, 'Tổ dân phố số 3 – Phường Từ Liêm');
    expect(h.textsSince(replies[0]!.index, chat)).toEqual([
      'Đơn vị: Tổ dân phố số 3 – Phường Từ Liêm.',
      expect.stringContaining('Người được đề xuất sinh năm nào? (không bắt buộc)'),
    ]);

    await h.tap(an, 'Bỏ qua'); // year of birth
    expect(h.lastText(chat)).toContain('làm nghề gì, giữ chức vụ gì');
    await h.say(an, 'tổ trưởng tổ dân phố');
    expect(h.lastText(chat)).toBe('Việc làm tốt thuộc lĩnh vực nào?');
    expect(h.buttonsNow(chat)).toHaveLength(11);
    await h.tap(an, 'Nhặt được của rơi trả người mất');
    expect(h.buttonsNow(chat)).toEqual(['Hôm nay', 'Hôm qua']);
    await h.say(an, 'hôm qua');
    expect(h.lastText(chat)).toContain('Việc làm tốt diễn ra ở đâu? (không bắt buộc)');
    await h.say(an, 'bỏ qua');
    expect(h.lastText(chat)).toContain('Tối thiểu 30 ký tự, tối đa 2.000 ký tự.');
    await h.say(an, DESCRIPTION);
    expect(h.lastText(chat)).toContain('Quý vị có ảnh hoặc tài liệu minh chứng không');
    expect(h.buttonsNow(chat)).toEqual(['Không có']);

    // One photo, one PDF, then "Xong".
    await h.send(h.photo(an));
    expect(h.lastText(chat)).toBe('Đã nhận tệp thứ 1 (tối đa 10). Quý vị có thể gửi thêm hoặc bấm "Xong".');
    await h.send(h.document(an, 'giay-bien-nhan.pdf', 'application/pdf', 48_213));
    expect(h.lastText(chat)).toContain('Đã nhận tệp thứ 2 (tối đa 10)');
    await h.tap(an, 'Xong');
    expect(h.lastText(chat)).toContain('Xin cho biết họ và tên của Quý vị (người đề xuất).');

    await h.say(an, 'trần thị bình');
    const askPhone = h.sentSince(0, chat).at(-1)!;
    expect(askPhone.payload.text).toContain('Xin cho biết số điện thoại');
    expect(askPhone.payload.reply_markup.keyboard).toEqual([[expect.objectContaining({ text: 'Gửi số điện thoại của tôi', request_contact: true })]]);

    replies = await h.say(an, '+84 912.345.678');
    const [saved, relation] = h.sentSince(replies[0]!.index, chat);
    expect(saved!.payload.text).toBe('Đã ghi nhận số điện thoại 0912 345 678.');
    expect(saved!.payload.reply_markup).toEqual({ remove_keyboard: true });
    expect(relation!.payload.text).toBe('Quý vị có quan hệ thế nào với người được đề xuất?');
    await h.tap(an, 'Hàng xóm');
    expect(h.lastText(chat)).toContain('thông tin trong đề xuất này là trung thực');
    await h.tap(an, 'Tôi xin cam đoan');

    // The summary lists every answer.
    const summary = h.lastText(chat);
    for (const line of [
      'Xin Quý vị kiểm tra lại đề xuất:',
      'Đối tượng: Cá nhân',
      'Họ tên, tên tập thể: Nguyễn Văn An',
      'Đơn vị: Tổ dân phố số 3 – Phường Từ Liêm',
      'Năm sinh: (không có)',
      'Chức vụ, nghề nghiệp: Tổ trưởng tổ dân phố',
      'Lĩnh vực: Nhặt được của rơi trả người mất',
      'Ngày diễn ra: 19/05/2026',
      'Địa điểm: (không có)',
      `Nội dung việc tốt: ${DESCRIPTION}`,
      'Minh chứng: 2 tệp',
      'Người đề xuất: Trần Thị Bình',
      'Số điện thoại: 0912 345 678',
      'Quan hệ: Hàng xóm',
    ]) {
      expect(summary).toContain(line);
    }
    expect(h.buttonsNow(chat)).toEqual(['Gửi đề xuất', 'Sửa', 'Hủy']);

    await h.tap(an, 'Gửi đề xuất');
    const receipt = h.lastText(chat);
    expect(receipt).toMatch(/Mã hồ sơ: NTV-2026-\d{5}/);
    expect(receipt).toContain('Trạng thái: Mới tiếp nhận');
    const code = /NTV-\d{4}-\d{5}/.exec(receipt)![0];

    // In the database: the nomination, its evidence with our own hashes, the audit row, the consent, no draft.
    const userId = await userIdOf(h, an);
    const nominations = await h.db.nomination.findMany({ where: { userId }, include: { evidence: { orderBy: { position: 'asc' } }, statusChanges: true } });
    expect(nominations).toHaveLength(1);
    const stored = nominations[0]!;
    expect(stored).toMatchObject({
      code,
      status: 'received',
      nomineeKind: 'individual',
      nomineeName: 'Nguyễn Văn An',
      nomineeBirthYear: null,
      nomineeRole: 'Tổ trưởng tổ dân phố',
      deedCategory: 'lost-property',
      deedPlace: null,
      description: DESCRIPTION,
      nominatorName: 'Trần Thị Bình',
      nominatorPhone: '+84912345678',
      nominatorRelation: 'neighbour',
      locale: 'vi',
    });
    expect(stored.deedDate.toISOString().slice(0, 10)).toBe('2026-05-19');
    const unit = await h.db.unit.findUniqueOrThrow({ where: { id: stored.unitId } });
    expect(unit.code).toBe('HN-TU-LIEM-TDP-03');
    expect(stored.evidence.map((file) => [file.kind, file.mimeType, file.fileName])).toEqual([
      ['photo', 'image/jpeg', null],
      ['document', 'application/pdf', 'giay-bien-nhan.pdf'],
    ]);
    for (const file of stored.evidence) {
      expect(file.sha256).toBe(sha256Of(file.fileUniqueId!));
      expect(file.storageKey).toBe(`${file.sha256!.slice(0, 2)}/${file.sha256}`);
    }
    expect(stored.statusChanges.map((change) => [change.fromStatus, change.toStatus, change.actorRole])).toEqual([[null, 'received', 'resident']]);
    const consents = await h.db.consent.findMany({ where: { userId } });
    expect(consents).toHaveLength(1);
    expect(stored.consentId).toBe(consents[0]!.id);
    expect(await h.db.draft.count({ where: { userId } })).toBe(0);

    // Every button press was answered (no endless spinner), and no text carries invisible isolation marks.
    const answered = h.calls.slice(start).filter((call) => call.method === 'answerCallbackQuery');
    expect(answered).toHaveLength(10);
    expect(h.allTexts().filter((text) => /[\u2068\u2069]/.test(text))).toEqual([]);
  });

  it('finds a ward by its former name ("my dinh") and lets the resident browse to a residential group', async () => {
    const binh = h.user(84_000_002, 'vi');
    await fillUntil(h, binh, 'unit');
    await h.say(binh, 'my dinh');
    expect(h.lastText(binh.id)).toContain('Tìm thấy 2 đơn vị phù hợp');
    // The ward is labelled with the former name that matched.
    expect(h.buttonsNow(binh.id)).toEqual(['Trường THCS Mỹ Đình – Phường Từ Liêm', 'Phường Từ Liêm (gồm Phường Mỹ Đình 1 cũ)', 'Xem danh sách']);

    await h.tap(binh, 'Xem danh sách');
    expect(h.lastText(binh.id)).toContain('Người được đề xuất thuộc phường, tổ dân phố hay đơn vị nào?');
    expect(h.lastText(binh.id)).not.toContain('Trang'); // one page: no page number
    await h.tap(binh, 'Phường Từ Liêm');
    expect(h.lastText(binh.id)).toContain('Xin chọn tổ dân phố hoặc đơn vị thuộc Phường Từ Liêm');
    expect(h.buttonsNow(binh.id)).toEqual(expect.arrayContaining(['Cả Phường Từ Liêm', 'Tổ dân phố số 2', '« Quay lại']));
    await h.tap(binh, 'Tổ dân phố số 2');
    expect(h.textsSince(0, binh.id)).toContain('Đơn vị: Tổ dân phố số 2 – Phường Từ Liêm.');

    const unit = await h.db.unit.findUniqueOrThrow({ where: { id: (await draftOf(h, binh))!.answers.unit as number } });
    expect(unit.code).toBe('HN-TU-LIEM-TDP-02');
    expect((await draftOf(h, binh))?.stepId).toBe('nomineeBirthYear');
  });
});

describe('wrong answers', () => {
  /** The reply is one message: the explanation, then the same question again. */
  async function expectPoliteRetry(user: { id: number }, error: string | RegExp, question: string) {
    const text = h.lastText(user.id);
    const [lead, ...rest] = text.split('\n\n');
    if (typeof error === 'string') expect(lead).toBe(error);
    else expect(lead).toMatch(error);
    expect(rest.join('\n\n')).toContain(question);
  }

  it('get a polite explanation and the same question, and keep every earlier answer', async () => {
    const cuong = h.user(84_000_003, 'vi');
    await fillUntil(h, cuong, 'nomineeName');

    await h.say(cuong, 'An');
    await expectPoliteRetry(cuong, 'Xin nhập đầy đủ họ và tên, ví dụ: Nguyễn Văn An.', 'Xin cho biết họ và tên người được đề xuất.');
    await h.say(cuong, 'Nguyễn Văn 3');
    await expectPoliteRetry(cuong, /^Họ tên chỉ gồm chữ cái/, 'Xin cho biết họ và tên người được đề xuất.');
    expect((await draftOf(h, cuong))).toMatchObject({ stepId: 'nomineeName', answers: { nomineeKind: 'individual' } });
    await h.say(cuong, 'Lê Văn Cường');

    await h.say(cuong, 'xuan phuong');
    await h.tap(cuong, 'Phường Xuân Phương');
    await h.say(cuong, '3000');
    await expectPoliteRetry(cuong, 'Năm sinh không thể sau năm hiện tại. Xin kiểm tra lại.', 'Người được đề xuất sinh năm nào?');
    await h.say(cuong, 'năm bảy lăm');
    await expectPoliteRetry(cuong, 'Năm sinh gồm 4 chữ số, ví dụ: 1986. Nếu không rõ, xin bấm "Bỏ qua".', 'Người được đề xuất sinh năm nào?');
    await h.say(cuong, '1975');
    await h.send(h.text(cuong, '/boqua'));
    await h.tap(cuong, 'Từ thiện, nhân đạo, hiến máu');

    await h.say(cuong, '25/12/2026');
    await expectPoliteRetry(cuong, /^Ngày này chưa đến\./, 'Việc làm tốt diễn ra vào ngày nào?');
    expect(h.buttonsNow(cuong.id)).toEqual(['Hôm nay', 'Hôm qua']);
    await h.say(cuong, '31/02/2026');
    await expectPoliteRetry(cuong, 'Ngày này không có trên lịch (ví dụ 31/02). Xin kiểm tra lại ngày và tháng.', 'Việc làm tốt diễn ra vào ngày nào?');
    await h.say(cuong, 'tuần trước');
    await expectPoliteRetry(cuong, /^Chưa đọc được ngày\./, 'Việc làm tốt diễn ra vào ngày nào?');
    await h.say(cuong, '01/01/2019');
    await expectPoliteRetry(cuong, /^Kênh này tiếp nhận việc làm tốt trong vòng 5 năm gần đây/, 'Việc làm tốt diễn ra vào ngày nào?');

    // Everything answered so far is still in the draft.
    expect(await draftOf(h, cuong)).toMatchObject({
      stepId: 'deedDate',
      answers: { nomineeKind: 'individual', nomineeName: 'Lê Văn Cường', nomineeBirthYear: 1975, nomineeRole: null, deedCategory: 'charity' },
    });

    await h.say(cuong, '15/5/2026');
    await h.say(cuong, 'Chợ Xuân Phương');
    await h.say(cuong, 'Giúp đỡ cụ bà.');
    await expectPoliteRetry(cuong, /^Phần mô tả còn ngắn \(14 ký tự\)\. Xin kể cụ thể hơn, ít nhất 30 ký tự\./, 'Xin kể lại việc làm tốt');
    await h.say(cuong, DESCRIPTION);
    await h.say(cuong, 'ảnh ở đây');
    await expectPoliteRetry(cuong, /^Ở bước này, xin gửi ảnh hoặc tệp tài liệu/, 'Quý vị có ảnh hoặc tài liệu minh chứng không');
    await h.send(h.document(cuong, 'video.zip', 'application/zip', 1000));
    await expectPoliteRetry(cuong, /^Hệ thống nhận ảnh, tệp PDF và Word\./, 'Quý vị có ảnh hoặc tài liệu minh chứng không');
    await h.send(h.document(cuong, 'scan.pdf', 'application/pdf', 25 * 1024 * 1024));
    await expectPoliteRetry(cuong, 'Tệp quá lớn: mỗi tệp không quá 20 MB. Xin gửi ảnh chụp hoặc tệp nhỏ hơn.', 'Quý vị có ảnh hoặc tài liệu minh chứng không');
    await h.tap(cuong, 'Không có');
    await h.say(cuong, 'Phạm Thị Dung');

    await h.say(cuong, '09123');
    await expectPoliteRetry(cuong, 'Số điện thoại bị thiếu hoặc thừa chữ số. Số di động có 10 chữ số, ví dụ: 0912 345 678.', 'Xin cho biết số điện thoại');
    expect(h.sentSince(0, cuong.id).at(-1)!.payload.reply_markup.keyboard[0][0]).toMatchObject({ request_contact: true });
    await h.say(cuong, 'gọi tôi nhé');
    await expectPoliteRetry(cuong, /^Số điện thoại chưa đúng\./, 'Xin cho biết số điện thoại');
    await h.send(h.contact(cuong, '+84 987 654 321', false));
    await expectPoliteRetry(cuong, /^Xin gửi số điện thoại của chính Quý vị/, 'Xin cho biết số điện thoại');
    await h.send(h.contact(cuong, '84987654321', true));
    expect(h.textsSince(0, cuong.id)).toContain('Đã ghi nhận số điện thoại 0987 654 321.');

    await h.say(cuong, 'bạn bè');
    await expectPoliteRetry(cuong, 'Xin chọn một trong các nút bên dưới.', 'Quý vị có quan hệ thế nào với người được đề xuất?');
    await h.say(cuong, 'nguoi chung kien'); // a button's label typed counts as pressing it
    await h.say(cuong, 'ok');
    await expectPoliteRetry(cuong, /^Xin bấm nút "Tôi xin cam đoan" để xác nhận/, 'Xin Quý vị xác nhận');
    await h.tap(cuong, 'Tôi xin cam đoan');

    const summary = h.lastText(cuong.id);
    for (const line of ['Họ tên, tên tập thể: Lê Văn Cường', 'Đơn vị: Phường Xuân Phương', 'Năm sinh: 1975', 'Chức vụ, nghề nghiệp: (không có)', 'Ngày diễn ra: 15/05/2026', 'Địa điểm: Chợ Xuân Phương', 'Minh chứng: (không có)', 'Số điện thoại: 0987 654 321', 'Quan hệ: Người chứng kiến']) {
      expect(summary).toContain(line);
    }
  });

  it('leaves nothing stored when the resident does not agree', async () => {
    const dung = h.user(84_000_004, 'vi');
    await h.say(dung, '/decu');
    await h.tap(dung, 'Không đồng ý');
    expect(h.lastText(dung.id)).toContain('Quý vị chưa đồng ý nên hệ thống không lưu thông tin nào.');
    const userId = await userIdOf(h, dung);
    expect(await h.db.draft.count({ where: { userId } })).toBe(0);
    expect(await h.db.consent.count({ where: { userId } })).toBe(0);
  });
});
