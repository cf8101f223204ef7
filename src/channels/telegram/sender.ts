/**
 * Sends outbox messages on Telegram and sorts the failures: 429 → retry after what Telegram says,
 * 403 (the person blocked the bot, or deleted the account) → unreachable, 5xx/network → retry.
 */
import { GrammyError, HttpError, type Api } from 'grammy';
import type { ChannelSender, SendOutcome } from '../../app/outbox-sender.js';
import type { OutMessage } from '../../core/messages.js';
import { isLocale, type Translator } from '../../i18n/index.js';
import { renderForTelegram } from './render.js';

export class TelegramSender implements ChannelSender {
  constructor(private readonly api: Api, private readonly translator: Translator) {}

  async send(chatId: string, locale: string, message: OutMessage): Promise<SendOutcome> {
    try {
      for (const part of renderForTelegram(message, isLocale(locale) ? locale : 'vi', this.translator)) {
        await this.api.sendMessage(chatId, part.text, part.replyMarkup ? { reply_markup: part.replyMarkup } : {});
      }
      return { status: 'sent' };
    } catch (error) {
      return classify(error);
    }
  }
}

/** Turns a Telegram error into what the outbox should do next. */
export function classify(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { status: 'retry', afterMs: (error.parameters.retry_after ?? 5) * 1000, error: error.description, rateLimited: true };
    if (error.error_code === 403) return { status: 'unreachable', error: error.description };
    if (error.error_code >= 500) return { status: 'retry', afterMs: 10_000, error: error.description };
    return { status: 'failed', error: error.description };
  }
  if (error instanceof HttpError) return { status: 'retry', afterMs: 10_000, error: 'network error' };
  return { status: 'retry', afterMs: 30_000, error: (error as Error).message };
}
