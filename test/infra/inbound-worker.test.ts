/**
 * Inbound workers on a real PostgreSQL: two instances sharing one queue handle every update exactly
 * once, each chat's one at a time and in order; a failing handler is retried, then given up; a
 * stopped worker hands back what it holds; a dead one's claim is taken over once its lease is over.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InboundWorker, type InboundWorkerOptions, type UpdateHandler } from '../../src/app/inbound-worker.js';
import { silentLogger, type Logger } from '../../src/app/logger.js';
import { openDatabase } from '../../src/infra/db/client.js';
import { InboundQueue, type FloodSettings } from '../../src/infra/repositories/inbound-queue.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const CHANNEL = 'telegram';
const NO_FLOOD: FloodSettings = { burst: 1_000, perSecond: 1_000, maxBacklog: 1_000, warnEverySeconds: 60 };

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let queue: InboundQueue;
const started: InboundWorker[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url, { max: 12 });
  queue = new InboundQueue(connection.db, NO_FLOOD);
});
afterAll(async () => {
  await connection?.close();
  await database?.drop();
});
beforeEach(async () => {
  await connection.pool.query('TRUNCATE inbound_updates, chat_pacing, processed_updates');
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((worker) => worker.stop()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

interface Payload {
  chat: string;
  position: number;
}

let nextUpdateId = 1;
async function enqueue(chat: string, position: number): Promise<number> {
  const updateId = nextUpdateId++;
  const result = await queue.enqueue({ channel: CHANNEL, updateId, chatId: chat, position, payload: { chat, position } satisfies Payload });
  expect(result.status).toBe('queued');
  return updateId;
}

async function startWorker(id: string, handler: UpdateHandler, options: InboundWorkerOptions = {}, log: Logger = silentLogger): Promise<InboundWorker> {
  const worker = new InboundWorker(queue, id, log, { leaseMs: 1_000, pollMs: 50, maxAttempts: 2, ...options });
  worker.register(CHANNEL, handler);
  started.push(worker);
  await worker.start();
  return worker;
}

async function queuedRows() {
  const { rows } = await connection.pool.query<{ update_id: string; locked_by: string | null }>('SELECT update_id, locked_by FROM inbound_updates ORDER BY update_id');
  return rows.map((row) => ({ updateId: Number(row.update_id), lockedBy: row.locked_by }));
}

/** Records what was handled, by which worker, and whether two updates of one chat ever overlapped. */
class Recorder {
  readonly handled: { chat: string; position: number; worker: string; attempts: number }[] = [];
  readonly overlaps: string[] = [];
  readonly started: Payload[] = [];
  private readonly inFlight = new Map<string, number>();

  handler(worker: string, work: (payload: Payload, attempts: number) => Promise<unknown> = () => sleep(Math.random() * 4)): UpdateHandler {
    return async (payload, update) => {
      const { chat, position } = payload as Payload;
      this.started.push({ chat, position });
      const running = this.inFlight.get(chat);
      if (running !== undefined) this.overlaps.push(`${chat}: ${position} started while ${running} was running`);
      this.inFlight.set(chat, position);
      try {
        await work({ chat, position }, update.attempts);
        this.handled.push({ chat, position, worker, attempts: update.attempts });
      } finally {
        this.inFlight.delete(chat);
      }
    };
  }

  positionsOf(chat: string): number[] {
    return this.handled.filter((item) => item.chat === chat).map((item) => item.position);
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

/** The items cut into `count` lists, in turn. */
function chunks<T>(items: T[], count: number): T[][] {
  return Array.from({ length: count }, (_, index) => items.filter((_item, position) => position % count === index));
}

describe('two workers sharing the queue', () => {
  it('30 chats × 8 updates, in random interleaving: each handled exactly once, per chat in order and one at a time', async () => {
    const chats = 30;
    const perChat = 8;
    const recorder = new Recorder();
    // Half arrives before the workers start, in random order even within a chat (the position decides).
    const all = Array.from({ length: chats * perChat }, (_, index) => ({ chat: `chat-${index % chats}`, position: Math.floor(index / chats) + 1 }));
    const early = shuffle(all.filter((item) => item.position <= perChat / 2));
    const late = all.filter((item) => item.position > perChat / 2);
    await Promise.all(chunks(early, 10).map(async (chunk) => {
      for (const item of chunk) await enqueue(item.chat, item.position);
    }));

    const first = await startWorker('instance-a', recorder.handler('instance-a'), { concurrency: 8 });
    const second = await startWorker('instance-b', recorder.handler('instance-b'), { concurrency: 8 });
    // The other half arrives while they run: each chat's in order (as a channel delivers them), the chats concurrently.
    await Promise.all(Array.from({ length: chats }, async (_, chat) => {
      for (const item of late.filter((candidate) => candidate.chat === `chat-${chat}`)) {
        await sleep(Math.random() * 5);
        await enqueue(item.chat, item.position);
        (Math.random() < 0.5 ? first : second).kick();
      }
    }));

    await waitFor(() => recorder.handled.length >= chats * perChat, 'every update to be handled');
    await waitFor(async () => (await queue.depth()).pending === 0, 'the queue to be empty');
    await sleep(100);

    expect(recorder.overlaps).toEqual([]);
    expect(recorder.handled).toHaveLength(chats * perChat);
    for (let chat = 0; chat < chats; chat++) {
      expect(recorder.positionsOf(`chat-${chat}`), `chat-${chat}`).toEqual(Array.from({ length: perChat }, (_, index) => index + 1));
    }
    expect(recorder.handled.every((item) => item.attempts === 1)).toBe(true);
    // Both instances took part.
    expect(new Set(recorder.handled.map((item) => item.worker))).toEqual(new Set(['instance-a', 'instance-b']));
    expect(first.busy + second.busy).toBe(0);
    expect(first.lastClaimAt).toBeInstanceOf(Date);
  });
});

describe('failures', () => {
  it('a transient failure is retried and succeeds; one that always fails is given up after maxAttempts, logged, and the chat goes on', async () => {
    const recorder = new Recorder();
    const events: Record<string, unknown>[] = [];
    const log: Logger = { ...silentLogger, warn: (fields) => void events.push(fields), error: (fields) => void events.push(fields) };
    const calls = new Map<string, number>();
    const work = async ({ chat, position }: Payload) => {
      const key = `${chat}/${position}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      if (chat === 'flaky' && calls.get(key) === 1) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      if (chat === 'broken' && position === 1) throw new Error('bug');
    };
    const flaky = await enqueue('flaky', 1);
    const broken = await enqueue('broken', 1);
    await enqueue('broken', 2);
    await enqueue('fine', 1);

    await startWorker('instance-a', recorder.handler('instance-a', work), {}, log);
    await startWorker('instance-b', recorder.handler('instance-b', work), {}, log);

    await waitFor(() => recorder.positionsOf('broken').includes(2) && recorder.positionsOf('flaky').length === 1, 'the retries');
    await waitFor(async () => (await queue.depth()).pending === 0, 'the queue to be empty');

    expect(recorder.overlaps).toEqual([]);
    expect(recorder.handled.find((item) => item.chat === 'flaky')).toMatchObject({ position: 1, attempts: 2 });
    expect(calls.get('flaky/1')).toBe(2);
    // Given up after two tries, never handled, and the chat's next update was handled after it.
    expect(calls.get('broken/1')).toBe(2);
    expect(recorder.positionsOf('broken')).toEqual([2]);
    expect(recorder.started.filter((item) => item.chat === 'broken')).toEqual([
      { chat: 'broken', position: 1 },
      { chat: 'broken', position: 1 },
      { chat: 'broken', position: 2 },
    ]);
    expect(calls.get('fine/1')).toBe(1);

    expect(events.filter((event) => event.event === 'update.dead')).toEqual([expect.objectContaining({ updateId: broken, attempts: 2 })]);
    expect(events.filter((event) => event.event === 'inbound.retry').map((event) => event.updateId).sort()).toEqual([flaky, broken].sort());
    expect(await queuedRows()).toEqual([]);
  });
});

describe('stopping and dying', () => {
  it('a worker stopped mid-run finishes what it started, starts nothing more, and hands the rest back at once', async () => {
    const recorder = new Recorder();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    for (let position = 1; position <= 3; position++) for (const chat of ['a', 'b', 'c', 'd']) await enqueue(chat, position);

    const stopping = await startWorker('instance-a', recorder.handler('instance-a', () => gate), { concurrency: 2, leaseMs: 30_000 });
    await waitFor(() => recorder.started.length === 2, 'two updates to start');
    const stopped = stopping.stop();
    await sleep(100);
    // Waiting for the two in flight; nothing new is started meanwhile.
    expect(recorder.started).toHaveLength(2);
    expect(recorder.handled).toHaveLength(0);
    open();
    await stopped;

    expect(recorder.handled.map((item) => item.position)).toEqual([1, 1]);
    const left = await queuedRows();
    expect(left).toHaveLength(10);
    expect(left.every((row) => row.lockedBy === null)).toBe(true);
    expect(stopping.busy).toBe(0);

    // Another instance takes the rest right away (the lease of 30 s is not waited for).
    await startWorker('instance-b', recorder.handler('instance-b'));
    await waitFor(() => recorder.handled.length === 12, 'the rest to be handled', 3_000);
    for (const chat of ['a', 'b', 'c', 'd']) expect(recorder.positionsOf(chat)).toEqual([1, 2, 3]);
    expect(recorder.handled.filter((item) => item.worker === 'instance-a')).toHaveLength(2);
    expect(recorder.overlaps).toEqual([]);
    await sleep(100);
    expect(recorder.handled).toHaveLength(12);
  });

  it('claims left by a previous run under the same instance id are taken back on start, without waiting for the lease', async () => {
    const recorder = new Recorder();
    await enqueue('a', 1);
    await enqueue('b', 1);
    expect(await queue.claim('instance-a', 10, 60_000, [CHANNEL])).toHaveLength(2);

    await startWorker('instance-a', recorder.handler('instance-a'));
    await waitFor(() => recorder.handled.length === 2, 'both updates', 3_000);
    expect(recorder.handled.map((item) => item.attempts)).toEqual([2, 2]);
  });

  it('a worker that dies holding an update: the other takes it once the lease is over, and the chat then goes on in order', async () => {
    const recorder = new Recorder();
    const taken = await enqueue('orphan', 1);
    await enqueue('orphan', 2);
    await enqueue('other', 1);
    // The dying process claimed the head and never completes it.
    const [claimed] = await queue.claim('dead-instance', 1, 500, [CHANNEL]);
    expect(claimed!.updateId).toBe(taken);
    const { rows } = await connection.pool.query<{ locked_until: Date }>('SELECT locked_until FROM inbound_updates WHERE update_id = $1', [taken]);
    const leaseEnd = rows[0]!.locked_until.getTime();

    let orphanStartedAt = 0;
    await startWorker('instance-b', recorder.handler('instance-b', async ({ chat, position }) => {
      if (chat === 'orphan' && position === 1) orphanStartedAt = Date.now();
    }));
    await waitFor(() => recorder.positionsOf('orphan').length === 2, 'the orphaned chat', 5_000);
    await waitFor(async () => (await queue.depth()).pending === 0, 'the queue to be empty');

    // Not before the dead instance's lease was over; then the chat went on in order.
    expect(orphanStartedAt).toBeGreaterThanOrEqual(leaseEnd - 5);
    expect(recorder.positionsOf('orphan')).toEqual([1, 2]);
    expect(recorder.handled.find((item) => item.chat === 'orphan' && item.position === 1)!.attempts).toBe(2);
    // The other chat was not held up by it (handled once, at the first try).
    expect(recorder.handled.filter((item) => item.chat === 'other')).toEqual([expect.objectContaining({ position: 1, attempts: 1 })]);
    expect(recorder.overlaps).toEqual([]);
  });
});

describe('an update that never finishes', () => {
  it('(it takes its process down every time) is given up after maxAttempts claims, without running again; its chat goes on', async () => {
    const poison = await enqueue('poison', 1);
    await enqueue('poison', 2);
    // Two earlier claims whose processes died mid-way (maxAttempts is 2 here).
    await connection.pool.query('UPDATE inbound_updates SET attempts = 2 WHERE update_id = $1', [poison]);
    const ran: number[] = [];
    await startWorker('survivor', async (payload) => void ran.push((payload as Payload).position));
    await waitFor(async () => (await queuedRows()).length === 0, 'the queue to drain');
    expect(ran).toEqual([2]);
  });
});

describe('an update given up', () => {
  it('is apologised for once, through the channel, with its payload', async () => {
    await enqueue('sorry', 1);
    const apologies: unknown[] = [];
    const worker = new InboundWorker(queue, 'apologetic', silentLogger, { leaseMs: 1_000, pollMs: 50, maxAttempts: 2 });
    worker.register(CHANNEL, async () => Promise.reject(new Error('a bug')), async (payload) => void apologies.push(payload));
    started.push(worker);
    await worker.start();
    await waitFor(async () => (await queuedRows()).length === 0, 'the update to be given up');
    expect(apologies).toEqual([{ chat: 'sorry', position: 1 }]);
  });
});
