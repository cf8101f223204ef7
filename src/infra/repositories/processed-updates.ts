import type { Db } from '../db/client.js';

/** Remembers recently handled update ids, so an update delivered twice is handled once. */
export class ProcessedUpdates {
  constructor(private readonly db: Db) {}

  /** True the first time an update id is seen on a channel. */
  async firstTime(channel: string, updateId: number): Promise<boolean> {
    const inserted = await this.db.$executeRaw`
      INSERT INTO processed_updates (channel, update_id) VALUES (${channel}, ${BigInt(updateId)})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  /** Forgets ids older than `before` (Telegram redelivers within hours, not weeks). */
  async purgeOlderThan(before: Date): Promise<number> {
    return this.db.$executeRaw`DELETE FROM processed_updates WHERE received_at < ${before}`;
  }
}
