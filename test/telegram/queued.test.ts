/**
 * Updates handled through the inbound queue (production): an update handled a second time — its
 * instance died after applying it but before marking it done — changes nothing twice; a passing
 * failure is handed back to the queue for a retry, anything else is answered politely.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuedTelegramHandler } from '../../src/channels/telegram/bot.js';
import { createHarness, type Harness } from './support.js';
import { draftOf, fillUntil } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ queued: true });
});
afterAll(async () => {
  await h?.close();
});

describe('an update handled again after a crash', () => {
  it('is not applied twice: the form asks its current question again and keeps the answer once', async () => {
    const u = h.user(89_000_001, 'vi');
    await fillUntil(h, u, 'nomineeName');
    const typed = h.text(u, 'Nguyễn Văn An');
    await h.send(typed);
    expect((await draftOf(h, u))?.stepId).toBe('unit');
    const question = h.lastText(u.id);

    const again = await h.send(typed); // the same update, handled by the queue a second time
    expect(again.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
    expect(h.lastText(u.id)).toBe(question);
    // Not read as the answer to "which unit?": the draft is where it was.
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'unit', answers: { nomineeName: 'Nguyễn Văn An' } });
    expect((await draftOf(h, u))?.answers.unit).toBeUndefined();
  });

  it('a button pressed once but handled twice moves the form once', async () => {
    const u = h.user(89_000_002, 'vi');
    await fillUntil(h, u, 'nomineeBirthYear');
    const skip = h.findButton('Bỏ qua', u.id);
    const press = h.press(u, skip.data, skip.messageId);
    await h.send(press);
    expect((await draftOf(h, u))?.stepId).toBe('nomineeRole');
    await h.send(press);
    expect((await draftOf(h, u))?.stepId).toBe('nomineeRole');
  });
});

describe('a failure while handling a queued update', () => {
  it('that passes (the database restarting) is thrown back to the queue, unanswered; a bug is answered politely', async () => {
    const u = h.user(89_000_003, 'vi');
    await h.say(u, '/start');
    const handler = queuedTelegramHandler(h.bot);
    const conversation = h.app.conversation;
    const original = conversation.respond.bind(conversation);
    try {
      conversation.respond = async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      };
      const mark = h.mark();
      await expect(handler(h.text(u, 'xin chào'))).rejects.toThrow();
      expect(h.textsSince(mark, u.id)).toEqual([]);

      conversation.respond = async () => {
        throw new Error('a bug');
      };
      await handler(h.text(u, 'xin chào'));
      expect(h.lastText(u.id)).toMatch(/^Xin lỗi, hệ thống đang gặp sự cố/);
    } finally {
      conversation.respond = original;
    }
  });

  it('Telegram still failing to take the answer after its retries does not make the update run again (it would do it twice)', async () => {
    const u = h.user(89_000_004, 'vi');
    await fillUntil(h, u, 'nomineeName');
    h.failNext('sendMessage', 'Bad Gateway', 502);
    await queuedTelegramHandler(h.bot)(h.text(u, 'Nguyễn Văn Bình')); // resolves: not handed back for a retry
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'unit', answers: { nomineeName: 'Nguyễn Văn Bình' } });
  });
});
