/**
 * Slash commands typed as text, the same on every channel: /decu, /huy, /trogiup…
 * (English aliases too). Unknown commands open the main menu.
 */
import type { Incoming } from '../app/conversation.js';
import type { FormCommand } from '../core/form/types.js';
import { foldVietnamese } from '../core/text/normalize.js';

const FORM_COMMANDS: Record<string, FormCommand> = { huy: 'cancel', cancel: 'cancel', sua: 'edit', edit: 'edit', trogiup: 'help', help: 'help', boqua: 'skip', skip: 'skip' };
const MENU_COMMANDS: Record<string, Extract<Incoming, { kind: 'menu' }>['action']> = {
  decu: 'nominate',
  nominate: 'nominate',
  cuatoi: 'mine',
  mine: 'mine',
  huongdan: 'guide',
  guide: 'guide',
  ngonngu: 'language',
  language: 'language',
  duyet: 'review',
  review: 'review',
  moi: 'invite',
  invite: 'invite',
  dulieu: 'data',
  mydata: 'data',
  xoadulieu: 'erase',
  erase: 'erase',
  dotthidua: 'campaigns',
  denghi: 'proposals',
  proposals: 'proposals',
  xuat: 'export',
  export: 'export',
  thongke: 'stats',
  stats: 'stats',
  campaigns: 'campaigns',
};

/** Reads "/command[@bot] [payload]"; undefined when the text is not a command. */
export function parseTextCommand(text: string): Incoming | undefined {
  const command = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!command) return undefined;
  const name = command[1]!.toLowerCase();
  // "/lienket ABCD-2345" redeems a code from the other channel; "/lienket" alone asks for one.
  if (name === 'lienket' || name === 'link') {
    const code = command[2]?.trim();
    return code ? { kind: 'link', code } : { kind: 'menu', action: 'link' };
  }
  if (name === 'start') {
    const payload = command[2]?.trim();
    return payload ? { kind: 'start', payload } : { kind: 'start' };
  }
  const formCommand = FORM_COMMANDS[name];
  if (formCommand) return { kind: 'command', command: formCommand };
  const menuAction = MENU_COMMANDS[name];
  if (menuAction) return { kind: 'menu', action: menuAction };
  return { kind: 'start' };
}

/** The Vietnamese menu commands, typed as words on Zalo. */
const VIETNAMESE_MENU_WORDS = new Set(['decu', 'cuatoi', 'huongdan', 'ngonngu', 'duyet', 'moi', 'dulieu', 'xoadulieu', 'dotthidua', 'xuat', 'thongke', 'denghi']);

/** Words that start over on channels without commands: "menu", "bắt đầu", "start". */
const START_WORDS = new Set(['menu', 'bat dau', 'batdau', 'start', 'xin chao', 'chao']);

/**
 * On channels without slash commands (Zalo), a command may be typed as a word, with or without
 * accents: "hủy", "sua", "trợ giúp", "cuatoi", "menu". Only a message that is exactly the word is
 * read as a command, so answers to the questions are never mistaken for one.
 */
export function parseWordCommand(text: string): Incoming | undefined {
  const folded = foldVietnamese(text);
  if (!folded || folded.length > 20) return undefined;
  if (START_WORDS.has(folded)) return { kind: 'start' };
  const link = /^lien ?ket(?: ([a-z0-9]{4}) ?([a-z0-9]{4}))?$/.exec(folded);
  if (link) return link[1] ? { kind: 'link', code: `${link[1]}${link[2]}`.toUpperCase() } : { kind: 'menu', action: 'link' };
  const word = folded.replace(/ /g, '');
  const formCommand = FORM_COMMANDS[word];
  // Vietnamese words only (huy, sua, trogiup, boqua): "help" or "edit" may be part of an answer.
  if (formCommand && ['huy', 'sua', 'trogiup', 'boqua'].includes(word)) return { kind: 'command', command: formCommand };
  const menuAction = MENU_COMMANDS[word];
  // Vietnamese command words only ("cuatoi", "decu", "duyet"…): English words like "review" may be answers.
  if (menuAction && VIETNAMESE_MENU_WORDS.has(word)) return { kind: 'menu', action: menuAction };
  return undefined;
}
