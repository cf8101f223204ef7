/**
 * Commands while filling in the form (/huy, /trogiup, /sua, /boqua), editing from the summary, and
 * buttons of earlier questions pressed again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support.js';
import { DESCRIPTION, beginNomination, draftOf, fillUntil } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const MAIN_MENU = ['Đề xuất người tốt, việc tốt', 'Đề xuất của tôi', 'Hướng dẫn', 'Ngôn ngữ / Language'];

describe('/huy', () => {
  it('asks first; "Điền tiếp" keeps the draft, "Hủy đề xuất" deletes it', async () => {
    const u = h.user(85_000_001, 'vi');
    await fillUntil(h, u, 'deedCategory');

    await h.say(u, '/huy');
    expect(h.lastText(u.id)).toBe('Quý vị có chắc muốn hủy đề xuất đang điền? Mọi thông tin đã nhập sẽ bị xóa.');
    expect(h.buttonsNow(u.id)).toEqual(['Hủy đề xuất', 'Điền tiếp']);
    expect(await draftOf(h, u)).not.toBeNull();

    await h.tap(u, 'Điền tiếp');
    expect(h.lastText(u.id)).toBe('Xin mời điền tiếp.\n\nViệc làm tốt thuộc lĩnh vực nào?');
    expect(h.buttonsNow(u.id)).toContain('Lĩnh vực khác');
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'deedCategory', answers: { nomineeKind: 'individual', nomineeName: 'Nguyễn Văn An' } });

    await h.say(u, '/huy');
    await h.tap(u, 'Hủy đề xuất');
    expect(h.lastText(u.id)).toBe('Đã hủy đề xuất và xóa thông tin đã nhập.');
    expect(await draftOf(h, u)).toBeNull();

    const replies = await h.say(u, '/huy');
    expect(replies[0]!.payload.text).toBe('Quý vị không có đề xuất nào đang điền.');
    expect(h.buttonsOf(replies[0]).map(([label]) => label)).toEqual(MAIN_MENU);
  });

  it('lapses when the question on screen is answered instead', async () => {
    const u = h.user(85_000_002, 'vi');
    await fillUntil(h, u, 'nomineeName');
    await h.say(u, '/huy');
    await h.say(u, 'Hoàng Thị Lan'); // answers the question on screen; no longer waiting for "Hủy đề xuất"
    expect(h.lastText(u.id)).toContain('Người được đề xuất thuộc phường');
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'unit', answers: { nomineeName: 'Hoàng Thị Lan' }, ui: { pendingCancel: false } });

    // The lapsed confirmation's "Hủy đề xuất" is now an old button: it deletes nothing.
    await h.send(h.press(u, '_cancel|yes', h.findMessage(u.id, 'Quý vị có chắc muốn hủy')));
    expect(h.lastText(u.id)).toMatch(/^Nút vừa bấm thuộc một câu hỏi trước\. Câu hỏi hiện tại là:\n\nNgười được đề xuất thuộc phường/);
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'unit', answers: { nomineeName: 'Hoàng Thị Lan' } });
  });
});

describe('/trogiup and /boqua', () => {
  it('/trogiup explains the current question and asks it again', async () => {
    const u = h.user(85_000_003, 'vi');
    await fillUntil(h, u, 'unit');
    await h.say(u, '/trogiup');
    const text = h.lastText(u.id);
    expect(text).toMatch(/^Chọn phường rồi chọn tổ dân phố, hoặc gõ một phần tên/);
    expect(text).toContain('Người được đề xuất thuộc phường, tổ dân phố hay đơn vị nào?');
    expect(h.buttonsNow(u.id)).toContain('Phường Từ Liêm');
    expect((await draftOf(h, u))?.stepId).toBe('unit');

    await h.say(u, 'tu liem');
    await h.tap(u, 'Tổ dân phố số 1 – Phường Từ Liêm');
    await h.say(u, '/help');
    expect(h.lastText(u.id)).toMatch(/^Năm sinh giúp phân biệt người trùng tên/);
  });

  it('/boqua skips an optional question but not a required one', async () => {
    const u = h.user(85_000_004, 'vi');
    await fillUntil(h, u, 'nomineeBirthYear');
    await h.say(u, '/boqua');
    expect(h.lastText(u.id)).toContain('Người được đề xuất làm nghề gì, giữ chức vụ gì?');
    await h.say(u, '/boqua');
    await h.say(u, '/boqua'); // the category is required
    expect(h.lastText(u.id)).toBe('Câu hỏi này cần được trả lời, không thể bỏ qua.\n\nViệc làm tốt thuộc lĩnh vực nào?');
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'deedCategory', answers: { nomineeBirthYear: null, nomineeRole: null } });
  });

  it('without a draft, the commands say so and offer the menu', async () => {
    const u = h.user(85_000_005, 'vi');
    for (const [command, expected] of [
      ['/sua', 'Quý vị không có đề xuất nào đang điền để sửa.'],
      ['/boqua', 'Quý vị không có câu hỏi nào để bỏ qua.'],
      ['/trogiup', 'Hướng dẫn gửi đề xuất "Người tốt, việc tốt":'],
    ] as const) {
      const [reply] = await h.say(u, command);
      expect(reply!.payload.text).toContain(expected);
      expect(h.buttonsOf(reply).map(([label]) => label)).toEqual(MAIN_MENU);
    }
  });
});

describe('/sua and the summary\'s "Sửa"', () => {
  it('before the summary, /sua says it is not reached yet and asks the question again', async () => {
    const u = h.user(85_000_006, 'vi');
    await fillUntil(h, u, 'deedDate');
    await h.say(u, '/sua');
    const text = h.lastText(u.id);
    expect(text).toMatch(/^Quý vị chưa đến bước kiểm tra lại\./);
    expect(text).toContain('Việc làm tốt diễn ra vào ngày nào?');
    expect(h.buttonsNow(u.id)).toEqual(['Hôm nay', 'Hôm qua']);
    expect((await draftOf(h, u))?.stepId).toBe('deedDate');
  });

  it('edits the description from the summary and comes back to the summary', async () => {
    const u = h.user(85_000_007, 'vi');
    await fillUntil(h, u, 'summary');
    const summaryCall = h.sentSince(0, u.id).at(-1)!;
    expect(summaryCall.payload.text).toContain(`Nội dung việc tốt: ${DESCRIPTION}`);

    // "Sửa" turns the summary message itself into the list of fields.
    const replies = await h.tap(u, 'Sửa');
    expect(replies.map((call) => call.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(replies[1]!.payload.message_id).toBe((summaryCall.result as { message_id: number }).message_id);
    expect(h.lastText(u.id)).toBe('Quý vị muốn sửa mục nào?');
    expect(h.buttonsNow(u.id)).toEqual([
      'Đối tượng', 'Họ tên, tên tập thể', 'Đơn vị', 'Năm sinh', 'Chức vụ, nghề nghiệp', 'Lĩnh vực', 'Ngày diễn ra',
      'Địa điểm', 'Nội dung việc tốt', 'Minh chứng', 'Người đề xuất', 'Số điện thoại', 'Quan hệ', '« Về bản tóm tắt',
    ]);

    await h.tap(u, 'Nội dung việc tốt');
    expect(h.lastText(u.id)).toContain('Xin kể lại việc làm tốt');
    const changed = 'Chiều 19/05, chị Lan đưa một cụ bà bị lạc về tận nhà ở tổ dân phố số 3 và báo cho gia đình.';
    await h.say(u, changed);

    const summary = h.lastText(u.id);
    expect(summary).toMatch(/^Xin Quý vị kiểm tra lại đề xuất:/);
    expect(summary).toContain(`Nội dung việc tốt: ${changed}`);
    expect(summary).toContain('Họ tên, tên tập thể: Nguyễn Văn An');
    expect(summary).toContain('Số điện thoại: 0912 345 678');
    expect(h.buttonsNow(u.id)).toEqual(['Gửi đề xuất', 'Sửa', 'Hủy']);
    expect((await draftOf(h, u))?.answers.description).toBe(changed);
  });

  it('/sua during an edit goes back to the summary unchanged; "« Về bản tóm tắt" too', async () => {
    const u = h.user(85_000_008, 'vi');
    await fillUntil(h, u, 'summary');
    await h.tap(u, 'Sửa');
    await h.tap(u, 'Ngày diễn ra');
    expect(h.lastText(u.id)).toContain('Việc làm tốt diễn ra vào ngày nào?');
    await h.say(u, '/sua');
    expect(h.lastText(u.id)).toContain('Ngày diễn ra: 19/05/2026');
    expect(h.buttonsNow(u.id)).toEqual(['Gửi đề xuất', 'Sửa', 'Hủy']);

    await h.tap(u, 'Sửa');
    await h.tap(u, '« Về bản tóm tắt');
    expect(h.lastText(u.id)).toMatch(/^Xin Quý vị kiểm tra lại đề xuất:/);
  });

  it('changing the nominee to a collective drops the individual-only lines from the summary', async () => {
    const u = h.user(85_000_009, 'vi');
    await fillUntil(h, u, 'summary');
    await h.tap(u, 'Sửa');
    await h.tap(u, 'Đối tượng');
    await h.tap(u, 'Tập thể');
    // A person's name is no collective's name: it is asked again, then the summary comes back.
    expect(h.lastText(u.id)).toContain('Xin cho biết tên tập thể được đề xuất.');
    await h.say(u, 'Tổ dân phố số 5');
    const summary = h.lastText(u.id);
    expect(summary).toContain('Đối tượng: Tập thể');
    expect(summary).not.toContain('Năm sinh');
    expect(summary).not.toContain('Chức vụ, nghề nghiệp');
  });

  it('"Hủy" on the summary asks for confirmation before deleting', async () => {
    const u = h.user(85_000_010, 'vi');
    await fillUntil(h, u, 'summary');
    await h.tap(u, 'Hủy');
    expect(h.lastText(u.id)).toContain('Quý vị có chắc muốn hủy đề xuất đang điền?');
    await h.tap(u, 'Điền tiếp');
    expect(h.lastText(u.id)).toMatch(/^Xin mời điền tiếp\.\n\nXin Quý vị kiểm tra lại đề xuất:/);
    expect(await draftOf(h, u)).not.toBeNull();
  });
});

describe('buttons of an earlier question', () => {
  it('are taken off once answered', async () => {
    const u = h.user(85_000_011, 'vi');
    await beginNomination(h, u);
    const kindQuestion = h.sentSince(0, u.id).at(-1)!.result as { message_id: number };
    expect(h.keyboardOf(u.id, kindQuestion.message_id)).toHaveLength(3);
    await h.tap(u, 'Cá nhân');
    expect(h.keyboardOf(u.id, kindQuestion.message_id)).toBeUndefined();
  });

  it('pressed anyway (an old client, a slow network) get "Nút vừa bấm thuộc một câu hỏi trước" and the current question', async () => {
    const u = h.user(85_000_012, 'vi');
    await beginNomination(h, u);
    const kindQuestion = h.sentSince(0, u.id).at(-1)!.result as { message_id: number };
    await h.tap(u, 'Cá nhân');

    await h.send(h.press(u, 'nomineeKind|collective', kindQuestion.message_id));
    expect(h.lastText(u.id)).toBe(
      'Nút vừa bấm thuộc một câu hỏi trước. Câu hỏi hiện tại là:\n\nXin cho biết họ và tên người được đề xuất.\nVí dụ: Nguyễn Văn An',
    );
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'nomineeName', answers: { nomineeKind: 'individual' } });

    // The consent button of the first screen, pressed again mid-form, starts nothing new either.
    await h.send(h.press(u, 'consent|agree', h.findMessage(u.id, 'Trước khi bắt đầu')));
    expect(h.lastText(u.id)).toMatch(/^Nút vừa bấm thuộc một câu hỏi trước\./);
    expect((await draftOf(h, u))?.answers.nomineeName).toBeUndefined();
  });

  it('at the summary, an old answer button shows the summary again with its buttons', async () => {
    const u = h.user(85_000_013, 'vi');
    await fillUntil(h, u, 'summary');
    await h.send(h.press(u, 'nominatorRelation|family', h.findMessage(u.id, 'Quý vị có quan hệ thế nào')));
    expect(h.lastText(u.id)).toMatch(/^Nút vừa bấm thuộc một câu hỏi trước\. Câu hỏi hiện tại là:\n\nXin Quý vị kiểm tra lại đề xuất:/);
    expect(h.lastText(u.id)).toContain('Quan hệ: Hàng xóm');
    expect(h.buttonsNow(u.id)).toEqual(['Gửi đề xuất', 'Sửa', 'Hủy']);
  });

  it('"Gửi đề xuất" pressed again after sending says the nomination is closed and stores nothing more', async () => {
    const u = h.user(85_000_014, 'vi');
    await fillUntil(h, u, 'summary');
    const submit = h.findButton('Gửi đề xuất', u.id);
    await h.send(h.press(u, submit.data, submit.messageId));
    expect(h.lastText(u.id)).toContain('Mã hồ sơ: NTV-2026-');
    await h.send(h.press(u, submit.data, submit.messageId));
    expect(h.lastText(u.id)).toBe('Đề xuất này đã kết thúc hoặc đã được gửi. Xin chọn một mục bên dưới.');
    expect(h.buttonsNow(u.id)).toEqual(MAIN_MENU);
    expect(await h.db.nomination.count({ where: { user: { externalId: String(u.id) } } })).toBe(1);
  });
});
