/**
 * The HTTP side without a bot: Telegram's webhook stores updates before answering 200 (401 without
 * the secret, 400 for junk, 503 while the database is away), /healthz says 200 or 503 with the
 * reason, the ingress sends one flood notice per chat, and which errors count as passing ones.
 */
import { request as httpRequest } from 'node:http';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Ingress, type IncomingUpdate } from '../../src/app/ingress.js';
import { silentLogger } from '../../src/app/logger.js';
import { countingLogger, Metrics } from '../../src/app/metrics.js';
import { telegramWebhookRoute, toQueued } from '../../src/channels/telegram/ingress.js';
import { openDatabase } from '../../src/infra/db/client.js';
import { healthRoute, metricsRoute, type HealthDeps } from '../../src/infra/health.js';
import { MAX_BODY_BYTES, startHttpServer, type HttpServer } from '../../src/infra/http-server.js';
import { InboundQueue } from '../../src/infra/repositories/inbound-queue.js';
import { isTransientError } from '../../src/infra/transient.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const SECRET = 'webhook-secret-used-only-in-tests';
const WEBHOOK = '/telegram/webhook';
const FAILING_WEBHOOK = '/telegram/failing';
const STARTED = new Date('2026-11-20T03:00:00.000Z');

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let queue: InboundQueue;
let server: HttpServer;
let wakes = 0;
/** What /healthz sees; each test sets what it needs. */
let health: { ping: () => Promise<unknown>; lastTick: Date | undefined; stopping: boolean; now: Date };
/** What /metrics counts: the webhook's ingress logs through it. */
const metrics = new Metrics();
let queueDepthFails = false;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url, { max: 4 });
  queue = new InboundQueue(connection.db);
  const ingress = new Ingress(queue, () => void wakes++, (locale, key) => `${locale}:${key}`, countingLogger(silentLogger, metrics));
  const failing = { accept: async () => Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' })) } as unknown as Ingress;
  const deps: HealthDeps = {
    ping: () => health.ping(),
    lastTick: () => health.lastTick,
    queueDepth: () => queue.depth(),
    stopping: () => health.stopping,
    worker: () => ({ lastClaimAt: new Date('2026-11-20T03:01:10.000Z'), busy: 2 }),
    startedAt: STARTED,
    maxTickAgeMs: 120_000,
    instance: 'test-instance',
    now: () => health.now,
  };
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: [
      telegramWebhookRoute({ path: WEBHOOK, secret: SECRET, ingress, log: silentLogger }),
      telegramWebhookRoute({ path: FAILING_WEBHOOK, secret: SECRET, ingress: failing, log: silentLogger }),
      healthRoute(deps),
      metricsRoute({ metrics, queueDepth: () => (queueDepthFails ? Promise.reject(new Error('connect ECONNREFUSED')) : queue.depth()), worker: () => ({ lastClaimAt: undefined, busy: 3 }), startedAt: STARTED, now: () => health.now }),
    ],
    log: silentLogger,
  });
});
afterAll(async () => {
  await server?.close();
  await connection?.close();
  await database?.drop();
});
/** An empty queue and a healthy instance (for the tests that use the server or the database). */
async function reset(): Promise<void> {
  await connection.pool.query('TRUNCATE inbound_updates, chat_pacing, processed_updates');
  health = { ping: connection.ping, lastTick: new Date(STARTED.getTime() + 60_000), stopping: false, now: new Date(STARTED.getTime() + 90_000) };
}

const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;

function post(path: string, body: string, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }) {
  return fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

const message = (updateId: number, chatId = 4242, text = 'xin chào'): Update =>
  ({
    update_id: updateId,
    message: { message_id: updateId, date: 1_790_000_000, chat: { id: chatId, type: 'private', first_name: 'An' }, from: { id: chatId, is_bot: false, first_name: 'An', language_code: 'vi' }, text },
  }) as Update;

async function storedRows() {
  const { rows } = await connection.pool.query<{ channel: string; update_id: string; chat_key: string; position: string; payload: unknown }>(
    'SELECT channel, update_id, chat_key, position, payload FROM inbound_updates ORDER BY update_id',
  );
  return rows.map((row) => ({ channel: row.channel, updateId: Number(row.update_id), chatKey: row.chat_key, position: Number(row.position), payload: row.payload }));
}

describe('the Telegram webhook', () => {
  beforeEach(reset);

  it.each<{ name: string; headers: Record<string, string> }>([
    { name: 'no secret header', headers: {} },
    { name: 'a wrong secret', headers: { 'x-telegram-bot-api-secret-token': 'not-the-secret' } },
    { name: 'the secret with a different length', headers: { 'x-telegram-bot-api-secret-token': `${SECRET}x` } },
    { name: 'an empty secret', headers: { 'x-telegram-bot-api-secret-token': '' } },
  ])('401 with $name, and nothing is stored', async ({ headers }) => {
    const response = await post(WEBHOOK, JSON.stringify(message(1)), headers);
    expect(response.status).toBe(401);
    expect(await storedRows()).toEqual([]);
  });

  it.each([
    { name: 'not JSON', body: 'update_id=1' },
    { name: 'an empty body', body: '' },
    { name: 'JSON without update_id', body: JSON.stringify({ message: { text: 'hi' } }) },
    { name: 'a negative update_id', body: JSON.stringify({ update_id: -1 }) },
    { name: 'a fractional update_id', body: JSON.stringify({ update_id: 1.5 }) },
    { name: 'update_id as a string', body: JSON.stringify({ update_id: '12' }) },
    { name: 'a JSON array', body: JSON.stringify([message(1)]) },
    { name: 'JSON null', body: 'null' },
  ])('400 for $name, and nothing is stored', async ({ body }) => {
    const response = await post(WEBHOOK, body);
    expect(response.status).toBe(400);
    expect(await storedRows()).toEqual([]);
  });

  it('200 once the update is stored in inbound_updates (its chat, position and payload), and the worker is woken', async () => {
    const before = wakes;
    const update = message(700_001, 4242, 'Tôi muốn đề xuất');
    const response = await post(WEBHOOK, JSON.stringify(update));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(await storedRows()).toEqual([{ channel: 'telegram', updateId: 700_001, chatKey: 'telegram:4242', position: 700_001, payload: update }]);
    expect(wakes).toBe(before + 1);
  });

  it('the same update posted twice (a redelivery) is stored once, and both posts get 200', async () => {
    const body = JSON.stringify(message(700_002));
    const statuses = [(await post(WEBHOOK, body)).status, (await post(WEBHOOK, body)).status];
    // Concurrent redeliveries too.
    statuses.push(...(await Promise.all([post(WEBHOOK, body), post(WEBHOOK, body)])).map((response) => response.status));
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect((await storedRows()).map((row) => row.updateId)).toEqual([700_002]);
  });

  it('503 when the update cannot be stored (Telegram will deliver it again)', async () => {
    const response = await post(FAILING_WEBHOOK, JSON.stringify(message(700_003)));
    expect(response.status).toBe(503);
    // A request without the secret is still refused before anything else.
    expect((await post(FAILING_WEBHOOK, JSON.stringify(message(700_003)), {})).status).toBe(401);
  });

  it('a body over the cap is not accepted and nothing is stored', async () => {
    const update = { ...message(700_004), padding: 'x'.repeat(MAX_BODY_BYTES) };
    const outcome = await new Promise<number | string>((resolve) => {
      const request = httpRequest(url(WEBHOOK), { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      request.on('close', () => resolve('closed'));
      request.end(JSON.stringify(update));
    });
    expect(outcome).not.toBe(200);
    expect(await storedRows()).toEqual([]);
    // The server is still serving.
    expect((await post(WEBHOOK, JSON.stringify(message(700_005)))).status).toBe(200);
  });

  it('404 on another path, 405 (with Allow) for GET on the webhook', async () => {
    expect((await fetch(url('/nowhere'))).status).toBe(404);
    expect((await post('/telegram/webhook/extra', JSON.stringify(message(1)))).status).toBe(404);
    const get = await fetch(url(WEBHOOK));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post('/healthz', '{}')).status).toBe(405);
    // A query string does not change the route.
    expect((await post(`${WEBHOOK}?x=1`, JSON.stringify(message(700_006)))).status).toBe(200);
    expect((await storedRows()).map((row) => row.updateId)).toEqual([700_006]);
  });
});

describe('toQueued', () => {
  const from = { id: 77, is_bot: false, first_name: 'Bình', language_code: 'en-GB' };
  it.each([
    { name: 'a message', update: message(10, 555), chatId: '555', locale: 'vi' },
    {
      name: 'a button press (the chat of its message)',
      update: { update_id: 11, callback_query: { id: 'q', from, chat_instance: 'i', data: 'x', message: { message_id: 1, date: 0, chat: { id: 77, type: 'private', first_name: 'Bình' } } } },
      chatId: '77',
      locale: 'en',
    },
    { name: 'a button press without its message (the sender)', update: { update_id: 12, callback_query: { id: 'q', from, chat_instance: 'i', data: 'x' } }, chatId: '77', locale: 'en' },
    { name: 'an edited message', update: { update_id: 13, edited_message: { message_id: 1, date: 0, edit_date: 1, chat: { id: 9, type: 'private', first_name: 'C' }, from, text: 't' } }, chatId: '9', locale: 'en' },
    { name: 'an update of no chat', update: { update_id: 14 }, chatId: '-', locale: 'vi' },
  ])('$name → chat $chatId, locale $locale, position = update id', ({ update, chatId, locale }) => {
    const queued = toQueued(update as Update);
    expect(queued).toEqual({ channel: 'telegram', updateId: update.update_id, chatId, position: update.update_id, payload: update, locale });
  });
});

it('a group\'s update is not queued (the bot works in private chats only, and posts no flood notice there)', () => {
  const group = { update_id: 15, message: { message_id: 1, date: 0, chat: { id: -100123, type: 'supergroup', title: 'Tổ dân phố' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: 'xin chào' } };
  expect(toQueued(group as Update)).toBeUndefined();
});

describe('Ingress', () => {
  beforeEach(reset);

  it('stores each chat in order, wakes once, and sends one flood notice to the flooding chat only', async () => {
    const flooded = new InboundQueue(connection.db, { burst: 2, perSecond: 1, maxBacklog: 2, warnEverySeconds: 60 });
    let woken = 0;
    const notices: string[] = [];
    const ingress = new Ingress(flooded, () => void woken++, (locale, key) => `${locale}:${key}`, silentLogger);
    ingress.register('telegram', async (chatId, text) => void notices.push(`${chatId} ${text}`));
    const updates: IncomingUpdate[] = [
      ...Array.from({ length: 6 }, (_, index) => ({ ...toQueued(message(800 + index, 1))!, locale: 'en' as const })),
      toQueued(message(900, 2))!,
    ];
    await ingress.accept(updates);
    await ingress.accept([updates[0]!]);

    expect(woken).toBe(2);
    // Two at once, two delayed, then the backlog is full: the last two are refused.
    expect((await storedRows()).map((row) => `${row.chatKey}/${row.updateId}`)).toEqual(['telegram:1/800', 'telegram:1/801', 'telegram:1/802', 'telegram:1/803', 'telegram:2/900']);
    // The notice is not awaited by accept().
    await expect.poll(() => notices).toEqual(['1 en:flood-slow-down']);
  });

  it('the notice speaks the language the person chose, not the one their app reports', async () => {
    const flooded = new InboundQueue(connection.db, { burst: 1, perSecond: 1, maxBacklog: 5, warnEverySeconds: 60 });
    const notices: string[] = [];
    const asked: string[] = [];
    const ingress = new Ingress(flooded, () => {}, (locale, key) => `${locale}:${key}`, silentLogger, async (channel, chatId) => {
      asked.push(`${channel}:${chatId}`);
      return 'vi';
    });
    ingress.register('telegram', async (chatId, text) => void notices.push(`${chatId} ${text}`));
    await ingress.accept([1101, 1102].map((id) => ({ ...toQueued(message(id, 4))!, locale: 'en' as const })));
    await expect.poll(() => notices).toEqual(['4 vi:flood-slow-down']);
    // Looked up only for the notice, not for every update.
    expect(asked).toEqual(['telegram:4']);
  });

  it('a notice that fails to send does not fail the accept', async () => {
    const flooded = new InboundQueue(connection.db, { burst: 1, perSecond: 1, maxBacklog: 5, warnEverySeconds: 60 });
    let attempts = 0;
    const ingress = new Ingress(flooded, () => {}, (locale, key) => `${locale}:${key}`, silentLogger);
    ingress.register('telegram', async () => {
      attempts++;
      throw new Error('Network request for sendMessage failed');
    });
    await ingress.accept([toQueued(message(1001, 3))!, toQueued(message(1002, 3))!]);
    expect(await storedRows()).toHaveLength(2);
    await expect.poll(() => attempts).toBe(1);
  });

  it('throws when the queue cannot store, so the channel delivers again', async () => {
    const broken = { enqueue: () => Promise.reject(new Error('Connection terminated')) } as unknown as InboundQueue;
    const ingress = new Ingress(broken, () => {}, (locale, key) => `${locale}:${key}`, silentLogger);
    await expect(ingress.accept([toQueued(message(1))!])).rejects.toThrow('Connection terminated');
  });
});

describe('/healthz', () => {
  beforeEach(reset);

  async function healthz() {
    const response = await fetch(url('/healthz'));
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('200 when the database answers and the scheduler ticks, with the queue depth', async () => {
    await queue.enqueue(toQueued(message(5001))!);
    const { status, body } = await healthz();
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      instance: 'test-instance',
      database: 'ok',
      scheduler: { status: 'ok', lastTickAt: '2026-11-20T03:01:00.000Z', ageSeconds: 30 },
      queue: { pending: 1, oldestSeconds: expect.any(Number) },
      worker: { lastClaimAt: '2026-11-20T03:01:10.000Z', busy: 2 },
      uptimeSeconds: 90,
    });
  });

  it.each([
    {
      name: 'the database ping rejects',
      set: () => (health.ping = () => Promise.reject(new Error('connect ECONNREFUSED'))),
      expected: { status: 'fail', database: 'unreachable', queue: null },
    },
    {
      name: 'the last scheduler tick is older than maxTickAgeMs',
      set: () => (health.now = new Date(health.lastTick!.getTime() + 120_001)),
      expected: { status: 'fail', database: 'ok', scheduler: expect.objectContaining({ status: 'stale', ageSeconds: 120 }) },
    },
    {
      name: 'the scheduler never ticked, long after the start',
      set: () => {
        health.lastTick = undefined;
        health.now = new Date(STARTED.getTime() + 600_000);
      },
      expected: { status: 'fail', scheduler: { status: 'stale', lastTickAt: null, ageSeconds: 600 } },
    },
    { name: 'the instance is stopping', set: () => (health.stopping = true), expected: { status: 'stopping', database: 'ok' } },
  ])('503 when $name', async ({ set, expected }) => {
    set();
    const { status, body } = await healthz();
    expect(status).toBe(503);
    expect(body).toMatchObject({ instance: 'test-instance', ...expected });
  });

  it('200 before the first tick while the start is recent enough', async () => {
    health.lastTick = undefined;
    const { status, body } = await healthz();
    expect(status).toBe(200);
    expect(body.scheduler).toEqual({ status: 'ok', lastTickAt: null, ageSeconds: 90 });
  });
});

describe('/metrics', () => {
  beforeEach(async () => {
    await reset();
    queueDepthFails = false;
  });

  async function scrape() {
    const response = await fetch(url('/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return response.text();
  }

  it('counts what the webhook did (a redelivery), and reads the queue and this worker now', async () => {
    const before = await scrape();
    const duplicates = Number(/^ntvt_events_total\{event="update\.duplicate",level="info"\} (\d+)$/m.exec(before)?.[1] ?? 0);
    const body = JSON.stringify(message(6001));
    expect((await post(WEBHOOK, body)).status).toBe(200);
    expect((await post(WEBHOOK, body)).status).toBe(200);
    const text = await scrape();
    expect(text).toContain(`ntvt_events_total{event="update.duplicate",level="info"} ${duplicates + 1}`);
    expect(text).toMatch(/^ntvt_database_up 1$/m);
    expect(text).toMatch(/^ntvt_queue_pending 1$/m);
    expect(text).toMatch(/^ntvt_worker_busy 3$/m);
    expect(text).toMatch(/^process_uptime_seconds 90$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    // Names and counts only: nothing of the message.
    expect(text).not.toContain('xin chào');
  });

  it('still answers while the database is away, saying so', async () => {
    queueDepthFails = true;
    const text = await scrape();
    expect(text).toMatch(/^ntvt_database_up 0$/m);
    expect(text).not.toContain('ntvt_queue_pending');
    expect(text).toMatch(/^ntvt_worker_busy 3$/m);
  });
});

describe('isTransientError', () => {
  const nested = (inner: unknown) => new Error('wrapped', { cause: inner });
  it.each([
    { name: 'pg admin shutdown 57P01', error: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), transient: true },
    { name: 'pg connection failure 08006', error: { code: '08006', message: 'x' }, transient: true },
    { name: 'ECONNREFUSED', error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), transient: true },
    { name: "Prisma P1001 (can't reach)", error: { name: 'PrismaClientKnownRequestError', code: 'P1001', message: 'x' }, transient: true },
    { name: 'Prisma driver adapter error, DatabaseNotReachable', error: { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }, transient: true },
    { name: 'grammY-like error_code 502', error: { name: 'GrammyError', error_code: 502, description: 'Bad Gateway' }, transient: true },
    { name: 'grammY-like error_code 429', error: { name: 'GrammyError', error_code: 429, description: 'Too Many Requests' }, transient: true },
    { name: "grammY's HttpError", error: { name: 'HttpError', message: 'whatever' }, transient: true },
    { name: 'a nested cause', error: nested(nested({ code: 'ECONNRESET' })), transient: true },
    { name: "grammY's wrapped .error", error: { name: 'X', error: { code: 'ETIMEDOUT' } }, transient: true },
    { name: 'a message only: Connection terminated', error: new Error('Connection terminated unexpectedly'), transient: true },
    { name: 'a plain Error("bug")', error: new Error('bug'), transient: false },
    { name: 'error_code 400', error: { name: 'GrammyError', error_code: 400, description: 'Bad Request: message text is empty' }, transient: false },
    { name: 'error_code 403', error: { name: 'GrammyError', error_code: 403, description: 'Forbidden: bot was blocked by the user' }, transient: false },
    { name: 'a unique violation 23505', error: Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }), transient: false },
    { name: 'a bug wrapping a bug', error: nested(new TypeError('x is undefined')), transient: false },
    { name: 'undefined', error: undefined, transient: false },
    { name: 'a string', error: 'ECONNREFUSED', transient: false },
  ])('$name → $transient', ({ error, transient }) => {
    expect(isTransientError(error)).toBe(transient);
  });

  it('a cause that refers to itself does not loop', () => {
    const error = new Error('bug') as Error & { cause?: unknown };
    error.cause = error;
    const a = { message: 'a' } as Record<string, unknown>;
    const b = { message: 'b', cause: a };
    a.cause = b;
    expect(isTransientError(error)).toBe(false);
    expect(isTransientError(a)).toBe(false);
  });
});
