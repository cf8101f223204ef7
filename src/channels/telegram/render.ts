/**
 * Turns channel-neutral replies into Telegram messages: text from the locales, choices as inline
 * buttons whose callback data carries "<step>|<value>" (ids only, always within 64 bytes).
 */
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove } from 'grammy/types';
import type { OutMessage } from '../../core/messages.js';
import type { Locale, Translator } from '../../i18n/index.js';
import { splitText, TELEGRAM_CAPABILITIES } from '../text/render.js';

const CALLBACK_DATA_LIMIT = 64;

export interface TelegramMessage {
  text: string;
  replyMarkup?: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
}

/** "<step>|<value>"; throws when an id would not fit Telegram's 64-byte limit (a bug, not user input). */
export function encodeCallback(step: string, value: string): string {
  const data = `${step}|${value}`;
  if (Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) throw new Error(`callback data too long: ${step}`);
  return data;
}

/** Reads callback data back; anything malformed (forged or from an old build) gives undefined. */
export function decodeCallback(data: string | undefined): { step: string; value: string } | undefined {
  if (!data || data.length > CALLBACK_DATA_LIMIT) return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]{0,30})\|([A-Za-z0-9_:.-]{1,40})$/.exec(data);
  return match ? { step: match[1]!, value: match[2]! } : undefined;
}

/** Renders one reply; a long text becomes several messages, the buttons go with the last. */
export function renderForTelegram(message: OutMessage, locale: Locale, translator: Translator): TelegramMessage[] {
  const text = message.parts.map((part) => translator.render(locale, part)).join('\n\n');
  let replyMarkup: TelegramMessage['replyMarkup'];
  if (message.choices) {
    const step = message.choices.step;
    replyMarkup = {
      inline_keyboard: message.choices.rows.map((row) =>
        row.map((choice) => ({ text: translator.render(locale, choice.label), callback_data: encodeCallback(step, choice.value) })),
      ),
    };
  } else if (message.contactButton) {
    replyMarkup = {
      keyboard: [[{ text: translator.render(locale, message.contactButton), request_contact: true }]],
      resize_keyboard: true,
      one_time_keyboard: true,
      is_persistent: false,
    };
  } else if (message.removeContactButton) {
    replyMarkup = { remove_keyboard: true };
  }
  const chunks = splitText(text, TELEGRAM_CAPABILITIES.maxTextLength);
  return chunks.map((chunk, index) => (index === chunks.length - 1 && replyMarkup ? { text: chunk, replyMarkup } : { text: chunk }));
}
