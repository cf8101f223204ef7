/**
 * What a stranger or a broken client can do: forged callback data for someone else's nomination,
 * malformed callback data, updates delivered twice, group chats.
 */
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support.js';
import { fillUntil, submitNomination } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

const NOT_FOUND = 'Không tìm thấy đề xuất này trong danh sách của Quý vị.';

describe("another person's nomination", () => {
  it('cannot be read or withdrawn with forged callback data', async () => {
    const owner = h.user(88_000_001, 'vi');
    const stranger = h.user(88_000_002, 'vi');
    const code = await submitNomination(h, owner);
    const nomination = await h.db.nomination.findUniqueOrThrow({ where: { code } });
    await h.say(stranger, '/start');
    const ownerMark = h.mark();

    for (const data of [`my|v${nomination.id}`, `my|w${nomination.id}`, `my|x${nomination.id}`]) {
      const replies = await h.send(h.press(stranger, data));
      expect(replies.some((call) => call.method === 'answerCallbackQuery')).toBe(true);
      expect(h.lastText(stranger.id)).toBe(NOT_FOUND);
    }

    // Nothing of the owner's nomination leaks into the stranger's chat, and the owner is not bothered.
    expect(h.textsSince(0, stranger.id).filter((text) => text.includes(code) || text.includes('Nguyễn Văn An') || text.includes('0912'))).toEqual([]);
    expect(h.sentSince(ownerMark, owner.id)).toEqual([]);
    const after = await h.db.nomination.findUniqueOrThrow({ where: { code }, include: { statusChanges: true } });
    expect(after.status).toBe('received');
    expect(after.statusChanges).toHaveLength(1);
    expect(after.updatedAt).toEqual(nomination.updatedAt);
  });
});

describe('malformed callback data', () => {
  const START = 'Xin chọn một mục bên dưới để bắt đầu.';
  const CLOSED = 'Đề xuất này đã kết thúc hoặc đã được gửi. Xin chọn một mục bên dưới.';
  const UNREADABLE = 'Hệ thống chưa đọc được loại tin nhắn này (tin nhắn thoại, nhãn dán…). Xin gõ chữ hoặc dùng các nút.';
  const STALE = 'Nút vừa bấm thuộc một câu hỏi trước. Câu hỏi hiện tại là:';
  const MENU = 'Xin mời chọn một mục bên dưới.';
  // [callback data, reply without a draft, reply's first paragraph in the middle of the form]
  const cases: [string, string, string][] = [
    ['x'.repeat(64), START, UNREADABLE],
    ['|', START, UNREADABLE],
    ['unit|u1;DROP TABLE units', START, UNREADABLE],
    ['unit|u99999999', CLOSED, 'Đơn vị này không còn trong danh sách. Xin chọn lại.'],
    ['nomineeKind|robot', CLOSED, STALE],
    ['evidence|clear', CLOSED, STALE],
    ['summary|submit', CLOSED, STALE],
    ['summary|edit:consent', CLOSED, STALE],
    ['_cancel|yes', CLOSED, STALE],
    ['_resume|continue', CLOSED, 'Người được đề xuất thuộc phường, tổ dân phố hay đơn vị nào?'],
    ['my|p999999999', 'Quý vị chưa gửi đề xuất nào.', 'Quý vị chưa gửi đề xuất nào.'],
    ['my|v999999999', NOT_FOUND, NOT_FOUND],
    ['my|v0', NOT_FOUND, NOT_FOUND],
    ['my|z1', MENU, MENU],
    ['lang|fr', 'Xin chọn ngôn ngữ / Please choose a language:', 'Xin chọn ngôn ngữ / Please choose a language:'],
    ['menu|admin', MENU, MENU],
  ];

  it.each(cases)('%s without a draft: answered, with a polite reply', async (data, expected) => {
    const u = h.user(88_100_000 + cases.findIndex(([candidate]) => candidate === data), 'vi');
    await h.say(u, '/start');
    const replies = await h.send(h.press(u, data));
    expect(replies.filter((call) => call.method === 'answerCallbackQuery')).toHaveLength(1);
    expect(h.textsSince(replies[0]!.index, u.id)).toEqual([expected]);
    expect(await h.db.draft.count({ where: { user: { externalId: String(u.id) } } })).toBe(0);
  });

  it.each(cases)('%s in the middle of the form: answered, and the draft is untouched', async (data, _none, expected) => {
    const u = h.user(88_200_000 + cases.findIndex(([candidate]) => candidate === data), 'vi');
    await fillUntil(h, u, 'unit');
    const before = await h.db.draft.findFirstOrThrow({ where: { user: { externalId: String(u.id) } } });
    const replies = await h.send(h.press(u, data));
    expect(replies.filter((call) => call.method === 'answerCallbackQuery')).toHaveLength(1);
    const texts = h.textsSince(replies[0]!.index, u.id);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.split('\n\n')[0]!.split('\n')[0]).toBe(expected.split('\n')[0]);
    if (expected === STALE || expected === UNREADABLE) expect(texts[0]).toContain('Người được đề xuất thuộc phường, tổ dân phố hay đơn vị nào?');
    const after = await h.db.draft.findFirstOrThrow({ where: { user: { externalId: String(u.id) } } });
    expect(after.stepId).toBe('unit');
    expect((after.state as { answers: unknown }).answers).toEqual((before.state as { answers: unknown }).answers);
  });

  it('an unknown unit id gets "Đơn vị này không còn trong danh sách" and the unit question', async () => {
    const u = h.user(88_000_003, 'vi');
    await fillUntil(h, u, 'unit');
    await h.send(h.press(u, 'unit|u99999999'));
    expect(h.lastText(u.id)).toMatch(/^Đơn vị này không còn trong danh sách\. Xin chọn lại\.\n\nNgười được đề xuất thuộc phường/);
  });

  it('a press on a message too old to be returned by Telegram still gets an answer', async () => {
    const u = h.user(88_000_004, 'vi');
    await fillUntil(h, u, 'nomineeKind');
    await h.send(h.press(u, 'nomineeKind|household', 999_999)); // no such message: Telegram sends an inaccessible one
    expect(h.lastText(u.id)).toContain('Xin cho biết họ và tên chủ hộ gia đình được đề xuất.');
  });

  it('a press without data (a game button) is answered politely', async () => {
    const u = h.user(88_000_005, 'vi');
    await h.say(u, '/start');
    const update = h.press(u, 'menu|guide') as Update & { callback_query: { data?: string; game_short_name?: string } };
    delete update.callback_query.data;
    update.callback_query.game_short_name = 'snake';
    const replies = await h.send(update);
    expect(replies[0]!.method).toBe('answerCallbackQuery');
    expect(h.lastText(u.id)).toBe('Xin chọn một mục bên dưới để bắt đầu.');
  });
});

describe('updates delivered twice', () => {
  it('are answered once', async () => {
    const u = h.user(88_000_006, 'vi');
    const start = h.text(u, '/start');
    expect(await h.send(start)).toHaveLength(1);
    expect(await h.send(start)).toEqual([]);

    await h.tap(u, 'Đề xuất người tốt, việc tốt');
    const agree = h.press(u, h.findButton('Đồng ý', u.id).data);
    await h.send(agree);
    expect(await h.send(agree)).toEqual([]);
    expect(await h.db.consent.count({ where: { user: { externalId: String(u.id) } } })).toBe(1);
  });

  it('"Gửi đề xuất" delivered twice, or tapped twice at once, stores one nomination', async () => {
    const u = h.user(88_000_007, 'vi');
    await fillUntil(h, u, 'summary');
    const button = h.findButton('Gửi đề xuất', u.id);
    const submit = h.press(u, button.data, button.messageId);
    const again = h.press(u, button.data, button.messageId);
    await Promise.all([h.send(submit), h.send(submit), h.send(again)]);
    const texts = h.textsSince(0, u.id);
    expect(texts.filter((text) => /Mã hồ sơ: NTV-2026-\d{5}/.test(text))).toHaveLength(1);
    expect(await h.db.nomination.count({ where: { user: { externalId: String(u.id) } } })).toBe(1);
  });
});

describe('group chats', () => {
  it('are ignored: nothing is answered and nothing is stored', async () => {
    const u = h.user(88_000_008, 'vi');
    const replies = await h.send(h.groupText(u, '/decu'));
    expect(replies).toEqual([]);
    expect(await h.db.user.count({ where: { externalId: String(u.id) } })).toBe(0);
  });
});
