/**
 * The outbox: messages written with what they announce, sent by a drainer. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and a short lease, so several senders (or instances) never send one twice,
 * and a sender that dies mid-way leaves its rows to be claimed again when the lease ends.
 */
import type { OutMessage } from '../../core/messages.js';
import { poolOf, utc, type Db } from '../db/client.js';

export interface ClaimedMessage {
  id: number;
  channel: string;
  chatId: string;
  locale: string;
  message: OutMessage;
  attempts: number;
  userId: number | null;
  groupKey: string | null;
}

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /**
   * Claims up to `limit` messages due at `now`; each claim holds for `leaseMs`. With `channels`,
   * only messages of those channels (a process that serves Telegram only leaves Zalo's alone).
   */
  async claim(limit: number, now: Date, leaseMs = 60_000, channels?: readonly string[], claimer: string | null = null): Promise<ClaimedMessage[]> {
    const { rows } = await poolOf(this.db).query<{ id: number; channel: string; chat_id: string; locale: string; payload: OutMessage; attempts: number; user_id: number | null; group_key: string | null }>({
      name: 'outbox-claim',
      // The rows are picked once, in a CTE (PostgreSQL never inlines one that locks rows). Written
      // as "WHERE id IN (SELECT … LIMIT $1 FOR UPDATE SKIP LOCKED)", the planner may run the
      // subquery again for each row it updates, and a claim of 3 took 5.
      text: `WITH picked AS (
               SELECT id FROM notifications
                WHERE sent_at IS NULL AND failed_at IS NULL AND not_before <= $2
                  AND ($4::text[] IS NULL OR channel = ANY($4::text[]))
                ORDER BY not_before, id LIMIT $1 FOR UPDATE SKIP LOCKED)
           UPDATE notifications n SET attempts = n.attempts + 1, not_before = $3, claimed_by = $5
             FROM picked WHERE n.id = picked.id
          RETURNING n.id, n.channel, n.chat_id, n.locale, n.payload, n.attempts, n.user_id, n.group_key`,
      values: [limit, utc(now), utc(new Date(now.getTime() + leaseMs)), channels ? [...channels] : null, claimer],
    });
    return rows.map((row) => ({ id: row.id, channel: row.channel, chatId: row.chat_id, locale: row.locale, message: row.payload, attempts: row.attempts, userId: row.user_id, groupKey: row.group_key }));
  }

  async markSent(id: number, now: Date): Promise<void> {
    await poolOf(this.db).query({ name: 'outbox-sent', text: 'UPDATE notifications SET sent_at = $2, last_error = NULL, claimed_by = NULL WHERE id = $1', values: [id, utc(now)] });
  }

  async retryAt(id: number, at: Date, error: string): Promise<void> {
    await poolOf(this.db).query({ name: 'outbox-retry', text: 'UPDATE notifications SET not_before = $2, last_error = $3, claimed_by = NULL WHERE id = $1', values: [id, utc(at), error.slice(0, 500)] });
  }

  async markFailed(id: number, now: Date, error: string): Promise<void> {
    await poolOf(this.db).query({ name: 'outbox-failed', text: 'UPDATE notifications SET failed_at = $2, last_error = $3, claimed_by = NULL WHERE id = $1', values: [id, utc(now), error.slice(0, 500)] });
  }

  /**
   * Gives back claims not sent: those of `claimer` (at a graceful stop, or at a restart under the
   * same instance name after a crash), or the listed ones (claimed but not started in time).
   */
  async release(now: Date, claimer: string, ids?: readonly number[]): Promise<number> {
    const { rowCount } = await poolOf(this.db).query({
      name: 'outbox-release',
      text: `UPDATE notifications SET not_before = $1, claimed_by = NULL, attempts = GREATEST(attempts - 1, 0)
              WHERE claimed_by = $2 AND sent_at IS NULL AND failed_at IS NULL AND not_before > $1
                AND ($3::int[] IS NULL OR id = ANY($3::int[]))`,
      values: [utc(now), claimer, ids ? [...ids] : null],
    });
    return rowCount ?? 0;
  }

  /** Remembers that a person blocked the bot (until they write again). */
  async markUnreachable(userId: number, now: Date): Promise<void> {
    await poolOf(this.db).query('UPDATE users SET unreachable_at = $2 WHERE id = $1', [userId, utc(now)]);
  }

  /** Messages still to send (for health checks and tests). */
  async pending(): Promise<number> {
    return this.db.notification.count({ where: { sentAt: null, failedAt: null } });
  }
}
