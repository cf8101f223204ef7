/**
 * The inbound queue (docs/decisions/011-inbound-queue.md). Every update is written here before
 * the channel is told "received" (webhook 200, or the next getUpdates offset), so a crash loses
 * nothing; any instance may then claim it.
 *
 * - Redelivery: the update id goes into `processed_updates` in the same statement, so an update
 *   Telegram sends twice is queued once, even after it was handled and deleted.
 * - Order: only the oldest row of a chat can be claimed, and only when no instance holds it, so one
 *   chat's updates run one at a time, in order, across all instances.
 * - Crashes: a claim is a lease (`locked_until`), renewed while the update is handled; when a
 *   process dies, the lease runs out and another instance (or the same one restarted) takes it.
 *   A claim and a renewal also move `available_at` to the end of the lease, so the claims' walk
 *   over due rows (by `available_at`) never passes over the rows being handled.
 * - Flood: a token bucket per chat in `chat_pacing`; updates beyond it are delayed (not dropped),
 *   and beyond a backlog they are refused.
 */
import { jsonForPostgres, poolOf, type Db } from '../db/client.js';

export interface FloodSettings {
  /** Updates a chat may send at once (an album of 10 photos is one burst). */
  burst: number;
  /** Sustained updates per second a chat may send. */
  perSecond: number;
  /** Delayed updates a chat may have waiting; beyond that they are refused. */
  maxBacklog: number;
  /** At most one "please slow down" per chat in this many seconds. */
  warnEverySeconds: number;
}

export const DEFAULT_FLOOD: FloodSettings = { burst: 20, perSecond: 1, maxBacklog: 100, warnEverySeconds: 60 };

export interface NewInboundUpdate {
  channel: string;
  updateId: number;
  /** The chat the update belongs to (updates of one chat are handled in order). */
  chatId: string;
  /** Order within the chat. */
  position: number;
  payload: unknown;
}

export type EnqueueResult =
  /** Queued (`delayedMs` > 0 when the chat is over its rate); `warn` once per window. */
  | { status: 'queued'; delayedMs: number; warn: boolean }
  | { status: 'duplicate' }
  /** Over the backlog: not queued. */
  | { status: 'refused'; warn: boolean };

export interface ClaimedUpdate {
  channel: string;
  updateId: number;
  chatKey: string;
  payload: unknown;
  attempts: number;
}

export const chatKeyOf = (channel: string, chatId: string) => `${channel}:${chatId}`;

export class InboundQueue {
  constructor(private readonly db: Db, private readonly flood: FloodSettings = DEFAULT_FLOOD) {}

  /**
   * Queues one update, once. The bucket is refilled at `perSecond` up to `burst`; an update taken
   * while it is empty waits its turn (deficit ÷ rate), so a flooding chat is slowed, others not.
   */
  async enqueue(update: NewInboundUpdate): Promise<EnqueueResult> {
    const { burst, perSecond, maxBacklog, warnEverySeconds } = this.flood;
    const { rows } = await poolOf(this.db).query<{ queued: boolean; seen: boolean; tokens: number; warn: boolean }>({
      name: 'inbound-enqueue',
      text: `WITH seen AS (
               INSERT INTO processed_updates (channel, update_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1),
             bucket AS (
               INSERT INTO chat_pacing AS p (chat_key, tokens, refilled_at)
               SELECT $3, $6::float8 - 1, now() WHERE EXISTS (SELECT 1 FROM seen)
               ON CONFLICT (chat_key) DO UPDATE SET
                 tokens = GREATEST(-$8::float8 - 1, LEAST($6::float8, p.tokens + EXTRACT(EPOCH FROM now() - p.refilled_at) * $7::float8) - 1),
                 refilled_at = now(),
                 warned_at = CASE WHEN LEAST($6::float8, p.tokens + EXTRACT(EPOCH FROM now() - p.refilled_at) * $7::float8) - 1 < 0
                                   AND (p.warned_at IS NULL OR p.warned_at < now() - make_interval(secs => $9))
                              THEN now() ELSE p.warned_at END
               -- warned_at is stored to the microsecond, so only the statement that warned sees its own now().
               RETURNING tokens, warned_at = now() AS warn),
             queued AS (
               INSERT INTO inbound_updates (channel, update_id, chat_key, position, payload, available_at)
               SELECT $1, $2, $3, $4, $5::jsonb, now() + make_interval(secs => GREATEST(0, -tokens) / $7::float8)
                 FROM bucket WHERE tokens >= -$8::float8
               RETURNING 1)
           SELECT EXISTS (SELECT 1 FROM queued) AS queued, EXISTS (SELECT 1 FROM seen) AS seen,
                  COALESCE((SELECT tokens FROM bucket), 0) AS tokens, COALESCE((SELECT warn FROM bucket), false) AS warn`,
      values: [update.channel, update.updateId, chatKeyOf(update.channel, update.chatId), update.position, jsonForPostgres(update.payload), burst, perSecond, maxBacklog, warnEverySeconds],
    });
    const row = rows[0]!;
    if (!row.seen) return { status: 'duplicate' };
    if (!row.queued) return { status: 'refused', warn: row.warn };
    return { status: 'queued', delayedMs: row.tokens < 0 ? Math.round((-row.tokens / perSecond) * 1000) : 0, warn: row.warn };
  }

  /**
   * Claims up to `limit` updates, each the oldest of its chat, due, and held by no one, for
   * `leaseMs`. Two instances claiming at once never get the same row, and do not wait for each
   * other: rows another claim is taking are skipped (SKIP LOCKED), and a row claimed meanwhile fails
   * the lease re-check PostgreSQL makes on the newest version.
   */
  async claim(worker: string, limit: number, leaseMs: number, channels: readonly string[]): Promise<ClaimedUpdate[]> {
    const { rows } = await poolOf(this.db).query<{ channel: string; update_id: string; chat_key: string; payload: unknown; attempts: number }>({
      name: 'inbound-claim',
      // Due rows in the order they became due (an index), each kept only if it is the oldest of its
      // chat and no update of its chat is being handled: the cost follows the rows claimed, not the
      // length of the queue (a backlog after an outage drains at full speed).
      text: `WITH picked AS (
               SELECT u.channel, u.update_id FROM inbound_updates u
                WHERE u.channel = ANY($4::text[]) AND u.available_at <= now()
                  AND (u.locked_until IS NULL OR u.locked_until < now())
                  AND NOT EXISTS (SELECT 1 FROM inbound_updates o
                                   WHERE o.chat_key = u.chat_key AND (o.position, o.update_id) < (u.position, u.update_id))
                  -- A chat whose later update is being handled (an older one stored late) waits for it.
                  AND NOT EXISTS (SELECT 1 FROM inbound_updates o WHERE o.chat_key = u.chat_key AND o.locked_until >= now())
                ORDER BY u.available_at LIMIT $2
                FOR UPDATE OF u SKIP LOCKED)
           UPDATE inbound_updates u
              SET locked_until = now() + make_interval(secs => $3::float8 / 1000), locked_by = $1, attempts = u.attempts + 1,
                  -- Due again only when the lease ends: the walk above never passes over rows in hand.
                  available_at = now() + make_interval(secs => $3::float8 / 1000)
             FROM picked
            WHERE u.channel = picked.channel AND u.update_id = picked.update_id
              AND (u.locked_until IS NULL OR u.locked_until < now())
        RETURNING u.channel, u.update_id, u.chat_key, u.payload, u.attempts`,
      values: [worker, limit, leaseMs, [...channels]],
    });
    return rows.map((row) => ({ channel: row.channel, updateId: Number(row.update_id), chatKey: row.chat_key, payload: row.payload, attempts: row.attempts }));
  }

  /**
   * Handled: the row goes (its id stays in processed_updates). Returns whether the same chat has
   * more updates waiting (then the caller claims again at once; otherwise it need not).
   */
  async complete(worker: string, channel: string, updateId: number): Promise<boolean> {
    const { rows } = await poolOf(this.db).query<{ more: boolean }>({
      name: 'inbound-complete',
      text: `WITH done AS (DELETE FROM inbound_updates WHERE channel = $1 AND update_id = $2 AND locked_by = $3 RETURNING chat_key)
             SELECT EXISTS (SELECT 1 FROM inbound_updates i JOIN done USING (chat_key) WHERE NOT (i.channel = $1 AND i.update_id = $2)) AS more`,
      values: [channel, updateId, worker],
    });
    return rows[0]?.more ?? false;
  }

  /** Not handled this time (the database or the channel failed): try again after `afterMs`. */
  async retryLater(worker: string, channel: string, updateId: number, afterMs: number): Promise<void> {
    await poolOf(this.db).query({
      name: 'inbound-retry',
      text: `UPDATE inbound_updates SET locked_until = NULL, locked_by = NULL, available_at = now() + make_interval(secs => $4::float8 / 1000)
              WHERE channel = $1 AND update_id = $2 AND locked_by = $3`,
      values: [channel, updateId, worker, afterMs],
    });
  }

  /** Renews the leases of updates still being handled; returns how many were still held. */
  async extend(worker: string, keys: readonly { channel: string; updateId: number }[], leaseMs: number): Promise<number> {
    if (!keys.length) return 0;
    const { rowCount } = await poolOf(this.db).query({
      name: 'inbound-extend',
      text: `UPDATE inbound_updates SET locked_until = now() + make_interval(secs => $4::float8 / 1000), available_at = now() + make_interval(secs => $4::float8 / 1000)
              WHERE locked_by = $1 AND (channel, update_id) IN (SELECT * FROM unnest($2::text[], $3::bigint[]))`,
      values: [worker, keys.map((key) => key.channel), keys.map((key) => key.updateId), leaseMs],
    });
    return rowCount ?? 0;
  }

  /** Gives back every claim of `worker` (a graceful stop, or a restart under the same instance id). */
  async releaseAll(worker: string): Promise<number> {
    const { rowCount } = await poolOf(this.db).query('UPDATE inbound_updates SET locked_until = NULL, locked_by = NULL, available_at = now() WHERE locked_by = $1', [worker]);
    return rowCount ?? 0;
  }

  /** How much is waiting, and for how long the oldest has (for /healthz). */
  async depth(): Promise<{ pending: number; oldestSeconds: number }> {
    const { rows } = await poolOf(this.db).query<{ pending: string; oldest: number | null }>(
      'SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(received_at))::float8 AS oldest FROM inbound_updates',
    );
    return { pending: Number(rows[0]!.pending), oldestSeconds: Math.round(rows[0]!.oldest ?? 0) };
  }

  /** Forgets flood buckets of chats quiet since `before`. */
  async purgePacingOlderThan(before: Date): Promise<number> {
    const { rowCount } = await poolOf(this.db).query('DELETE FROM chat_pacing WHERE refilled_at < $1', [before]);
    return rowCount ?? 0;
  }
}
