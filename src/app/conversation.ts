/**
 * One entry point for every channel: an incoming event from a person → the messages to send.
 * Routes menu actions, "my nominations", language and the nomination form.
 */
import type { FormInput } from '../core/form/types.js';
import { rows, say, t, type OutMessage } from '../core/messages.js';
import { MY_LIST_PAGE_SIZE, myNominationsMessage, nominationDetailMessage, withdrawConfirmMessage } from '../core/nomination/records.js';
import type { LocaleCode, NominationRepository, Person, UserRepository } from '../core/ports.js';
import type { Intake } from './intake.js';
import type { Logger } from './logger.js';

export type MenuAction = 'nominate' | 'mine' | 'guide' | 'language';

/** What a person can do, whatever the channel. */
export type Incoming = { kind: 'start'; payload?: string } | { kind: 'menu'; action: MenuAction } | FormInput;

export interface Reply {
  messages: OutMessage[];
  /** The locale to render in (changes when the person picks another language). */
  locale: LocaleCode;
}

export interface ConversationDeps {
  intake: Intake;
  nominations: NominationRepository;
  users: UserRepository;
  log: Logger;
}

/** The main menu, as buttons. */
export function mainMenu(lead: OutMessage['parts'][number] = t('menu-prompt')): OutMessage {
  return {
    parts: [lead],
    choices: {
      step: 'menu',
      rows: [
        [{ value: 'nominate', label: t('menu-nominate') }],
        [{ value: 'mine', label: t('menu-mine') }],
        [{ value: 'guide', label: t('menu-guide') }, { value: 'language', label: t('menu-language') }],
      ],
    },
  };
}

function languageMenu(): OutMessage {
  return {
    parts: [t('language-choose')],
    choices: { step: 'lang', rows: rows([{ value: 'vi', label: t('language-vi') }, { value: 'en', label: t('language-en') }], 2) },
  };
}

export class Conversation {
  constructor(private readonly deps: ConversationDeps) {}

  async respond(person: Person, incoming: Incoming, now: Date): Promise<Reply> {
    const reply = (messages: OutMessage[], locale: LocaleCode = person.locale): Reply => ({ messages, locale });
    switch (incoming.kind) {
      case 'start': {
        const messages = [mainMenu(t('welcome'))];
        if (await this.deps.intake.hasDraft(person, now)) messages.push(...(await this.deps.intake.start(person, now)));
        return reply(messages);
      }
      case 'menu':
        return reply(await this.menu(person, incoming.action, now));
      case 'choice':
        if (incoming.step === 'menu') return reply(await this.menu(person, incoming.value as MenuAction, now));
        if (incoming.step === 'lang') return this.setLanguage(person, incoming.value);
        if (incoming.step === 'my') return reply(await this.mine(person, incoming.value, now));
        break;
      case 'command':
        if (!(await this.deps.intake.hasDraft(person, now))) {
          const keys = { cancel: 'nothing-to-cancel', edit: 'nothing-to-edit', skip: 'nothing-to-skip', help: 'guide' } as const;
          return reply([mainMenu(t(keys[incoming.command]))]);
        }
        break;
      default:
        break;
    }
    const handled = await this.deps.intake.handle(person, incoming, now);
    if (handled) return reply(handled);
    const fallback = incoming.kind === 'file' ? 'file-outside-form' : incoming.kind === 'choice' ? 'form-closed' : 'not-in-form';
    return reply([mainMenu(t(fallback))]);
  }

  private async menu(person: Person, action: MenuAction, now: Date): Promise<OutMessage[]> {
    switch (action) {
      case 'nominate':
        return this.deps.intake.start(person, now);
      case 'mine':
        return this.mine(person, 'p0', now);
      case 'guide':
        return [mainMenu(t('guide'))];
      case 'language':
        return [languageMenu()];
      default:
        return [mainMenu()];
    }
  }

  private async setLanguage(person: Person, value: string): Promise<Reply> {
    if (value !== 'vi' && value !== 'en') return { messages: [languageMenu()], locale: person.locale };
    await this.deps.users.setLocale(person.id, value);
    this.deps.log.info({ event: 'user.locale', userId: person.id, locale: value });
    return { messages: [mainMenu(t('language-set'))], locale: value };
  }

  /** "Đề xuất của tôi": p<page> lists, v<id> shows, w<id> asks to withdraw, x<id> withdraws. */
  private async mine(person: Person, value: string, now: Date): Promise<OutMessage[]> {
    if (value === 'new') return this.deps.intake.start(person, now);
    const match = /^([pvwx])(\d{1,9})$/.exec(value);
    if (!match) return [mainMenu()];
    const number = Number(match[2]);
    if (match[1] === 'p') {
      const { items, total } = await this.deps.nominations.listForUser(person.id, number * MY_LIST_PAGE_SIZE, MY_LIST_PAGE_SIZE);
      if (items.length === 0 && total > 0) return this.mine(person, 'p0', now);
      return [myNominationsMessage(items, number, total)];
    }
    // Ownership is checked by the repository: another person's id reads as "not found".
    const item = await this.deps.nominations.getForUser(person.id, number);
    if (!item) {
      this.deps.log.warn({ event: 'nomination.not_owned_or_missing', userId: person.id, nominationId: number });
      return [say(t('nomination-not-found'))];
    }
    if (match[1] === 'v') return [nominationDetailMessage(item)];
    if (match[1] === 'w') return [withdrawConfirmMessage(item)];
    const outcome = await this.deps.nominations.withdraw(person.id, number, now);
    this.deps.log.info({ event: 'nomination.withdraw', userId: person.id, nominationId: number, outcome });
    if (outcome === 'withdrawn') return [say(t('withdraw-done', { code: { raw: item.code } }))];
    if (outcome === 'not-allowed') return [say(t('withdraw-not-allowed', { status: t(`status-${item.status}`) }))];
    return [say(t('nomination-not-found'))];
  }
}
