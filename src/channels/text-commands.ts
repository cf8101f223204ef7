/**
 * Slash commands typed as text, the same on every channel: /decu, /huy, /trogiup…
 * (English aliases too). Unknown commands open the main menu.
 */
import type { Incoming } from '../app/conversation.js';
import type { FormCommand } from '../core/form/types.js';

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
