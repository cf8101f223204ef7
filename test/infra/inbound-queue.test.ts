/**
 * The inbound queue on a real PostgreSQL: an update is queued once (processed_updates), only the
 * oldest row of a chat is claimable and only while no one holds it, concurrent claims never
 * overlap, leases expire and are renewed, and a flooding chat is delayed, warned once and refused
 * beyond its backlog while other chats are not touched.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/infra/db/client.js';
import { chatKeyOf, InboundQueue, type ClaimedUpdate, type FloodSettings, type NewInboundUpdate } from '../../src/infra/repositories/inbound-queue.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const CHANNELS = ['telegram', 'zalo'] as const;
/** Generous enough that no test here is slowed down by flood control. */
const NO_FLOOD: FloodSettings = { burst: 1_000, perSecond: 1_000, maxBacklog: 1_000, warnEverySeconds: 60 };

let database: TestDatabase;
let connection: ReturnType<typeof openDatabase>;
let db: Db;
let queue: InboundQueue;

beforeAll(async () => {
  database = await createTestDatabase();
  connection = openDatabase(database.url, { max: 12 });
  db = connection.db;
  queue = new InboundQueue(db, NO_FLOOD);
});
afterAll(async () => {
  await connection?.close();
  await database?.drop();
});
beforeEach(async () => {
  await connection.pool.query('TRUNCATE inbound_updates, chat_pacing, processed_updates');
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let nextUpdateId = 1;
/** An update of `chatId` at `position` (a fresh update id unless given). */
function update(chatId: string, position: number, options: { updateId?: number; channel?: string } = {}): NewInboundUpdate {
  const updateId = options.updateId ?? nextUpdateId++;
  return { channel: options.channel ?? 'telegram', updateId, chatId, position, payload: { chatId, position, updateId } };
}

async function rows() {
  const { rows } = await connection.pool.query<{ channel: string; update_id: string; chat_key: string; position: string; locked_by: string | null; attempts: number }>(
    'SELECT channel, update_id, chat_key, position, locked_by, attempts FROM inbound_updates ORDER BY chat_key, position',
  );
  return rows.map((row) => ({ channel: row.channel, updateId: Number(row.update_id), chatKey: row.chat_key, position: Number(row.position), lockedBy: row.locked_by, attempts: row.attempts }));
}

/** Seconds from the database's now() to a row's available_at. */
async function dueInSeconds(channel: string, updateId: number): Promise<number> {
  const { rows } = await connection.pool.query<{ due: number }>(
    'SELECT EXTRACT(EPOCH FROM available_at - now())::float8 AS due FROM inbound_updates WHERE channel = $1 AND update_id = $2',
    [channel, updateId],
  );
  return rows[0]!.due;
}

/** Seconds left of a row's lease. */
async function leaseLeftSeconds(updateId: number): Promise<number> {
  const { rows } = await connection.pool.query<{ left: number }>('SELECT EXTRACT(EPOCH FROM locked_until - now())::float8 AS left FROM inbound_updates WHERE update_id = $1', [updateId]);
  return rows[0]!.left;
}

/** As if the holders had died long enough ago: every lease is over. */
/** Time passes beyond every lease: a held row is due again when its lease ends (claims move both). */
const expireLeases = () => connection.pool.query(`UPDATE inbound_updates SET locked_until = now() - interval '1 second', available_at = now() - interval '1 second' WHERE locked_until IS NOT NULL`);

const positionsOf = (claimed: ClaimedUpdate[]) => claimed.map((item) => (item.payload as { position: number }).position).sort((a, b) => a - b);
const claim = (worker: string, limit = 100, leaseMs = 30_000, channels: readonly string[] = CHANNELS) => queue.claim(worker, limit, leaseMs, channels);

describe('complete', () => {
  it('says whether the chat has more waiting, so a worker claims again only when it must', async () => {
    await queue.enqueue(update('m', 1, { updateId: 5001 }));
    await queue.enqueue(update('m', 2, { updateId: 5002 }));
    await queue.enqueue(update('other', 1, { updateId: 5003 }));
    await claim('w1');
    expect(await queue.complete('w1', 'telegram', 5001)).toBe(true); // 5002 waits behind it
    await claim('w1');
    expect(await queue.complete('w1', 'telegram', 5002)).toBe(false); // another chat's row does not count
    expect(await queue.complete('w1', 'telegram', 5002)).toBe(false); // already gone
    expect((await rows()).map((row) => row.updateId)).toEqual([5003]);
  });
});

describe('enqueue: once per update', () => {
  const cases: { name: string; run: () => Promise<string[]>; expected: string[]; rowsLeft: number }[] = [
    {
      name: 'the same update twice',
      run: async () => [(await queue.enqueue(update('a', 1, { updateId: 501 }))).status, (await queue.enqueue(update('a', 1, { updateId: 501 }))).status],
      expected: ['queued', 'duplicate'],
      rowsLeft: 1,
    },
    {
      name: 'the same update id again, with another chat and payload',
      run: async () => [(await queue.enqueue(update('a', 1, { updateId: 502 }))).status, (await queue.enqueue(update('b', 7, { updateId: 502 }))).status],
      expected: ['queued', 'duplicate'],
      rowsLeft: 1,
    },
    {
      name: 'the same update after it was handled and deleted',
      run: async () => {
        const first = await queue.enqueue(update('a', 1, { updateId: 503 }));
        const [claimed] = await claim('w1');
        await queue.complete('w1', claimed!.channel, claimed!.updateId);
        const left = (await rows()).length;
        const second = await queue.enqueue(update('a', 1, { updateId: 503 }));
        return [first.status, `${left} rows`, second.status];
      },
      expected: ['queued', '0 rows', 'duplicate'],
      rowsLeft: 0,
    },
  ];
  it.each(cases)('$name: queued once', async ({ run, expected, rowsLeft }) => {
    expect(await run()).toEqual(expected);
    expect(await rows()).toHaveLength(rowsLeft);
  });

  it('the same update id on another channel is another update', async () => {
    expect((await queue.enqueue(update('a', 1, { updateId: 600, channel: 'telegram' }))).status).toBe('queued');
    expect((await queue.enqueue(update('a', 1, { updateId: 600, channel: 'zalo' }))).status).toBe('queued');
    expect((await rows()).map((row) => row.chatKey).sort()).toEqual([chatKeyOf('telegram', 'a'), chatKeyOf('zalo', 'a')]);
  });

  it('a duplicate enqueued concurrently is still queued once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => queue.enqueue(update('a', 1, { updateId: 700 }))));
    expect(results.filter((result) => result.status === 'queued')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'duplicate')).toHaveLength(7);
    expect(await rows()).toHaveLength(1);
  });

  it('a fresh update is queued due now, not delayed, without a warning', async () => {
    expect(await queue.enqueue(update('a', 1))).toEqual({ status: 'queued', delayedMs: 0, warn: false });
  });
});

describe('claim', () => {
  it('returns only the oldest row of each chat (by position, not by arrival), with its payload and attempt count', async () => {
    // Arrival order differs from position order.
    await queue.enqueue(update('a', 3, { updateId: 13 }));
    await queue.enqueue(update('a', 1, { updateId: 11 }));
    await queue.enqueue(update('a', 2, { updateId: 12 }));
    await queue.enqueue(update('b', 10, { updateId: 20 }));

    const claimed = await claim('w1');
    expect(claimed.map(({ chatKey, updateId, attempts, channel }) => ({ chatKey, updateId, attempts, channel })).sort((x, y) => x.updateId - y.updateId)).toEqual([
      { chatKey: 'telegram:a', updateId: 11, attempts: 1, channel: 'telegram' },
      { chatKey: 'telegram:b', updateId: 20, attempts: 1, channel: 'telegram' },
    ]);
    expect(claimed.find((item) => item.updateId === 11)!.payload).toEqual({ chatId: 'a', position: 1, updateId: 11 });
  });

  it('never returns a chat another worker holds, and hands out the next row once the head is completed', async () => {
    for (const position of [1, 2, 3]) await queue.enqueue(update('a', position, { updateId: 100 + position }));

    const [head] = await claim('w1');
    expect(head!.updateId).toBe(101);
    // The chat is held: neither another worker nor the holder gets the next row.
    expect(await claim('w2')).toEqual([]);
    expect(await claim('w1')).toEqual([]);

    await queue.complete('w1', 'telegram', 101);
    const [second] = await claim('w2');
    expect(second!.updateId).toBe(102);
    expect(await claim('w1')).toEqual([]);
    await queue.complete('w2', 'telegram', 102);
    expect((await claim('w1')).map((item) => item.updateId)).toEqual([103]);
  });

  it('respects the limit and the channels asked for', async () => {
    for (let chat = 0; chat < 5; chat++) await queue.enqueue(update(`c${chat}`, 1));
    await queue.enqueue(update('z', 1, { channel: 'zalo' }));

    expect(await claim('w1', 10, 30_000, ['viber'])).toEqual([]);
    const zalo = await claim('w1', 10, 30_000, ['zalo']);
    expect(zalo.map((item) => item.chatKey)).toEqual(['zalo:z']);
    expect(await claim('w1', 2, 30_000, ['telegram'])).toHaveLength(2);
    expect(await claim('w2', 10, 30_000, ['telegram'])).toHaveLength(3);
    expect(await claim('w3')).toEqual([]);
  });

  it('a delayed head keeps the rest of its chat waiting', async () => {
    await queue.enqueue(update('a', 1, { updateId: 1001 }));
    await queue.enqueue(update('a', 2, { updateId: 1002 }));
    const [head] = await claim('w1');
    await queue.retryLater('w1', 'telegram', head!.updateId, 60_000);
    expect(await claim('w2')).toEqual([]);
  });

  it('two workers claiming concurrently over many chats never get the same row, and each chat is handed out in order', async () => {
    const chats = 30;
    const perChat = 3;
    const all = Array.from({ length: chats * perChat }, (_, index) => update(`chat-${index % chats}`, Math.floor(index / chats) + 1));
    await Promise.all(Array.from({ length: chats }, async (_, chat) => {
      for (const item of all.filter((candidate) => candidate.chatId === `chat-${chat}`)) await queue.enqueue(item);
    }));

    const handedOut = new Map<number, string>();
    const order = new Map<string, number[]>();
    for (let round = 0; round < 50 && handedOut.size < all.length; round++) {
      // Each worker claims twice at once, the two workers concurrently.
      const batches = await Promise.all(['w1', 'w2', 'w1', 'w2'].map(async (worker) => ({ worker, claimed: await claim(worker, 7) })));
      const inRound = new Set<string>();
      for (const { worker, claimed } of batches) {
        for (const item of claimed) {
          expect(handedOut.has(item.updateId), `update ${item.updateId} handed out twice`).toBe(false);
          expect(inRound.has(item.chatKey), `chat ${item.chatKey} held twice at once`).toBe(false);
          handedOut.set(item.updateId, worker);
          inRound.add(item.chatKey);
          order.set(item.chatKey, [...(order.get(item.chatKey) ?? []), (item.payload as { position: number }).position]);
        }
      }
      await Promise.all(batches.flatMap(({ worker, claimed }) => claimed.map((item) => queue.complete(worker, item.channel, item.updateId))));
    }

    expect(handedOut.size).toBe(all.length);
    expect(new Set(handedOut.values())).toEqual(new Set(['w1', 'w2']));
    expect(order.size).toBe(chats);
    for (const positions of order.values()) expect(positions).toEqual([1, 2, 3]);
    expect(await rows()).toEqual([]);
  });
});

describe('leases', () => {
  it('an expired lease is claimable again; the old holder can then neither complete, retry nor extend it', async () => {
    await queue.enqueue(update('a', 1, { updateId: 42 }));
    await queue.enqueue(update('a', 2, { updateId: 43 }));
    const [first] = await claim('old', 10, 30_000);
    expect(first!.attempts).toBe(1);
    expect(await leaseLeftSeconds(42)).toBeGreaterThan(25);
    expect(await leaseLeftSeconds(42)).toBeLessThanOrEqual(30);
    expect(await claim('new')).toEqual([]);

    // The holder died; its lease runs out.
    await expireLeases();
    const [again] = await claim('new');
    expect(again).toMatchObject({ updateId: 42, attempts: 2 });

    await queue.complete('old', 'telegram', 42);
    await queue.retryLater('old', 'telegram', 42, 0);
    expect(await queue.extend('old', [{ channel: 'telegram', updateId: 42 }], 30_000)).toBe(0);
    expect(await queue.releaseAll('old')).toBe(0);
    expect((await rows())[0]).toMatchObject({ updateId: 42, lockedBy: 'new', attempts: 2 });
    // Still held by the new owner: the chat's next row waits.
    expect(await claim('other')).toEqual([]);

    await queue.complete('new', 'telegram', 42);
    expect((await claim('other')).map((item) => item.updateId)).toEqual([43]);
  });

  it('a short lease really runs out', async () => {
    await queue.enqueue(update('a', 1, { updateId: 44 }));
    await claim('old', 10, 50);
    await sleep(80);
    expect((await claim('new')).map(({ updateId, attempts }) => ({ updateId, attempts }))).toEqual([{ updateId: 44, attempts: 2 }]);
  });

  it('retryLater gives the row back, due after the pause (attempts are kept)', async () => {
    await queue.enqueue(update('slow', 1, { updateId: 51 }));
    await queue.enqueue(update('slow', 2, { updateId: 53 }));
    await queue.enqueue(update('soon', 1, { updateId: 52 }));
    await claim('w1');
    await queue.retryLater('w1', 'telegram', 51, 60_000);
    await queue.retryLater('w1', 'telegram', 52, 100);
    expect((await rows()).every((row) => row.lockedBy === null)).toBe(true);
    expect(await dueInSeconds('telegram', 51)).toBeGreaterThan(55);
    expect(await dueInSeconds('telegram', 51)).toBeLessThanOrEqual(60);

    // The slow chat waits (its next row too); the other is claimable again once its pause is over.
    const claimed: ClaimedUpdate[] = [];
    for (let tries = 0; tries < 100 && !claimed.length; tries++) {
      claimed.push(...(await claim('w2')));
      if (!claimed.length) await sleep(20);
    }
    expect(claimed.map(({ updateId, attempts }) => ({ updateId, attempts }))).toEqual([{ updateId: 52, attempts: 2 }]);
    expect(await claim('w2')).toEqual([]);
  });

  it('extend keeps the claim held past the original lease, only for its holder', async () => {
    await queue.enqueue(update('a', 1, { updateId: 61 }));
    await queue.enqueue(update('b', 1, { updateId: 62 }));
    await claim('w1', 10, 1_000);
    const keys = [{ channel: 'telegram', updateId: 61 }, { channel: 'telegram', updateId: 62 }, { channel: 'telegram', updateId: 999 }];
    expect(await queue.extend('w1', keys, 30_000)).toBe(2);
    expect(await queue.extend('w2', keys, 30_000)).toBe(0);
    expect(await queue.extend('w1', [], 30_000)).toBe(0);
    for (const updateId of [61, 62]) expect(await leaseLeftSeconds(updateId)).toBeGreaterThan(25);
    expect(await claim('w2')).toEqual([]);
  });

  it('releaseAll gives back every claim of one worker, at once, and no one else\'s', async () => {
    for (const chat of ['a', 'b', 'c']) await queue.enqueue(update(chat, 1));
    await claim('w1', 2);
    await claim('w2', 10);
    expect(await queue.releaseAll('w1')).toBe(2);
    expect(await queue.releaseAll('w1')).toBe(0);

    const reclaimed = await claim('w3');
    expect(reclaimed).toHaveLength(2);
    expect(reclaimed.every((item) => item.attempts === 2)).toBe(true);
    expect((await rows()).map((row) => row.lockedBy).sort()).toEqual(['w2', 'w3', 'w3']);
  });
});

describe('flood control (burst 3, 1 per second, backlog 4, one warning a minute)', () => {
  const FLOOD: FloodSettings = { burst: 3, perSecond: 1, maxBacklog: 4, warnEverySeconds: 60 };
  let flooded: InboundQueue;
  beforeAll(() => {
    flooded = new InboundQueue(db, FLOOD);
  });

  type Expected = { status: 'queued'; delayedSeconds: number; warn: boolean } | { status: 'refused'; warn: boolean };
  const q = (delayedSeconds: number, warn = false): Expected => ({ status: 'queued', delayedSeconds, warn });
  const refused = (warn = false): Expected => ({ status: 'refused', warn });

  function expectResult(actual: Awaited<ReturnType<InboundQueue['enqueue']>>, expected: Expected, step: string) {
    expect(actual.status, step).toBe(expected.status);
    if (actual.status === 'duplicate') return;
    expect(actual.warn, step).toBe(expected.warn);
    if (actual.status === 'queued' && expected.status === 'queued') {
      // Time passes between the statements: the bucket refills a little. Generous bounds.
      expect(actual.delayedMs, step).toBeLessThanOrEqual(expected.delayedSeconds * 1000);
      expect(actual.delayedMs, step).toBeGreaterThan(expected.delayedSeconds * 1000 - 900);
    }
  }

  it('the 4th update at once is delayed about a second, warned once; beyond the backlog refused; other chats untouched', async () => {
    const steps: Expected[] = [q(0), q(0), q(0), q(1, true), q(2), q(3), q(4), refused(), refused()];
    const results = [];
    for (const [index, expected] of steps.entries()) {
      const result = await flooded.enqueue(update('flood', index + 1));
      expectResult(result, expected, `update ${index + 1}`);
      results.push(result);
    }
    // The delayed rows are due that much later.
    const queued = await rows();
    expect(queued.map((row) => row.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const fourth = await dueInSeconds('telegram', queued[3]!.updateId);
    expect(fourth).toBeGreaterThan(0.5);
    expect(fourth).toBeLessThanOrEqual(1.01);
    expect(await dueInSeconds('telegram', queued[6]!.updateId)).toBeGreaterThan(3.5);

    // Only the first rows are claimable; the chat is worked through in order as they fall due.
    const claimed = await flooded.claim('w1', 10, 30_000, CHANNELS);
    expect(positionsOf(claimed)).toEqual([1]);

    // Another chat is not affected by the flood.
    expect(await flooded.enqueue(update('calm', 1))).toEqual({ status: 'queued', delayedMs: 0, warn: false });
    expect(positionsOf(await flooded.claim('w2', 10, 30_000, CHANNELS))).toEqual([1]);
    expect(results.filter((result) => 'warn' in result && result.warn)).toHaveLength(1);
  });

  it('warns again only once the window is over, and a quiet chat gets its burst back', async () => {
    for (let index = 1; index <= 4; index++) await flooded.enqueue(update('w', index));
    expectResult(await flooded.enqueue(update('w', 5)), q(2), 'within the window');

    // A minute later (the warning's time moved back): one warning again, then none.
    await connection.pool.query(`UPDATE chat_pacing SET warned_at = warned_at - interval '61 seconds'`);
    expectResult(await flooded.enqueue(update('w', 6)), q(3, true), 'window over');
    expectResult(await flooded.enqueue(update('w', 7)), q(4), 'warned already');
    expectResult(await flooded.enqueue(update('w', 8)), refused(), 'backlog full');
    await connection.pool.query(`UPDATE chat_pacing SET warned_at = warned_at - interval '61 seconds'`);
    expectResult(await flooded.enqueue(update('w', 9)), refused(true), 'refused, window over');
    expectResult(await flooded.enqueue(update('w', 10)), refused(), 'refused, warned already');

    // Quiet for long enough (the bucket's last refill moved back): the full burst again, never more.
    await connection.pool.query(`UPDATE chat_pacing SET refilled_at = refilled_at - interval '1 hour'`);
    for (let index = 11; index <= 13; index++) expectResult(await flooded.enqueue(update('w', index)), q(0), `after a quiet hour ${index}`);
    expectResult(await flooded.enqueue(update('w', 14)), q(1), 'burst used up again');
  });

  it('a duplicate does not use up the chat\'s tokens', async () => {
    for (let index = 1; index <= 3; index++) await flooded.enqueue(update('d', index, { updateId: 9000 + index }));
    for (let index = 0; index < 5; index++) expect((await flooded.enqueue(update('d', 1, { updateId: 9001 }))).status).toBe('duplicate');
    expectResult(await flooded.enqueue(update('d', 4, { updateId: 9004 })), q(1, true), 'the 4th real update');
  });
});

describe('depth and housekeeping', () => {
  it('depth() counts waiting rows and the age of the oldest', async () => {
    expect(await queue.depth()).toEqual({ pending: 0, oldestSeconds: 0 });
    for (const chat of ['a', 'b', 'c']) await queue.enqueue(update(chat, 1));
    await claim('w1', 1);
    expect(await queue.depth()).toMatchObject({ pending: 3 });
    await connection.pool.query(`UPDATE inbound_updates SET received_at = received_at - interval '90 seconds' WHERE chat_key = 'telegram:b'`);
    const { oldestSeconds } = await queue.depth();
    expect(oldestSeconds).toBeGreaterThanOrEqual(89);
    expect(oldestSeconds).toBeLessThanOrEqual(95);
  });

  it('purgePacingOlderThan forgets only the buckets of chats quiet since then', async () => {
    for (const chat of ['quiet', 'busy']) await queue.enqueue(update(chat, 1));
    await connection.pool.query(`UPDATE chat_pacing SET refilled_at = now() - interval '2 hours' WHERE chat_key = 'telegram:quiet'`);
    expect(await queue.purgePacingOlderThan(new Date(Date.now() - 3600_000))).toBe(1);
    const { rows: left } = await connection.pool.query<{ chat_key: string }>('SELECT chat_key FROM chat_pacing');
    expect(left.map((row) => row.chat_key)).toEqual(['telegram:busy']);
    expect(await queue.purgePacingOlderThan(new Date(Date.now() - 3600_000))).toBe(0);
    // The queued rows are not touched.
    expect(await rows()).toHaveLength(2);
  });
});
