/**
 * Handles queued updates (src/infra/repositories/inbound-queue.ts) in every instance: claims what is
 * due, runs up to `concurrency` chats at once, renews the leases while they run, and deletes each
 * row once handled. A handler that throws means "not handled, try again": the update is retried
 * with a growing pause, so a database or channel outage delays answers instead of losing them.
 */
import { errorFields, type Logger } from './logger.js';
import { pause } from '../infra/transient.js';
import type { ClaimedUpdate, InboundQueue } from '../infra/repositories/inbound-queue.js';

/** Handles one update of a channel; throws only when it should be tried again later. */
export type UpdateHandler = (payload: unknown, update: ClaimedUpdate) => Promise<void>;

export interface InboundWorkerOptions {
  /** Distinct chats handled at once by this process. */
  concurrency?: number;
  /** How long a claim holds without renewal; a dead process's updates wait at most this long. */
  leaseMs?: number;
  /** How often the queue is looked at without a kick (other instances' leftovers, delayed updates). */
  pollMs?: number;
  /** Tries before an update is given up (logged as `update.dead`). */
  maxAttempts?: number;
  /** Told how long each update took, from its claim to its recorded outcome (for /metrics). */
  observe?: (seconds: number) => void;
}

export class InboundWorker {
  private readonly handlers = new Map<string, UpdateHandler>();
  private readonly inFlight = new Map<string, { channel: string; updateId: number; done: Promise<void> }>();
  private readonly busyChats = new Set<string>();
  private readonly giveUps = new Map<string, (payload: unknown) => Promise<void>>();
  private running = false;
  /** The last claim filled every free slot: more may be waiting, so a slot coming free claims again. */
  private saturated = false;
  private claiming: Promise<void> | undefined;
  private again = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private leaseTimer: NodeJS.Timeout | undefined;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly observe: ((seconds: number) => void) | undefined;
  /** When the queue was last read without an error (for /healthz). */
  lastClaimAt: Date | undefined;

  constructor(private readonly queue: InboundQueue, readonly workerId: string, private readonly log: Logger, options: InboundWorkerOptions = {}) {
    this.concurrency = options.concurrency ?? 16;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.maxAttempts = options.maxAttempts ?? 20;
    this.observe = options.observe;
  }

  /** `giveUp` tells the person when their update is given up (best effort: the channel may be what failed). */
  register(channel: string, handler: UpdateHandler, giveUp?: (payload: unknown) => Promise<void>): void {
    this.handlers.set(channel, handler);
    if (giveUp) this.giveUps.set(channel, giveUp);
  }

  private async apologise(update: ClaimedUpdate): Promise<void> {
    await this.giveUps.get(update.channel)?.(update.payload).catch((error) => this.log.warn({ event: 'inbound.apology_failed', channel: update.channel, ...errorFields(error) }));
  }

  /** Takes back this instance's claims from before a restart, then starts claiming. */
  async start(): Promise<void> {
    this.running = true;
    try {
      const released = await this.queue.releaseAll(this.workerId);
      if (released) this.log.info({ event: 'inbound.reclaimed', count: released });
    } catch (error) {
      this.log.warn({ event: 'inbound.release_failed', ...errorFields(error) });
    }
    this.pollTimer = setInterval(() => this.kick(), this.pollMs);
    this.leaseTimer = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.kick();
  }

  /** Looks at the queue now (an update was just queued here, or a slot came free); never throws. */
  kick(): void {
    if (!this.running) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = this.claimLoop().finally(() => {
      this.claiming = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops claiming, waits for the updates in flight, and gives back any claim left. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.pollTimer);
    await this.claiming;
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()].map((item) => item.done));
    clearInterval(this.leaseTimer);
    await this.queue.releaseAll(this.workerId).catch(() => 0);
  }

  /** Updates being handled right now. */
  get busy(): number {
    return this.inFlight.size;
  }

  private async claimLoop(): Promise<void> {
    while (this.running) {
      const free = this.concurrency - this.inFlight.size;
      if (free <= 0) return;
      let claimed: ClaimedUpdate[];
      try {
        claimed = await this.queue.claim(this.workerId, free, this.leaseMs, [...this.handlers.keys()]);
        this.lastClaimAt = new Date();
      } catch (error) {
        // The database is away: the poll timer tries again; nothing is lost (the rows wait).
        this.log.warn({ event: 'inbound.claim_failed', ...errorFields(error) });
        return;
      }
      this.saturated = claimed.length >= free;
      if (!claimed.length) return;
      for (const update of claimed) {
        if (this.busyChats.has(update.chatKey)) {
          // Its chat is still being handled here (a lease that lapsed while the event loop was blocked): later.
          await this.settle(() => this.queue.retryLater(this.workerId, update.channel, update.updateId, 200));
          continue;
        }
        this.run(update);
      }
      // Fewer than asked for: nothing else is due now (a kick or the poll timer looks again).
      if (!this.saturated) return;
    }
  }

  private run(update: ClaimedUpdate): void {
    const key = `${update.channel}:${update.updateId}`;
    this.busyChats.add(update.chatKey);
    const started = performance.now();
    const done = this.handle(update).then((more) => {
      this.observe?.((performance.now() - started) / 1000);
      this.inFlight.delete(key);
      this.busyChats.delete(update.chatKey);
      // The chat's next update is waiting behind this one (it may have reached another instance), or
      // the slot that came free is wanted: claim again now rather than at the next poll.
      if (more || this.saturated) this.kick();
    });
    this.inFlight.set(key, { channel: update.channel, updateId: update.updateId, done });
  }

  /**
   * Runs one update and records the outcome; resolves whether its chat has more waiting. Never
   * rejects. Its chat is free here as soon as the handler is done, before the outcome is written:
   * a claim answered just after the row's delete may already hold the chat's next update.
   */
  private async handle(update: ClaimedUpdate): Promise<boolean> {
    // Claimed again and again without ever finishing: it takes its process down (out of memory…).
    if (update.attempts > this.maxAttempts) return this.giveUp(update, { reason: 'never finished' });
    try {
      // Claims name only the channels with a handler here.
      await this.handlers.get(update.channel)!(update.payload, update);
    } catch (error) {
      this.busyChats.delete(update.chatKey);
      if (update.attempts >= this.maxAttempts) return this.giveUp(update, errorFields(error));
      const afterMs = Math.min(60_000, 500 * 2 ** (update.attempts - 1));
      this.log.warn({ event: 'inbound.retry', channel: update.channel, updateId: update.updateId, attempts: update.attempts, afterMs, ...errorFields(error) });
      await this.settle(() => this.queue.retryLater(this.workerId, update.channel, update.updateId, afterMs));
      return false;
    }
    this.busyChats.delete(update.chatKey);
    return this.complete(update);
  }

  /** Given up: logged as update.dead, the person told, the row deleted. */
  private async giveUp(update: ClaimedUpdate, why: Record<string, string>): Promise<boolean> {
    this.log.error({ event: 'update.dead', channel: update.channel, updateId: update.updateId, attempts: update.attempts, ...why });
    await this.apologise(update);
    return this.complete(update);
  }

  /** Deletes the handled row; whether its chat has more waiting (not known, the database away: claim again to be safe). */
  private async complete(update: ClaimedUpdate): Promise<boolean> {
    return (await this.settle(() => this.queue.complete(this.workerId, update.channel, update.updateId))) ?? true;
  }

  /**
   * Writes the outcome, retrying while the database is away (the lease keeps it ours); if it
   * never comes back before the stop, the lease runs out and the update is handled again, which
   * the handlers tolerate (drafts remember the last input they applied).
   */
  private async settle<T>(write: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (attempt >= 5) {
          this.log.warn({ event: 'inbound.settle_failed', ...errorFields(error) });
          return undefined;
        }
        await pause(200 * 2 ** attempt);
      }
    }
  }

  private async renewLeases(): Promise<void> {
    if (!this.inFlight.size) return;
    try {
      await this.queue.extend(this.workerId, [...this.inFlight.values()], this.leaseMs);
    } catch (error) {
      this.log.warn({ event: 'inbound.extend_failed', ...errorFields(error) });
    }
  }
}
