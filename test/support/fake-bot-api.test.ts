import { describe, it, expect, afterEach } from 'vitest';
import { FakeBotApi, parseMultipart, type FakeUser } from './fake-bot-api.js';

const alice: FakeUser = { id: 111_001, first_name: 'Alice', language_code: 'vi', username: 'alice' };
const bob: FakeUser = { id: 111_002, first_name: 'Bob' };

interface ApiResponse<T = unknown> {
  ok: boolean;
  result: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

type AnyJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let fakes: FakeBotApi[] = [];
async function startFake(opts?: Parameters<typeof FakeBotApi.start>[0]): Promise<FakeBotApi> {
  const fake = await FakeBotApi.start(opts);
  fakes.push(fake);
  return fake;
}
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.stop()));
  fakes = [];
});

async function call<T = AnyJson>(
  fake: FakeBotApi,
  method: string,
  payload?: Record<string, unknown>,
  token = fake.token,
): Promise<{ status: number; body: ApiResponse<T> }> {
  const res = await fetch(`${fake.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload ?? {}),
  });
  return { status: res.status, body: (await res.json()) as ApiResponse<T> };
}

/** 3x2 PNG (header is enough for dimension sniffing). */
function tinyPng(): Buffer {
  const b = Buffer.alloc(40);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(3, 16);
  b.writeUInt32BE(2, 20);
  return b;
}

describe('FakeBotApi', () => {
  it('answers getMe (GET and POST) and rejects a wrong token / unknown method', async () => {
    const fake = await startFake({ botUsername: 'my_test_bot' });
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const get = await fetch(`${fake.url}/bot${fake.token}/getMe`);
    const me = (await get.json()) as ApiResponse<AnyJson>;
    expect(get.status).toBe(200);
    expect(me.ok).toBe(true);
    expect(me.result).toMatchObject({ is_bot: true, username: 'my_test_bot', can_join_groups: true });
    expect(me.result.id).toBe(Number(fake.token.split(':')[0]));

    const post = await call(fake, 'getMe');
    expect(post.body.result.username).toBe('my_test_bot');

    const bad = await call(fake, 'getMe', {}, '123:wrong');
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });

    const unknown = await call(fake, 'doSomethingWeird');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ ok: false, error_code: 404, description: 'Not Found' });

    expect(fake.calls.map((c) => c.method)).toEqual(['getMe', 'getMe', 'doSomethingWeird']);
  });

  it('uses the default username and a custom token', async () => {
    const fake = await startFake({ token: '12345:abc' });
    const { body } = await call(fake, 'getMe');
    expect(body.result).toMatchObject({ id: 12345, username: 'test_ntvt_bot' });
  });

  it('long-polls getUpdates, returns promptly on injection and confirms by offset', async () => {
    const fake = await startFake();
    const started = Date.now();
    const poll = call<AnyJson[]>(fake, 'getUpdates', { timeout: 5 });
    await fake.waitForPolling(2000);
    const updateId = fake.sendText(alice, '/start ref_42');
    const { body } = await poll;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(body.ok).toBe(true);
    expect(body.result).toHaveLength(1);
    const u = body.result[0] as AnyJson;
    expect(u.update_id).toBe(updateId);
    expect(u.message).toMatchObject({
      text: '/start ref_42',
      chat: { id: alice.id, type: 'private', first_name: 'Alice' },
      from: { id: alice.id, is_bot: false, language_code: 'vi', username: 'alice' },
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    });
    expect(typeof u.message.date).toBe('number');

    // Not confirmed yet: delivered again.
    const again = await call<AnyJson[]>(fake, 'getUpdates', { timeout: 0 });
    expect(again.body.result.map((x) => x.update_id)).toEqual([updateId]);

    const second = fake.sendText(alice, 'hello');
    expect(second).toBe(updateId + 1);
    const next = await call<AnyJson[]>(fake, 'getUpdates', { offset: updateId + 1, timeout: 0 });
    expect(next.body.result.map((x) => x.update_id)).toEqual([second]);
    expect(next.body.result[0]?.message.entities).toBeUndefined();
    expect(next.body.result[0]?.message.message_id).toBe((u.message.message_id as number) + 1);

    const empty = await call<AnyJson[]>(fake, 'getUpdates', { offset: second + 1, timeout: 0 });
    expect(empty.body.result).toEqual([]);
    expect(fake.pendingUpdateCount).toBe(0);
  });

  it('times out an idle long poll with an empty result and honours limit', async () => {
    const fake = await startFake();
    const t0 = Date.now();
    const idle = await call<AnyJson[]>(fake, 'getUpdates', { timeout: 1 });
    expect(idle.body.result).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);

    fake.sendText(alice, 'a');
    fake.sendText(alice, 'b');
    fake.sendText(alice, 'c');
    const limited = await call<AnyJson[]>(fake, 'getUpdates', { limit: 2 });
    expect(limited.body.result.map((u) => u.message.text)).toEqual(['a', 'b']);
    const last = await call<AnyJson[]>(fake, 'getUpdates', { offset: -1 });
    expect(last.body.result.map((u) => u.message.text)).toEqual(['c']);
  });

  it('answers a concurrent getUpdates with 409 Conflict', async () => {
    const fake = await startFake();
    const first = call<AnyJson[]>(fake, 'getUpdates', { timeout: 5 });
    await fake.waitForPolling(2000);
    const second = await call(fake, 'getUpdates', { timeout: 5 });
    expect(second.status).toBe(409);
    expect(second.body.ok).toBe(false);
    expect(second.body.error_code).toBe(409);
    expect(second.body.description).toMatch(/^Conflict: terminated by other getUpdates request/);
    fake.sendText(bob, 'wake up');
    const r = await first;
    expect(r.body.result).toHaveLength(1);
    expect(fake.stats.conflicts).toBe(1);
  });

  it('releases the poll slot when the client aborts (as grammY does on bot.stop())', async () => {
    const fake = await startFake();
    const ac = new AbortController();
    const aborted = fetch(`${fake.url}/bot${fake.token}/getUpdates?timeout=30`, { signal: ac.signal }).catch(
      (e: unknown) => e,
    );
    await fake.waitForPolling(2000);
    ac.abort();
    await aborted;
    const final = await call<AnyJson[]>(fake, 'getUpdates', { offset: 1, limit: 1 });
    expect(final.status).toBe(200);
    expect(final.body.result).toEqual([]);
  });

  it('stop() answers a pending long poll with an empty result right away', async () => {
    const fake = await startFake();
    const poll = call<AnyJson[]>(fake, 'getUpdates', { timeout: 30 });
    await fake.waitForPolling(2000);
    const t0 = Date.now();
    await fake.stop();
    const r = await poll;
    expect(r.body).toEqual({ ok: true, result: [] });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('records sendMessage, returns a realistic Message and resolves waitForMessage', async () => {
    const fake = await startFake();
    fake.sendText(alice, '/start');
    const mark = fake.mark();
    const waiting = fake.waitForMessage(alice.id, (text) => text.includes('Xin chào'), 3000, { after: mark });

    const keyboard = { inline_keyboard: [[{ text: 'Tìm việc', callback_data: 'jobs:list' }]] };
    const first = await call(fake, 'sendMessage', {
      chat_id: alice.id,
      text: '<b>Xin chào</b> Alice &amp; co',
      parse_mode: 'HTML',
      reply_markup: keyboard,
    });
    expect(first.body.ok).toBe(true);
    expect(first.body.result).toMatchObject({
      message_id: 2, // the user's /start was message 1 in this chat
      chat: { id: alice.id, type: 'private' },
      from: { is_bot: true, username: 'test_ntvt_bot' },
      text: 'Xin chào Alice & co',
      reply_markup: keyboard,
    });

    const sent = await waiting;
    expect(sent).toMatchObject({
      chatId: alice.id,
      messageId: 2,
      text: '<b>Xin chào</b> Alice &amp; co',
      method: 'sendMessage',
      replyMarkup: keyboard,
    });

    // Form-encoded body (string values are coerced).
    const form = await fetch(`${fake.url}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: String(bob.id),
        text: 'Chào Bob',
        reply_markup: JSON.stringify({ keyboard: [[{ text: 'Share', request_contact: true }]], resize_keyboard: true }),
      }),
    });
    const formBody = (await form.json()) as ApiResponse<AnyJson>;
    expect(formBody.result.message_id).toBe(1);
    expect(formBody.result.reply_markup).toBeUndefined(); // Telegram only echoes inline keyboards

    expect(fake.sentMessages().map((m) => [m.chatId, m.text])).toEqual([
      [alice.id, '<b>Xin chào</b> Alice &amp; co'],
      [bob.id, 'Chào Bob'],
    ]);
    expect(fake.sentMessages(bob.id)[0]?.replyMarkup).toMatchObject({ resize_keyboard: true });
    expect(fake.nextMessagesAfter(mark, bob.id)).toHaveLength(1);

    // Edit: recorded, and "not modified" when nothing changes.
    const edit = await call(fake, 'editMessageText', { chat_id: alice.id, message_id: 2, text: 'Đã cập nhật' });
    expect(edit.body.result).toMatchObject({ message_id: 2, text: 'Đã cập nhật' });
    expect(edit.body.result.reply_markup).toBeUndefined();
    expect(fake.lastMessage(alice.id)).toMatchObject({ method: 'editMessageText', text: 'Đã cập nhật' });
    const same = await call(fake, 'editMessageText', { chat_id: alice.id, message_id: 2, text: 'Đã cập nhật' });
    expect(same.status).toBe(400);
    expect(same.body.description).toMatch(/^Bad Request: message is not modified/);
    const missing = await call(fake, 'editMessageText', { chat_id: alice.id, message_id: 99, text: 'x' });
    expect(missing.body.description).toBe('Bad Request: message to edit not found');
  });

  it('waitFor sees past calls and rejects with a helpful list on timeout', async () => {
    const fake = await startFake();
    await call(fake, 'sendMessage', { chat_id: alice.id, text: 'one' });
    const past = await fake.waitFor((c) => c.method === 'sendMessage', 100);
    expect(past.payload.text).toBe('one');
    await expect(fake.waitForMessage(alice.id, (t) => t === 'never', 150)).rejects.toThrow(
      /timed out after 150ms[\s\S]*#0 sendMessage .*"one"/,
    );
  });

  it('validates HTML, text length and callback_data like Telegram', async () => {
    const fake = await startFake();
    const html = await call(fake, 'sendMessage', { chat_id: alice.id, text: '<b>oops', parse_mode: 'HTML' });
    expect(html.status).toBe(400);
    expect(html.body.description).toMatch(/^Bad Request: can't parse entities/);
    const long = await call(fake, 'sendMessage', { chat_id: alice.id, text: 'x'.repeat(4097) });
    expect(long.body.description).toBe('Bad Request: message is too long');
    const data = await call(fake, 'sendMessage', {
      chat_id: alice.id,
      text: 'hi',
      reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'x'.repeat(65) }]] },
    });
    expect(data.body.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect(fake.sentMessages()).toEqual([]);
  });

  it('delivers button presses and accepts answerCallbackQuery once', async () => {
    const fake = await startFake();
    fake.sendText(alice, '/start');
    const sent = await call(fake, 'sendMessage', {
      chat_id: alice.id,
      text: 'Pick',
      reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'pick:yes' }]] },
    });
    const messageId = sent.body.result.message_id as number;
    const id = fake.pressButtonByText(alice, messageId, 'Yes');
    const { body } = await call<AnyJson[]>(fake, 'getUpdates', { offset: id });
    const cq = body.result[0]?.callback_query as AnyJson;
    expect(cq).toMatchObject({
      from: { id: alice.id },
      data: 'pick:yes',
      message: { message_id: messageId, text: 'Pick', chat: { id: alice.id } },
    });
    expect(typeof cq.chat_instance).toBe('string');
    expect((await call(fake, 'answerCallbackQuery', { callback_query_id: cq.id })).body.result).toBe(true);
    const twice = await call(fake, 'answerCallbackQuery', { callback_query_id: cq.id });
    expect(twice.status).toBe(400);
  });

  it('round-trips a user photo through getFile and the /file route', async () => {
    const fake = await startFake();
    const png = tinyPng();
    const updateId = fake.sendPhoto(alice, png, { caption: 'CV của tôi' });
    const { body } = await call<AnyJson[]>(fake, 'getUpdates', {});
    const msg = body.result.find((u) => u.update_id === updateId)?.message as AnyJson;
    expect(msg.caption).toBe('CV của tôi');
    expect(msg.photo).toHaveLength(2);
    const largest = msg.photo[1] as AnyJson;
    expect(largest).toMatchObject({ width: 3, height: 2, file_size: png.length });
    expect(typeof largest.file_id).toBe('string');
    expect(typeof largest.file_unique_id).toBe('string');

    const file = await call(fake, 'getFile', { file_id: largest.file_id });
    expect(file.body.result).toMatchObject({ file_id: largest.file_id, file_size: png.length });
    const path = file.body.result.file_path as string;
    expect(path).toMatch(/^photos\/file_\d+\.jpg$/);

    const dl = await fetch(`${fake.url}/file/bot${fake.token}/${path}`);
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(png)).toBe(true);

    expect((await fetch(`${fake.url}/file/bot${fake.token}/photos/nope.jpg`)).status).toBe(404);
    expect((await fetch(`${fake.url}/file/bot1:bad/${path}`)).status).toBe(401);
    const invalid = await call(fake, 'getFile', { file_id: 'nope' });
    expect(invalid.body.description).toBe('Bad Request: invalid file_id');

    // The bot can send the photo back by file_id.
    const resend = await call(fake, 'sendPhoto', { chat_id: bob.id, photo: largest.file_id, caption: 'fwd' });
    expect(resend.body.result.photo[1].file_id).toBe(largest.file_id);
  });

  it('injects documents and contacts', async () => {
    const fake = await startFake();
    const pdf = Buffer.from('%PDF-1.4 fake');
    fake.sendDocument(alice, pdf, 'cv.pdf', 'application/pdf');
    fake.sendContact(alice, '+84901234567');
    fake.sendContact(bob, '+84900000000', false);
    const { body } = await call<AnyJson[]>(fake, 'getUpdates', {});
    const [doc, own, other] = body.result.map((u) => u.message as AnyJson);
    expect(doc?.document).toMatchObject({ file_name: 'cv.pdf', mime_type: 'application/pdf', file_size: pdf.length });
    expect(own?.contact).toEqual({ phone_number: '+84901234567', first_name: 'Alice', user_id: alice.id });
    expect(other?.contact.user_id).toBeUndefined();
    const f = await call(fake, 'getFile', { file_id: doc?.document.file_id });
    const dl = await fetch(`${fake.url}/file/bot${fake.token}/${f.body.result.file_path as string}`);
    expect(Buffer.from(await dl.arrayBuffer()).toString()).toBe('%PDF-1.4 fake');

    const raw = fake.injectRawUpdate({ my_chat_member: { chat: { id: alice.id, type: 'private' } } });
    const rawUpdates = await call<AnyJson[]>(fake, 'getUpdates', { offset: raw });
    expect(rawUpdates.body.result).toEqual([{ update_id: raw, my_chat_member: { chat: { id: alice.id, type: 'private' } } }]);
  });

  it('parses grammY-style multipart sendDocument uploads', async () => {
    const fake = await startFake();
    const boundary = '----------abc123';
    const content = Buffer.from([0, 1, 2, 3, 254, 255, 13, 10, 45, 45]);
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n${alice.id}` +
          `\r\n--${boundary}\r\ncontent-disposition:form-data;name="caption"\r\n\r\nBáo cáo` +
          `\r\n--${boundary}\r\ncontent-disposition:form-data;name="reply_markup"\r\n\r\n` +
          JSON.stringify({ inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] }) +
          `\r\n--${boundary}\r\ncontent-disposition:form-data;name="document"\r\n\r\nattach://xyz` +
          `\r\n--${boundary}\r\ncontent-disposition:form-data;name="xyz";filename=report 2024.csv\r\n` +
          `content-type:application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${fake.url}/bot${fake.token}/sendDocument`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const json = (await res.json()) as ApiResponse<AnyJson>;
    expect(json.ok).toBe(true);
    expect(json.result).toMatchObject({
      chat: { id: alice.id },
      caption: 'Báo cáo',
      document: { file_name: 'report 2024.csv', mime_type: 'text/csv', file_size: content.length },
      reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok' }]] },
    });
    const rec = await fake.waitFor((c) => c.method === 'sendDocument', 1000);
    expect(rec.payload.chat_id).toBe(alice.id);
    expect(rec.files).toHaveLength(1);
    expect(rec.files[0]).toMatchObject({ field: 'xyz', attachedTo: 'document', fileName: 'report 2024.csv', size: 10 });
    expect(rec.files[0]?.data.equals(content)).toBe(true);
    expect(fake.sentMessages(alice.id)[0]).toMatchObject({ method: 'sendDocument', text: 'Báo cáo' });
    expect(fake.fileBytes(json.result.document.file_id as string)?.equals(content)).toBe(true);

    // A standard FormData upload (file directly under the field name) works too.
    const fd = new FormData();
    fd.append('chat_id', String(bob.id));
    fd.append('document', new Blob([Buffer.from('hello')]), 'hello "quoted".txt');
    const res2 = await fetch(`${fake.url}/bot${fake.token}/sendDocument`, { method: 'POST', body: fd });
    const json2 = (await res2.json()) as ApiResponse<AnyJson>;
    expect(json2.result.document).toMatchObject({ file_name: 'hello "quoted".txt', file_size: 5 });
  });

  it('parseMultipart handles quoted names and RFC 5987 file names', () => {
    const body = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n' +
        "--b\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''h%E1%BB%93%20s%C6%A1.pdf\r\n\r\nxy\r\n--b--\r\n",
    );
    const parts = parseMultipart(body, 'b');
    expect(parts.map((p) => [p.name, p.fileName, p.data.toString()])).toEqual([
      ['a', undefined, '1'],
      ['f', 'hồ sơ.pdf', 'xy'],
    ]);
  });

  it('sends a media group and records uploads', async () => {
    const fake = await startFake();
    const fd = new FormData();
    fd.append('chat_id', String(alice.id));
    fd.append(
      'media',
      JSON.stringify([
        { type: 'photo', media: 'attach://p1', caption: 'first' },
        { type: 'photo', media: 'attach://p2' },
      ]),
    );
    fd.append('p1', new Blob([new Uint8Array(tinyPng())]), 'a.png');
    fd.append('p2', new Blob([new Uint8Array(tinyPng())]), 'b.png');
    const res = await fetch(`${fake.url}/bot${fake.token}/sendMediaGroup`, { method: 'POST', body: fd });
    const json = (await res.json()) as ApiResponse<AnyJson[]>;
    expect(json.result).toHaveLength(2);
    expect(json.result[0]?.media_group_id).toBe(json.result[1]?.media_group_id);
    expect(json.result.map((m) => m.message_id)).toEqual([1, 2]);
    expect(json.result[0]?.caption).toBe('first');
    const rec = fake.calls.find((c) => c.method === 'sendMediaGroup');
    expect(rec?.files.map((f) => f.attachedTo)).toEqual(['media[0]', 'media[1]']);
  });

  it('failNext makes chosen calls fail with 429 retry_after / 403', async () => {
    const fake = await startFake();
    fake.failNext('sendMessage', { error_code: 429, retry_after: 7, chatId: alice.id, times: 2 });
    fake.failNext('sendmessage', { error_code: 403, chatId: bob.id });

    const other = await call(fake, 'sendMessage', { chat_id: 999, text: 'unaffected' });
    expect(other.body.ok).toBe(true);

    for (let i = 0; i < 2; i++) {
      const r = await call(fake, 'sendMessage', { chat_id: alice.id, text: 'hi' });
      expect(r.status).toBe(429);
      expect(r.body).toEqual({
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      });
    }
    expect((await call(fake, 'sendMessage', { chat_id: alice.id, text: 'hi' })).body.ok).toBe(true);

    const blocked = await call(fake, 'sendMessage', { chat_id: bob.id, text: 'hi' });
    expect(blocked.status).toBe(403);
    expect(blocked.body.description).toBe('Forbidden: bot was blocked by the user');
    expect((await call(fake, 'sendMessage', { chat_id: bob.id, text: 'hi' })).body.ok).toBe(true);

    expect(fake.stats.injectedFailures).toBe(3);
    expect(fake.stats.tooManyRequests).toBe(2);
    expect(fake.calls.filter((c) => !c.ok).map((c) => c.error?.error_code)).toEqual([429, 429, 403]);
    // Failed sends are not "sent messages".
    expect(fake.sentMessages().map((m) => m.chatId)).toEqual([999, alice.id, bob.id]);
  });

  it('applies the optional per-chat and global rate limits', async () => {
    const fake = await startFake({ rateLimit: { perSecondPerChat: 2, perSecondGlobal: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(fake, 'sendMessage', { chat_id: alice.id, text: `a${i}` })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await call(fake, 'sendMessage', { chat_id: bob.id, text: 'b0' })).status).toBe(200);
    const global = await call(fake, 'sendMessage', { chat_id: 555, text: 'c0' });
    expect(global.status).toBe(429);
    expect(global.body.parameters).toEqual({ retry_after: 1 });
    expect(fake.stats.tooManyRequests).toBe(2);
    // Non-send methods are not limited.
    expect((await call(fake, 'sendChatAction', { chat_id: alice.id, action: 'typing' })).status).toBe(200);
  });

  it('stores commands per scope and language, menu button and webhook state', async () => {
    const fake = await startFake();
    const cmds = [{ command: 'start', description: 'Bắt đầu' }];
    await call(fake, 'setMyCommands', { commands: cmds, language_code: 'vi' });
    await call(fake, 'setMyCommands', { commands: [{ command: 'help', description: 'Help' }], scope: { type: 'all_private_chats' } });
    expect((await call(fake, 'getMyCommands', { language_code: 'vi' })).body.result).toEqual(cmds);
    expect((await call(fake, 'getMyCommands', {})).body.result).toEqual([]);
    expect(fake.getCommands({ type: 'all_private_chats' })).toEqual([{ command: 'help', description: 'Help' }]);
    const bad = await call(fake, 'setMyCommands', { commands: [{ command: 'Bad Cmd', description: 'x' }] });
    expect(bad.status).toBe(400);

    await call(fake, 'setChatMenuButton', { menu_button: { type: 'commands' } });
    expect(fake.getMenuButton()).toEqual({ type: 'commands' });

    expect((await call(fake, 'setWebhook', { url: 'https://example.com/hook' })).body.ok).toBe(true);
    expect((await call(fake, 'getWebhookInfo')).body.result.url).toBe('https://example.com/hook');
    expect((await call(fake, 'getUpdates')).status).toBe(409);
    expect((await call(fake, 'deleteWebhook', { drop_pending_updates: true })).body.ok).toBe(true);
    expect((await call(fake, 'getWebhookInfo')).body.result).toMatchObject({ url: '', pending_update_count: 0 });
  });
});
