/**
 * The Telegram adapter: grammY updates → channel-neutral events → Conversation → rendered replies.
 * Handlers never touch the database directly except through the use cases and the update log.
 */
import { errorFields } from '../../app/logger.js';
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, BotError, GrammyError, InputFile, type ApiClientOptions, type Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Incoming, Reply } from '../../app/conversation.js';
import type { Logger } from '../../app/logger.js';
import type { App } from '../../compose.js';
import type { IncomingFile } from '../../core/form/types.js';
import type { Person } from '../../core/ports.js';
import { localeFor } from '../../i18n/index.js';
import { parseTextCommand } from '../text-commands.js';
import type { ProcessedUpdates } from '../../infra/repositories/processed-updates.js';
import { isTransientError } from '../../infra/transient.js';
import { decodeCallback, renderForTelegram, type TelegramMessage } from './render.js';

export const TELEGRAM = 'telegram';

export interface BotContextFlavor {
  person: Person;
}
export type BotContext = Context & BotContextFlavor;

export interface BotOptions {
  apiRoot?: string;
  botInfo?: UserFromGetMe;
  clock?: () => Date;
  /** Bounded retries towards Telegram (429 and 5xx); `@grammyjs/auto-retry` would otherwise retry forever. */
  retry?: { maxRetryAttempts: number; maxDelaySeconds: number } | false;
  /** Telegram user ids of the admins (ADMIN_TELEGRAM_IDS). */
  adminIds?: readonly number[];
  /** Options of grammY's API client (an outgoing proxy's agent). */
  client?: ApiClientOptions;
  /** Updates come through the inbound queue, which already dropped redeliveries (production). */
  queued?: boolean;
}

/** Reads one update as something a person did; undefined for updates the bot ignores. */
export function toIncoming(ctx: Context): Incoming | undefined {
  const message = ctx.message;
  if (ctx.callbackQuery) {
    const decoded = decodeCallback(ctx.callbackQuery.data);
    return decoded ? { kind: 'choice', step: decoded.step, value: decoded.value } : { kind: 'unsupported' };
  }
  if (!message) return undefined;
  if (message.text !== undefined) {
    return parseTextCommand(message.text) ?? { kind: 'text', text: message.text };
  }
  if (message.photo?.length) {
    const largest = message.photo[message.photo.length - 1]!;
    return { kind: 'file', file: { kind: 'photo', channel: TELEGRAM, fileId: largest.file_id, fileUniqueId: largest.file_unique_id, sizeBytes: largest.file_size, mimeType: 'image/jpeg' } };
  }
  if (message.document) {
    const document = message.document;
    const file: IncomingFile = { kind: 'document', channel: TELEGRAM, fileId: document.file_id, fileUniqueId: document.file_unique_id };
    if (document.file_name) file.fileName = document.file_name;
    if (document.mime_type) file.mimeType = document.mime_type;
    if (document.file_size !== undefined) file.sizeBytes = document.file_size;
    return { kind: 'file', file };
  }
  if (message.contact) {
    return { kind: 'contact', phone: message.contact.phone_number, own: message.contact.user_id !== undefined && message.contact.user_id === message.from?.id };
  }
  return { kind: 'unsupported' };
}

/** Sends a reply; after a button press, a reply that stays on the same question edits the pressed message in place. */
async function deliver(ctx: BotContext, reply: Reply, app: App, pressedStep: string | undefined): Promise<void> {
  const rendered: TelegramMessage[][] = reply.messages.map((message) => renderForTelegram(message, reply.locale, app.translator));
  const pressed = ctx.callbackQuery?.message;
  const first = reply.messages[0];
  const single = rendered.length === 1 && rendered[0]!.length === 1 ? rendered[0]![0]! : undefined;
  if (pressed && pressedStep && single && first?.choices?.step === pressedStep && !first.contactButton) {
    let edited = false;
    try {
      await ctx.editMessageText(single.text, { reply_markup: single.replyMarkup as never });
      edited = true;
    } catch (error) {
      // "Not modified" means it already shows this; otherwise the message may be too old to edit.
      edited = error instanceof GrammyError && error.description.includes('not modified');
    }
    if (edited) {
      for (const file of reply.files ?? []) await sendEvidence(ctx, app, file);
      await sendMade(ctx, reply, app);
      return;
    }
  } else if (pressed && 'reply_markup' in pressed && pressed.reply_markup) {
    // Take the buttons off the answered question so an old button cannot be pressed again by mistake.
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
  }
  for (const message of rendered.flat()) {
    await ctx.reply(message.text, message.replyMarkup ? { reply_markup: message.replyMarkup } : {});
  }
  for (const file of reply.files ?? []) await sendEvidence(ctx, app, file);
  await sendMade(ctx, reply, app);
}

/** Charts and exported files made for this person; temporary files are removed once sent. */
async function sendMade(ctx: BotContext, reply: Reply, app: App): Promise<void> {
  for (const photo of reply.photos ?? []) {
    await ctx.replyWithPhoto(new InputFile(photo.png, 'thong-ke.png'), { caption: app.translator.render(reply.locale, photo.caption) });
  }
  for (const document of reply.documents ?? []) {
    try {
      await ctx.replyWithChatAction('upload_document').catch(() => {});
      await ctx.replyWithDocument(new InputFile(document.path, document.fileName));
    } finally {
      await document.cleanup();
    }
  }
}

/** Re-sends a piece of evidence: by Telegram's file id when it came from Telegram, else from our own copy. */
async function sendEvidence(ctx: BotContext, app: App, file: NonNullable<Reply['files']>[number]): Promise<void> {
  const send = (source: string | InputFile) =>
    file.kind === 'photo' ? ctx.replyWithPhoto(source) : ctx.replyWithDocument(source);
  if (file.channel === TELEGRAM) {
    try {
      await send(file.fileId);
      return;
    } catch {
      // An id from another bot or an expired file: fall back to the stored copy.
    }
  }
  if (file.storageKey) {
    await send(new InputFile(app.evidence.pathOf(file.storageKey), file.fileName ?? undefined)).catch(() => {});
  }
}

export function createBot(token: string, app: App, updates: ProcessedUpdates, log: Logger, options: BotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    // A call that hangs is given up after 60 s (grammY waits 500 s by default); long polling asks for 30 s.
    client: { timeoutSeconds: 60, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), ...(options.client ?? {}) },
  });
  if (options.retry !== false) bot.api.config.use(autoRetry(options.retry ?? { maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  const clock = options.clock ?? (() => new Date());

  // One update at a time per chat, in this process. Across instances the inbound queue already
  // guarantees it; this keeps callers of handleUpdate that bypass the queue (tests, benches) safe.
  bot.use(sequentialize((ctx) => (ctx.chat ?? ctx.from)?.id.toString()));

  // Private chats only: the bot collects personal data and must not do it in a group.
  bot.use(async (ctx, next) => {
    if (ctx.chat && ctx.chat.type !== 'private') return;
    const from = ctx.from;
    if (!from || from.is_bot) return;
    const { fresh, person } = await updates.admit(TELEGRAM, options.queued ? null : ctx.update.update_id, {
      externalId: String(from.id),
      chatId: String(ctx.chat?.id ?? from.id),
      suggestedLocale: localeFor(from.language_code),
    });
    if (!fresh) {
      log.info({ event: 'update.duplicate', updateId: ctx.update.update_id });
      return;
    }
    ctx.person = options.adminIds?.includes(from.id) && !person.roles.some((grant) => grant.role === 'admin')
      ? { ...person, roles: [...person.roles, { role: 'admin', unitId: null }] }
      : person;
    await next();
  });

  bot.use(async (ctx) => {
    const incoming = toIncoming(ctx);
    if (!incoming) return;
    const started = Date.now();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => {});
    if (incoming.kind === 'unsupported' && ctx.callbackQuery) log.warn({ event: 'callback.malformed', userId: ctx.person.id });
    // Long tasks (exports) report progress: "Đang tạo tệp… 40%", with the upload_document action.
    let progressMessage: number | undefined;
    const progress = async (percent: number) => {
      await ctx.replyWithChatAction('upload_document').catch(() => {});
      const text = app.translator.tr(ctx.person.locale, 'export-progress', { percent });
      if (progressMessage === undefined) progressMessage = (await ctx.reply(text).catch(() => undefined))?.message_id;
      else await ctx.api.editMessageText(ctx.chat!.id, progressMessage, text).catch(() => {});
    };
    // The input's key lets a form see that it already applied this update (handled again after a crash).
    const reply = await app.conversation.respond(ctx.person, incoming, clock(), { progress, inputKey: `${TELEGRAM}:${ctx.update.update_id}` });
    try {
      await deliver(ctx, reply, app, incoming.kind === 'choice' ? incoming.step : undefined);
    } catch (error) {
      // Telegram refused the answer itself (a file too big…): bot.catch apologises to the person.
      if (!isTransientError(error)) throw error;
      // Telegram is away even after the bounded retries. What the person did is done (stored);
      // handling the update again would do it twice (a second list entry, a second campaign), so it
      // ends here, and the person sees the state the next time they write.
      log.warn({ event: 'reply.failed', updateId: ctx.update.update_id, userId: ctx.person.id, ...errorFields(error) });
    } finally {
      // Exported files hold personal data: never left behind, whatever happened while sending.
      for (const document of reply.documents ?? []) await document.cleanup().catch(() => {});
      if (progressMessage !== undefined) await ctx.api.deleteMessage(ctx.chat!.id, progressMessage).catch(() => {});
    }
    log.debug({ event: 'update.handled', updateId: ctx.update.update_id, userId: ctx.person.id, kind: incoming.kind, ms: Date.now() - started });
  });

  bot.catch(async (error) => {
    const ctx = error.ctx;
    log.error({ event: 'update.failed', updateId: ctx.update.update_id, userId: ctx.person?.id, ...errorFields(error.error) });
    const locale = ctx.person?.locale ?? localeFor(ctx.from?.language_code);
    await ctx.reply(app.translator.tr(locale, 'error-generic')).catch(() => {});
  });

  return bot;
}

/**
 * The inbound worker's handler for Telegram: runs one queued update through the bot. A passing
 * failure is thrown back (the worker tries again later); any other is answered by bot.catch.
 */
export function queuedTelegramHandler(bot: Bot<BotContext>): (payload: unknown) => Promise<void> {
  return async (payload) => {
    try {
      await bot.handleUpdate(payload as Update);
    } catch (error) {
      if (!(error instanceof BotError) || isTransientError(error.error)) throw error;
      await bot.errorHandler(error);
    }
  };
}
