/**
 * Sends outbox messages (status changes, reminders) on Zalo, as numbered text, and remembers their
 * choices so that a reminder's "1" is read as its first option. 429 ("Quota exceeded") → retry
 * later; 5xx and network errors → retry; other refusals → failed (Zalo says nothing of blocking).
 */
import type { ChannelSender, SendOutcome } from '../../app/outbox-sender.js';
import type { OutMessage } from '../../core/messages.js';
import { isLocale, type Translator } from '../../i18n/index.js';
import type { ChoiceMemory } from '../../infra/repositories/choice-memory.js';
import { renderNumbered, ZALO_CAPABILITIES } from '../text/render.js';
import { ZALO, ZaloApiError, type ZaloApi } from './api.js';

export class ZaloSender implements ChannelSender {
  constructor(private readonly api: ZaloApi, private readonly translator: Translator, private readonly choices: ChoiceMemory) {}

  async send(chatId: string, locale: string, message: OutMessage): Promise<SendOutcome> {
    const rendered = renderNumbered(message, isLocale(locale) ? locale : 'vi', this.translator, { maxLength: ZALO_CAPABILITIES.maxTextLength, labelsOf: (label) => this.translator.labels(label) });
    try {
      for (const text of rendered.texts) await this.api.sendMessage(chatId, text);
    } catch (error) {
      return classifyZalo(error);
    }
    if (rendered.choices.length) await this.choices.remember(ZALO, chatId, rendered.choices);
    return { status: 'sent' };
  }
}

export function classifyZalo(error: unknown): SendOutcome {
  if (error instanceof ZaloApiError) {
    if (error.errorCode === 429) return { status: 'retry', afterMs: 10_000, error: error.description, rateLimited: true };
    if (error.errorCode === 0 || error.errorCode >= 500) return { status: 'retry', afterMs: 10_000, error: error.description };
    return { status: 'failed', error: `${error.errorCode} ${error.description}` };
  }
  return { status: 'retry', afterMs: 30_000, error: (error as Error).message };
}
