/**
 * Replies as plain text for channels without buttons: choices become numbered lines, answered
 * by number or by typing the label.
 */
import type { Choice, OutMessage } from '../../core/messages.js';
import type { Locale, Translator } from '../../i18n/index.js';

export interface NumberedReply {
  text: string;
  /** The choices in the order they were numbered (1-based on screen). */
  choices: { step: string; choice: Choice }[];
}

export function renderNumbered(message: OutMessage, locale: Locale, translator: Translator): NumberedReply {
  const paragraphs = message.parts.map((part) => translator.render(locale, part));
  const choices: NumberedReply['choices'] = [];
  if (message.choices) {
    const step = message.choices.step;
    const options = message.choices.rows.flat();
    for (const choice of options) choices.push({ step, choice });
    paragraphs.push(options.map((choice, index) => `  ${index + 1}. ${translator.render(locale, choice.label)}`).join('\n'));
    paragraphs.push(translator.tr(locale, 'numbered-hint', { last: options.length }));
  }
  if (message.contactButton) paragraphs.push(translator.tr(locale, 'terminal-no-contact'));
  return { text: paragraphs.join('\n\n'), choices };
}

/** A typed number picks the numbered choice with that number. */
export function pickNumbered(text: string, choices: NumberedReply['choices']): { step: string; value: string } | undefined {
  const match = /^\s*(\d{1,3})\s*\.?\s*$/.exec(text);
  if (!match) return undefined;
  const picked = choices[Number(match[1]) - 1];
  return picked ? { step: picked.step, value: picked.choice.value } : undefined;
}
