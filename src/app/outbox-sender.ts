/**
 * Drains the outbox: claims due messages and hands each to its channel's sender, with bounded
 * retries. A person who blocked the bot is not retried.
 */
import { errorFields } from './logger.js';
import type { OutMessage } from '../core/messages.js';
import type { ClaimedMessage, OutboxRepository } from '../infra/repositories/outbox.js';
import type { Logger } from './logger.js';

export type SendOutcome = { status: 'sent' } | { status: 'retry'; afterMs: number; error: string; rateLimited?: boolean } | { status: 'unreachable'; error: string } | { status: 'failed'; error: string };

/** Sends one message on one channel. */
export interface ChannelSender {
  send(chatId: string, locale: string, message: OutMessage): Promise<SendOutcome>;
}

export interface OutboxSenderOptions {
  batch?: number;
  maxAttempts?: number;
  clock?: () => Date;
  /** Messages per second overall (Telegram: about 30) and the gap between two messages to one chat. */
  perSecond?: number;
  perChatGapMs?: number;
  /** Messages in flight at once (sending is network-bound). */
  concurrency?: number;
  /** How long a claim holds (must match the repository's lease) and the longest one send may take. */
  leaseMs?: number;
  sendTimeoutMs?: number;
  /** This instance's name on its claims, so a restart or a stop gives them back at once. */
  claimer?: string;
  /** Called once when a person turned out to be unreachable (blocked the bot). */
  onUnreachable?: (item: ClaimedMessage) => Promise<void>;
}

/**
 * Paces sends: at most `perSecond` overall, and `perChatGapMs` between two messages to one chat.
 * In-process: instances sharing a token each need their share of the rate (SEND_RATE_PER_SECOND).
 */
export class SendPacer {
  private nextGlobal = 0;
  private readonly nextByChat = new Map<string, number>();

  constructor(private readonly perSecond: number, private readonly perChatGapMs: number, private readonly now: () => number = () => Date.now()) {}

  /** Waits for a slot for `chatId`; slots are handed out in call order. */
  async acquire(chatId: string): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextGlobal, this.nextByChat.get(chatId) ?? 0);
    this.nextGlobal = at + 1000 / this.perSecond;
    this.nextByChat.set(chatId, at + this.perChatGapMs);
    if (this.nextByChat.size > 10_000) this.forgetOld(now);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  /** After a 429, nothing goes out before Telegram's retry_after. */
  holdUntil(time: number): void {
    this.nextGlobal = Math.max(this.nextGlobal, time);
  }

  private forgetOld(now: number): void {
    for (const [chat, time] of this.nextByChat) if (time < now) this.nextByChat.delete(chat);
  }
}

export class OutboxSender {
  private readonly senders = new Map<string, ChannelSender>();
  private readonly pacer: SendPacer;
  private draining: Promise<number> | undefined;
  private again = false;
  private stopping = false;

  constructor(private readonly outbox: OutboxRepository, private readonly log: Logger, private readonly options: OutboxSenderOptions = {}) {
    this.pacer = new SendPacer(options.perSecond ?? 28, options.perChatGapMs ?? 1000);
  }

  register(channel: string, sender: ChannelSender): void {
    this.senders.set(channel, sender);
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Takes back this instance's claims left by a crash (same INSTANCE_ID), so they go out now, not after the lease. */
  async reclaim(): Promise<number> {
    if (!this.options.claimer) return 0;
    const released = await this.outbox.release(this.now(), this.options.claimer);
    if (released) this.log.info({ event: 'outbox.reclaimed', count: released });
    return released;
  }

  /** Graceful stop: the sends in flight finish, claimed messages not started are given back to the other instances. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
    if (this.options.claimer) await this.outbox.release(this.now(), this.options.claimer).catch(() => 0);
  }

  /** Starts a drain now (or right after the running one); never throws. */
  kick(): void {
    if (this.stopping) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: Error) => {
        this.log.error({ event: 'outbox.drain_failed', ...errorFields(error) });
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
    const concurrency = this.options.concurrency ?? 8;
    for (;;) {
      const claimedAt = Date.now();
      // Only the channels this process can send on: another process serves the others.
      if (this.senders.size === 0 || this.stopping) return sent;
      const claimed = await this.outbox.claim(batch, clock(), this.options.leaseMs ?? 60_000, [...this.senders.keys()], this.options.claimer ?? null);
      if (claimed.length === 0) return sent;
      const queue = [...claimed];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let item = queue.shift(); item && !this.stopping; item = queue.shift()) if (await this.deliver(item, clock, claimedAt)) sent += 1;
        }),
      );
    }
  }

  private async deliver(item: ClaimedMessage, clock: () => Date, claimedAt: number): Promise<boolean> {
    const sender = this.senders.get(item.channel);
    if (!sender) {
      // Another process may serve this channel; leave it for the lease to expire.
      return false;
    }
    const leaseMs = this.options.leaseMs ?? 60_000;
    const sendTimeoutMs = this.options.sendTimeoutMs ?? 20_000;
    let outcome: SendOutcome;
    try {
      await this.pacer.acquire(`${item.channel}:${item.chatId}`);
      // A send must finish inside the claim's lease, or another sender may claim the row and send it
      // too: one that could not start early enough is left for the next claim instead.
      if (Date.now() - claimedAt > leaseMs - sendTimeoutMs - 5_000 || this.stopping) {
        if (this.options.claimer) await this.outbox.release(clock(), this.options.claimer, [item.id]);
        return false;
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<SendOutcome>((resolve) => {
        timer = setTimeout(() => resolve({ status: 'retry', afterMs: 30_000, error: 'send timed out' }), sendTimeoutMs);
      });
      outcome = await Promise.race([sender.send(item.chatId, item.locale, item.message), timeout]).finally(() => clearTimeout(timer));
    } catch (error) {
      outcome = { status: 'retry', afterMs: 30_000, error: (error as Error).message };
    }
    const now = clock();
    if (outcome.status === 'sent') {
      await this.outbox.markSent(item.id, now);
      return true;
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    if (outcome.status === 'retry' && outcome.rateLimited) this.pacer.holdUntil(Date.now() + outcome.afterMs);
    if (outcome.status === 'retry' && item.attempts < maxAttempts) {
      await this.outbox.retryAt(item.id, new Date(now.getTime() + outcome.afterMs), outcome.error);
      this.log.warn({ event: 'outbox.retry', notificationId: item.id, attempts: item.attempts });
      return false;
    }
    await this.outbox.markFailed(item.id, now, outcome.error);
    this.log.warn({ event: outcome.status === 'unreachable' ? 'outbox.unreachable' : 'outbox.failed', notificationId: item.id, attempts: item.attempts });
    if (outcome.status === 'unreachable') await this.options.onUnreachable?.(item).catch((error: Error) => this.log.error({ event: 'outbox.unreachable_hook_failed', ...errorFields(error) }));
    return false;
  }
}
