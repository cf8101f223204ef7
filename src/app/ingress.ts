/**
 * Where updates from every channel enter: each is written to the inbound queue before the channel
 * is told "received", then this instance's worker is woken. A chat sending faster than a person
 * can is slowed (its updates wait their turn) and told so once, politely; beyond a backlog its
 * updates are refused, with one message too. Other chats are never affected.
 */
import { errorFields, type Logger } from './logger.js';
import { chatKeyOf, type InboundQueue, type NewInboundUpdate } from '../infra/repositories/inbound-queue.js';
import type { Locale } from '../i18n/index.js';

/** Sends one plain text to a chat, outside any conversation (the flood notice). */
export type ChatNotifier = (chatId: string, text: string) => Promise<void>;

export interface IncomingUpdate extends NewInboundUpdate {
  /** The sender's language as the channel reports it (for the flood notice). */
  locale: Locale;
}

export class Ingress {
  private readonly notifiers = new Map<string, ChatNotifier>();

  constructor(
    private readonly queue: InboundQueue,
    private readonly wake: () => void,
    private readonly tr: (locale: Locale, key: string) => string,
    private readonly log: Logger,
    /** The language the person chose, which wins over the one their app reports. */
    private readonly chosenLocale?: (channel: string, chatId: string) => Promise<Locale | undefined>,
  ) {}

  register(channel: string, notifier: ChatNotifier): void {
    this.notifiers.set(channel, notifier);
  }

  /**
   * Queues updates; resolves once every one is stored (only then may the channel forget them).
   * One chat's updates are written in order, different chats at once. Throws if the database
   * cannot take them: the channel keeps them and delivers them again.
   */
  async accept(updates: readonly IncomingUpdate[]): Promise<void> {
    const byChat = new Map<string, IncomingUpdate[]>();
    for (const update of updates) {
      const key = chatKeyOf(update.channel, update.chatId);
      const chat = byChat.get(key);
      if (chat) chat.push(update);
      else byChat.set(key, [update]);
    }
    await Promise.all(
      [...byChat.values()].map(async (chat) => {
        for (const update of chat) await this.acceptOne(update);
      }),
    );
    this.wake();
  }

  private async acceptOne(update: IncomingUpdate): Promise<void> {
    const result = await this.queue.enqueue(update);
    if (result.status === 'duplicate') {
      this.log.info({ event: 'update.duplicate', channel: update.channel, updateId: update.updateId });
      return;
    }
    if (result.status === 'refused') this.log.warn({ event: 'flood.refused', channel: update.channel, updateId: update.updateId });
    else if (result.delayedMs > 0) this.log.info({ event: 'flood.delayed', channel: update.channel, updateId: update.updateId, delayedMs: result.delayedMs });
    if (result.warn) {
      const key = result.status === 'refused' ? 'flood-refused' : 'flood-slow-down';
      const notify = this.notifiers.get(update.channel);
      // Not awaited: the webhook answers at once; a lost notice is only a lost courtesy.
      if (notify)
        void (async () => {
          const locale = (await this.chosenLocale?.(update.channel, update.chatId)) ?? update.locale;
          await notify(update.chatId, this.tr(locale, key));
        })().catch((error) => this.log.warn({ event: 'flood.notice_failed', channel: update.channel, ...errorFields(error) }));
    }
  }
}
