/**
 * Bot-level test harness: the real grammY bot from createBot, fed realistic Updates with
 * `bot.handleUpdate`, talking to an in-memory Bot API installed as an API transformer (grammY's
 * recommended testing style: `botInfo` given so no getMe happens, and no call ever reaches the
 * network). The fake keeps every chat's messages, so button presses carry the message they were
 * pressed on, edits replace text and keyboards as Telegram does, and the usual Telegram errors
 * ("message is not modified", over-long texts or callback data) come back as errors.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Bot } from 'grammy';
import type { InlineKeyboardMarkup, Message, Update, User, UserFromGetMe } from 'grammy/types';
import { silentLogger } from '../../src/app/logger.js';
import { createBot, TELEGRAM, type BotContext } from '../../src/channels/telegram/bot.js';
import { compose, type App } from '../../src/compose.js';
import { ProcessedUpdates } from '../../src/infra/repositories/processed-updates.js';
import { createTestApp, strictTranslator } from '../support/db.js';

export const BOT_TOKEN = '7000000001:AAFakeTokenUsedOnlyInTests_0123456789';
export const BOT_INFO: UserFromGetMe = {
  id: 7000000001,
  is_bot: true,
  first_name: 'Người tốt, việc tốt',
  username: 'nguoitot_viectot_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** 10:00 on 20/05/2026 in Hanoi. */
export const DEFAULT_NOW = new Date('2026-05-20T03:00:00Z');

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Payload = Record<string, any>;

/** One Bot API call the bot made. */
export interface ApiCall {
  index: number;
  method: string;
  payload: Payload;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** A message as it stands now in a chat (after edits). */
interface StoredMessage {
  message_id: number;
  chatId: number;
  fromBot: boolean;
  date: number;
  text?: string;
  reply_markup?: InlineKeyboardMarkup;
  /** Order of the last send or edit, to find "the last message with a keyboard". */
  touched: number;
}

/** The bytes the fake downloader serves for a file. */
export const fileContent = (fileUniqueId: string) => Buffer.from(`evidence bytes of ${fileUniqueId}\n`, 'utf8');
export const sha256Of = (fileUniqueId: string) => createHash('sha256').update(fileContent(fileUniqueId)).digest('hex');

const TEXT_METHODS = new Set(['sendMessage', 'editMessageText']);

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export async function createHarness(options: { now?: Date; env?: Record<string, string>; queued?: boolean } = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ntvt-telegram-'));
  const testApp = await createTestApp({ DATA_DIR: dataDir, ...options.env });
  const db = testApp.db;
  const clock = { now: new Date(options.now ?? DEFAULT_NOW) };
  const calls: ApiCall[] = [];
  const chats = new Map<number, Map<number, StoredMessage>>();
  const lastMessageId = new Map<number, number>();
  const files = new Map<string, string>(); // file_id → file_unique_id
  const replyKeyboards = new Map<number, string[]>(); // the custom keyboard shown under a chat's input field
  const failures: { method: string; error_code: number; description: string }[] = [];
  let updateId = 400_000_000;
  let touch = 0;
  let fileCounter = 0;
  let callbackCounter = 0;

  const seconds = () => Math.floor(clock.now.getTime() / 1000);
  const chatOf = (chatId: number) => {
    let chat = chats.get(chatId);
    if (!chat) chats.set(chatId, (chat = new Map()));
    return chat;
  };
  const nextMessageId = (chatId: number) => {
    const id = (lastMessageId.get(chatId) ?? 0) + 1;
    lastMessageId.set(chatId, id);
    return id;
  };
  const privateChat = (user: User) => ({ id: user.id, type: 'private' as const, first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}), ...(user.username ? { username: user.username } : {}) });
  const botUser: User = { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username };
  const asTelegramMessage = (stored: StoredMessage): Message => ({
    message_id: stored.message_id,
    from: botUser,
    chat: { id: stored.chatId, type: 'private', first_name: 'Chat' },
    date: stored.date,
    text: stored.text ?? '',
    ...(stored.reply_markup ? { reply_markup: stored.reply_markup } : {}),
  }) as Message;

  /** Telegram's own checks on what the bot sends; a failure is a bug in the bot. */
  function validate(payload: Payload): string | undefined {
    const text: unknown = payload.text;
    if (typeof text !== 'string' || text.trim() === '') return 'Bad Request: message text is empty';
    if (text.length > 4096) return 'Bad Request: message is too long';
    const keyboard = payload.reply_markup?.inline_keyboard as { text: string; callback_data?: string }[][] | undefined;
    for (const button of keyboard?.flat() ?? []) {
      if (!button.text) return 'Bad Request: text buttons are unallowed in the inline keyboard';
      if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data, 'utf8') > 64) return 'Bad Request: BUTTON_DATA_INVALID';
    }
    return undefined;
  }

  function fakeResultFor(method: string, payload: Payload): { ok: true; result: unknown } | { ok: false; error_code: number; description: string } {
    const fail = (description: string, error_code = 400) => ({ ok: false as const, error_code, description });
    const injected = failures.findIndex((failure) => failure.method === method);
    if (injected >= 0) {
      const [failure] = failures.splice(injected, 1);
      return fail(failure!.description, failure!.error_code);
    }
    switch (method) {
      case 'sendMessage': {
        const problem = validate(payload);
        if (problem) return fail(problem);
        const chatId = Number(payload.chat_id);
        const inline = payload.reply_markup?.inline_keyboard ? (payload.reply_markup as InlineKeyboardMarkup) : undefined;
        if (payload.reply_markup?.keyboard) replyKeyboards.set(chatId, (payload.reply_markup.keyboard as { text: string }[][]).flat().map((button) => button.text));
        if (payload.reply_markup?.remove_keyboard) replyKeyboards.delete(chatId);
        const stored: StoredMessage = { message_id: nextMessageId(chatId), chatId, fromBot: true, date: seconds(), text: payload.text, touched: ++touch, ...(inline ? { reply_markup: inline } : {}) };
        chatOf(chatId).set(stored.message_id, stored);
        return { ok: true, result: asTelegramMessage(stored) };
      }
      case 'editMessageText': {
        const stored = chatOf(Number(payload.chat_id)).get(Number(payload.message_id));
        if (!stored || !stored.fromBot) return fail('Bad Request: message to edit not found');
        const problem = validate(payload);
        if (problem) return fail(problem);
        const markup = payload.reply_markup?.inline_keyboard ? (payload.reply_markup as InlineKeyboardMarkup) : undefined;
        if (stored.text === payload.text && JSON.stringify(stored.reply_markup) === JSON.stringify(markup)) {
          return fail('Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        }
        stored.text = payload.text;
        stored.touched = ++touch;
        if (markup) stored.reply_markup = markup;
        else delete stored.reply_markup;
        return { ok: true, result: asTelegramMessage(stored) };
      }
      case 'editMessageReplyMarkup': {
        const stored = chatOf(Number(payload.chat_id)).get(Number(payload.message_id));
        if (!stored || !stored.fromBot) return fail('Bad Request: message to edit not found');
        const markup = payload.reply_markup?.inline_keyboard ? (payload.reply_markup as InlineKeyboardMarkup) : undefined;
        if (JSON.stringify(stored.reply_markup) === JSON.stringify(markup)) return fail('Bad Request: message is not modified');
        if (markup) stored.reply_markup = markup;
        else delete stored.reply_markup;
        return { ok: true, result: true };
      }
      case 'getFile': {
        const unique = files.get(String(payload.file_id));
        if (!unique) return fail('Bad Request: invalid file_id');
        return { ok: true, result: { file_id: payload.file_id, file_unique_id: unique, file_size: fileContent(unique).length, file_path: `documents/file_${unique}` } };
      }
      default:
        // answerCallbackQuery, setMyCommands, deleteWebhook…
        return { ok: true, result: true };
    }
  }

  function build(app: App): Bot<BotContext> {
    const bot = createBot(BOT_TOKEN, app, new ProcessedUpdates(db), silentLogger, { botInfo: BOT_INFO, retry: false, clock: () => new Date(clock.now), queued: options.queued ?? false });
    bot.api.config.use(async (_prev, method, payload) => {
      const response = fakeResultFor(method, (payload ?? {}) as Payload);
      calls.push({ index: calls.length, method, payload: structuredClone((payload ?? {}) as Payload), ok: response.ok, ...(response.ok ? { result: response.result } : { error: response.description }) });
      return response as never;
    });
    // Instead of downloading from Telegram: ask getFile (as the real downloader does) and serve known bytes.
    app.evidence.register(TELEGRAM, async (file) => {
      const info = await bot.api.getFile(file.fileId);
      return Readable.from(fileContent(info.file_unique_id));
    });
    return bot;
  }

  let app = testApp.app;
  let bot = build(app);

  function incoming(user: User, fields: Partial<Message>): Update {
    const chat = privateChat(user);
    const message = { message_id: nextMessageId(chat.id), from: user, chat, date: seconds(), ...fields } as Message;
    chatOf(chat.id).set(message.message_id, { message_id: message.message_id, chatId: chat.id, fromBot: false, date: message.date, ...(message.text ? { text: message.text } : {}), touched: ++touch });
    return { update_id: ++updateId, message } as Update;
  }

  function newFile(prefix: string) {
    fileCounter += 1;
    const unique = `AgAD${prefix}${String(fileCounter).padStart(4, '0')}`;
    const fileId = `BQACAgUAAxkBAAI${prefix}${fileCounter}${'x'.repeat(40)}`;
    files.set(fileId, unique);
    return { file_id: fileId, file_unique_id: unique };
  }

  /** Bot messages of a chat as they stand now, most recently sent or edited last. */
  const botMessages = (chatId: number) => [...chatOf(chatId).values()].filter((message) => message.fromBot).sort((a, b) => a.touched - b.touched);
  const lastWithKeyboard = (chatId: number) => botMessages(chatId).filter((message) => message.reply_markup?.inline_keyboard.length).at(-1);
  const pairs = (markup: InlineKeyboardMarkup | undefined): [string, string][] =>
    (markup?.inline_keyboard ?? []).flat().map((button) => [button.text, 'callback_data' in button ? String(button.callback_data) : '']);

  const h = {
    get bot() {
      return bot;
    },
    get app() {
      return app;
    },
    db,
    config: testApp.config,
    calls,
    clock: {
      get now() {
        return new Date(clock.now);
      },
      set(instant: Date) {
        clock.now = new Date(instant);
      },
      advance(ms: number) {
        clock.now = new Date(clock.now.getTime() + ms);
      },
    },

    user(id: number, language_code?: string): User {
      return { id, is_bot: false, first_name: `Cư dân ${id}`, last_name: 'Test', username: `resident_${id}`, ...(language_code ? { language_code } : {}) };
    },
    text(user: User, text: string): Update {
      const command = /^\/\w+(@\w+)?/.exec(text);
      return incoming(user, { text, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) });
    },
    /** A press on `data`, on message `messageId` (default: the last bot message carrying that data, else the last one with buttons). */
    press(user: User, data: string, messageId?: number): Update {
      const chatId = user.id;
      const stored =
        messageId !== undefined
          ? chatOf(chatId).get(messageId)
          : (botMessages(chatId).filter((message) => pairs(message.reply_markup).some(([, value]) => value === data)).at(-1) ?? lastWithKeyboard(chatId) ?? botMessages(chatId).at(-1));
      const message = stored ? asTelegramMessage(stored) : { chat: privateChat(user), message_id: messageId ?? 1, date: 0 };
      callbackCounter += 1;
      return {
        update_id: ++updateId,
        callback_query: { id: `${BigInt(user.id) * 1000n + BigInt(callbackCounter)}`, from: user, message, chat_instance: `-${user.id}42`, data },
      } as Update;
    },
    photo(user: User, fileUniqueId?: string): Update {
      const base = newFile('Ph');
      if (fileUniqueId) files.set(base.file_id, fileUniqueId);
      const unique = fileUniqueId ?? base.file_unique_id;
      const sizes = [
        [90, 67, 1_200],
        [320, 240, 14_000],
        [1280, 960, 182_000],
      ] as const;
      return incoming(user, { photo: sizes.map(([width, height, file_size], index) => ({ file_id: index === 2 ? base.file_id : `${base.file_id}_${index}`, file_unique_id: index === 2 ? unique : `${unique}_${index}`, width, height, file_size })) });
    },
    document(user: User, file_name: string, mime_type: string, file_size: number): Update {
      return incoming(user, { document: { ...newFile('Doc'), file_name, mime_type, file_size } });
    },
    contact(user: User, phone_number: string, own: boolean): Update {
      if (own) replyKeyboards.delete(user.id); // a one-time keyboard hides once its button is used
      return incoming(user, { contact: { phone_number, first_name: own ? user.first_name : 'Người khác', ...(own ? { user_id: user.id } : { user_id: user.id + 1 }) } });
    },
    /** A message in a group chat (the bot must ignore it). */
    groupText(user: User, text: string): Update {
      return { update_id: ++updateId, message: { message_id: 1, from: user, chat: { id: -1001234567890, type: 'supergroup', title: 'Tổ dân phố' }, date: seconds(), text } } as Update;
    },

    /** Feeds one update like the runner does; a middleware error fails the test. */
    async send(update: Update): Promise<ApiCall[]> {
      const mark = calls.length;
      await bot.handleUpdate(update);
      return calls.slice(mark);
    },
    /** Types a text (or a command) and returns the calls the bot made in answer. */
    say(user: User, text: string) {
      return h.send(h.text(user, text));
    },
    /** Presses the button labelled `label` on the user's last message with buttons. */
    tap(user: User, label: string) {
      const button = h.findButton(label, user.id);
      return h.send(h.press(user, button.data, button.messageId));
    },

    mark: () => calls.length,
    /** Messages sent or edited (sendMessage, editMessageText) since a mark. */
    sentSince(mark: number, chatId?: number): ApiCall[] {
      return calls.slice(mark).filter((call) => call.ok && TEXT_METHODS.has(call.method) && (chatId === undefined || Number(call.payload.chat_id) === chatId));
    },
    textsSince(mark: number, chatId?: number): string[] {
      return h.sentSince(mark, chatId).map((call) => String(call.payload.text));
    },
    /** The text of the last message sent or edited in a chat. */
    lastText(chatId: number): string {
      const last = h.sentSince(0, chatId).at(-1);
      if (!last) throw new Error(`nothing was sent to chat ${chatId}`);
      return String(last.payload.text);
    },
    /** The [label, callback_data] pairs of a call's inline keyboard. */
    buttonsOf(call: ApiCall | undefined): [string, string][] {
      return pairs(call?.payload.reply_markup);
    },
    /** Labels of the buttons on the chat's last message with buttons (as it stands now). */
    buttonsNow(chatId: number): string[] {
      return pairs(lastWithKeyboard(chatId)?.reply_markup).map(([label]) => label);
    },
    /** A button on the last message with an inline keyboard (in `chatId`, or in any chat). */
    findButton(label: string, chatId?: number): { data: string; messageId: number; chatId: number } {
      const candidates = chatId === undefined ? [...chats.keys()].flatMap((id) => botMessages(id)) : botMessages(chatId);
      const message = candidates.filter((candidate) => candidate.reply_markup?.inline_keyboard.length).sort((a, b) => a.touched - b.touched).at(-1);
      const found = pairs(message?.reply_markup).find(([text]) => text === label);
      if (!message || !found) throw new Error(`no button "${label}" on the last keyboard; buttons: ${JSON.stringify(pairs(message?.reply_markup).map(([text]) => text))}`);
      return { data: found[1], messageId: message.message_id, chatId: message.chatId };
    },
    /** The labels of the custom keyboard under the chat's input field (the contact button), if one is shown. */
    replyKeyboard(chatId: number): string[] | undefined {
      return replyKeyboards.get(chatId);
    },
    /** The id of the last bot message in a chat whose text contains `fragment`. */
    findMessage(chatId: number, fragment: string): number {
      const found = botMessages(chatId).filter((message) => message.text?.includes(fragment)).at(-1);
      if (!found) throw new Error(`no message containing "${fragment}" in chat ${chatId}`);
      return found.message_id;
    },
    /** The current keyboard of one message (undefined once removed). */
    keyboardOf(chatId: number, messageId: number): [string, string][] | undefined {
      const markup = chatOf(chatId).get(messageId)?.reply_markup;
      return markup ? pairs(markup) : undefined;
    },
    /** Makes the next call of `method` fail as Telegram would. */
    failNext(method: string, description: string, error_code = 400) {
      failures.push({ method, error_code, description });
    },
    /** Every text the bot sent or edited in. */
    allTexts(): string[] {
      return h.sentSince(0).map((call) => String(call.payload.text));
    },

    /** A new process on the same database and Telegram state. */
    restart() {
      app = compose(testApp.config, db, silentLogger, { translator: strictTranslator() });
      bot = build(app);
    },
    async close() {
      await testApp.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}
