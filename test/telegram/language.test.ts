/**
 * Language: the Telegram client's language is a suggestion (English for "en…", Vietnamese
 * otherwise); a language chosen with /ngonngu is stored and wins.
 */
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

const VI_MENU = ['Đề xuất người tốt, việc tốt', 'Đề xuất của tôi', 'Hướng dẫn', 'Ngôn ngữ / Language'];
const EN_MENU = ['Nominate a good deed', 'My nominations', 'Guide', 'Ngôn ngữ / Language'];
const localeOf = async (user: { id: number }) => (await h.db.user.findUniqueOrThrow({ where: { id: await userIdOf(h, user) } })).locale;

describe('language', () => {
  it('greets a Telegram user whose app is in English in English', async () => {
    const u = h.user(89_000_001, 'en');
    const [reply] = await h.say(u, '/start');
    expect(reply!.payload.text).toMatch(/^Hello! This is the ward People's Committee \(UBND phường\) channel/);
    expect(h.buttonsOf(reply).map(([label]) => label)).toEqual(EN_MENU);
    expect(await localeOf(u)).toBeNull(); // only a suggestion until chosen

    const gb = h.user(89_000_002, 'en-GB');
    expect((await h.say(gb, '/start'))[0]!.payload.text).toMatch(/^Hello!/);
  });

  it('greets everyone else in Vietnamese', async () => {
    for (const [id, code] of [[89_000_003, 'vi'], [89_000_004, 'fr'], [89_000_005, undefined]] as const) {
      const [reply] = await h.say(h.user(id, code), '/start');
      expect(reply!.payload.text).toMatch(/^Xin chào!/);
      expect(h.buttonsOf(reply).map(([label]) => label)).toEqual(VI_MENU);
    }
  });

  it('/ngonngu → "Tiếng Việt" switches an English user to Vietnamese, and the choice is stored', async () => {
    const u = h.user(89_000_006, 'en');
    await h.say(u, '/start');
    await h.say(u, '/ngonngu');
    expect(h.lastText(u.id)).toBe('Xin chọn ngôn ngữ / Please choose a language:');
    expect(h.buttonsNow(u.id)).toEqual(['Tiếng Việt', 'English']);

    const replies = await h.tap(u, 'Tiếng Việt');
    const sent = h.sentSince(replies[0]!.index, u.id);
    expect(sent.map((call) => call.payload.text)).toEqual(['Đã chuyển sang tiếng Việt.']);
    expect(h.buttonsOf(sent[0]).map(([label]) => label)).toEqual(VI_MENU);
    expect(await localeOf(u)).toBe('vi');

    // Telegram still says "en", but the stored choice wins.
    const [again] = await h.say(u, '/start');
    expect(again!.payload.text).toMatch(/^Xin chào!/);
  });

  it('"Ngôn ngữ / Language" → "English" switches a Vietnamese user; the form and the consent record follow', async () => {
    const u = h.user(89_000_007, 'vi');
    await h.say(u, '/start');
    await h.tap(u, 'Ngôn ngữ / Language');
    await h.tap(u, 'English');
    expect(h.lastText(u.id)).toBe('Switched to English.');
    expect(h.buttonsNow(u.id)).toEqual(EN_MENU);
    expect(await localeOf(u)).toBe('en');

    await h.tap(u, 'Nominate a good deed');
    expect(h.lastText(u.id)).toMatch(/^Before you start, please read the following/);
    await h.tap(u, 'Agree');
    expect(h.lastText(u.id)).toBe('Would you like to nominate an individual, a group or a household?');
    expect(h.buttonsNow(u.id)).toEqual(['Individual', 'Group', 'Household']);
    const consent = await h.db.consent.findFirstOrThrow({ where: { userId: await userIdOf(h, u) } });
    expect(consent.locale).toBe('en');
  });

  it('switching language in the middle of the form keeps the answers, and the next question comes in the new language', async () => {
    const u = h.user(89_000_008, 'vi');
    await fillUntil(h, u, 'deedDate');
    await h.say(u, '/ngonngu');
    await h.tap(u, 'English');
    await h.say(u, 'yesterday');
    expect(h.lastText(u.id)).toMatch(/^Where did the good deed take place\?/);
    expect(h.buttonsNow(u.id)).toEqual(['Skip']);
    expect(await draftOf(h, u)).toMatchObject({ stepId: 'deedPlace', answers: { nomineeName: 'Nguyễn Văn An', deedDate: '2026-05-19' } });
  });
});
