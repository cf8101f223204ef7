/**
 * The Zalo channel in process, against the fake Zalo Bot API on 127.0.0.1 and a real PostgreSQL:
 * a resident nominates by typing numbers, labels and words; the photo is copied at once; the same
 * form rules as on Telegram; a repeated update is handled once; the bot's own echoes are ignored;
 * stickers and documents get an explanation; long replies are split; a 429 is retried; the
 * webhook checks its secret; and a reminder reaches a head on Zalo, whose "1" opens the list.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.js';
import { ZaloApi, ZALO } from '../../src/channels/zalo/api.js';
import { ZaloBot } from '../../src/channels/zalo/bot.js';
import { startZaloPolling, type ZaloPolling } from '../../src/channels/zalo/polling.js';
import { ZaloSender } from '../../src/channels/zalo/sender.js';
import { zaloWebhookRoute } from '../../src/channels/zalo/webhook.js';
import { sameSecret, startHttpServer } from '../../src/infra/http-server.js';
import { ChoiceMemory } from '../../src/infra/repositories/choice-memory.js';
import { ProcessedUpdates } from '../../src/infra/repositories/processed-updates.js';
import { createTestApp } from '../support/db.js';
import { FakeZaloApi } from '../support/fake-zalo-api.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
let fake: FakeZaloApi;
let polling: ZaloPolling;
let bot: ZaloBot;

const DESCRIPTION = 'Sáng 19/11, bác Sơn nhặt được chiếc ví có 2.500.000 đồng và giấy tờ ở cổng chợ, đã mang đến Công an phường trả lại người mất.';
const photoBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('ảnh chụp giấy biên nhận '.repeat(40))]);

beforeAll(async () => {
  t = await createTestApp();
  fake = await FakeZaloApi.start();
  const api = new ZaloApi(fake.token, { apiRoot: fake.url });
  const choices = new ChoiceMemory(t.db);
  t.app.evidence.register(ZALO, async (file) => {
    const response = await fetch(file.fileId);
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    return response.body;
  });
  t.app.outboxSender.register(ZALO, new ZaloSender(api, t.app.translator, choices));
  bot = new ZaloBot(t.app, api, new ProcessedUpdates(t.db), choices, silentLogger, { botId: fake.botId, wardPhone: '024 3838 1234', retry: { attempts: 3, firstDelayMs: 50 } });
  polling = startZaloPolling(api, (update) => bot.handleUpdate(update), silentLogger, { waitSeconds: 1 });
}, 60_000);

afterAll(async () => {
  await polling?.stop();
  await fake?.stop();
  await t?.close();
});

/** A person chatting with the bot on Zalo: types, waits for the answer. */
function chat(id: string) {
  const user = { id, name: 'Người dùng thử' };
  return {
    user,
    async say(text: string, expected: string | RegExp) {
      const mark = fake.calls.length;
      fake.sendText(user, text);
      return (await fake.waitForMessage(id, expected, 10_000, mark)).text;
    },
    async photo(bytes: Buffer, expected: string | RegExp) {
      const mark = fake.calls.length;
      fake.sendPhoto(user, bytes);
      return (await fake.waitForMessage(id, expected, 10_000, mark)).text;
    },
    texts: () => fake.sent(id).map((message) => message.text),
  };
}

describe('a resident nominates on Zalo, typing', () => {
  it('numbers, labels with or without accents, words; the photo is kept; a code comes back', async () => {
    const lan = chat('zu-1001');
    const menu = await lan.say('xin chào', 'Gõ số từ 1 đến');
    expect(menu).toContain('1. Đề xuất người tốt, việc tốt');
    await lan.say('1', 'đồng ý với việc xử lý dữ liệu');
    await lan.say('đồng ý', 'cá nhân, tập thể hay hộ gia đình');
    await lan.say('ca nhan', 'họ và tên người được đề xuất');
    await lan.say('nguyễn văn sơn', 'thuộc phường, tổ dân phố hay đơn vị nào');
    await lan.say('xuan phuong', 'đơn vị phù hợp');
    await lan.say('to dan pho so 1 phuong xuan phuong', 'sinh năm nào');
    expect(lan.texts().at(-1)).toContain('gõ "Bỏ qua"');
    await lan.say('bỏ qua', 'làm nghề gì');
    await lan.say('bo qua', 'thuộc lĩnh vực nào');
    await lan.say('1', 'diễn ra vào ngày nào');
    await lan.say('31/02/2026', 'không có trên lịch');
    await lan.say('hom qua', 'diễn ra ở đâu');
    await lan.say('khong co', 'kể lại việc làm tốt');
    await lan.say(DESCRIPTION, 'minh chứng');
    const received = await lan.photo(photoBytes, 'Đã nhận ảnh thứ 1');
    expect(received).toContain('gõ "Xong"');
    await lan.say('xong', 'họ và tên của Quý vị');
    await lan.say('trần thị lan', 'số điện thoại');
    await lan.say('0912 345', /số điện thoại/i);
    await lan.say('0912 345 678', 'quan hệ thế nào');
    await lan.say('hang xom', 'trung thực');
    await lan.say('tôi xin cam đoan', 'kiểm tra lại đề xuất');
    const done = await lan.say('gui de xuat', /NTV-\d{4}-\d{5}/);
    const code = /NTV-\d{4}-\d{5}/.exec(done)![0];

    const nomination = await t.db.nomination.findUniqueOrThrow({ where: { code }, include: { evidence: true, user: true } });
    expect(nomination).toMatchObject({ nomineeName: 'Nguyễn Văn Sơn', nomineeKind: 'individual', deedCategory: 'lost-property', description: DESCRIPTION, nominatorName: 'Trần Thị Lan', nominatorPhone: '+84912345678', nominatorRelation: 'neighbour' });
    expect(nomination.user).toMatchObject({ channel: 'zalo', externalId: 'zu-1001' });
    expect(nomination.evidence).toHaveLength(1);
    const [evidence] = nomination.evidence;
    expect(evidence).toMatchObject({ kind: 'photo', channel: 'zalo', sha256: createHash('sha256').update(photoBytes).digest('hex') });
    // Our own copy: the photo's URL may expire, the stored bytes stay.
    expect(await readFile(t.app.evidence.pathOf(evidence!.storageKey!))).toEqual(photoBytes);
    // Every message fitted Zalo's 2,000 characters (the fake refuses longer ones).
    expect(fake.calls.filter((call) => call.method === 'sendMessage' && call.status !== 200)).toEqual([]);
  }, 60_000);

  it('the same rules as on Telegram: a wrong answer gets the same explanation and keeps what was typed', async () => {
    const hoa = chat('zu-1002');
    await hoa.say('decu', 'đồng ý với việc xử lý dữ liệu');
    await hoa.say('1', 'cá nhân, tập thể hay hộ gia đình');
    await hoa.say('1', 'họ và tên người được đề xuất');
    const refused = await hoa.say('An', /đầy đủ họ và tên/);
    expect(refused).toContain(t.app.translator.tr('vi', 'name-full-please'));
    await hoa.say('Đỗ Thị Cúc', 'thuộc phường, tổ dân phố hay đơn vị nào');
    const draft = await t.db.draft.findFirstOrThrow({ where: { user: { externalId: 'zu-1002' } } });
    expect((draft.state as { answers: Record<string, unknown> }).answers.nomineeName).toBe('Đỗ Thị Cúc');
    await hoa.say('huy', 'có chắc muốn hủy');
    await hoa.say('1', 'Đã hủy đề xuất');
  }, 30_000);

  it('numbers the choices of one reply continuously: the menu 1–4, then the resume offer 5–6', async () => {
    const tu = chat('zu-1004');
    await tu.say('decu', 'đồng ý với việc xử lý dữ liệu');
    await tu.say('dong y', 'cá nhân, tập thể hay hộ gia đình');
    const mark = fake.calls.length;
    fake.sendText(tu.user, 'menu');
    const offer = await fake.waitForMessage('zu-1004', 'Gõ số từ 5 đến 6', 10_000, mark);
    expect(offer.text).toContain('5. Làm tiếp');
    await tu.say('5', 'cá nhân, tập thể hay hộ gia đình');
  });

  it('answers a number beyond the list with the numbers it can take', async () => {
    const minh = chat('zu-1003');
    await minh.say('menu', 'Gõ số từ 1 đến');
    expect(await minh.say('9', 'Chỉ có các lựa chọn từ 1 đến')).toMatch(/từ 1 đến \d+/);
  });
});

describe('what Zalo delivers', () => {
  it('a repeated update is handled once; the bot\'s own echo is ignored', async () => {
    const an = chat('zu-2001');
    await an.say('menu', 'Gõ số từ 1 đến');
    const before = fake.sent('zu-2001').length;
    fake.redeliver(fake.lastUpdate!);
    fake.deliver({ id: 'zu-2001' }, 'message.text.received', { text: 'menu' }, { id: fake.botId });
    await an.say('cuatoi', /đề xuất|Quý vị chưa/);
    // Only the answer to "cuatoi" came: nothing for the repeat or the echo.
    expect(fake.sent('zu-2001').length).toBe(before + 1);
  });

  it('a sticker or a document gets a polite explanation with the ward\'s phone, and the draft is untouched', async () => {
    const binh = chat('zu-2002');
    let mark = fake.calls.length;
    fake.sendSticker(binh.user);
    expect((await fake.waitForMessage('zu-2002', 'nhãn dán', 10_000, mark)).text).toContain('024 3838 1234');
    mark = fake.calls.length;
    fake.sendUnsupported(binh.user);
    expect((await fake.waitForMessage('zu-2002', 'chụp ảnh từng trang', 10_000, mark)).text).toContain('024 3838 1234');
  });

  it('a reply refused with 429 "Quota exceeded" is sent again after a pause', async () => {
    const chi = chat('zu-2003');
    fake.failNext('sendMessage', 429);
    await chi.say('menu', 'Gõ số từ 1 đến');
    expect(fake.calls.filter((call) => call.method === 'sendMessage' && call.status === 429)).toHaveLength(1);
  });

  it('a summary longer than 2,000 characters arrives in parts, each within the limit', async () => {
    const dung = chat('zu-2004');
    await dung.say('decu', 'đồng ý');
    await dung.say('dong y', 'cá nhân');
    await dung.say('1', 'họ và tên');
    await dung.say('Phan Văn Dũng', 'đơn vị nào');
    await dung.say('tay mo', 'đơn vị phù hợp');
    await dung.say('1', 'sinh năm nào');
    await dung.say('bo qua', 'nghề gì');
    await dung.say('bo qua', 'lĩnh vực');
    await dung.say('2', 'ngày nào');
    await dung.say('hom nay', 'ở đâu');
    await dung.say('bo qua', 'kể lại');
    const long = `Anh Dũng đã lao xuống sông cứu hai em nhỏ bị đuối nước. ${'Sự việc được nhiều người chứng kiến và chính quyền ghi nhận. '.repeat(30)}`.slice(0, 1990);
    await dung.say(long, 'minh chứng');
    await dung.say('khong co', 'họ và tên của Quý vị');
    await dung.say('Phan Thị Hà', 'số điện thoại');
    await dung.say('0987654321', 'quan hệ');
    await dung.say('1', 'trung thực');
    const mark = fake.calls.length;
    fake.sendText(dung.user, 'tôi xin cam đoan');
    await fake.waitForMessage('zu-2004', 'Gõ số từ 1 đến', 10_000, mark);
    const parts = fake.sent('zu-2004').filter((message) => message.index >= mark);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect([...part.text].length).toBeLessThanOrEqual(2000);
    expect(parts.map((part) => part.text).join('\n')).toContain(long.trim().slice(-40));
  }, 60_000);
});

describe('the webhook', () => {
  it('refuses a missing or wrong secret with 401, handles the right one once even when Zalo retries', async () => {
    const updates: string[] = [];
    const route = zaloWebhookRoute({ path: '/zalo/hook', secret: 'secret-of-the-ward-bot_2026', accept: async (update) => void updates.push(String(update.message?.message_id)), log: silentLogger });
    const hook = await startHttpServer({ port: 0, host: '127.0.0.1', routes: [route], log: silentLogger });
    try {
      const url = `http://127.0.0.1:${hook.port}/zalo/hook`;
      const body = JSON.stringify({ event_name: 'message.text.received', message: { message_id: 'w1', from: { id: 'zu-3001' }, chat: { id: 'zu-3001', chat_type: 'PRIVATE' }, text: 'menu' } });
      const post = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect((await post({})).status).toBe(401);
      expect((await post({ 'x-bot-api-secret-token': 'sai' })).status).toBe(401);
      expect((await post({ 'x-bot-api-secret-token': 'secret-of-the-ward-bot_2026' })).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${hook.port}/other`, { method: 'POST', body })).status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(updates).toEqual(['w1']);
      // A body wrapped like an API answer is read too; an empty or foreign one is refused with 400.
      const wrapped = JSON.stringify({ ok: true, result: { event_name: 'message.text.received', message: { message_id: 'w2', from: { id: 'zu-3001' }, chat: { id: 'zu-3001' }, text: 'menu' } } });
      const postBody = (text: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': 'secret-of-the-ward-bot_2026' }, body: text });
      expect((await postBody(wrapped)).status).toBe(200);
      expect((await postBody('null')).status).toBe(400);
      expect((await postBody('[1,2]')).status).toBe(400);
      expect((await postBody('{"event_name":')).status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(updates).toEqual(['w1', 'w2']);
      expect(sameSecret('abc', 'abc')).toBe(true);
      expect(sameSecret('abcd', 'abc')).toBe(false);
      expect(sameSecret(undefined, 'abc')).toBe(false);
    } finally {
      await hook.close();
    }
  });
});

describe('reminders on Zalo', () => {
  it('a head on Zalo is reminded through the outbox; typing "1" opens the unit\'s proposal list', async () => {
    const head = chat('zu-4001');
    await head.say('menu', 'Gõ số');
    const person = await t.db.user.findUniqueOrThrow({ where: { channel_externalId: { channel: 'zalo', externalId: 'zu-4001' } } });
    const ward = await t.db.unit.findUniqueOrThrow({ where: { code: 'HN-DAI-MO' } });
    await t.app.roles.grant(person.id, 'head', ward.id, new Date('2026-01-01T00:00:00Z'));
    const today = new Date().toISOString().slice(0, 10);
    await t.app.campaigns.create({ code: 'ZL-1', name: 'Chuyên đề hiến đất mở đường', kind: 'thematic', opensOn: '2020-01-01', closesOn: '2099-12-31', deadline: today, reminderDays: [0], reminderTime: '00:00', workingDaysOnly: false, unitIds: [ward.id] });
    // Planned at a daytime moment of today (Vietnam), sent by the outbox over Zalo.
    const noon = new Date(`${today}T05:00:00Z`);
    await t.app.reminders.tick(noon);
    await t.app.outboxSender.drain();
    const reminder = await fake.waitForMessage('zu-4001', 'Nhắc hạn', 10_000);
    expect(reminder.text).toContain('Chuyên đề hiến đất mở đường');
    expect(reminder.text).toContain('1. Lập danh sách đề nghị');
    expect(reminder.text).not.toContain('bấm');
    await head.say('1', 'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
  }, 30_000);
});
