/**
 * Drains the outbox: claims due messages and hands each to its channel's sender, with bounded
 * retries. A person who blocked the bot is not retried.
 */
import type { OutMessage } from '../core/messages.js';
import type { ClaimedMessage, OutboxRepository } from '../infra/repositories/outbox.js';
import type { Logger } from './logger.js';

export type SendOutcome = { status: 'sent' } | { status: 'retry'; afterMs: number; error: string } | { status: 'unreachable'; error: string } | { status: 'failed'; error: string };

/** Sends one message on one channel. */
export interface ChannelSender {
  send(chatId: string, locale: string, message: OutMessage): Promise<SendOutcome>;
}

export interface OutboxSenderOptions {
  batch?: number;
  maxAttempts?: number;
  clock?: () => Date;
}

export class OutboxSender {
  private readonly senders = new Map<string, ChannelSender>();
  private draining: Promise<number> | undefined;
  private again = false;

  constructor(private readonly outbox: OutboxRepository, private readonly log: Logger, private readonly options: OutboxSenderOptions = {}) {}

  register(channel: string, sender: ChannelSender): void {
    this.senders.set(channel, sender);
  }

  /** Starts a drain now (or right after the running one); never throws. */
  kick(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: Error) => {
        this.log.error({ event: 'outbox.drain_failed', err: error.message });
        return 0;
      })
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for the drain in progress (graceful shutdown, tests). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Sends everything due; returns how many messages were sent. */
  async drain(): Promise<number> {
    const clock = this.options.clock ?? (() => new Date());
    const batch = this.options.batch ?? 20;
    let sent = 0;
    for (;;) {
      const claimed = await this.outbox.claim(batch, clock());
      if (claimed.length === 0) return sent;
      for (const item of claimed) if (await this.deliver(item, clock)) sent += 1;
    }
  }

  private async deliver(item: ClaimedMessage, clock: () => Date): Promise<boolean> {
    const sender = this.senders.get(item.channel);
    if (!sender) {
      // Another process may serve this channel; leave it for the lease to expire.
      return false;
    }
    let outcome: SendOutcome;
    try {
      outcome = await sender.send(item.chatId, item.locale, item.message);
    } catch (error) {
      outcome = { status: 'retry', afterMs: 30_000, error: (error as Error).message };
    }
    const now = clock();
    if (outcome.status === 'sent') {
      await this.outbox.markSent(item.id, now);
      return true;
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    if (outcome.status === 'retry' && item.attempts < maxAttempts) {
      await this.outbox.retryAt(item.id, new Date(now.getTime() + outcome.afterMs), outcome.error);
      this.log.warn({ event: 'outbox.retry', notificationId: item.id, attempts: item.attempts });
      return false;
    }
    await this.outbox.markFailed(item.id, now, outcome.error);
    this.log.warn({ event: outcome.status === 'unreachable' ? 'outbox.unreachable' : 'outbox.failed', notificationId: item.id, attempts: item.attempts });
    return false;
  }
}
