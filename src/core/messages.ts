/**
 * Channel-neutral replies. The core says *what* to show (an i18n key with arguments, a choice
 * among options); each channel renders it by its capabilities (buttons, numbered lines, text).
 */

/** A piece of text: an i18n key with arguments (which may themselves be texts), or literal data such as a unit's name. */
export type Text = { key: string; args?: Record<string, TextArg> } | { raw: string } | { lines: Text[] };
export type TextArg = string | number | Text;

/** One option of a choice; `value` is short ASCII (it travels in Telegram's 64-byte callback data). */
export interface Choice {
  value: string;
  label: Text;
}

/** One message to the person. */
export interface OutMessage {
  /** Paragraphs, joined by a blank line. */
  parts: Text[];
  /** Options, row by row, answering the question of `step`. */
  choices?: { step: string; rows: Choice[][] };
  /** Ask for the person's own phone number with the messenger's contact button, labelled so. */
  contactButton?: Text;
  /** Take away a contact button shown earlier. */
  removeContactButton?: boolean;
}

/** Several texts as one paragraph, one per line (a summary's fields). */
export const lines = (items: Text[]): Text => ({ lines: items });

/** Builds an i18n text. */
export const t = (key: string, args?: Record<string, TextArg>): Text => (args ? { key, args } : { key });

/** Wraps literal data (a unit's name, a reference code) as text. */
export const raw = (text: string): Text => ({ raw: text });

/** A message of one or more paragraphs. */
export const say = (...parts: Text[]): OutMessage => ({ parts });

/** Lays options out in rows of `perRow`. */
export function rows(choices: Choice[], perRow: number): Choice[][] {
  const result: Choice[][] = [];
  for (let index = 0; index < choices.length; index += perRow) result.push(choices.slice(index, index + perRow));
  return result;
}
