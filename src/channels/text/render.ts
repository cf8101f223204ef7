/**
 * Replies for channels without buttons (Zalo, the terminal): choices become numbered lines, answered
 * by the number, by the label, or by the label typed without accents; long texts are split on line
 * boundaries to fit the channel; texts that say "bấm nút" use their `--text` variant ("gõ số").
 */
import type { Choice, OutMessage, Text } from '../../core/messages.js';
import { foldVietnamese } from '../../core/text/normalize.js';
import type { Locale, Translator } from '../../i18n/index.js';

/** What a channel can show; the renderer adapts each reply to it. */
export interface ChannelCapabilities {
  buttons: boolean;
  edits: boolean;
  documents: boolean;
  /** Deep links carry a start payload (invitations as links rather than typed codes). */
  startPayload: boolean;
  /** Longest text of one message. */
  maxTextLength: number;
}

export const TELEGRAM_CAPABILITIES: ChannelCapabilities = { buttons: true, edits: true, documents: true, startPayload: true, maxTextLength: 4096 };
export const ZALO_CAPABILITIES: ChannelCapabilities = { buttons: false, edits: false, documents: false, startPayload: false, maxTextLength: 2000 };
export const TERMINAL_CAPABILITIES: ChannelCapabilities = { buttons: false, edits: false, documents: false, startPayload: false, maxTextLength: 100_000 };

/** One numbered choice as remembered for reading the answer: its step, value and labels in every locale. */
export interface NumberedChoice {
  step: string;
  value: string;
  labels: string[];
}

export interface NumberedReply {
  /** The message's text, split into parts that fit the channel. */
  texts: string[];
  /** The choices in the order they were numbered (1-based on screen); empty when the message has none. */
  choices: NumberedChoice[];
}

/**
 * Renders one message as text with numbered choices, in parts of at most `maxLength` characters.
 * `firstNumber` continues the numbering of an earlier message of the same reply, so that every
 * number on screen means one thing.
 */
export function renderNumbered(message: OutMessage, locale: Locale, translator: Translator, options: { maxLength?: number; labelsOf?: (label: Text) => string[]; firstNumber?: number } = {}): NumberedReply {
  const paragraphs = message.parts.map((part) => translator.render(locale, part, 'text'));
  const choices: NumberedChoice[] = [];
  if (message.choices) {
    const step = message.choices.step;
    const all = message.choices.rows.flat();
    const first = options.firstNumber ?? 1;
    for (const choice of all) choices.push(numbered(step, choice));
    paragraphs.push(all.map((choice, index) => `${first + index}. ${translator.render(locale, choice.label, 'text')}`).join('\n'));
    const last = first + all.length - 1;
    paragraphs.push(first === 1 ? translator.tr(locale, 'numbered-hint', { last }) : translator.tr(locale, 'numbered-hint-from', { first, last }));
  }
  // No contact button here: the question's "--text" wording already asks to type the number.
  return { texts: splitText(paragraphs.join('\n\n'), options.maxLength ?? Number.POSITIVE_INFINITY), choices };

  function numbered(step: string, choice: Choice): NumberedChoice {
    return { step, value: choice.value, labels: options.labelsOf ? options.labelsOf(choice.label) : [translator.render(locale, choice.label)] };
  }
}

/** What a typed answer means given the numbered choices shown last. */
export type TypedAnswer =
  | { kind: 'choice'; step: string; value: string }
  | { kind: 'out-of-range'; last: number }
  | { kind: 'ambiguous'; numbers: number[] }
  | { kind: 'text' };

/**
 * Reads a typed answer against the last numbered choices: "2", "2.", " 2 " pick the second; a label
 * typed with or without accents picks its choice; two choices with the same folded label are
 * ambiguous (the person is asked for the number); a small number beyond the list is out of range.
 * Anything else is text for the question itself (a name, a year, a date).
 */
export function readTyped(text: string, choices: readonly NumberedChoice[]): TypedAnswer {
  if (choices.length === 0) return { kind: 'text' };
  const number = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text);
  if (number) {
    const index = Number(number[1]) - 1;
    const picked = choices[index];
    return picked ? { kind: 'choice', step: picked.step, value: picked.value } : { kind: 'out-of-range', last: choices.length };
  }
  const folded = foldVietnamese(text);
  if (!folded) return { kind: 'text' };
  const matches = choices.map((choice, index) => ({ choice, index })).filter(({ choice }) => choice.labels.some((label) => foldVietnamese(label) === folded));
  if (matches.length === 1) return { kind: 'choice', step: matches[0]!.choice.step, value: matches[0]!.choice.value };
  // The same label twice with different meanings (e.g. two units named alike): only the number can tell.
  if (matches.length > 1 && new Set(matches.map(({ choice }) => `${choice.step}|${choice.value}`)).size > 1) return { kind: 'ambiguous', numbers: matches.map(({ index }) => index + 1) };
  if (matches.length > 1) return { kind: 'choice', step: matches[0]!.choice.step, value: matches[0]!.choice.value };
  return { kind: 'text' };
}

/**
 * Splits a text into parts of at most `max` characters (user-perceived, NFC), on line boundaries
 * where possible, then on spaces, and only as a last resort inside a word.
 */
export function splitText(text: string, max: number): string[] {
  if ([...text].length <= max) return [text];
  const parts: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) parts.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if ([...candidate].length <= max) {
      current = candidate;
      continue;
    }
    push();
    if ([...line].length <= max) {
      current = line;
      continue;
    }
    // One line longer than a whole message: cut on spaces.
    let rest = line;
    while ([...rest].length > max) {
      const chars = [...rest];
      const window = chars.slice(0, max).join('');
      const cut = window.lastIndexOf(' ');
      const head = cut > max / 2 ? window.slice(0, cut) : window;
      parts.push(head.trimEnd());
      rest = chars.slice([...head].length).join('').trimStart();
    }
    current = rest;
  }
  push();
  return parts;
}
