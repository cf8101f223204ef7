/**
 * The Zalo adapter: an update from the Zalo Bot API → a channel-neutral event → Conversation →
 * replies rendered for a channel without buttons (numbered choices, split at 2,000 characters).
 * Photos arrive as URLs that may expire: the form stores them at once (evidence store). Stickers
 * and other kinds get a polite explanation and what to do instead.
 */
import { createHash } from 'node:crypto';
import type { Incoming, Reply } from '../../app/conversation.js';
import { errorFields, type Logger } from '../../app/logger.js';
import type { App } from '../../compose.js';
import type { Person } from '../../core/ports.js';
import type { Locale } from '../../i18n/index.js';
import type { ChoiceMemory } from '../../infra/repositories/choice-memory.js';
import type { ProcessedUpdates } from '../../infra/repositories/processed-updates.js';
import { isTransientError } from '../../infra/transient.js';
import { parseTextCommand, parseWordCommand } from '../text-commands.js';
import { readTyped, renderNumbered, ZALO_CAPABILITIES, type NumberedChoice } from '../text/render.js';
import { ZALO, ZaloApiError, type ZaloApi, type ZaloMessage, type ZaloUpdate } from './api.js';

export interface ZaloBotOptions {
  /** The bot's own id (getMe): messages from it are echoes and ignored. */
  botId?: string;
  clock?: () => Date;
  /** The ward's phone, offered when someone sends what the bot cannot read (a document, a sticker). */
  wardPhone?: string;
  /** Attempts and first wait of a reply refused with 429 (doubling each time). */
  retry?: { attempts: number; firstDelayMs: number };
  /** Updates come through the inbound queue, which already dropped redeliveries (production). */
  queued?: boolean;
}

/** A number for the update log from Zalo's message id (a string): 52 bits of its SHA-256. */
export function updateIdOf(messageId: string): number {
  return Number.parseInt(createHash('sha256').update(`zalo:${messageId}`).digest('hex').slice(0, 13), 16);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ZaloBot {
  constructor(
    private readonly app: App,
    private readonly api: ZaloApi,
    private readonly updates: ProcessedUpdates,
    private readonly choices: ChoiceMemory,
    private readonly log: Logger,
    private readonly options: ZaloBotOptions = {},
  ) {}

  /**
   * Handles one update. The inbound queue keeps each chat in order (and, with `queued`, has already
   * dropped redeliveries); a passing failure (the database restarting) is thrown back, so the
   * worker tries again later.
   */
  async handleUpdate(update: ZaloUpdate): Promise<void> {
    const message = update.message;
    if (!message?.from?.id || !message.message_id) return;
    // Private chats only (groups are in beta on Zalo, and personal data must not go there); never our own echoes.
    if (message.chat.chat_type && message.chat.chat_type.toUpperCase() !== 'PRIVATE') return;
    if (message.from.is_bot || (this.options.botId && message.from.id === this.options.botId)) return;
    const { fresh, person } = await this.updates.admit(ZALO, this.options.queued ? null : updateIdOf(message.message_id), { externalId: message.from.id, chatId: message.chat.id, suggestedLocale: 'vi' });
    if (!fresh) {
      this.log.info({ event: 'update.duplicate', channel: ZALO });
      return;
    }
    const started = Date.now();
    const incoming = await this.toIncoming(update.event_name, message, person);
    if (typeof incoming === 'string') {
      await this.sendTexts(message.chat.id, [incoming]);
      return;
    }
    let reply: Reply;
    try {
      reply = await this.app.conversation.respond(person, incoming, this.now(), { inputKey: `${ZALO}:${message.message_id}` });
    } catch (error) {
      if (this.options.queued && isTransientError(error)) throw error;
      this.log.error({ event: 'update.failed', channel: ZALO, userId: person.id, ...errorFields(error) });
      await this.sendTexts(message.chat.id, [this.app.translator.tr(person.locale, 'error-generic')]);
      return;
    }
    await this.deliver(message.chat.id, reply);
    this.log.debug({ event: 'update.handled', channel: ZALO, userId: person.id, kind: incoming.kind, ms: Date.now() - started });
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** What the person did; a string is a reply the adapter gives itself (an unreadable kind of message, a number out of range). */
  private async toIncoming(event: string, message: ZaloMessage, person: Person): Promise<Incoming | string> {
    const translator = this.app.translator;
    if (event === 'message.text.received' && typeof message.text === 'string') {
      const text = message.text;
      const command = parseTextCommand(text);
      if (command) return command;
      const typed = readTyped(text, await this.choices.recall(ZALO, message.chat.id));
      if (typed.kind === 'choice') return { kind: 'choice', step: typed.step, value: typed.value };
      if (typed.kind === 'out-of-range') return translator.tr(person.locale, 'numbered-out-of-range', { last: typed.last });
      if (typed.kind === 'ambiguous') return translator.tr(person.locale, 'numbered-ambiguous', { numbers: typed.numbers.join(', ') });
      return parseWordCommand(text) ?? { kind: 'text', text };
    }
    const photo = message.photo ?? message.photo_url;
    if (event === 'message.image.received' && photo) {
      return { kind: 'file', file: { kind: 'photo', channel: ZALO, fileId: photo, fileUniqueId: `zalo:${message.message_id}`, mimeType: 'image/jpeg' } };
    }
    const phone = this.options.wardPhone;
    const kind = event === 'message.sticker.received' ? 'sticker' : 'other';
    return translator.tr(person.locale, phone ? `zalo-unsupported-${kind}-phone` : `zalo-unsupported-${kind}`, phone ? { phone } : undefined);
  }

  /** Sends a reply: each message as numbered text in parts; files, charts and exports are out of reach on Zalo. */
  private async deliver(chatId: string, reply: Reply): Promise<void> {
    const locale: Locale = reply.locale;
    // One numbering across the whole reply (a menu followed by a question: 1–4, then 5–6).
    const shown: NumberedChoice[] = [];
    for (const message of reply.messages) {
      const rendered = renderNumbered(message, locale, this.app.translator, { maxLength: ZALO_CAPABILITIES.maxTextLength, labelsOf: (label) => this.app.translator.labels(label), firstNumber: shown.length + 1 });
      shown.push(...rendered.choices);
      await this.sendTexts(chatId, rendered.texts);
    }
    // What "2" means from now on: this reply's choices (none: a number is text again).
    await this.choices.remember(ZALO, chatId, shown);
    for (const file of reply.files ?? []) {
      // Photos that came over Zalo can be shown again by their URL; anything else is on Telegram or in the export.
      if (file.channel === ZALO && file.kind === 'photo') await this.send(() => this.api.sendPhoto(chatId, file.fileId)).catch(() => {});
    }
    const elsewhere = (reply.files ?? []).filter((file) => !(file.channel === ZALO && file.kind === 'photo')).length + (reply.photos?.length ?? 0) + (reply.documents?.length ?? 0);
    for (const document of reply.documents ?? []) await document.cleanup().catch(() => {});
    if (elsewhere > 0) await this.sendTexts(chatId, [this.app.translator.tr(locale, 'zalo-files-elsewhere', { count: elsewhere })]);
  }

  private async sendTexts(chatId: string, texts: string[]): Promise<void> {
    for (const text of texts) await this.send(() => this.api.sendMessage(chatId, text));
  }

  /** One call towards Zalo; 429 ("Quota exceeded") waits and retries a few times, doubling the wait. */
  private async send<T>(call: () => Promise<T>): Promise<T | undefined> {
    const { attempts, firstDelayMs } = this.options.retry ?? { attempts: 4, firstDelayMs: 1_000 };
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const retryable = error instanceof ZaloApiError && (error.errorCode === 429 || error.errorCode >= 500 || error.errorCode === 0);
        if (!retryable || attempt >= attempts) {
          this.log.warn({ event: 'zalo.send_failed', attempt, ...errorFields(error) });
          return undefined;
        }
        await sleep(firstDelayMs * 2 ** (attempt - 1));
      }
    }
  }
}
