/**
 * Less common things residents do: typing what a button says, messages the bot cannot read,
 * very long texts, unknown commands, and dates around midnight in Vietnam.
 */
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support.js';
import { draftOf, fillUntil, userIdOf } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('typing instead of pressing', () => {
  // Regression: typing the consent button's label right after the consent screen agrees, as a press does.
  it('typing "Đồng ý" on the consent screen agrees, like the button', async () => {
    const u = h.user(91_000_001, 'vi');
    await h.say(u, '/decu');
    await h.say(u, 'Đồng ý');
    expect(h.lastText(u.id)).toBe('Quý vị muốn đề xuất cá nhân, tập thể hay hộ gia đình?');
    expect(await h.db.consent.count({ where: { userId: await userIdOf(h, u) } })).toBe(1);
  });

  it('a button label typed without accents answers the question ("ca nhan", "hom nay")', async () => {
    const u = h.user(91_000_002, 'vi');
    await fillUntil(h, u, 'nomineeKind');
    await h.say(u, 'ca nhan');
    expect(h.lastText(u.id)).toContain('Xin cho biết họ và tên người được đề xuất.');
    expect((await draftOf(h, u))?.answers.nomineeKind).toBe('individual');
  });

  it('"gửi" typed on the summary sends the nomination', async () => {
    const u = h.user(91_000_003, 'vi');
    await fillUntil(h, u, 'summary');
    await h.say(u, 'gửi');
    expect(h.lastText(u.id)).toMatch(/Mã hồ sơ: NTV-2026-\d{5}/);
  });
});

describe('messages the bot cannot read', () => {
  const sticker = (user: { id: number; first_name: string }): Update =>
    ({
      update_id: 777_000_000 + user.id,
      message: {
        message_id: 9_000,
        date: Math.floor(h.clock.now.getTime() / 1000),
        chat: { id: user.id, type: 'private', first_name: user.first_name },
        from: { ...user, is_bot: false },
        sticker: { file_id: 'CAACAgIAAxkBAAI', file_unique_id: 'AgADsticker', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false },
      },
    }) as Update;

  it('a sticker in the middle of the form gets a polite message and the question again', async () => {
    const u = h.user(91_000_004, 'vi');
    await fillUntil(h, u, 'deedCategory');
    await h.send(sticker(u));
    expect(h.lastText(u.id)).toBe('Hệ thống chưa đọc được loại tin nhắn này (tin nhắn thoại, nhãn dán…). Xin gõ chữ hoặc dùng các nút.\n\nViệc làm tốt thuộc lĩnh vực nào?');
    expect(h.buttonsNow(u.id)).toContain('Lĩnh vực khác');
  });

  it('a sticker outside the form gets the menu', async () => {
    const u = h.user(91_000_005, 'vi');
    await h.send(sticker(u));
    expect(h.lastText(u.id)).toBe('Xin chọn một mục bên dưới để bắt đầu.');
  });

  it('an unknown command opens the menu; /start with a payload too', async () => {
    const u = h.user(91_000_006, 'vi');
    await h.say(u, '/xyz');
    expect(h.lastText(u.id)).toMatch(/^Xin chào!/);
    await h.say(u, '/start tdp3');
    expect(h.lastText(u.id)).toMatch(/^Xin chào!/);
    await h.say(u, `/huongdan@${h.bot.botInfo.username}`);
    expect(h.lastText(u.id)).toMatch(/^Hướng dẫn gửi đề xuất/);
  });
});

describe('long texts', () => {
  it('a 4000-character unit query is answered in messages within Telegram\'s limit, buttons on the last', async () => {
    const u = h.user(91_000_007, 'vi');
    await fillUntil(h, u, 'unit');
    const replies = await h.say(u, 'a'.repeat(4_000));
    const sent = h.sentSince(replies[0]!.index, u.id);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((call) => String(call.payload.text).length <= 4096)).toBe(true);
    expect(h.buttonsOf(sent.at(-1))).not.toEqual([]);
    expect((await draftOf(h, u))?.stepId).toBe('unit');
  });

  it('a name over 80 characters is refused politely', async () => {
    const u = h.user(91_000_008, 'vi');
    await fillUntil(h, u, 'nomineeName');
    await h.say(u, `Nguyễn ${'Văn '.repeat(25)}An`);
    expect(h.lastText(u.id)).toMatch(/^Tên quá dài \(tối đa 80 ký tự\)\. Xin kiểm tra lại\./);
  });

  it('the longest allowed answers still make a summary that Telegram accepts', async () => {
    const u = h.user(91_000_009, 'vi');
    await fillUntil(h, u, 'summary');
    await h.tap(u, 'Sửa');
    await h.tap(u, 'Nội dung việc tốt');
    const longest = 'Bà Hoa giúp đỡ người già neo đơn trong tổ dân phố. '.repeat(40).slice(0, 2000).trim();
    const mark = h.mark();
    await h.say(u, longest);
    expect(h.calls.slice(mark).filter((call) => !call.ok)).toEqual([]);
    expect(h.lastText(u.id)).toMatch(/^Xin Quý vị kiểm tra lại đề xuất:/);
    expect(h.lastText(u.id)).toContain(longest);
    expect(h.allTexts().join('')).not.toMatch(/[\u2068\u2069]/);
  });
});

describe('dates in Vietnam time', () => {
  it('at 00:30 in Hanoi (17:30 UTC the day before), "Hôm nay" is the Vietnamese date', async () => {
    const u = h.user(91_000_010, 'vi');
    h.clock.set(new Date('2026-05-20T17:30:00Z'));
    try {
      await fillUntil(h, u, 'deedDate');
      await h.tap(u, 'Hôm nay');
      expect((await draftOf(h, u))?.answers.deedDate).toBe('2026-05-21');
    } finally {
      h.clock.set(new Date('2026-05-20T03:00:00Z'));
    }
  });

  it('at 01:00 on New Year\'s Day in Hanoi, the reference code carries the new year', async () => {
    const u = h.user(91_000_011, 'vi');
    h.clock.set(new Date('2026-12-31T18:00:00Z'));
    try {
      await fillUntil(h, u, 'summary');
      await h.tap(u, 'Gửi đề xuất');
      expect(h.lastText(u.id)).toMatch(/Mã hồ sơ: NTV-2027-00001/);
      await h.say(u, '/cuatoi');
      expect(h.lastText(u.id)).toContain('ngày gửi 01/01/2027');
    } finally {
      h.clock.set(new Date('2026-05-20T03:00:00Z'));
    }
  });
});

describe('the "Gửi số điện thoại của tôi" keyboard', () => {
  it('appears with the phone question and goes once the number is given', async () => {
    const u = h.user(91_000_012, 'vi');
    await fillUntil(h, u, 'nominatorPhone');
    expect(h.replyKeyboard(u.id)).toEqual(['Gửi số điện thoại của tôi']);
    await h.say(u, '0912 345 678');
    expect(h.replyKeyboard(u.id)).toBeUndefined();
  });

  // Regression: cancelling at the phone question must send remove_keyboard, or the share-my-number
  // keyboard stays under the input field after the form is gone.
  it('is taken away when the nomination is cancelled at the phone question', async () => {
    const u = h.user(91_000_013, 'vi');
    await fillUntil(h, u, 'nominatorPhone');
    await h.say(u, '/huy');
    const mark = h.mark();
    await h.tap(u, 'Hủy đề xuất');
    // The cancellation takes the keyboard away; the main menu follows as its own message.
    expect(h.textsSince(mark, u.id)).toEqual(['Đã hủy đề xuất và xóa thông tin đã nhập.', 'Xin mời chọn một mục bên dưới.']);
    expect(h.replyKeyboard(u.id)).toBeUndefined();
  });

  // Regression: the same when the phone is being edited from the summary and /sua goes back to it.
  it('is taken away when /sua leaves the phone question for the summary', async () => {
    const u = h.user(91_000_014, 'vi');
    await fillUntil(h, u, 'summary');
    await h.tap(u, 'Sửa');
    await h.tap(u, 'Số điện thoại');
    expect(h.replyKeyboard(u.id)).toEqual(['Gửi số điện thoại của tôi']);
    await h.say(u, '/sua');
    expect(h.lastText(u.id)).toMatch(/^Xin Quý vị kiểm tra lại đề xuất:/);
    expect(h.replyKeyboard(u.id)).toBeUndefined();
  });
});

describe('editing a message in place', () => {
  it('when Telegram says the message is not modified, nothing more is sent and nothing fails', async () => {
    const u = h.user(91_000_015, 'vi');
    await fillUntil(h, u, 'unit');
    const list = h.press(u, 'unit|list');
    const replies = await h.send(list);
    expect(replies.map((call) => [call.method, call.ok])).toEqual([['answerCallbackQuery', true], ['editMessageText', false]]);
    expect((await draftOf(h, u))?.stepId).toBe('unit');
  });

  it('when the pressed message can no longer be edited, the answer comes as a new message', async () => {
    const u = h.user(91_000_016, 'vi');
    await fillUntil(h, u, 'summary');
    h.failNext('editMessageText', "Bad Request: message can't be edited");
    const replies = await h.tap(u, 'Sửa');
    expect(replies.map((call) => [call.method, call.ok])).toEqual([['answerCallbackQuery', true], ['editMessageText', false], ['sendMessage', true]]);
    expect(h.lastText(u.id)).toBe('Quý vị muốn sửa mục nào?');
  });
});
