/**
 * The notification outbox on a real PostgreSQL: concurrent drainers send each message exactly
 * once (FOR UPDATE SKIP LOCKED), Telegram's 429 is retried later, a blocked bot (403) is not,
 * and rows claimed by a sender that died are claimed again once the lease is over.
 */
import { Api } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.js';
import { OutboxSender, type ChannelSender, type SendOutcome } from '../../src/app/outbox-sender.js';
import { raw, say, type OutMessage } from '../../src/core/messages.js';
import { openDatabase, type Db } from '../../src/infra/db/client.js';
import { OutboxRepository } from '../../src/infra/repositories/outbox.js';
import { enqueue, type OutgoingMessage } from '../../src/infra/repositories/review.js';
import { TelegramSender } from '../../src/channels/telegram/sender.js';
import { createTestDatabase, strictTranslator, type TestDatabase } from '../support/db.js';

const T0 = new Date('2026-11-20T03:00:00.000Z');

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let db: Db;
let outbox: OutboxRepository;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url, { max: 12 });
  db = connection.db;
  outbox = new OutboxRepository(db);
});
afterAll(async () => {
  await connection?.close();
  await database?.drop();
});
beforeEach(async () => {
  await db.notification.deleteMany({});
});

/** A controllable clock. */
function clockAt(start: Date) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** `count` messages, one per chat "chat-<i>", each saying its dedupe key. */
function messages(count: number, prefix = 'm', channel = 'telegram'): OutgoingMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    dedupeKey: `${prefix}:${index}`,
    userId: null,
    channel,
    chatId: `${prefix}-chat-${index}`,
    locale: 'vi',
    message: say(raw(`${prefix}:${index}`)),
  }));
}

async function put(list: OutgoingMessage[], at = T0): Promise<void> {
  await db.$transaction((tx) => enqueue(tx, list, at));
}

/** A fake channel: counts sends per chat, answers with `outcome` (per chat and attempt), after a short pause. */
class FakeChannel implements ChannelSender {
  readonly sends = new Map<string, number>();
  readonly order: string[] = [];
  constructor(private readonly outcome: (chatId: string, attempt: number) => SendOutcome | Promise<SendOutcome> = () => ({ status: 'sent' }), private readonly pauseMs = 2) {}
  async send(chatId: string, _locale: string, message: OutMessage): Promise<SendOutcome> {
    const attempt = (this.sends.get(chatId) ?? 0) + 1;
    this.sends.set(chatId, attempt);
    this.order.push(chatId);
    expect(message.parts).toHaveLength(1);
    if (this.pauseMs) await new Promise((resolve) => setTimeout(resolve, Math.random() * this.pauseMs));
    return this.outcome(chatId, attempt);
  }
}

function sender(channel: ChannelSender, clock: { now: () => Date }, options: { batch?: number; maxAttempts?: number } = {}) {
  const instance = new OutboxSender(outbox, silentLogger, { clock: clock.now, ...options });
  instance.register('telegram', channel);
  return instance;
}

const row = (dedupeKey: string) => db.notification.findUniqueOrThrow({ where: { dedupeKey } });

describe('enqueueing', () => {
  it('a repeated dedupe key is written once', async () => {
    await put(messages(3));
    await put(messages(3));
    expect(await db.notification.count()).toBe(3);
    expect(await outbox.pending()).toBe(3);
  });
});

describe('concurrent drainers', () => {
  it('two senders (and two drains of one) over 50 messages send each exactly once', async () => {
    await put(messages(50));
    const clock = clockAt(T0);
    const channel = new FakeChannel();
    const first = sender(channel, clock, { batch: 7 });
    const second = sender(channel, clock, { batch: 5 });
    const counts = await Promise.all([first.drain(), second.drain(), first.drain(), second.drain()]);

    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(50);
    expect(channel.sends.size).toBe(50);
    expect([...channel.sends.values()].every((count) => count === 1)).toBe(true);
    // More than one drainer did work (the claims interleaved).
    expect(counts.filter((count) => count > 0).length).toBeGreaterThan(1);
    const rows = await db.notification.findMany();
    expect(rows.every((r) => r.sentAt !== null && r.failedAt === null && r.attempts === 1)).toBe(true);
    expect(await outbox.pending()).toBe(0);

    // Nothing is left for a later drain.
    expect(await first.drain()).toBe(0);
    expect(channel.order).toHaveLength(50);
  });

  it('claims from concurrent transactions never overlap', async () => {
    await put(messages(40, 'c'));
    const claims = await Promise.all(Array.from({ length: 8 }, () => outbox.claim(10, T0)));
    const ids = claims.flat().map((claimed) => claimed.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });
});

describe('failures', () => {
  it('a 429 is retried after the wait Telegram asked for, and sent on a later drain', async () => {
    await put(messages(2, 'r'));
    const clock = clockAt(T0);
    const channel = new FakeChannel((chatId, attempt) =>
      chatId === 'r-chat-0' && attempt === 1 ? { status: 'retry', afterMs: 1_000, error: 'Too Many Requests: retry after 1', rateLimited: true } : { status: 'sent' },
    );
    const drainer = sender(channel, clock);

    expect(await drainer.drain()).toBe(1);
    const waiting = await row('r:0');
    expect(waiting.sentAt).toBeNull();
    expect(waiting.failedAt).toBeNull();
    expect(waiting.attempts).toBe(1);
    expect(waiting.notBefore.getTime()).toBe(T0.getTime() + 1_000);
    expect(waiting.lastError).toBe('Too Many Requests: retry after 1');

    // Not before its time…
    clock.advance(900);
    expect(await drainer.drain()).toBe(0);
    expect(channel.sends.get('r-chat-0')).toBe(1);
    // …then sent.
    clock.advance(200);
    expect(await drainer.drain()).toBe(1);
    const sent = await row('r:0');
    expect(sent.sentAt).toEqual(clock.now());
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toBeNull();
    expect(channel.sends.get('r-chat-0')).toBe(2);
    expect(channel.sends.get('r-chat-1')).toBe(1);
  });

  it('a 403 (the person blocked the bot) is not retried: marked failed', async () => {
    await put(messages(2, 'b'));
    const clock = clockAt(T0);
    const channel = new FakeChannel((chatId) => (chatId === 'b-chat-1' ? { status: 'unreachable', error: 'Forbidden: bot was blocked by the user' } : { status: 'sent' }));
    const unreachable: string[] = [];
    const drainer = new OutboxSender(outbox, silentLogger, { clock: clock.now, onUnreachable: async (item) => void unreachable.push(item.chatId) });
    drainer.register('telegram', channel);
    expect(await drainer.drain()).toBe(1);
    expect(unreachable).toEqual(['b-chat-1']);
    const blocked = await row('b:1');
    expect(blocked.failedAt).toEqual(T0);
    expect(blocked.sentAt).toBeNull();
    expect(blocked.lastError).toBe('Forbidden: bot was blocked by the user');

    clock.advance(24 * 3600_000);
    expect(await drainer.drain()).toBe(0);
    expect(channel.sends.get('b-chat-1')).toBe(1);
    expect((await row('b:1')).attempts).toBe(1);
    expect(await outbox.pending()).toBe(0);
    expect(unreachable).toEqual(['b-chat-1']);
  });

  it("through the Telegram sender: Telegram's 429 waits retry_after, its 403 is not retried", async () => {
    await put(messages(2, 'tg'));
    const clock = clockAt(T0);
    const api = new Api('7000000001:AAFakeTokenUsedOnlyInTests_0123456789');
    const answers = new Map<string, ({ ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } })[]>([
      ['tg-chat-0', [{ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }]],
      ['tg-chat-1', [{ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }]],
    ]);
    const delivered: string[] = [];
    api.config.use(async (_prev, method, payload) => {
      const chat = String((payload as { chat_id: string }).chat_id);
      const next = answers.get(chat)?.shift();
      if (next) return next as never;
      delivered.push(`${method}:${chat}:${(payload as { text: string }).text}`);
      return { ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: 'private', first_name: 'x' } } } as never;
    });
    const drainer = new OutboxSender(outbox, silentLogger, { clock: clock.now });
    drainer.register('telegram', new TelegramSender(api, strictTranslator()));
    expect(await drainer.drain()).toBe(0);
    expect((await row('tg:0')).notBefore).toEqual(new Date(T0.getTime() + 1_000));
    expect((await row('tg:1')).failedAt).toEqual(T0);
    clock.advance(1_000);
    expect(await drainer.drain()).toBe(1);
    expect(delivered).toEqual(['sendMessage:tg-chat-0:tg:0']);
    expect((await row('tg:0')).sentAt).toEqual(clock.now());
    expect((await row('tg:1')).sentAt).toBeNull();
  });

  it('a permanent error is not retried; retries stop after maxAttempts', async () => {
    await put(messages(2, 'p'));
    const clock = clockAt(T0);
    const channel = new FakeChannel((chatId) => (chatId === 'p-chat-0' ? { status: 'failed', error: 'Bad Request: chat not found' } : { status: 'retry', afterMs: 1_000, error: 'Internal Server Error' }));
    const drainer = sender(channel, clock, { maxAttempts: 3 });
    for (let round = 0; round < 6; round += 1) {
      await drainer.drain();
      clock.advance(2_000);
    }
    expect(channel.sends.get('p-chat-0')).toBe(1);
    expect(channel.sends.get('p-chat-1')).toBe(3);
    expect((await row('p:0')).failedAt).not.toBeNull();
    const gaveUp = await row('p:1');
    expect(gaveUp.failedAt).not.toBeNull();
    expect(gaveUp.attempts).toBe(3);
    expect(gaveUp.lastError).toBe('Internal Server Error');
  });

  it('a sender that throws is treated as a retry', async () => {
    await put(messages(1, 't'));
    const clock = clockAt(T0);
    let calls = 0;
    const drainer = sender(
      {
        async send() {
          calls += 1;
          if (calls === 1) throw new Error('socket hang up');
          return { status: 'sent' };
        },
      },
      clock,
    );
    expect(await drainer.drain()).toBe(0);
    expect((await row('t:0')).lastError).toBe('socket hang up');
    clock.advance(30_000);
    expect(await drainer.drain()).toBe(1);
    expect(calls).toBe(2);
  });
});

describe('leases', () => {
  it("a restart does not cancel a retry's pause (a 429's wait): only claims still held are taken back", async () => {
    await put(messages(1, 'p'));
    const clock = clockAt(T0);
    const limited = new FakeChannel(() => ({ status: 'retry', afterMs: 30_000, error: 'Too Many Requests', rateLimited: true }), 0);
    const first = new OutboxSender(outbox, silentLogger, { clock: clock.now, claimer: 'inst-p' });
    first.register('telegram', limited);
    expect(await first.drain()).toBe(0);
    const restarted = new OutboxSender(outbox, silentLogger, { clock: clock.now, claimer: 'inst-p' });
    const channel = new FakeChannel();
    restarted.register('telegram', channel);
    expect(await restarted.reclaim()).toBe(0);
    expect(await restarted.drain()).toBe(0); // still within Telegram's wait
    clock.advance(31_000);
    expect(await restarted.drain()).toBe(1);
  });

  it('a restart under the same instance name takes its claims back at once; a stop gives back what it had not started', async () => {
    await put(messages(4, 'r'));
    const clock = clockAt(T0);
    // Instance "a" claims four and is killed.
    expect(await outbox.claim(4, T0, 60_000, ['telegram'], 'inst-a')).toHaveLength(4);
    const channel = new FakeChannel();
    const other = new OutboxSender(outbox, silentLogger, { clock: clock.now, claimer: 'inst-b' });
    other.register('telegram', channel);
    expect(await other.drain()).toBe(0); // still held by "a"
    const restarted = new OutboxSender(outbox, silentLogger, { clock: clock.now, claimer: 'inst-a' });
    restarted.register('telegram', channel);
    expect(await restarted.reclaim()).toBe(4);
    expect(await restarted.drain()).toBe(4);
    expect([...channel.sends.values()]).toEqual([1, 1, 1, 1]);

    // A graceful stop while one send is in flight: it finishes; the other claimed rows go back.
    await put(messages(6, 's'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const slow = new FakeChannel(async () => {
      started();
      await gate;
      return { status: 'sent' };
    }, 0);
    const stopping = new OutboxSender(outbox, silentLogger, { clock: clock.now, claimer: 'inst-c', concurrency: 1 });
    stopping.register('telegram', slow);
    stopping.kick();
    await firstStarted;
    const stopped = stopping.stop();
    release();
    await stopped;
    expect([...slow.sends.values()]).toEqual([1]);
    const rest = new FakeChannel();
    const successor = new OutboxSender(outbox, silentLogger, { clock: clock.now, claimer: 'inst-d' });
    successor.register('telegram', rest);
    expect(await successor.drain()).toBe(5);
    expect(await outbox.pending()).toBe(0);
  });

  it('rows claimed by a sender that died are claimed again after the lease, and sent once', async () => {
    await put(messages(5, 'l'));
    // A sender claims three and dies without marking them.
    const dead = await outbox.claim(3, T0);
    expect(dead).toHaveLength(3);
    const deadChats = dead.map((claimed) => claimed.chatId).sort();

    const clock = clockAt(T0);
    const channel = new FakeChannel();
    const drainer = sender(channel, clock);
    // Within the lease: only the two unclaimed ones go out.
    clock.advance(30_000);
    expect(await drainer.drain()).toBe(2);
    for (const chat of deadChats) expect(channel.sends.has(chat)).toBe(false);

    // After the lease (60 s): the rest.
    clock.advance(31_000);
    expect(await drainer.drain()).toBe(3);
    expect([...channel.sends.keys()].sort()).toEqual(messages(5, 'l').map((message) => message.chatId).sort());
    expect([...channel.sends.values()].every((count) => count === 1)).toBe(true);
    for (const chat of deadChats) {
      const key = `l:${chat.split('-').at(-1)}`;
      expect((await row(key)).attempts).toBe(2);
    }
    expect(await outbox.pending()).toBe(0);
  });

  it('a row for a channel nobody serves here is left alone (not even claimed), and goes at once to whoever serves it', async () => {
    await put(messages(1, 'z', 'zalo'));
    const clock = clockAt(T0);
    const here = sender(new FakeChannel(), clock);
    expect(await here.drain()).toBe(0);
    expect((await db.notification.findFirstOrThrow({ where: { chatId: 'z-chat-0' } })).attempts).toBe(0);
    const zalo = new FakeChannel();
    const there = new OutboxSender(outbox, silentLogger, { clock: clock.now });
    there.register('zalo', zalo);
    expect(await there.drain()).toBe(1);
    expect(zalo.sends.get('z-chat-0')).toBe(1);
  });

  it('kick() drains in the background and idle() waits for it', async () => {
    await put(messages(3, 'k'));
    const clock = clockAt(T0);
    const channel = new FakeChannel(undefined, 5);
    const drainer = sender(channel, clock);
    drainer.kick();
    drainer.kick(); // while one runs: runs again after it, never twice at once
    await drainer.idle();
    expect([...channel.sends.values()]).toEqual([1, 1, 1]);
    expect(await outbox.pending()).toBe(0);
  });
});
